// The import wizard's background work: format detection with the field list, the preview of
// the first posts, and the import itself with progress, cancel and the final report.
#include <QComboBox>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTableWidget>

#include "storage/import_into_workspace.h"
#include "storage/workspace.h"
#include "ui/import_wizard.h"
#include "ui/job.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

namespace {
constexpr std::size_t kPreviewPosts = 20;

QString text(const std::string& value) {
    return QString::fromStdString(value);
}

void fillFields(QComboBox* box, const QStringList& fields) {
    const QSignalBlocker blocker(box);
    const QString current = box->currentText();
    box->clear();
    box->addItem(QString());  // "(automatic)": the format's default
    box->setItemText(0, QString());
    box->addItems(fields);
    box->setCurrentText(current);
}

std::filesystem::path toPath(const QString& file) {
    return std::filesystem::path(file.toStdString());
}
}  // namespace

void ImportWizard::detect() {
    const QString chosen = file();
    if (chosen.isEmpty() || detectJob_->isRunning()) {
        return;
    }
    detected_.reset();
    detectedLabel_->setText(tr("Reading %1…").arg(QFileInfo(chosen).fileName()));
    recheckPage(kFilePage);
    detectJob_->start([this, path = toPath(chosen)](std::stop_token,
                                                    Progress&) -> Job::Continuation {
        storage::DetectedFormat detected = storage::detectFormat(path);
        storage::ImportOptions options;
        options.format = detected.format;
        QStringList fields;
        for (const auto& field : storage::listFields(path, options)) {
            fields << text(field);
        }
        return [this, detected, fields] {
            detected_ = detected;
            detectedLabel_->setText(
                    tr("<b>Detected format: %1</b> (compression: %2)<br>%3")
                            .arg(text(std::string(storage::formatName(detected.format))),
                                 text(detected.compression),
                                 text(detected.reason).toHtmlEscaped()));
            {
                const QSignalBlocker blocker(format_);
                format_->setCurrentIndex(format_->findData(static_cast<int>(detected.format)));
            }
            for (QComboBox* box : {textField_, idField_, authorField_, dateField_, labelField_}) {
                fillFields(box, fields);
            }
            recheckPage(kFilePage);
        };
    });
}

storage::ImportOptions ImportWizard::importOptions() const {
    storage::ImportOptions options;
    options.format = static_cast<storage::ImportFormat>(format_->currentData().toInt());
    options.fields.text = textField_->currentText().trimmed().toStdString();
    options.fields.id = idField_->currentText().trimmed().toStdString();
    options.fields.author = authorField_->currentText().trimmed().toStdString();
    options.fields.createdAt = dateField_->currentText().trimmed().toStdString();
    options.fields.label = labelField_->currentText().trimmed().toStdString();
    return options;
}

std::string ImportWizard::labelTask() const {
    return labelField_->currentText().trimmed().isEmpty()
                   ? std::string()
                   : labelTask_->currentData().toString().toStdString();
}

void ImportWizard::refreshPreview() {
    if (currentId() != kMappingPage || file().isEmpty()) {
        return;
    }
    if (previewJob_->isRunning()) {
        previewAgain_ = true;
        return;
    }
    previewStatus_->setText(tr("Reading the first posts…"));
    recheckPage(kMappingPage);
    previewJob_->start([this, path = toPath(file()), options = importOptions()](
                               std::stop_token, Progress&) -> Job::Continuation {
        storage::ImportReport report;
        auto posts = storage::previewPosts(path, options, kPreviewPosts, &report);
        return [this, posts = std::move(posts), report = std::move(report)] {
            preview_->setRowCount(static_cast<int>(posts.size()));
            for (int row = 0; row < static_cast<int>(posts.size()); ++row) {
                const auto& post = posts[row];
                QString body = text(post.text);
                body.replace(QLatin1Char('\n'), QLatin1Char(' '));
                const QStringList cells = {QString::number(post.line), text(post.author),
                                           text(post.createdAt),
                                           post.label ? text(*post.label) : QString(), body};
                for (int column = 0; column < cells.size(); ++column) {
                    preview_->setItem(row, column, new QTableWidgetItem(cells[column]));
                }
            }
            preview_->resizeColumnsToContents();
            QString status = tr("First %n post(s) as they will be imported.", nullptr,
                                static_cast<int>(posts.size()));
            if (report.rejected > 0) {
                status += QLatin1Char(' ') +
                          tr("%n record(s) among them cannot be read; the report at the end "
                             "lists their lines.",
                             nullptr, static_cast<int>(report.rejected));
            }
            if (posts.empty()) {
                status =
                        tr("No posts found with these settings. Try another format or name "
                           "the text field.");
            }
            previewStatus_->setText(status);
            recheckPage(kMappingPage);
        };
    });
}

