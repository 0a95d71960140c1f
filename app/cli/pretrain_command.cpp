#include "app/cli/pretrain_command.h"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>

#include "app/cli/file_digest.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/output_file.h"
#include "app/cli/progress_bar.h"
#include "app/cli/workspace_file.h"
#include "model/pretrainer.h"
#include "model/trainer.h"
#include "storage/importer.h"

namespace sentinela::cli {
namespace {

struct PretrainOptions {
    std::vector<std::filesystem::path> inputs;
    std::filesystem::path out, from, configFile;
    std::string format = "auto", textField;
    double epochs = 0.0, minutes = 0.0;
    int threads = -1;
    bool resume = false, json = false;
};

bool isWorkspaceFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    char magic[16] = {};
    in.read(magic, sizeof magic);
    return in.gcount() == 16 && std::string_view(magic, 15) == "SQLite format 3";
}

std::int64_t readWorkspacePosts(const std::filesystem::path& file,
                                std::vector<std::string>& texts) {
    auto store = openExistingWorkspace(file, true);
    storage::PostFilter filter;
    storage::PageRequest page;
    page.sort = storage::SortKey::kId;
    page.limit = 5000;
    std::int64_t posts = 0;
    for (;;) {
        const auto rows = store.findPosts(filter, page);
        for (const auto& row : rows) {
            texts.push_back(row.text);
        }
        posts += std::ssize(rows);
        if (std::ssize(rows) < page.limit) {
            return posts;
        }
        page.afterId = rows.back().id;
    }
}

std::int64_t readExportPosts(const std::filesystem::path& file,
                             const PretrainOptions& options,
                             std::vector<std::string>& texts) {
    storage::ImportOptions importOptions;
    const auto format = storage::parseFormatName(options.format);
    if (!format.has_value()) {
        throw CommandError(ExitCode::kUsage, "unknown --format '" + options.format + "'");
    }
    importOptions.format = *format;
    importOptions.fields.text = options.textField;
    importOptions.keepRaw = false;
    auto reader = storage::openPostReader(file, importOptions);
    std::vector<storage::PostRecord> batch;
    std::int64_t posts = 0;
    while (reader->nextBatch(batch, 4096) > 0) {
        throwIfInterrupted();
        for (auto& post : batch) {
            texts.push_back(std::move(post.text));
        }
        posts += std::ssize(batch);
    }
    const auto& report = reader->report();
    if (report.rejected > 0) {
        std::cerr << "sentinela: " << file.string() << ": " << report.rejected
                  << " malformed records skipped (see `sentinela import` for their lines)\n";
    }
    return posts;
}

model::PretrainConfig loadConfig(const PretrainOptions& options) {
    model::PretrainConfig config;
    if (!options.configFile.empty()) {
        requireReadableFile(options.configFile, "config file");
        std::ifstream in(options.configFile);
        try {
            config = model::pretrainConfigFromJson(nlohmann::json::parse(in));
        } catch (const nlohmann::json::parse_error& e) {
            throw CommandError(ExitCode::kBadInput, "config file '" + options.configFile.string() +
                                                            "' is not valid JSON: " + e.what());
        } catch (const model::TrainConfigError& e) {
            throw CommandError(ExitCode::kUsage,
                               "config file '" + options.configFile.string() + "': " + e.what());
        }
    }
    if (options.epochs > 0) {
        config.epochs = options.epochs;
    }
    if (options.minutes > 0) {
        config.maxMinutes = options.minutes;
    }
    if (options.threads >= 0) {
        config.threads = options.threads;
    }
    return config;
}

std::string progressLine(const model::PretrainProgress& p) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "step %lld/%lld  epoch %.2f  loss %.3f  %.0f tokens/s  elapsed %s  ETA %s",
                  static_cast<long long>(p.step), static_cast<long long>(p.steps), p.epoch, p.loss,
                  p.tokensPerSecond, formatDuration(p.elapsedSeconds).c_str(),
                  formatDuration(p.etaSeconds).c_str());
    return line;
}

