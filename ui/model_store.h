// Moves classifiers between model files and the workspace: a trained model is kept INSIDE the
// workspace (its file's bytes), so a workspace file is complete on its own; loading reads the
// model file on disk when the registration names one, else the stored bytes. Uses only the
// public storage and model APIs. Not thread-safe: use the Workspace of the calling thread.
#pragma once

#include <memory>
#include <string>

#include "model/classifier.h"
#include "storage/workspace.h"

namespace sentinela::ui {

// Throws storage::WorkspaceError, model::ModelFileError or model::ClassifierError.
std::shared_ptr<const model::Classifier> loadClassifier(storage::Workspace& workspace,
                                                        const storage::ModelInfo& info);

// The task's active model, if any.
std::optional<storage::ModelInfo> activeModelInfo(storage::Workspace& workspace,
                                                  const std::string& task);

// Registers the classifier (bytes kept in the workspace) with its validation metrics; returns
// the new model's id. The name is "<task>-<UTC timestamp>".
std::int64_t storeClassifier(storage::Workspace& workspace,
                             const model::Classifier& classifier,
                             const std::string& task,
                             const std::string& analyst);

}  // namespace sentinela::ui
