// Labeled posts for `train` and `eval`: from a JSON Lines file (the shared datasets' shape) or
// from a workspace task's current labels, and a deterministic, stratified train/validation split.
// Not thread-safe (opens a workspace connection for the duration of a call).
#pragma once

#include <filesystem>
#include <string>
#include <utility>

#include "model/labeled_texts.h"

namespace sentinela::cli {

// Every post of `task` with a current human label, in post id order. Throws CommandError
// (kBadInput) when the task does not exist or has no labeled posts.
model::LabeledTexts labeledFromWorkspace(const std::filesystem::path& workspace,
                                         const std::string& task);

// Splits by label (every label keeps about `valFraction` of its posts in validation, and at least
// one on each side when it has two or more distinct texts), ordering posts within a label by a
// stable hash of (seed, text): the same data and seed always give the same split, on every
// machine, and identical texts land on the same side. Multi-label posts count for their first
// label, so a rarer label may still miss validation (train() then warns).
std::pair<model::LabeledTexts, model::LabeledTexts> splitTrainVal(const model::LabeledTexts& all,
                                                                  double valFraction,
                                                                  const std::string& seed);

// A file path that must exist and be readable; throws CommandError(kBadInput) naming it.
void requireReadableFile(const std::filesystem::path& file, const std::string& what);

}  // namespace sentinela::cli
