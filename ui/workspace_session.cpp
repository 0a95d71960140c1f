#include "ui/workspace_session.h"

#include <QFileInfo>

#include "ui/active_model.h"
#include "ui/style.h"

namespace sentinela::ui {

WorkspaceSession::WorkspaceSession(const QString& file, QObject* parent)
    : QObject(parent),
      path_(QFileInfo(file).absoluteFilePath().toStdString()),
      workspace_(std::make_unique<storage::Workspace>(path_)) {
    const QString user = qEnvironmentVariable("USER", qEnvironmentVariable("USERNAME"));
    analyst_ = user.isEmpty() ? std::string("analyst") : user.toStdString();
    const auto tasks = workspace_->tasks();
    for (const auto& task : tasks) {
        for (const auto& label : task.labels) {
            setLabelColor(QString::fromStdString(label.name),
                          QColor(QString::fromStdString(label.colour)));
        }
    }
    if (!tasks.empty()) {
        // Prefer a task that already has labels: that is what the analyst was working on.
        task_ = tasks.front().name;
        for (const auto& candidate : tasks) {
            const auto counts = workspace_->labelCounts(candidate.name);
            std::int64_t total = 0;
            for (const auto& count : counts) {
                total += count.count;
            }
            if (total > 0) {
                task_ = candidate.name;
                break;
            }
        }
        schema_ = *workspace_->task(task_);
        keywords_ = workspace_->keywordMatcher(task_);
    }
    activeModel_ = new ActiveModel(*this);
}

WorkspaceSession::~WorkspaceSession() = default;

QString WorkspaceSession::file() const {
    return QString::fromStdString(path_.string());
}

void WorkspaceSession::setTask(const std::string& task) {
    if (task == task_) {
        return;
    }
    const auto schema = workspace_->task(task);
    if (!schema) {
        return;
    }
    task_ = task;
    schema_ = *schema;
    keywords_ = workspace_->keywordMatcher(task_);
    emit taskChanged();
}

void WorkspaceSession::notifyPostsChanged() {
    emit postsChanged();
}

void WorkspaceSession::notifyLabelsChanged() {
    emit labelsChanged();
}

void WorkspaceSession::notifyModelsChanged() {
    emit modelsChanged();
}

}  // namespace sentinela::ui
