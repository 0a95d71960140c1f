// The current task's active classifier, loaded off the GUI thread when the task or the models
// change, and shared read-only (model::Classifier's const methods are thread-safe, so jobs may
// use it concurrently). GUI thread only, except the shared classifier itself.
#pragma once

#include <QObject>
#include <memory>
#include <optional>

#include "model/classifier.h"
#include "storage/workspace_types.h"

namespace sentinela::ui {

class Job;
class WorkspaceSession;

class ActiveModel : public QObject {
    Q_OBJECT
public:
    explicit ActiveModel(WorkspaceSession& session);
    ~ActiveModel() override;

    // Null while loading, when the task has no active model, or when loading failed.
    std::shared_ptr<const model::Classifier> classifier() const { return classifier_; }
    const std::optional<storage::ModelInfo>& info() const { return info_; }
    bool isLoading() const;
    const QString& error() const { return error_; }

signals:
    void changed();

private:
    void reload();

    WorkspaceSession& session_;
    Job* job_;
    bool reloadAgain_ = false;
    std::shared_ptr<const model::Classifier> classifier_;
    std::optional<storage::ModelInfo> info_;
    QString error_;
};

}  // namespace sentinela::ui
