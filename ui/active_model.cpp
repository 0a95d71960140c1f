#include "ui/active_model.h"

#include "storage/workspace.h"
#include "ui/job.h"
#include "ui/model_store.h"
#include "ui/workspace_session.h"

namespace sentinela::ui {

ActiveModel::ActiveModel(WorkspaceSession& session)
    : QObject(&session), session_(session), job_(new Job(this)) {
    connect(&session_, &WorkspaceSession::taskChanged, this, &ActiveModel::reload);
    connect(&session_, &WorkspaceSession::modelsChanged, this, &ActiveModel::reload);
    connect(job_, &Job::finished, this, [this] {
        if (reloadAgain_) {
            reloadAgain_ = false;
            reload();
        }
    });
    reload();
}

ActiveModel::~ActiveModel() {
    // A running load reads classifier_ on its worker thread. Members are destroyed before
    // QObject deletes the children, so the Job (whose destructor waits for its worker) must go
    // first: otherwise the worker can copy a destroyed shared_ptr (a crash seen in
    // ui_train_page_test under load).
    delete job_;
}

bool ActiveModel::isLoading() const {
    return job_->isRunning();
}

void ActiveModel::reload() {
    if (job_->isRunning()) {
        reloadAgain_ = true;  // the task changed during the load: load again when it ends
        return;
    }
    const auto path = session_.path();
    const std::string task = session_.task();
    // Keep the loaded classifier if the active model did not change (a scan only wrote scores).
    const std::optional<std::int64_t> loadedId =
            info_ && classifier_ ? std::optional(info_->id) : std::nullopt;
    job_->start([this, path, task, loadedId](std::stop_token, Progress&) -> Job::Continuation {
        storage::WorkspaceOptions options;
        options.installPresets = false;
        storage::Workspace workspace(path, options);
        auto info = activeModelInfo(workspace, task);
        std::shared_ptr<const model::Classifier> classifier;
        QString error;
        if (info && loadedId && *loadedId == info->id) {
            classifier = classifier_;  // read on the worker, but only replaced on the GUI thread
        } else if (info) {
            try {
                classifier = loadClassifier(workspace, *info);
            } catch (const std::exception& e) {
                error = QString::fromStdString(e.what());
            }
        }
        return [this, info = std::move(info), classifier = std::move(classifier), error] {
            info_ = info;
            classifier_ = classifier;
            error_ = error;
            emit changed();
        };
    });
}

}  // namespace sentinela::ui
