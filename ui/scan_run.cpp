// The scan page's run: pages through the posts by id (keyset paging, so a million posts cost
// the same per batch at the end as at the start), scores each batch with the active model and
// writes the scores in one transaction per batch. An external export is imported first.
#include <QFileInfo>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <chrono>

#include "storage/import_into_workspace.h"
#include "storage/workspace.h"
#include "ui/active_model.h"
#include "ui/job.h"
#include "ui/scan_page.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
constexpr int kBatch = 512;

struct ScanTotals {
    std::int64_t scored = 0;
    std::int64_t flagged = 0;
    double seconds = 0;
};

// Scores the posts matching `filter` (by id order) and stores the scores.
ScanTotals scorePosts(storage::Workspace& workspace,
                      const model::Classifier& classifier,
                      std::int64_t modelId,
                      storage::PostFilter filter,
                      int threads,
                      std::stop_token stop,
                      Progress& progress) {
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t total = workspace.countPosts(filter).count;
    filter.task.clear();  // rows without labels or old predictions: cheaper to read
    storage::PageRequest page;
    page.sort = storage::SortKey::kId;
    page.limit = kBatch;
    ScanTotals totals;
    std::vector<std::string> texts;
    std::vector<storage::Prediction> predictions;
    const QLocale locale;
    while (!stop.stop_requested()) {
        const auto rows = workspace.findPosts(filter, page);
        if (rows.empty()) {
            break;
        }
        texts.clear();
        for (const auto& row : rows) {
            texts.push_back(row.text);
        }
        const auto scores = classifier.predictBatch(std::span<const std::string>(texts), threads);
        predictions.clear();
        for (std::size_t i = 0; i < rows.size(); ++i) {
            predictions.push_back({rows[i].id, scores[i]});
        }
        workspace.writePredictions(modelId, predictions);
        totals.scored += static_cast<std::int64_t>(rows.size());
        page.afterId = rows.back().id;
        const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        progress.report(
                total > 0 ? double(totals.scored) / double(total) : -1,
                ScanPage::tr("%1 of %2 posts scored · %3 posts/s")
                        .arg(locale.toString(totals.scored), locale.toString(total),
                             locale.toString(seconds > 0 ? totals.scored / seconds : 0, 'f', 0)));
    }
    totals.seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    return totals;
}
}  // namespace

void ScanPage::scanWorkspace(std::int64_t importId) {
    if (!session_ || job_->isRunning()) {
        return;
    }
    const auto classifier = session_->activeModel().classifier();
    const auto& info = session_->activeModel().info();
    if (!classifier || !info) {
        return;
    }
    scanAll_->setEnabled(false);
    scanFile_->setEnabled(false);
    stop_->setEnabled(true);
    review_->setEnabled(false);
    result_->clear();
    storage::PostFilter filter;
    if (importId > 0) {
        filter.importId = importId;
    }
    job_->start([this, path = session_->path(), classifier, modelId = info->id,
                 task = session_->task(), filter, threads = threads_->value()](
                        std::stop_token stop, Progress& progress) -> Job::Continuation {
        storage::Workspace workspace(path);
        const ScanTotals totals =
                scorePosts(workspace, *classifier, modelId, filter, threads, stop, progress);
        storage::PostFilter flagged;
        flagged.task = task;
        flagged.queue = storage::Queue::kFlagged;
        const auto toReview = workspace.countPosts(flagged).count;
        const bool stopped = stop.stop_requested();
        return [this, totals, toReview, stopped] {
            progress_->setRange(0, 1000);
            progress_->setValue(stopped ? progress_->value() : 1000);
            const QLocale locale;
            result_->setText(
                    (stopped ? tr("<b>Scan stopped.</b> The scores written so far are kept.")
                             : tr("<b>Scan finished.</b>")) +
                    QStringLiteral("<br>") +
                    tr("%1 posts scored in %2 s. %3 flagged posts wait for a decision.")
                            .arg(locale.toString(totals.scored),
                                 locale.toString(totals.seconds, 'f', 1),
                                 locale.toString(toReview)));
            review_->setEnabled(toReview > 0);
            session_->notifyModelsChanged();
            emit scanFinished(totals.scored);
        };
    });
}

void ScanPage::scanExport(const QString& file) {
    if (!session_ || job_->isRunning() || !session_->activeModel().classifier()) {
        return;
    }
    const auto classifier = session_->activeModel().classifier();
    const auto modelId = session_->activeModel().info()->id;
    scanAll_->setEnabled(false);
    scanFile_->setEnabled(false);
    stop_->setEnabled(true);
    result_->clear();
    job_->start([this, path = session_->path(), file, classifier, modelId,
                 threads = threads_->value()](std::stop_token stop,
                                              Progress& progress) -> Job::Continuation {
        storage::Workspace workspace(path);
        const QString name = QFileInfo(file).fileName();
        const auto report = storage::importIntoWorkspace(
                workspace, file.toStdString(), {}, stop, [&](const storage::ImportProgress& p) {
                    progress.report(p.totalBytes > 0 ? double(p.bytesRead) / p.totalBytes : -1,
                                    tr("Importing %1: %2 posts read").arg(name).arg(p.postsRead));
                });
        const auto imports = workspace.imports();
        storage::PostFilter filter;
        if (!imports.empty()) {
            filter.importId = imports.back().id;
        }
        // Duplicates of posts already in the workspace belong to older imports: they keep the
        // scores of the last workspace scan.
        const ScanTotals totals =
                scorePosts(workspace, *classifier, modelId, filter, threads, stop, progress);
        return [this, report, totals, name] {
            progress_->setRange(0, 1000);
            progress_->setValue(1000);
            const QLocale locale;
            result_->setText(tr("<b>%1</b>: %2 posts read, %3 new, %4 already in the "
                                "workspace, %5 rejected. %6 new posts scored.")
                                     .arg(name.toHtmlEscaped(), locale.toString(report.read),
                                          locale.toString(report.imported),
                                          locale.toString(report.duplicates),
                                          locale.toString(report.rejected),
                                          locale.toString(totals.scored)));
            review_->setEnabled(true);
            session_->notifyPostsChanged();
            session_->notifyModelsChanged();
            emit scanFinished(totals.scored);
        };
    });
}

}  // namespace sentinela::ui
