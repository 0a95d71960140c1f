// The post browser: a search box and filters over a lazy, paged table of every post, the
// selected post in full beside it, and a bulk action that labels every post the search and
// filters match (with confirmation and undo). GUI thread only.
#pragma once

#include <QPointer>

#include "ui/page.h"

class QLabel;
class QPushButton;
class QTableView;

namespace sentinela::ui {

class Job;
class PostDetailsView;
class PostFilterBar;
class PostTableModel;

class PostsPage : public Page {
    Q_OBJECT
public:
    explicit PostsPage(QWidget* parent = nullptr);
    ~PostsPage() override;
    void setSession(WorkspaceSession* session) override;
    void activate() override;
    bool isBusy() const override;

    PostTableModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    PostFilterBar* filterBar() const { return filters_; }
    // Labels every post the current filter matches, in one undoable action (no confirmation:
    // the button asks first). Runs off the GUI thread.
    void bulkLabel(const QString& label);
    void undoBulk();

private:
    void confirmBulkLabel();
    void showSelected();
    void updateCount();
    void loadSources();

    QPointer<WorkspaceSession> session_;
    PostFilterBar* filters_;
    PostTableModel* model_;
    QTableView* table_;
    PostDetailsView* details_;
    QLabel* count_;
    QPushButton* bulk_;
    QPushButton* undo_;
    Job* job_;
    std::int64_t lastBulkAction_ = 0;
    bool stale_ = true;
};

}  // namespace sentinela::ui
