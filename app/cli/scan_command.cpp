#include "app/cli/scan_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli/export_input_options.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/output_file.h"
#include "app/cli/progress_bar.h"
#include "app/cli/scan_output.h"
#include "app/cli/scan_summary.h"
#include "app/cli/scan_thresholds.h"
#include "app/cli/workspace_scan_sink.h"

namespace sentinela::cli {
namespace {

struct ScanOptions {
    std::filesystem::path model, input, out, workspace, calibration;
    ExportInputOptions read;
    std::optional<float> threshold;
    std::optional<double> targetPrecision;
    std::vector<std::string> labels;
    std::string shard = "0/1";
    std::string split;  // empty: the whole file
    int threads = 0, show = -1;
    std::size_t batchPosts = 256;
    bool everyPost = false, timings = false, json = false;
};

// An empty export holds no posts rather than being malformed: an empty partition under Spark or
// Hadoop streaming, an empty search result. The scan then reports zero posts and succeeds.
class EmptyPostReader : public storage::PostReader {
public:
    explicit EmptyPostReader(std::string name) { report_.file = std::move(name); }
    std::size_t nextBatch(std::vector<storage::PostRecord>& batch, std::size_t) override {
        batch.clear();
        return 0;
    }
    storage::ImportReport& report() override { return report_; }
    storage::ImportFormat format() const override { return storage::ImportFormat::kAuto; }
    std::int64_t bytesRead() const override { return 0; }
    std::int64_t totalBytes() const override { return 0; }

private:
    storage::ImportReport report_;
};

bool inputIsEmpty(const ScanOptions& options) {
    if (options.input == "-") {
        return std::cin.peek() == std::char_traits<char>::eof();
    }
    std::error_code error;
    return std::filesystem::file_size(options.input, error) == 0 && !error;
}

std::unique_ptr<storage::PostReader> openInput(const ScanOptions& options) {
    auto importOptions = toImportOptions(options.read);
    if (!options.split.empty()) {
        parseShard(options.split, "--split");  // a bad value is a usage error before anything
        if (options.input == "-") {
            throw CommandError(ExitCode::kUsage,
                               "--split reads a byte range of a file and cannot seek in stdin; "
                               "use --shard I/N to share a stream among jobs");
        }
    }
    if (options.input != "-") {
        requireReadableFile(options.input, "export");
    }
    if (inputIsEmpty(options)) {
        std::cerr << "sentinela: the export " << options.input.string() << " is empty\n";
        auto reader = std::make_unique<EmptyPostReader>(options.input.string());
        reader->report().format = options.read.format;
        if (!options.split.empty()) {
            // Every split of an empty file is empty; the summary still says which it was, so a
            // merge of the N summaries works as for any file.
            const Shard split = parseShard(options.split, "--split");
            reader->report().split = storage::SplitRange{split.index, split.count, 0, 0, 1, 0};
        }
        return reader;
    }
    // Provenance (the raw record) matters only when posts are stored in a workspace.
    importOptions.keepRaw = !options.workspace.empty();
    if (options.input == "-") {
        return storage::openPostReader(std::cin, importOptions, "-");
    }
    if (!options.split.empty()) {
        const Shard split = parseShard(options.split, "--split");
        return storage::openPostReader(options.input, importOptions, {split.index, split.count});
    }
    return storage::openPostReader(options.input, importOptions);
}

ExitCode runScan(const ScanOptions& options) {
    requireReadableFile(options.model, "model file");
    const auto classifier = model::Classifier::load(options.model);
    ScanSettings settings;
    settings.shard = parseShard(options.shard);
    settings.workers = options.threads;
    settings.batchPosts = std::max<std::size_t>(1, options.batchPosts);
    const auto choice =
            chooseThresholds(classifier, options.labels, options.threshold, options.targetPrecision,
                             options.calibration, options.workspace);
    settings.flagLabels = choice.flagLabels;
    settings.thresholds = choice.thresholds;
    for (const auto& note : choice.notes) {
        std::cerr << "sentinela: " << note << "\n";
    }

    std::optional<AtomicOutputFile> out;
    if (!options.out.empty()) {
        out.emplace(options.out);
    }
    auto reader = openInput(options);
    std::unique_ptr<WorkspaceScanSink> workspaceSink;
    if (!options.workspace.empty()) {
        workspaceSink = std::make_unique<WorkspaceScanSink>(
                options.workspace, options.model, classifier, options.input.string(),
                std::string(storage::formatName(reader->format())));
    }

    FanOutSink sinks;
    std::unique_ptr<ScanSink> postWriter;
    if (out) {
        postWriter = makePostWriter(out->stream(), outputFormatFor(options.out),
                                    classifier.labels(), options.everyPost);
        sinks.add(postWriter.get());
    }
    const int show = options.show >= 0 ? options.show : (out ? 0 : 10);
    TopFlaggedSink top(static_cast<std::size_t>(show));
    sinks.add(&top);
    if (workspaceSink) {
        sinks.add(workspaceSink.get());
    }

    ProgressBar bar("scan", ProgressBar::Unit::kBytes, reader->totalBytes());
    const auto stats = runScanPipeline(
            *reader, classifier, settings, sinks, interruptToken(), [&](const ScanStats& s) {
                bar.update(reader->bytesRead());
                bar.setDetail(formatCount(static_cast<double>(s.posts)) + " posts, " +
                              formatCount(static_cast<double>(s.flaggedPosts)) + " flagged");
            });
    bar.finish();
    const bool stopped = interrupted();
    if (workspaceSink) {
        workspaceSink->finish(reader->report(), stopped);
    }
    if (out) {
        out->commit();  // also when interrupted: the file holds every post up to the stop
    }

    ScanReport report;
    report.stats = stats;
    report.importReport = reader->report();
    report.labels = classifier.labels();
    report.flagLabels = settings.flagLabels;
    report.thresholds = choice.thresholds;
    report.interrupted = stopped;
    report.output = options.out.string();
    report.workspace = options.workspace.string();
    report.timings = options.timings;
    if (workspaceSink) {
        report.storedPosts = workspaceSink->stored();
        report.duplicatePosts = workspaceSink->duplicates();
        report.unscoredWithoutId = workspaceSink->withoutId();
    }
    // When flagged posts go to stdout, the summary must not mix with them.
    std::ostream& summaryStream = options.out == "-" ? std::cerr : std::cout;
    if (options.json) {
        printJson(scanReportJson(report), summaryStream);
    } else {
        summaryStream << formatScanReport(report);
        if (show > 0) {
            summaryStream << formatTopFlagged(top, classifier.labels());
        }
    }
    if (stats.inputDamage) {
        std::rethrow_exception(stats.inputDamage);  // after the outputs: they hold every post
    }
    if (stopped) {
        std::cerr << "sentinela: interrupted after " << stats.posts
                  << " posts; the output holds every post up to that point\n";
        return ExitCode::kInterrupted;
    }
    return ExitCode::kOk;
}

}  // namespace

void addScanCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ScanOptions>();
    auto* cmd = app.add_subcommand(
            "scan",
            "Classify every post of an export on all cores, in constant memory, and write the "
            "flagged ones with their scores.\n"
            "  sentinela scan offensive.model export.jsonl.zst --out flagged.csv\n"
            "  zcat dump.jsonl.gz | sentinela scan m.model - --format reddit --out - > hits.jsonl\n"
            "  sentinela scan m.model big.jsonl --shard 3/16 --out part-3.jsonl   # 1 of 16 jobs\n"
            "  sentinela scan m.model big.jsonl --split 3/16 --out part-3.jsonl   # bytes 3/16");
    cmd->add_option("model", options->model, "Model file")->required();
    cmd->add_option("export", options->input, "Export to scan (- reads stdin)")->required();
    addExportInputOptions(*cmd, options->read, false);
    auto* threshold = cmd->add_option("--threshold", options->threshold,
                                      "Flag a post when a flag label's score >= this "
                                      "(default: the model's own decision)")
                              ->check(CLI::Range(0.0, 1.0));
    cmd->add_option("--target-precision", options->targetPrecision,
                    "Choose the threshold that reaches this precision on labeled data "
                    "(--calibration FILE, or the --workspace task's labels)")
            ->check(CLI::Range(0.0, 1.0))
            ->excludes(threshold);
    cmd->add_option("--calibration", options->calibration,
                    "Labeled JSON Lines file for --target-precision");
    cmd->add_option("--label", options->labels,
                    "Label(s) to flag (default: the 'needs attention' labels, e.g. offensive)");
    cmd->add_option("--out", options->out,
                    "Write flagged posts here: .csv, or JSON Lines (.jsonl; - = stdout). "
                    "Written to a temporary file and renamed when done");
    cmd->add_flag("--all", options->everyPost,
                  "Write every post with its scores, not only flagged");
    cmd->add_option("--workspace", options->workspace,
                    "Also store every post and its scores in this workspace (GUI review queues)");
    cmd->add_option("--shard", options->shard,
                    "Scan only posts whose stable id hash mod N == I (I/N), for N parallel jobs")
            ->capture_default_str();
    cmd->add_option("--split", options->split,
                    "Read only byte range I of N of the file (I/N): N jobs read it once in total. "
                    "Uncompressed JSON Lines, CSV or TSV files; otherwise use --shard");
    cmd->add_option("--threads", options->threads, "Classifier threads (0 = all cores)")
            ->capture_default_str();
    cmd->add_option("--batch", options->batchPosts, "Posts per batch in the pipeline")
            ->capture_default_str()
            ->check(CLI::Range(1, 65536));
    cmd->add_option("--show", options->show,
                    "Print the N highest-scoring flagged posts (default 10 without --out, else 0)");
    cmd->add_flag("--timings", options->timings, "Print the time spent in each stage");
    cmd->add_flag("--json", options->json, "Print the summary as JSON (on stderr when --out is -)");
    commands.add(cmd, [options] { return runScan(*options); });
}

}  // namespace sentinela::cli
