#include "app/cli/show_command.h"

#include <charconv>
#include <iomanip>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "app/cli/json_output.h"
#include "app/cli/workspace_file.h"

namespace sentinela::cli {
namespace {

struct ShowOptions {
    std::filesystem::path workspace;
    std::string postId;  // parsed here, to point a non-number at --external
    std::string externalId, source, task;
    bool raw = false, json = false;
};

// One task's view of the post: the analyst's labels and the active model's scores.
struct TaskView {
    const storage::TaskSchema* schema = nullptr;
    storage::PostRow row;  // labels and prediction for this task
};

// --external ID: in --source, or in whichever source holds it (an id in two sources is
// ambiguous, so the user must say which).
std::int64_t findByExternalId(storage::Workspace& store, const ShowOptions& options) {
    std::vector<std::pair<std::string, std::int64_t>> found;
    if (!options.source.empty()) {
        if (const auto id = store.findPostId(options.source, options.externalId)) {
            found.emplace_back(options.source, *id);
        }
    } else {
        found = store.findPostsByExternalId(options.externalId);
    }
    if (found.size() > 1) {
        throw CommandError(ExitCode::kUsage, "external id '" + options.externalId +
                                                     "' is in sources '" + found[0].first +
                                                     "' and '" + found[1].first +
                                                     "'; name one with --source");
    }
    if (found.empty()) {
        throw CommandError(
                ExitCode::kBadInput,
                "no post with external id '" + options.externalId + "'" +
                        (options.source.empty() ? "" : " in source '" + options.source + "'") +
                        " in '" + options.workspace.string() +
                        "'. Check the id; the workspace's sources are listed by: "
                        "sentinela stats " +
                        options.workspace.string());
    }
    return found.front().second;
}

nlohmann::json predictionJson(const storage::TaskSchema& schema,
                              const storage::PredictionSummary& prediction) {
    nlohmann::json scores = nlohmann::json::object();
    for (std::size_t i = 0; i < prediction.scores.size() && i < schema.labels.size(); ++i) {
        scores[schema.labels[i].name] = prediction.scores[i];
    }
    return {{"model", prediction.model},
            {"scores", scores},
            {"predicted_labels", prediction.predictedLabels},
            {"flag_score", prediction.flagScore},
            {"created_at", prediction.createdAt}};
}

nlohmann::json postJson(const storage::PostRow& post,
                        const std::optional<storage::ImportInfo>& import,
                        const std::vector<TaskView>& tasks) {
    nlohmann::json out{{"id", post.id},
                       {"source", post.source},
                       {"external_id", post.externalId},
                       {"author", post.author},
                       {"created_at", post.createdAt},
                       {"language", post.language},
                       {"import", nullptr},
                       {"text", post.text},
                       {"tasks", nlohmann::json::array()}};
    if (import) {
        out["import"] = {{"id", import->id},
                         {"file", import->file},
                         {"format", import->format},
                         {"started_at", import->startedAt}};
    }
    for (const auto& view : tasks) {
        out["tasks"].push_back(
                {{"task", view.schema->name},
                 {"labels", view.row.labels},
                 {"prediction", view.row.prediction
                                        ? predictionJson(*view.schema, *view.row.prediction)
                                        : nlohmann::json(nullptr)}});
    }
    return out;
}

std::string joined(const std::vector<std::string>& values, const char* none) {
    std::string text;
    for (const auto& value : values) {
        text += (text.empty() ? "" : ", ") + value;
    }
    return text.empty() ? none : text;
}

void printPost(const storage::PostRow& post,
               const std::optional<storage::ImportInfo>& import,
               const std::vector<TaskView>& tasks) {
    const auto field = [](const char* name, const std::string& value) {
        std::cout << "  " << std::left << std::setw(12) << name << (value.empty() ? "-" : value)
                  << "\n";
    };
    std::cout << "post " << post.id << "\n";
    field("source", post.source);
    field("external id", post.externalId);
    field("author", post.author);
    field("date", post.createdAt);
    field("language", post.language);
    field("import", import ? std::to_string(import->id) + " (" + import->file + ", " +
                                     import->format + ", " + import->startedAt + ")"
                           : std::to_string(post.importId));
    for (const auto& view : tasks) {
        std::cout << "task " << view.schema->name << "\n";
        field("labels", joined(view.row.labels, "(not labeled)"));
        if (!view.row.prediction) {
            field("model", "(no prediction)");
            continue;
        }
        const auto& prediction = *view.row.prediction;
        std::ostringstream scores;
        scores << std::fixed << std::setprecision(3);
        for (std::size_t i = 0; i < prediction.scores.size() && i < view.schema->labels.size();
             ++i) {
            scores << (i == 0 ? "" : ", ") << view.schema->labels[i].name << " "
                   << prediction.scores[i];
        }
        field("model", prediction.model + ": " + joined(prediction.predictedLabels, "-") + " (" +
                               scores.str() + "), " + prediction.createdAt);
    }
    std::cout << "text\n" << post.text << "\n";
}

std::int64_t parsePostId(const std::string& text) {
    std::int64_t id = 0;
    const char* end = text.data() + text.size();
    if (auto [ptr, ec] = std::from_chars(text.data(), end, id); ec != std::errc() || ptr != end) {
        throw CommandError(ExitCode::kUsage, "POST_ID '" + text +
                                                     "' is not a number; to find a post by the "
                                                     "export's id use: --external " +
                                                     text);
    }
    return id;
}

ExitCode runShow(const ShowOptions& options) {
    if (options.postId.empty() == options.externalId.empty()) {
        throw CommandError(ExitCode::kUsage, "give a POST_ID or --external ID (one of them)");
    }
    const std::optional<std::int64_t> givenId =
            options.postId.empty() ? std::nullopt : std::optional(parsePostId(options.postId));
    auto store = openExistingWorkspace(options.workspace, true);
    if (!options.task.empty() && !store.task(options.task)) {
        throw CommandError(ExitCode::kUsage, "workspace '" + options.workspace.string() +
                                                     "' has no task '" + options.task + "'");
    }
    const std::int64_t id = givenId ? *givenId : findByExternalId(store, options);
    const auto post = store.post(id);
    if (!post) {
        throw CommandError(ExitCode::kBadInput,
                           "no post " + std::to_string(id) + " in '" + options.workspace.string() +
                                   "'. Post ids are the numbers `sentinela export` and the GUI "
                                   "show; use --external ID for the export's own id.");
    }
    // Every task the post has labels or a prediction in, or just --task (even when empty).
    const auto schemas = store.tasks();
    std::vector<TaskView> tasks;
    for (const auto& schema : schemas) {
        if (!options.task.empty() && schema.name != options.task) {
            continue;
        }
        TaskView view{&schema, *store.post(id, schema.name)};
        if (!options.task.empty() || !view.row.labels.empty() || view.row.prediction) {
            tasks.push_back(std::move(view));
        }
    }
    std::optional<storage::ImportInfo> import;
    for (auto& info : store.imports()) {
        if (info.id == post->importId) {
            import = std::move(info);
        }
    }
    const std::string raw = options.raw ? store.rawRecord(id) : std::string();
    if (options.json) {
        auto out = postJson(*post, import, tasks);
        if (options.raw) {
            out["raw_record"] = raw.empty() ? nlohmann::json(nullptr) : nlohmann::json(raw);
        }
        printJson(out);
        return ExitCode::kOk;
    }
    printPost(*post, import, tasks);
    if (options.raw) {
        // Byte for byte as the export had it, so it can be compared with (or grepped in) it.
        std::cout << "original record\n"
                  << (raw.empty() ? "(none kept: the post was added by an older Sentinela or "
                                    "imported without keeping records)"
                                  : raw)
                  << "\n";
    }
    return ExitCode::kOk;
}

}  // namespace

void addShowCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ShowOptions>();
    auto* cmd = app.add_subcommand(
            "show",
            "Show one post in full: source, author, date, import, text, labels and the model's "
            "scores per task, and with --raw the original record from the export.\n"
            "  sentinela show case.sentinela 1234 --raw\n"
            "  sentinela show case.sentinela --external 1790012345678 --source x --task "
            "offensive --json");
    cmd->add_option("workspace", options->workspace, "Workspace file")->required();
    cmd->add_option("post_id", options->postId, "Post id in the workspace (a number)");
    auto* external = cmd->add_option("--external", options->externalId,
                                     "Find the post by the export's own id instead of POST_ID");
    cmd->add_option("--source", options->source,
                    "With --external: the source (x, reddit, jsonl, ...) when the id is in "
                    "several")
            ->needs(external);
    cmd->add_option("--task", options->task, "Only this task's labels and prediction");
    cmd->add_flag("--raw", options->raw,
                  "Also print the original record (JSON line, CSV row, ...) as imported");
    cmd->add_flag("--json", options->json, "Print one JSON object");
    commands.add(cmd, [options] { return runShow(*options); });
}

}  // namespace sentinela::cli
