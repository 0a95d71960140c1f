// "How many posts would I have to read?": for a range of score thresholds, the number of
// undecided posts in the workspace the active model scores at or above it, next to the
// precision and recall the model reaches at that threshold on the validation split. Computed
// off the GUI thread. GUI thread only.
#pragma once

#include <QPointer>
#include <QWidget>

class QLabel;
class QTableWidget;

namespace sentinela::ui {

class Job;
class WorkspaceSession;

class WorkloadPanel : public QWidget {
    Q_OBJECT
public:
    explicit WorkloadPanel(QWidget* parent = nullptr);
    ~WorkloadPanel() override;
    void setSession(WorkspaceSession* session);
    void refresh();
    bool isBusy() const;
    QTableWidget* table() const { return table_; }

private:
    QPointer<WorkspaceSession> session_;
    Job* job_;
    QLabel* caption_;
    QTableWidget* table_;
    bool pending_ = false;
};

}  // namespace sentinela::ui
