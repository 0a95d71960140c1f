// The GUI reads while the CLI writes: a forked writer process inserts batches, labels and
// predictions while this process pages, counts, searches and labels too. No SQLITE_BUSY (or any
// other error) may surface, and every reader sees a consistent, growing workspace.
#include <sys/wait.h>
#include <unistd.h>

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

constexpr int kBatches = 40;
constexpr int kBatchSize = 500;

// Runs in the child: never returns; the exit code says how it went.
[[noreturn]] void writerProcess(const std::filesystem::path& file) {
    int code = 0;
    try {
        Workspace ws(file);
        const auto model = ws.registerModel({"w", "offensive", "", "", "{}", {}}, "writer");
        const auto importId = ws.startImport("stream", "jsonl", "offensive");
        for (int b = 0; b < kBatches; ++b) {
            std::vector<PostRecord> batch;
            for (int i = 0; i < kBatchSize; ++i) {
                const int n = b * kBatchSize + i;
                auto p = makePost(std::to_string(n), "mensagem número " + std::to_string(n) +
                                                             (n % 7 == 0 ? " não gosto" : " ok"));
                if (n % 10 == 0) {
                    p.label = n % 20 == 0 ? "offensive" : "not-offensive";
                }
                batch.push_back(std::move(p));
            }
            ws.insertPosts(importId, batch);
            std::vector<Prediction> predictions;
            for (const auto& row : ws.findPosts({}, {SortKey::kId, true, 0, kBatchSize, {}})) {
                predictions.push_back({row.id, {0.3f, 0.7f}});
            }
            ws.writePredictions(model, predictions);
        }
        ws.finishImport(importId, {});
    } catch (const std::exception&) {
        code = 1;
    }
    _exit(code);
}

TEST(WorkspaceConcurrency, ReaderAndWriterProcessesNeverSeeBusy) {
    const auto dir = sentinela::testing::makeTempDir();
    const auto file = dir / "shared.sentinela";
    { Workspace create(file); }  // create before forking: no connection crosses the fork

    const pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        writerProcess(file);
    }

    Workspace reader(file);
    std::int64_t lastCount = 0;
    int reads = 0, errors = 0;
    std::string firstError;
    int status = 0;
    bool childDone = false;
    while (!childDone) {
        try {
            const auto count = reader.countPosts({}).count;
            EXPECT_GE(count, lastCount) << "a reader saw the workspace shrink";
            lastCount = count;
            PageRequest page{SortKey::kDate, true, 0, 50, {}};
            reader.findPosts({}, page);
            PostFilter search;
            search.text = "nao gosto";
            reader.countPosts(search);
            PostFilter flagged;
            flagged.task = "offensive";
            flagged.queue = Queue::kFlagged;
            const auto rows = reader.findPosts(flagged, PageRequest{});
            if (!rows.empty() && reads % 5 == 0) {
                // The reader is a writer too (the analyst labels while a scan runs).
                reader.setLabel(rows.front().id, "offensive", "offensive", "reader");
            }
            reader.stats();
            ++reads;
        } catch (const WorkspaceError& e) {
            ++errors;
            if (firstError.empty()) {
                firstError = e.what();
            }
        }
        childDone = waitpid(child, &status, WNOHANG) == child;
    }
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the writer process failed";
    EXPECT_EQ(errors, 0) << firstError;
    EXPECT_GT(reads, 3);
    EXPECT_EQ(reader.countPosts({}).count, kBatches * kBatchSize);
    EXPECT_TRUE(reader.checkIntegrity().empty());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sentinela::storage::testing
