// The open workspace as the GUI sees it: the file, one storage::Workspace connection for the GUI
// thread (small reads and single-post writes, each well under a millisecond), the analyst's name,
// the task the pages work on, and change notifications so every page stays current.
// Background jobs open their own storage::Workspace on file() (one connection per thread).
// GUI thread only.
#pragma once

#include <QObject>
#include <QString>
#include <filesystem>
#include <memory>
#include <string>

#include "storage/workspace.h"

namespace sentinela::ui {

class ActiveModel;

class WorkspaceSession : public QObject {
    Q_OBJECT
public:
    // Opens or creates the file; throws storage::WorkspaceError.
    explicit WorkspaceSession(const QString& file, QObject* parent = nullptr);
    ~WorkspaceSession() override;

    storage::Workspace& workspace() { return *workspace_; }
    const std::filesystem::path& path() const { return path_; }
    QString file() const;
    // Who the label history records as deciding: $USER, or "analyst".
    const std::string& analyst() const { return analyst_; }

    // The task the review, posts, train and scan pages work on (first task by default).
    const std::string& task() const { return task_; }
    void setTask(const std::string& task);
    // The current task's schema; empty labels when the workspace has no task.
    const storage::TaskSchema& taskSchema() const { return schema_; }
    // The task's active classifier, loaded in the background.
    ActiveModel& activeModel() { return *activeModel_; }
    // The task's keyword dictionary (rebuilt when the task changes).
    const storage::KeywordMatcher& keywords() const { return keywords_; }

public slots:
    void notifyPostsChanged();
    void notifyLabelsChanged();
    void notifyModelsChanged();

signals:
    void taskChanged();
    void postsChanged();
    void labelsChanged();
    void modelsChanged();  // a model trained, activated or a scan wrote predictions

private:
    std::filesystem::path path_;
    std::unique_ptr<storage::Workspace> workspace_;
    std::string analyst_;
    std::string task_;
    storage::TaskSchema schema_;
    storage::KeywordMatcher keywords_;
    ActiveModel* activeModel_ = nullptr;  // child QObject
};

}  // namespace sentinela::ui