ExitCode runPretrain(const PretrainOptions& options) {
    auto config = loadConfig(options);
    checkWritable(options.out);
    model::PretrainRun run;
    run.config = config;
    run.checkpoint = options.out.string() + ".checkpoint";
    run.resume = options.resume;
    if (run.resume && !std::filesystem::exists(run.checkpoint)) {
        throw CommandError(ExitCode::kBadInput, "no checkpoint to resume: '" +
                                                        run.checkpoint.string() +
                                                        "' does not exist (run without --resume)");
    }
    std::optional<model::Encoder> from;
    if (!options.from.empty()) {
        requireReadableFile(options.from, "encoder");
        from = model::Encoder::load(options.from);
        run.from = &*from;
    }
    for (const auto& input : options.inputs) {
        requireReadableFile(input, "input");
        std::cerr << "reading " << input.string() << "\n";
        const auto posts = isWorkspaceFile(input) ? readWorkspacePosts(input, run.texts)
                                                  : readExportPosts(input, options, run.texts);
        run.inputs.push_back({input.filename().string(),
                              static_cast<std::int64_t>(std::filesystem::file_size(input)),
                              sha256OfFile(input), posts});
    }
    ProgressBar bar("pretrain", ProgressBar::Unit::kCount, 0, "steps");
    bar.println("pretraining on " + std::to_string(run.texts.size()) + " posts from " +
                std::to_string(run.inputs.size()) + " input(s)" +
                (from ? ", continuing " + from->name() : std::string()));
    model::PretrainCallbacks callbacks;
    callbacks.onStage = [&](const std::string& stage) { bar.setDetail(stage); };
    auto lastLine = std::chrono::steady_clock::now() - std::chrono::hours(1);
    callbacks.onProgress = [&](const model::PretrainProgress& p) {
        bar.setTotal(p.steps);
        bar.update(p.step);
        char detail[64];
        std::snprintf(detail, sizeof detail, "loss %.3f, %.0f tokens/s", p.loss, p.tokensPerSecond);
        bar.setDetail(detail);
        // Logs (no terminal) get a line a minute instead of a bar.
        if (!ProgressBar::enabled() &&
            std::chrono::steady_clock::now() - lastLine > std::chrono::minutes(1)) {
            bar.println(progressLine(p));
            lastLine = std::chrono::steady_clock::now();
        }
    };
    callbacks.onCheckpoint = [&](const std::filesystem::path& file) {
        bar.println("checkpoint written to " + file.string());
    };
    const auto encoder = model::pretrain(run, interruptToken(), callbacks);
    bar.finish();
    encoder.save(options.out);
    const auto& m = encoder.metadata();
    const bool stopped = interrupted();
    if (options.json) {
        printJson({{"encoder", options.out.string()},
                   {"name", encoder.name()},
                   {"posts", m.corpusPosts},
                   {"tokens", m.corpusTokens},
                   {"tokens_seen", m.tokensSeen},
                   {"epochs", m.epochs},
                   {"held_out_posts", m.heldOutPosts},
                   {"forward_perplexity", m.forwardPerplexity},
                   {"backward_perplexity", m.backwardPerplexity},
                   {"tokens_per_second", m.tokensPerSecond},
                   {"seconds", m.trainSeconds},
                   {"continued_from", m.continuedFrom},
                   {"stopped", stopped}});
    } else {
        char line[256];
        std::snprintf(line, sizeof line,
                      "encoder %s (%s): %lld posts, %.2f epochs, %lld tokens seen, %.0f tokens/s; "
                      "held-out perplexity forward %.1f, backward %.1f (%lld posts)\n",
                      options.out.c_str(), encoder.name().c_str(),
                      static_cast<long long>(m.corpusPosts), m.epochs,
                      static_cast<long long>(m.tokensSeen), m.tokensPerSecond, m.forwardPerplexity,
                      m.backwardPerplexity, static_cast<long long>(m.heldOutPosts));
        std::cout << line;
    }
    // The pretrainer deletes the checkpoint of a finished run: one left means it stopped early.
    const bool resumable = std::filesystem::exists(run.checkpoint);
    if (!stopped && resumable) {
        std::cerr << "sentinela: stopped at the --minutes limit after " << m.epochs
                  << " epochs; the checkpoint " << run.checkpoint.string()
                  << " continues it with the same command and --resume\n";
    }
    if (stopped && !resumable) {
        std::cerr << "sentinela: interrupted after the last step; the encoder is complete\n";
        return ExitCode::kInterrupted;
    }
    if (stopped) {
        std::cerr << "sentinela: interrupted; saved the encoder so far to " << options.out.string()
                  << " and a checkpoint to " << run.checkpoint.string()
                  << " (continue with the same command and --resume)\n";
        return ExitCode::kInterrupted;
    }
    return ExitCode::kOk;
}

}  // namespace

void addPretrainCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<PretrainOptions>();
    auto* cmd = app.add_subcommand(
            "pretrain",
            "Pretrain an encoder as a language model on unlabeled posts (exports, JSON Lines,\n"
            "workspaces); `sentinela train --encoder FILE` starts a classifier from it.\n"
            "  sentinela pretrain posts.jsonl.zst other.jsonl --out base.encoder\n"
            "  sentinela pretrain case.sentinela --from base.encoder --out case.encoder");
    cmd->add_option("inputs", options->inputs, "Exports, JSON Lines files or workspaces")
            ->required();
    cmd->add_option("--out", options->out, "Encoder file to write")->required();
    cmd->add_option("--from", options->from,
                    "Continue pretraining this encoder (its tokenizer and weights) on the inputs");
    cmd->add_flag("--resume", options->resume,
                  "Continue the interrupted run from OUT.checkpoint (same inputs and settings)");
    cmd->add_option("--config", options->configFile,
                    "JSON file with PretrainConfig fields, e.g. {\"epochs\": 2, \"network\": "
                    "{\"hiddenSize\": 256}}");
    cmd->add_option("--epochs", options->epochs, "Passes over the posts (default 1; may be 0.5)");
    cmd->add_option("--minutes", options->minutes,
                    "Stop after this many minutes and keep the encoder trained so far");
    cmd->add_option("--threads", options->threads, "Worker threads (0 = all cores)");
    cmd->add_option("--format", options->format, "Input format when detection is not enough")
            ->capture_default_str();
    cmd->add_option("--text-field", options->textField, "Field that holds the post text");
    cmd->add_flag("--json", options->json, "Print the result as JSON");
    commands.add(cmd, [options] { return runPretrain(*options); });
}

}  // namespace sentinela::cli
