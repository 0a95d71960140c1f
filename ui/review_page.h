// Keyboard-first labeling of a review queue (flagged, uncertain, unlabeled, disagreements,
// dictionary hits): the task's keys label the current post and move on, A accepts the model's
// suggestion, J/K or the arrows move, Ctrl+Z undoes the last decision (decided posts stay in the
// list, so they can be revisited and changed), N adds a note (saved with the next decision). Beside
// it, the expected workload at each threshold. Queue pages are read off the GUI thread; a single
// label write is a small transaction and runs on the GUI thread. GUI thread only.
#pragma once

#include <QPointer>
#include <QSet>
#include <vector>

#include "storage/post_query.h"
#include "ui/page.h"

class QButtonGroup;
class QComboBox;
class QLabel;
class QPushButton;
class QVBoxLayout;

namespace sentinela::ui {

class Job;
class PostDetailsView;
class WorkloadPanel;

class ReviewPage : public Page {
    Q_OBJECT
public:
    explicit ReviewPage(QWidget* parent = nullptr);
    ~ReviewPage() override;
    void setSession(WorkspaceSession* session) override;
    void activate() override;
    bool isBusy() const override;

    void setQueue(storage::Queue queue);
    storage::Queue queue() const { return queue_; }
    // The post on screen, or nullptr when the queue is empty or still loading.
    const storage::PostRow* currentPost() const;
    int currentIndex() const { return current_; }
    int loadedCount() const { return static_cast<int>(posts_.size()); }

    // The analyst's actions (also bound to keys).
    void applyLabel(const QString& label);
    void acceptSuggestion();
    void next();
    void previous();
    void undo();
    void addNote(const QString& note);

protected:
    void keyPressEvent(QKeyEvent* event) override;

private:
    void rebuildLabelButtons();
    void reloadQueue();
    void fetchMore();
    void showCurrent();
    void decide(const std::vector<std::string>& labels, const QString& note = {});
    void askNote();
    void updateStatus();

    QPointer<WorkspaceSession> session_;
    storage::Queue queue_ = storage::Queue::kFlagged;
    std::vector<storage::PostRow> posts_;
    QSet<qint64> seen_;
    int current_ = -1;
    bool exhausted_ = false;
    bool fetchPending_ = false;
    bool stale_ = true;
    qint64 remaining_ = -1;
    int decidedThisSession_ = 0;
    QString pendingNote_;  // goes with the next decision on pendingNotePost_
    std::int64_t pendingNotePost_ = 0;
    struct Decision {
        std::int64_t actionId;
        int index;
    };
    std::vector<Decision> undoStack_;
    quint64 generation_ = 0;

    Job* fetchJob_;
    Job* countJob_;
    QComboBox* taskBox_;
    QButtonGroup* queueButtons_;
    QLabel* status_;
    QLabel* emptyHint_;
    PostDetailsView* details_;
    QVBoxLayout* labelButtons_;
    QPushButton* accept_;
    WorkloadPanel* workload_;
};

}  // namespace sentinela::ui
