// Import throughput (storage-importers): generates an X API v2-style JSONL export of N posts
// (pt-BR and English text with accents and emoji) in a temp folder, then measures, R runs each,
// median reported:
//   lines only     reading the lines (the I/O floor)
//   nlohmann only  lines + nlohmann::json::parse per line (the parser floor)
//   reader         openPostReader + nextBatch: parse, map, clean text (what `scan` pays)
//   reader .zst    the same from a zstd-compressed copy
//   import         importIntoWorkspace into a fresh workspace (what `import` pays)
//   import no raw  the same without keeping each record's original JSON (ImportOptions::keepRaw)
//   re-import      the same file again into the imported workspace (all duplicates)
// Usage: bench_import [posts=1000000] [runs=3] [folder=$TMPDIR] [stages=all]
// stages: a comma-separated subset of lines,nlohmann,reader,zst,import,noraw (long runs at 1M
// posts can then be split into several shorter commands); add "keep" to leave the folder.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <sys/resource.h>
#include <vector>
#include <zstd.h>

#include "storage/import_into_workspace.h"
#include "storage/importer.h"
#include "storage/readers/byte_source.h"
#include "storage/readers/input_buffer.h"
#include "storage/workspace.h"

namespace fs = std::filesystem;
using namespace sentinela::storage;

namespace {

const char* kWords[] = {"não",     "eleição",  "governo", "polícia", "golpe", "PIX",      "amanhã",
                        "família", "vergonha", "the",     "people",  "never", "again",    "vote",
                        "😡",       "🙏",        "kkkk",    "absurdo", "ação",  "São Paulo"};

void generate(const fs::path& file, int posts) {
    std::ofstream out(file, std::ios::binary);
    std::mt19937 random(42);
    std::string text;
    for (int i = 0; i < posts; ++i) {
        text.clear();
        const int words = 8 + static_cast<int>(random() % 25);
        for (int w = 0; w < words; ++w) {
            text += (w ? " " : "") + std::string(kWords[random() % std::size(kWords)]);
        }
        nlohmann::json tweet = {
                {"id", std::to_string(1760000000000000000LL + i)},
                {"text", text},
                {"author_id", std::to_string(10000 + random() % 5000)},
                {"created_at", "2024-03-12T14:05:09.000Z"},
                {"lang", i % 3 ? "pt" : "en"},
                {"edit_history_tweet_ids", {std::to_string(1760000000000000000LL + i)}}};
        out << tweet.dump() << '\n';
    }
}

void compressZstd(const fs::path& in, const fs::path& out) {
    std::ifstream input(in, std::ios::binary);
    std::string plain((std::istreambuf_iterator<char>(input)), std::istreambuf_iterator<char>());
    std::string packed(ZSTD_compressBound(plain.size()), '\0');
    packed.resize(ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 3));
    std::ofstream(out, std::ios::binary) << packed;
}

// CPU seconds of this process (user + system): on a loaded machine, wall time also counts the
// time other processes held the cores.
double cpuSeconds() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
           static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

struct Timing {
    double wallSeconds = 0, cpuSeconds = 0;
};

// Runs `work` `runs` times; returns the median wall and CPU seconds.
Timing timeRuns(int runs, const std::function<std::int64_t()>& work, std::int64_t& items) {
    std::vector<double> wall, cpu;
    for (int r = 0; r < runs; ++r) {
        auto start = std::chrono::steady_clock::now();
        double cpuStart = cpuSeconds();
        items = work();
        cpu.push_back(cpuSeconds() - cpuStart);
        wall.push_back(
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return {median(wall), median(cpu)};
}

std::int64_t readerPosts(const fs::path& file) {
    auto reader = openPostReader(file, {});
    std::vector<PostRecord> batch;
    std::int64_t n = 0;
    while (reader->nextBatch(batch, 5000) > 0) {
        n += static_cast<std::int64_t>(batch.size());
    }
    return n;
}

}  // namespace

int main(int argc, char** argv) {
    const int posts = argc > 1 ? std::stoi(argv[1]) : 1000000;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 3;
    const fs::path dir =
            (argc > 3 && argv[3][0] != '\0' ? fs::path(argv[3]) : fs::temp_directory_path()) /
            "sentinela-bench-import";
    const std::string stages = "," + std::string(argc > 4 ? argv[4] : "all") + ",";
    auto wanted = [&](const char* stage) {
        return stages == ",all," ||
               stages.find("," + std::string(stage) + ",") != std::string::npos;
    };
    fs::remove_all(dir);
    fs::create_directories(dir);
    const fs::path jsonl = dir / "posts.jsonl";
    generate(jsonl, posts);
    if (wanted("zst")) {
        compressZstd(jsonl, dir / "posts.jsonl.zst");
    }
    const double megabytes = static_cast<double>(fs::file_size(jsonl)) / 1e6;
    std::printf("%d posts, %.1f MB JSONL (%.1f MB zstd), median of %d runs\n", posts, megabytes,
                fs::exists(dir / "posts.jsonl.zst")
                        ? static_cast<double>(fs::file_size(dir / "posts.jsonl.zst")) / 1e6
                        : 0.0,
                runs);

    std::printf("%-14s %8s %12s %12s %9s\n", "stage", "wall s", "posts/s wall", "posts/s CPU",
                "MB/s CPU");
    auto report = [&](const char* name, Timing t, std::int64_t items) {
        std::printf("%-14s %8.2f %12.0f %12.0f %9.1f\n", name, t.wallSeconds,
                    static_cast<double>(items) / t.wallSeconds,
                    static_cast<double>(items) / t.cpuSeconds, megabytes / t.cpuSeconds);
    };
    auto stage = [&](const char* key, const char* name, const std::function<std::int64_t()>& work) {
        if (wanted(key)) {
            std::int64_t items = 0;
            const Timing t = timeRuns(runs, work, items);
            report(name, t, items);
        }
    };
    stage("lines", "lines only", [&] {
        readers::InputBuffer in(readers::openFileSource(jsonl));
        std::string line;
        std::int64_t n = 0;
        while (in.readLine(line)) {
            ++n;
        }
        return n;
    });
    stage("nlohmann", "nlohmann only", [&] {
        readers::InputBuffer in(readers::openFileSource(jsonl));
        std::string line;
        std::int64_t n = 0;
        while (in.readLine(line)) {
            n += nlohmann::json::parse(line).size() > 0 ? 1 : 0;
        }
        return n;
    });
    stage("reader", "reader", [&] { return readerPosts(jsonl); });
    stage("zst", "reader .zst", [&] { return readerPosts(dir / "posts.jsonl.zst"); });
    const fs::path workspaceFile = dir / "w.sentinela";
    auto freshImport = [&](bool keepRaw) {
        for (const char* suffix : {"", "-wal", "-shm"}) {
            fs::remove(workspaceFile.string() + suffix);
        }
        Workspace workspace(workspaceFile);
        WorkspaceImportOptions options;
        options.reader.keepRaw = keepRaw;
        return importIntoWorkspace(workspace, jsonl, options).imported;
    };
    stage("import", "import", [&] { return freshImport(true); });
    stage("noraw", "import no raw", [&] { return freshImport(false); });
    // The same file again into the workspace the last import left: every post is a duplicate.
    stage("reimport", "re-import", [&] {
        if (!fs::exists(workspaceFile)) {
            freshImport(true);
        }
        Workspace workspace(workspaceFile);
        return importIntoWorkspace(workspace, jsonl, {}).duplicates;
    });
    if (!wanted("keep")) {  // "keep" leaves the export and workspace for perf or the CLI
        fs::remove_all(dir);
    }
    return 0;
}
