// Scanning with the active model: over every post of the workspace, or over an external export
// (imported first, so its posts can be reviewed), with progress, speed and stop. The scores
// feed the review queues (flagged, uncertain, disagreements). Runs off the GUI thread; the
// model's predictBatch splits each batch over the worker threads. GUI thread only.
#pragma once

#include <QPointer>

#include "ui/page.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace sentinela::ui {

class Job;

class ScanPage : public Page {
    Q_OBJECT
public:
    explicit ScanPage(QWidget* parent = nullptr);
    ~ScanPage() override;
    void setSession(WorkspaceSession* session) override;
    void activate() override;
    bool isBusy() const override;

    // Scores every post of the workspace (or only those of one import when importId > 0).
    void scanWorkspace(std::int64_t importId = 0);
    // Imports the export, then scores its posts.
    void scanExport(const QString& file);
    void stopScan();
    bool isScanning() const;

signals:
    void reviewRequested();
    void scanFinished(qint64 scored);

private:
    void showModel();

    QPointer<WorkspaceSession> session_;
    Job* job_;
    QLabel* model_;
    QSpinBox* threads_;
    QPushButton* scanAll_;
    QPushButton* scanFile_;
    QPushButton* stop_;
    QPushButton* review_;
    QProgressBar* progress_;
    QLabel* status_;
    QLabel* result_;
};

}  // namespace sentinela::ui