void ImportWizard::startImport() {
    if (!session_) {
        return;
    }
    report_.reset();
    stop_->setEnabled(true);
    progress_->setValue(0);
    summary_->clear();
    rejected_->hide();
    storage::WorkspaceImportOptions options;
    options.reader = importOptions();
    options.labelTask = labelTask();
    importJob_->start([this, path = session_->path(), file = toPath(file()), options](
                              std::stop_token stop, Progress& progress) -> Job::Continuation {
        storage::Workspace workspace(path);
        const QLocale locale;
        auto report = storage::importIntoWorkspace(
                workspace, file, options, stop, [&](const storage::ImportProgress& p) {
                    const double fraction =
                            p.totalBytes > 0 ? double(p.bytesRead) / double(p.totalBytes) : -1;
                    progress.report(fraction, tr("%1 posts read, %2 imported, %3 duplicates")
                                                      .arg(locale.toString(p.postsRead),
                                                           locale.toString(p.imported),
                                                           locale.toString(p.duplicates)));
                });
        return [this, report = std::move(report)] { showReport(report); };
    });
}

void ImportWizard::showImportError(const QString& message) {
    stop_->setEnabled(false);
    summary_->setText(tr("<b>The import stopped with an error.</b><br>%1<br>Posts imported "
                         "before the error are kept; importing the file again completes "
                         "it without duplicates.")
                              .arg(message.toHtmlEscaped()));
    storage::ImportReport failed;
    failed.cancelled = true;
    report_ = failed;
    recheckPage(kRunPage);
    emit imported();
    emit finishedImport();
}

void ImportWizard::showReport(const storage::ImportReport& report) {
    report_ = report;
    stop_->setEnabled(false);
    progress_->setRange(0, 1000);
    progress_->setValue(1000);
    const QLocale locale;
    auto n = [&locale](std::int64_t value) { return locale.toString(value); };
    QString summary = report.cancelled ? tr("<b>Import stopped.</b> Posts imported so far are "
                                            "kept; import the file again to complete it.")
                                       : tr("<b>Import finished.</b>");
    summary += QStringLiteral("<br>") +
               tr("Read %1 records: %2 imported, %3 already in the workspace, %4 skipped "
                  "(not posts), %5 rejected.")
                       .arg(n(report.read), n(report.imported), n(report.duplicates),
                            n(report.skipped), n(report.rejected));
    if (report.datesNotUnderstood > 0) {
        summary +=
                QStringLiteral("<br>") + tr("%1 posts kept without a date (unreadable date value).")
                                                 .arg(n(report.datesNotUnderstood));
    }
    if (report.textRepaired > 0) {
        summary += QStringLiteral("<br>") +
                   tr("%1 texts had their encoding repaired.").arg(n(report.textRepaired));
    }
    if (static_cast<std::int64_t>(report.rejectedLines.size()) < report.rejected) {
        summary += QStringLiteral("<br>") + tr("The first %1 rejected lines are listed below.")
                                                    .arg(report.rejectedLines.size());
    }
    summary_->setText(summary);
    progressText_->clear();
    rejected_->setRowCount(static_cast<int>(report.rejectedLines.size()));
    for (int row = 0; row < static_cast<int>(report.rejectedLines.size()); ++row) {
        const auto& line = report.rejectedLines[row];
        auto* number = new QTableWidgetItem(QString::number(line.line));
        number->setData(Qt::UserRole, QVariant::fromValue<qint64>(line.line));
        rejected_->setItem(row, 0, number);
        rejected_->setItem(row, 1, new QTableWidgetItem(text(line.reason)));
    }
    rejected_->setVisible(!report.rejectedLines.empty());
    rejected_->resizeColumnToContents(0);
    recheckPage(kRunPage);
    emit imported();
    emit finishedImport();
}

void ImportWizard::requestStop() {
    importJob_->cancel();
    stop_->setEnabled(false);
    progressText_->setText(tr("Stopping after the current batch…"));
}

void ImportWizard::reject() {
    if (importJob_->isRunning()) {
        // Closing during an import stops it; the report shows what was kept.
        requestStop();
        return;
    }
    QWizard::reject();
}

}  // namespace sentinela::ui
