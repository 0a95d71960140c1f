// The workspace's labeled posts of a task as train / validation / test sets, split the way
// `sentinela export --split` splits them (storage's deterministic hash of the text, so the
// validation split of a model's training is the same one the review page evaluates on).
// A small addition over the public storage API (Workspace::exportLabeled); not thread-safe:
// use the Workspace of the calling thread.
#pragma once

#include <string>

#include "model/labeled_texts.h"
#include "storage/workspace.h"

namespace sentinela::ui {

struct LabeledSplit {
    model::LabeledTexts train, val, test;
};

// Throws storage::WorkspaceError.
LabeledSplit readLabeledSplit(storage::Workspace& workspace,
                              const std::string& task,
                              double trainFraction = 0.8,
                              double valFraction = 0.1);

}  // namespace sentinela::ui
