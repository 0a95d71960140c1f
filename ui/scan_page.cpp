#include "ui/scan_page.h"

#include <QDateTime>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QThread>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>

#include "model/metrics.h"
#include "ui/active_model.h"
#include "ui/error_dialog.h"
#include "ui/job.h"
#include "ui/main_window.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

ScanPage::ScanPage(QWidget* parent)
    : Page(parent),
      job_(new Job(this)),
      model_(new QLabel(this)),
      threads_(new QSpinBox(this)),
      scanAll_(new QPushButton(tr("Scan the workspace"), this)),
      scanFile_(new QPushButton(tr("Scan an export file…"), this)),
      stop_(new QPushButton(tr("Stop"), this)),
      review_(new QPushButton(tr("Review flagged posts"), this)),
      progress_(new QProgressBar(this)),
      status_(new QLabel(this)),
      result_(new QLabel(this)) {
    auto* title = new QLabel(tr("Scan"), this);
    title->setProperty("role", "title");
    auto* intro = new QLabel(tr("The active model scores posts; the highest scores go to the "
                                "top of the review page's flagged queue, the least certain to "
                                "its uncertain queue."),
                             this);
    intro->setWordWrap(true);
    model_->setWordWrap(true);
    model_->setObjectName("scanModel");
    model_->setTextFormat(Qt::RichText);
    threads_->setRange(1, std::max(1, QThread::idealThreadCount()));
    threads_->setValue(std::max(1, QThread::idealThreadCount()));
    scanAll_->setObjectName("scanWorkspaceButton");
    scanAll_->setProperty("role", "primary");
    scanFile_->setObjectName("scanFileButton");
    scanFile_->setToolTip(
            tr("Imports the export into this workspace (duplicates are skipped), "
               "then scores its posts"));
    stop_->setEnabled(false);
    review_->setEnabled(false);
    status_->setObjectName("scanStatus");
    result_->setObjectName("scanResult");
    result_->setWordWrap(true);
    connect(scanAll_, &QPushButton::clicked, this, [this] { scanWorkspace(); });
    connect(scanFile_, &QPushButton::clicked, this, [this] {
        const QString file = QFileDialog::getOpenFileName(this, tr("Choose an export to scan"));
        if (!file.isEmpty()) {
            scanExport(file);
        }
    });
    connect(stop_, &QPushButton::clicked, this, &ScanPage::stopScan);
    connect(review_, &QPushButton::clicked, this, &ScanPage::reviewRequested);
    connect(job_, &Job::progressed, this, [this](double fraction, const QString& text) {
        progress_->setRange(0, fraction < 0 ? 0 : 1000);
        progress_->setValue(static_cast<int>(fraction * 1000));
        status_->setText(text);
    });
    connect(job_, &Job::failed, this, [this](const QString& message) {
        status_->setText(tr("The scan failed."));
        showError(this, tr("The scan failed"), message);
    });
    connect(job_, &Job::finished, this, [this] {
        scanAll_->setEnabled(true);
        scanFile_->setEnabled(true);
        stop_->setEnabled(false);
    });

    auto* buttons = new QHBoxLayout;
    buttons->addWidget(scanAll_);
    buttons->addWidget(scanFile_);
    buttons->addWidget(stop_);
    buttons->addStretch();
    auto* form = new QHBoxLayout;
    form->addWidget(new QLabel(tr("Threads"), this));
    form->addWidget(threads_);
    form->addStretch();
    auto* progressRow = new QHBoxLayout;
    progressRow->addWidget(progress_, 1);

    auto* card = new QFrame(this);
    card->setProperty("role", "card");
    auto* cardLayout = new QVBoxLayout(card);
    cardLayout->addWidget(model_);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 18, 24, 18);
    layout->setSpacing(12);
    layout->addWidget(title);
    layout->addWidget(intro);
    layout->addWidget(card);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addLayout(progressRow);
    layout->addWidget(status_);
    layout->addWidget(result_);
    layout->addWidget(review_, 0, Qt::AlignLeft);
    layout->addStretch();
}

ScanPage::~ScanPage() = default;

void ScanPage::setSession(WorkspaceSession* session) {
    job_->requestStop();
    session_ = session;
    result_->clear();
    status_->clear();
    progress_->setValue(0);
    review_->setEnabled(false);
    if (session_) {
        connect(&session_->activeModel(), &ActiveModel::changed, this, &ScanPage::showModel);
    }
}

void ScanPage::activate() {
    showModel();
}

bool ScanPage::isBusy() const {
    return session_ && session_->activeModel().isLoading();
}

bool ScanPage::isScanning() const {
    return job_->isRunning();
}

void ScanPage::showModel() {
    if (!session_) {
        return;
    }
    const ActiveModel& active = session_->activeModel();
    const auto& info = active.info();
    const bool ready = active.classifier() != nullptr;
    scanAll_->setEnabled(ready && !job_->isRunning());
    scanFile_->setEnabled(ready && !job_->isRunning());
    if (!info) {
        model_->setText(tr("<b>No active model for the task \"%1\".</b><br>Train one on the "
                           "Train page and make it active.")
                                .arg(QString::fromStdString(session_->task()).toHtmlEscaped()));
        return;
    }
    if (!active.error().isEmpty()) {
        model_->setText(tr("<b>The active model cannot be loaded.</b><br>%1<br>Train a new "
                           "model or activate another one.")
                                .arg(active.error().toHtmlEscaped()));
        return;
    }
    QString quality;
    try {
        const auto metrics = model::metricsFromJson(nlohmann::json::parse(info->metricsJson));
        quality = tr("validation macro-F1 %1, accuracy %2")
                          .arg(metrics.macroF1, 0, 'f', 3)
                          .arg(metrics.accuracy, 0, 'f', 3);
    } catch (const std::exception&) {
        quality = tr("no validation metrics recorded");
    }
    const QString lastScan =
            info->lastScanAt.empty()
                    ? tr("never")
                    : QLocale().toString(
                              QDateTime::fromString(QString::fromStdString(info->lastScanAt),
                                                    Qt::ISODate)
                                      .toLocalTime(),
                              QLocale::ShortFormat);
    model_->setText(tr("<b>Active model: %1</b> (task %2)<br>%3<br>Last scan: %4 · %5 posts "
                       "scored")
                            .arg(QString::fromStdString(info->name).toHtmlEscaped(),
                                 QString::fromStdString(info->task).toHtmlEscaped(), quality,
                                 lastScan, QLocale().toString(info->predictedPosts)) +
                    (ready ? QString() : QStringLiteral("<br>") + tr("Loading the model…")));
}

void ScanPage::stopScan() {
    job_->cancel();
    stop_->setEnabled(false);
    status_->setText(tr("Stopping after the current batch…"));
}

}  // namespace sentinela::ui
