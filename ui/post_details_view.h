// One post in full: who wrote it, when and where; its text with the model's explanation and the
// dictionary hits; the current human labels and the model's scores as chips; and the label
// history (who decided what, when, with notes); below, collapsed, the original record from the
// export (RawRecordSection). The explanation is computed off the GUI thread.
// GUI thread only.
#pragma once

#include <QPointer>
#include <QWidget>
#include <optional>

#include "storage/post_query.h"

class QLabel;
class QTreeWidget;

namespace sentinela::ui {

class ChipRow;
class ExplanationView;
class Job;
class RawRecordSection;
class WorkspaceSession;

class PostDetailsView : public QWidget {
    Q_OBJECT
public:
    explicit PostDetailsView(QWidget* parent = nullptr);
    ~PostDetailsView() override;
    void setSession(WorkspaceSession* session);
    // Shows the post (nullopt: nothing). Re-reads its labels and history from the workspace.
    void showPost(const std::optional<storage::PostRow>& post);
    void refresh();  // after a label change
    ExplanationView* explanationView() const { return text_; }
    bool isExplaining() const;
    RawRecordSection* rawRecordSection() const { return raw_; }
    const std::optional<storage::PostRow>& post() const { return post_; }

private:
    void explain();

    QPointer<WorkspaceSession> session_;
    std::optional<storage::PostRow> post_;
    Job* job_;
    bool explainPending_ = false;
    QLabel* meta_;
    ExplanationView* text_;
    ChipRow* human_;
    ChipRow* predicted_;
    QLabel* legend_;
    QTreeWidget* history_;
    RawRecordSection* raw_;
};

}  // namespace sentinela::ui
