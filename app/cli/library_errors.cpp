#include "app/cli/library_errors.h"

#include <nlohmann/json.hpp>

#include "app/cli/command.h"
#include "model/classifier.h"
#include "model/labeled_texts.h"
#include "model/metrics.h"
#include "model/model_file.h"
#include "model/pretrainer.h"
#include "model/trainer.h"
#include "nlp/tokenizer.h"
#include "storage/import_report.h"
#include "storage/workspace_error.h"

namespace sentinela::cli {

ExitCode exitCodeFor(const std::exception& error) {
    if (const auto* command = dynamic_cast<const CommandError*>(&error)) {
        return command->code();
    }
    if (dynamic_cast<const model::ModelFileError*>(&error) != nullptr ||
        dynamic_cast<const model::ClassifierError*>(&error) != nullptr ||
        dynamic_cast<const nlp::TokenizerError*>(&error) != nullptr) {
        return ExitCode::kBadModel;
    }
    if (dynamic_cast<const storage::ImportError*>(&error) != nullptr ||
        dynamic_cast<const model::LabeledTextsError*>(&error) != nullptr ||
        dynamic_cast<const model::TrainError*>(&error) != nullptr ||
        dynamic_cast<const model::PretrainError*>(&error) != nullptr ||
        dynamic_cast<const nlohmann::json::exception*>(&error) != nullptr) {
        return ExitCode::kBadInput;
    }
    if (dynamic_cast<const model::TrainConfigError*>(&error) != nullptr) {
        return ExitCode::kUsage;
    }
    if (dynamic_cast<const storage::WorkspaceError*>(&error) != nullptr) {
        return ExitCode::kOutputError;
    }
    if (dynamic_cast<const model::TrainingCancelled*>(&error) != nullptr) {
        return ExitCode::kInterrupted;
    }
    return ExitCode::kFailure;
}

}  // namespace sentinela::cli
