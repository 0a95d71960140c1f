#include "app/cli/demo_command.h"

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include "app/cli/interrupt.h"
#include "app/cli/terminal.h"
#include "model/data_location.h"

extern char** environ;

namespace sentinela::cli {
namespace {

struct DemoOptions {
    std::filesystem::path dir = "sentinela-demo";
    std::filesystem::path data;
};

// --data, else $SENTINELA_DEMO_DATA, else the demo data shipped with this binary
// (/usr/share/sentinela/demo when installed, resources/demo of the source tree when run in place).
// A folder the user named is the only one tried: falling back would hide their typo.
std::filesystem::path findDemoData(const std::filesystem::path& flag) {
    std::vector<std::filesystem::path> candidates;
    if (!flag.empty()) {
        candidates.push_back(flag);
    } else if (const char* env = std::getenv("SENTINELA_DEMO_DATA")) {
        candidates.emplace_back(env);
    } else {
        candidates = model::shippedDataDirs("demo");
    }
    std::string tried;
    std::error_code error;
    for (const auto& dir : candidates) {
        if (std::filesystem::exists(dir / "labeled_posts.jsonl", error)) {
            return dir;
        }
        tried += (tried.empty() ? "" : ", ") + dir.string();
    }
    throw CommandError(
            ExitCode::kBadInput,
            "cannot find the demo data (labeled_posts.jsonl) in " +
                    (tried.empty() ? "any folder (/proc/self/exe is unreadable)" : tried) +
                    "; give --data DIR (resources/demo of the source tree) or set "
                    "SENTINELA_DEMO_DATA");
}

std::size_t countLines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::size_t lines = 0;
    for (std::string line; std::getline(in, line);) {
        lines += line.empty() ? 0 : 1;
    }
    return lines;
}

// Runs this same executable with `args`, after printing the command as a user would type it.
void step(const std::string& title, const std::vector<std::string>& args) {
    throwIfInterrupted();
    const bool colour = stdoutWantsColour();
    std::string shown = "$ sentinela";
    for (const auto& arg : args) {
        shown += " " + (arg.find_first_of(" \"'") == std::string::npos ? arg : "'" + arg + "'");
    }
    std::cout << "\n" << bold("== " + title, colour) << "\n" << dim(shown, colour) << std::endl;
    std::vector<char*> argv{const_cast<char*>("sentinela")};
    for (const auto& arg : args) {
        argv.push_back(const_cast<char*>(arg.c_str()));
    }
    argv.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawn(&pid, "/proc/self/exe", nullptr, nullptr, argv.data(), environ) != 0) {
        throw CommandError(ExitCode::kFailure, "cannot start /proc/self/exe for the demo");
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
    }
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (code != 0) {
        throw CommandError(
                static_cast<ExitCode>(code),
                "demo step '" + title + "' failed with exit code " + std::to_string(code));
    }
}

// The text of the highest-scoring row of the scan's CSV (columns: ..., score_offensive, text).
std::string topFlaggedText(const std::string& csvFile) {
    std::ifstream in(csvFile);
    std::string line, best;
    double bestScore = -1;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
        std::vector<std::string> fields(1);
        bool quoted = false;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (quoted && c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                fields.back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.emplace_back();
            } else {
                fields.back() += c;
            }
        }
        if (fields.size() >= 9 && std::stod(fields[7]) > bestScore) {
            bestScore = std::stod(fields[7]);
            best = fields[8];
        }
    }
    return best;
}

ExitCode runDemo(const DemoOptions& options) {
    const auto data = std::filesystem::absolute(findDemoData(options.data));
    const auto& dir = options.dir;
    std::filesystem::create_directories(dir);
    const auto workspace = (dir / "demo.sentinela").string();
    const auto model = (dir / "offensive.model").string();
    const auto flagged = (dir / "flagged.csv").string();
    for (const auto* suffix : {"", "-wal", "-shm"}) {
        std::filesystem::remove(workspace + suffix);  // a fresh demo every time
    }
    step("create a workspace with the built-in tasks", {"init", workspace});
    step("import " + std::to_string(countLines(data / "labeled_posts.jsonl")) +
                 " posts labeled for sentiment",
         {"import", workspace, (data / "labeled_posts.jsonl").string(), "--format", "jsonl",
          "--id-field", "id", "--author-field", "author", "--date-field", "created_at",
          "--language-field", "lang", "--label-field", "sentiment", "--task", "sentiment"});
    step("label the same posts for offensive content",
         {"label", workspace, "--from", (data / "offensive_labels.csv").string(), "--task",
          "offensive", "--analyst", "demo"});
    step("what the workspace holds", {"stats", workspace});
    step("train an offensive-content classifier, starting from the pretrained base encoder",
         {"train", workspace, "--task", "offensive", "--config",
          (data / "train_config.json").string(), "--out", model});
    step("scan an unlabeled X export; scores go to the workspace for review",
         {"scan", model, (data / "x_export.jsonl").string(), "--workspace", workspace, "--out",
          flagged, "--show", "12"});
    const auto top = topFlaggedText(flagged);
    if (!top.empty()) {
        step("why was the top post flagged? the words behind its score",
             {"explain", model, top, "--label", "offensive"});
    }
    std::cout << "\nDone. Flagged posts: " << flagged << "\nReview them in the desktop app: "
              << "sentinela-gui " << workspace << "\n";
    return ExitCode::kOk;
}

}  // namespace

void addDemoCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<DemoOptions>();
    auto* cmd = app.add_subcommand(
            "demo",
            "Run the whole workflow on the bundled demo data: init, import, label, train, scan "
            "and explain, printing each command. Creates DIR/demo.sentinela, "
            "DIR/offensive.model and DIR/flagged.csv.\n"
            "  sentinela demo /tmp/demo");
    cmd->add_option("dir", options->dir, "Folder for the demo's files")->capture_default_str();
    cmd->add_option("--data", options->data, "Folder of the demo data (resources/demo)");
    commands.add(cmd, [options] { return runDemo(*options); });
}

}  // namespace sentinela::cli
