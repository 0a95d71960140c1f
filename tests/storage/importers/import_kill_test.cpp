// End to end: a process importing a large export is killed with SIGKILL mid-way; the workspace
// it leaves is valid, and running the import again completes it without duplicates.
#include <fstream>
#include <gtest/gtest.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/import_into_workspace.h"
#include "storage/workspace.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

constexpr int kPosts = 60000;

// The posts indexes that exist in the file, seen through a connection of our own.
int postIndexCount(const std::filesystem::path& file) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = "
                       "'posts' AND sql IS NOT NULL",
                       -1, &s, nullptr);
    const int count = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : -1;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return count;
}

TEST(ImportKill, SigkillMidImportThenReimportCompletes) {
    auto dir = sentinela::testing::makeTempDir();
    auto file = dir / "big.jsonl";
    {
        std::ofstream out(file);
        for (int i = 0; i < kPosts; ++i) {
            out << "{\"id\": \"k" << i << "\", \"text\": \"mensagem " << i
                << " sobre a eleição\", \"created_at\": \"2024-03-12T10:00:00Z\"}\n";
        }
    }
    const auto workspaceFile = dir / "w.sentinela";
    { Workspace create(workspaceFile); }  // created before the fork: the child only imports

    int pipeFds[2];
    ASSERT_EQ(pipe(pipeFds), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        close(pipeFds[0]);
        try {
            Workspace workspace(workspaceFile);
            WorkspaceImportOptions options;
            options.batchSize = 500;
            importIntoWorkspace(workspace, file, options, {}, [&](const ImportProgress&) {
                char byte = 1;
                (void)!write(pipeFds[1], &byte, 1);  // one byte per committed batch
            });
        } catch (...) {
            _exit(2);
        }
        _exit(0);  // finished before the kill: the parent sees it and fails the test
    }
    close(pipeFds[1]);
    char byte = 0;
    for (int batches = 0; batches < 5; ++batches) {
        ASSERT_EQ(read(pipeFds[0], &byte, 1), 1) << "the child ended before 5 batches";
    }
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    close(pipeFds[0]);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";
    // The import into an empty workspace had dropped the date and author indexes.
    EXPECT_EQ(postIndexCount(workspaceFile), 2);

    Workspace workspace(workspaceFile);
    EXPECT_EQ(postIndexCount(workspaceFile), 4) << "a writable open builds the missing indexes";
    EXPECT_TRUE(workspace.checkIntegrity(true).empty());
    const std::int64_t before = workspace.stats().posts;
    EXPECT_GE(before, 2500);
    EXPECT_LT(before, kPosts);
    EXPECT_EQ(before % 500, 0) << "a batch is one transaction: all of it or none";

    ImportReport rest = importIntoWorkspace(workspace, file, {});
    EXPECT_EQ(rest.duplicates, before);
    EXPECT_EQ(rest.imported, kPosts - before);
    EXPECT_EQ(workspace.stats().posts, kPosts);
    EXPECT_EQ(postIndexCount(workspaceFile), 4);
    EXPECT_EQ(workspace.unindexedPosts(), 0);
    EXPECT_TRUE(workspace.checkIntegrity(true).empty());
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sentinela::storage
