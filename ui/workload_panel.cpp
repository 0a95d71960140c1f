#include "ui/workload_panel.h"

#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>
#include <QVBoxLayout>

#include "model/metrics.h"
#include "storage/workspace.h"
#include "ui/active_model.h"
#include "ui/job.h"
#include "ui/labeled_split.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
constexpr float kThresholds[] = {0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f, 0.9f, 0.95f};

struct WorkloadRow {
    float threshold = 0;
    std::int64_t toRead = 0;
    std::optional<model::CurvePoint> validation;
};

// Flag score of one post's scores: the highest score among the task's flagged labels (the
// storage's definition), or the second label's for a task without flagged labels.
float flagScore(const std::vector<float>& scores, const std::vector<int>& flagged) {
    float best = 0;
    for (int index : flagged) {
        if (index < static_cast<int>(scores.size())) {
            best = std::max(best, scores[index]);
        }
    }
    return best;
}

// The curve point for "flag everything scoring >= threshold": the last (lowest) point whose
// threshold is still >= it. The curve runs from the highest threshold down.
std::optional<model::CurvePoint> pointAt(const std::vector<model::CurvePoint>& curve,
                                         float threshold) {
    std::optional<model::CurvePoint> found;
    for (const auto& point : curve) {
        if (point.threshold >= threshold) {
            found = point;
        }
    }
    return found;
}
}  // namespace

WorkloadPanel::WorkloadPanel(QWidget* parent)
    : QWidget(parent),
      job_(new Job(this)),
      caption_(new QLabel(this)),
      table_(new QTableWidget(0, 4, this)) {
    setObjectName("workloadPanel");
    auto* title = new QLabel(tr("Expected workload"), this);
    title->setStyleSheet("font-weight: 600;");
    caption_->setWordWrap(true);
    caption_->setStyleSheet("color: palette(mid);");
    table_->setHorizontalHeaderLabels(
            {tr("Threshold"), tr("Posts to read"), tr("Precision"), tr("Recall")});
    table_->verticalHeader()->hide();
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::NoSelection);
    table_->setFocusPolicy(Qt::NoFocus);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(caption_);
    layout->addWidget(table_, 1);
    connect(job_, &Job::finished, this, [this] {
        if (pending_) {
            pending_ = false;
            refresh();
        }
    });
    connect(job_, &Job::failed, this, [this](const QString& message) {
        caption_->setText(tr("Could not compute the workload: %1").arg(message));
    });
}

WorkloadPanel::~WorkloadPanel() = default;

void WorkloadPanel::setSession(WorkspaceSession* session) {
    job_->requestStop();
    session_ = session;
    table_->setRowCount(0);
    if (session_) {
        connect(&session_->activeModel(), &ActiveModel::changed, this, &WorkloadPanel::refresh);
    }
}

bool WorkloadPanel::isBusy() const {
    return job_->isRunning() || pending_;
}

void WorkloadPanel::refresh() {
    if (!session_) {
        return;
    }
    if (job_->isRunning()) {
        pending_ = true;
        return;
    }
    const auto classifier = session_->activeModel().classifier();
    if (!classifier) {
        table_->setRowCount(0);
        caption_->setText(
                tr("Train a model and scan the workspace to see how many posts you "
                   "would read at each threshold."));
        return;
    }
    caption_->setText(tr("Computing…"));
    const auto schema = session_->taskSchema();
    job_->start([this, path = session_->path(), schema, classifier](
                        std::stop_token stop, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        // Which of the classifier's outputs are "flagged" labels of the task.
        std::vector<int> flagged;
        std::vector<std::string> flaggedNames;
        const auto& labels = classifier->labels();
        for (const auto& definition : schema.labels) {
            const auto it = std::find(labels.begin(), labels.end(), definition.name);
            if (definition.flagged && it != labels.end()) {
                flagged.push_back(static_cast<int>(it - labels.begin()));
                flaggedNames.push_back(definition.name);
            }
        }
        if (flagged.empty() && labels.size() >= 2) {
            flagged.push_back(1);
            flaggedNames.push_back(labels[1]);
        }
        // Precision and recall on the validation split.
        const LabeledSplit split = readLabeledSplit(workspace, schema.name);
        std::vector<model::CurvePoint> curve;
        if (split.val.size() > 0) {
            const auto scores = classifier->predictBatch(std::span(split.val.texts), 2);
            std::vector<std::uint8_t> gold;
            std::vector<float> flagScores;
            for (std::size_t i = 0; i < split.val.size(); ++i) {
                bool positive = false;
                for (const auto& name : split.val.labels[i]) {
                    positive |= std::find(flaggedNames.begin(), flaggedNames.end(), name) !=
                                flaggedNames.end();
                }
                gold.push_back(positive ? 1 : 0);
                flagScores.push_back(flagScore(scores[i], flagged));
            }
            if (std::find(gold.begin(), gold.end(), 1) != gold.end()) {
                curve = model::precisionRecallCurve(gold, flagScores);
            }
        }
        std::vector<WorkloadRow> rows;
        for (float threshold : kThresholds) {
            if (stop.stop_requested()) {
                break;
            }
            storage::PostFilter filter;
            filter.task = schema.name;
            filter.unlabeled = true;
            filter.minScore = threshold;
            rows.push_back(
                    {threshold, workspace.countPosts(filter).count, pointAt(curve, threshold)});
        }
        const auto valSize = static_cast<qint64>(split.val.size());
        return [this, rows = std::move(rows), valSize, curveEmpty = curve.empty()] {
            table_->setRowCount(static_cast<int>(rows.size()));
            const QLocale locale;
            for (int r = 0; r < static_cast<int>(rows.size()); ++r) {
                const auto& row = rows[r];
                auto set = [this, r](int column, const QString& text) {
                    auto* item = new QTableWidgetItem(text);
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                    table_->setItem(r, column, item);
                };
                set(0, locale.toString(row.threshold, 'f', 2));
                set(1, locale.toString(static_cast<qlonglong>(row.toRead)));
                set(2, row.validation ? locale.toString(row.validation->precision, 'f', 2)
                                      : QStringLiteral("–"));
                set(3, row.validation ? locale.toString(row.validation->recall, 'f', 2)
                                      : QStringLiteral("–"));
            }
            caption_->setText(
                    curveEmpty ? tr("Posts to read: undecided posts scored at or above the "
                                    "threshold. The validation split has no flagged examples, so "
                                    "precision and recall are unknown.")
                               : tr("Posts to read: undecided posts scored at or above the "
                                    "threshold. Precision and recall: on the %1 posts of the "
                                    "validation split.")
                                         .arg(valSize));
        };
    });
}

}  // namespace sentinela::ui
