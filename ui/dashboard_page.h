// The workspace at a glance: posts, labeled posts per label, flagged posts, models and the last
// scan, per-source counts and the import history. Statistics are computed off the GUI thread.
// GUI thread only.
#pragma once

#include <QPointer>

#include "storage/workspace_types.h"
#include "ui/page.h"

class QLabel;
class QTableWidget;
class QVBoxLayout;
class QComboBox;

namespace sentinela::ui {

class Job;

class DashboardPage : public Page {
    Q_OBJECT
public:
    explicit DashboardPage(QWidget* parent = nullptr);
    ~DashboardPage() override;
    void setSession(WorkspaceSession* session) override;
    void activate() override;
    bool isBusy() const override;

signals:
    void importRequested();
    void pageRequested(int page);

private:
    void refresh();
    void show(const storage::WorkspaceStats& stats,
              const std::vector<storage::ImportInfo>& imports);
    QLabel* addCard(QLayout* row, const QString& name, const QString& tip);

    QPointer<WorkspaceSession> session_;
    Job* job_;
    bool stale_ = true;
    QLabel* postsValue_;
    QLabel* labeledValue_;
    QLabel* flaggedValue_;
    QLabel* modelsValue_;
    QLabel* scanValue_;
    QLabel* taskTitle_;
    QComboBox* taskBox_;
    QWidget* labelBars_;
    QTableWidget* sources_;
    QTableWidget* imports_;
};

}  // namespace sentinela::ui
