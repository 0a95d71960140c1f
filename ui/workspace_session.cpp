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
        // Prefer the task with an active model, then one with labels: that is what the
        // analyst was working on.
        task_ = tasks.front().name;
        bool found = false;
        for (const auto& model : workspace_->models()) {
            if (model.active && !found) {
                task_ = model.task;
                found = true;
            }
        }
        for (const auto& candidate : tasks) {
            if (found) {
                break;
            }
            for (const auto& count : workspace_->labelCounts(candidate.name)) {
                if (count.count > 0 && !found) {
                    task_ = candidate.name;
                    found = true;
                }
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
