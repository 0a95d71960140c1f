#include "app/cli/workspace_scan_sink.h"

#include <algorithm>

#include "app/cli/command.h"
#include "storage/workspace.h"

namespace sentinela::cli {

struct WorkspaceScanSink::State {
    storage::Workspace store;
    std::int64_t importId = 0;
    std::int64_t modelId = 0;
    std::vector<int> taskIndexOfModelLabel;  // model label i -> position in the task's labels
    std::size_t taskLabels = 0;
};

namespace {

storage::TaskSchema ensureTask(storage::Workspace& store, const model::Classifier& classifier) {
    const std::string name =
            classifier.metadata().task.empty() ? "scan" : classifier.metadata().task;
    if (auto existing = store.task(name)) {
        return *existing;
    }
    storage::TaskSchema schema;
    schema.name = name;
    schema.kind = "custom";
    schema.multiLabel = classifier.multiLabel();
    for (const auto& label : classifier.labels()) {
        storage::LabelDefinition definition;
        definition.name = label;
        schema.labels.push_back(definition);
    }
    store.createTask(schema, "cli");
    return *store.task(name);
}

std::int64_t ensureModel(storage::Workspace& store,
                         const std::filesystem::path& modelFile,
                         const model::Classifier& classifier,
                         const std::string& task) {
    const auto absolute = std::filesystem::absolute(modelFile);
    const auto models = store.models(task);
    bool taskHasActive = false;
    for (const auto& info : models) {
        if (info.file == absolute) {
            return info.id;
        }
        taskHasActive = taskHasActive || info.active;
    }
    const auto nameTaken = [&](const std::string& name) {
        return std::any_of(models.begin(), models.end(),
                           [&](const auto& info) { return info.name == name; });
    };
    storage::ModelRegistration registration;
    registration.name = modelFile.stem().string();
    for (int suffix = 2; nameTaken(registration.name); ++suffix) {
        registration.name = modelFile.stem().string() + "-" + std::to_string(suffix);
    }
    registration.task = task;
    registration.file = absolute;
    registration.metricsJson = classifier.metadata().valMetricsJson;
    registration.thresholds = classifier.thresholds();
    const auto id = store.registerModel(registration, "cli");
    if (!taskHasActive) {
        store.activateModel(id, "cli");
    }
    return id;
}

}  // namespace

WorkspaceScanSink::WorkspaceScanSink(const std::filesystem::path& workspace,
                                     const std::filesystem::path& modelFile,
                                     const model::Classifier& classifier,
                                     const std::string& exportName,
                                     const std::string& formatName)
    : state_(std::make_unique<State>(State{storage::Workspace(workspace), 0, 0, {}, 0})) {
    auto& store = state_->store;
    const auto task = ensureTask(store, classifier);
    for (const auto& label : classifier.labels()) {
        const int index = task.labelIndex(label);
        if (index < 0) {
            throw CommandError(ExitCode::kBadModel,
                               "the model's label '" + label + "' is not a label of task '" +
                                       task.name + "' in '" + workspace.string() +
                                       "'. Use a model trained for this task.");
        }
        state_->taskIndexOfModelLabel.push_back(index);
    }
    state_->taskLabels = task.labels.size();
    state_->modelId = ensureModel(store, modelFile, classifier, task.name);
    state_->importId = store.startImport(exportName, formatName, "");
}

WorkspaceScanSink::~WorkspaceScanSink() = default;

void WorkspaceScanSink::write(const ScanBatch& batch) {
    auto& store = state_->store;
    const auto counts = store.insertPosts(state_->importId, batch.posts);
    stored_ += counts.inserted;
    duplicates_ += counts.duplicates;
    std::vector<storage::Prediction> predictions;
    predictions.reserve(batch.posts.size());
    for (std::size_t i = 0; i < batch.posts.size(); ++i) {
        const auto& post = batch.posts[i];
        const auto postId = post.externalId.empty()
                                    ? std::nullopt
                                    : store.findPostId(post.source, post.externalId);
        if (!postId) {
            ++withoutId_;
            continue;
        }
        storage::Prediction prediction;
        prediction.postId = *postId;
        prediction.scores.assign(state_->taskLabels, 0.0f);
        for (std::size_t j = 0; j < batch.scores[i].size(); ++j) {
            prediction.scores[state_->taskIndexOfModelLabel[j]] = batch.scores[i][j];
        }
        predictions.push_back(std::move(prediction));
    }
    store.writePredictions(state_->modelId, predictions);
}

void WorkspaceScanSink::finish(const storage::ImportReport& report, bool cancelled) {
    storage::ImportTotals totals;
    totals.read = report.read;
    totals.imported = stored_;
    totals.duplicates = duplicates_;
    totals.skipped = report.skipped;
    totals.rejected = report.rejected;
    totals.cancelled = cancelled;
    state_->store.finishImport(state_->importId, totals);
}

}  // namespace sentinela::cli
