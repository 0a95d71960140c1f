// Streaming exports into a workspace: counts, safe re-runs, labels, progress and cancellation.
#include "storage/import_into_workspace.h"

#include <fstream>
#include <gtest/gtest.h>

#include "storage/workspace.h"
#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::fixture;

class ImportIntoWorkspace : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = sentinela::testing::makeTempDir();
        workspace_.emplace(dir_ / "w.sentinela");
    }
    void TearDown() override {
        workspace_.reset();
        std::filesystem::remove_all(dir_);
    }
    std::int64_t postCount() { return workspace_->stats().posts; }
    std::int64_t matches(const std::string& text) {
        PostFilter filter;
        filter.text = text;
        return workspace_->countPosts(filter).count;
    }

    // A JSONL export of `count` distinct posts.
    std::filesystem::path generated(int count) {
        auto file = dir_ / "generated.jsonl";
        std::ofstream out(file);
        for (int i = 0; i < count; ++i) {
            out << "{\"id\": \"g" << i << "\", \"text\": \"post número " << i
                << " 🙂\", \"author\": \"a" << i % 7 << "\"}\n";
        }
        return file;
    }

    std::filesystem::path dir_;
    std::optional<Workspace> workspace_;
};

TEST_F(ImportIntoWorkspace, ReimportingAddsNothing) {
    WorkspaceImportOptions options;
    ImportReport first = importIntoWorkspace(*workspace_, fixture("x_api.jsonl"), options);
    EXPECT_EQ(first.imported, 3);
    EXPECT_EQ(first.duplicates, 1);  // the same tweet twice in the file
    EXPECT_EQ(first.rejected, 1);
    EXPECT_EQ(postCount(), 3);
    ImportReport second = importIntoWorkspace(*workspace_, fixture("x_api.jsonl"), options);
    EXPECT_EQ(second.imported, 0);
    EXPECT_EQ(second.duplicates, 4);
    EXPECT_EQ(postCount(), 3);
    auto imports = workspace_->imports();
    ASSERT_EQ(imports.size(), 2u);
    EXPECT_EQ(imports[0].status, "done");
    EXPECT_EQ(imports[0].format, "x-api");
}

TEST_F(ImportIntoWorkspace, PostsWithoutIdsAreDeduplicatedByContent) {
    WorkspaceImportOptions options;
    auto first = importIntoWorkspace(*workspace_, fixture("whatsapp_android_ptbr.txt"), options);
    EXPECT_EQ(first.imported, 3);
    auto again = importIntoWorkspace(*workspace_, fixture("whatsapp_android_ptbr.txt"), options);
    EXPECT_EQ(again.imported, 0);
    EXPECT_EQ(again.duplicates, 3);
    EXPECT_EQ(again.skipped, 5);
}

TEST_F(ImportIntoWorkspace, LabelsGoToTheLabelTask) {
    std::ofstream(dir_ / "labeled.csv") << "id,text,label\n1,amei,positive\n2,odiei,negative\n"
                                           "3,sei lá,maybe\n";
    WorkspaceImportOptions options;
    options.labelTask = "sentiment";
    options.reader.fields.label = "label";
    ImportReport r = importIntoWorkspace(*workspace_, dir_ / "labeled.csv", options);
    EXPECT_EQ(r.imported, 3);
    EXPECT_EQ(r.labeled, 2);
    ASSERT_EQ(r.labelProblemCount, 1);
    EXPECT_EQ(r.labelProblems[0].line, 4);
    std::int64_t positives = 0;
    for (const auto& c : workspace_->labelCounts("sentiment")) {
        positives += c.label == "positive" ? c.count : 0;
    }
    EXPECT_EQ(positives, 1);
}

TEST_F(ImportIntoWorkspace, ReportsProgressUpToTheWholeFile) {
    auto file = generated(2500);
    WorkspaceImportOptions options;
    options.batchSize = 1000;
    std::vector<ImportProgress> seen;
    ImportReport r = importIntoWorkspace(*workspace_, file, options, {},
                                         [&](const ImportProgress& p) { seen.push_back(p); });
    ASSERT_EQ(seen.size(), 3u);
    EXPECT_EQ(seen[0].postsRead, 1000);
    EXPECT_EQ(seen.back().postsRead, 2500);
    EXPECT_EQ(seen.back().imported, 2500);
    EXPECT_EQ(seen.back().bytesRead, seen.back().totalBytes);
    EXPECT_EQ(seen.back().totalBytes, static_cast<std::int64_t>(std::filesystem::file_size(file)));
    EXPECT_EQ(r.imported, 2500);
    EXPECT_GE(r.seconds, 0.0);
}

TEST_F(ImportIntoWorkspace, CancelKeepsCommittedBatchesAndMarksTheImport) {
    auto file = generated(5000);
    WorkspaceImportOptions options;
    options.batchSize = 1000;
    std::stop_source stop;
    ImportReport r = importIntoWorkspace(*workspace_, file, options, stop.get_token(),
                                         [&](const ImportProgress& p) {
                                             if (p.postsRead >= 2000) {
                                                 stop.request_stop();
                                             }
                                         });
    EXPECT_TRUE(r.cancelled);
    EXPECT_EQ(r.imported, 2000);
    EXPECT_EQ(postCount(), 2000);
    EXPECT_EQ(workspace_->imports().back().status, "cancelled");
    // What was imported is searchable: the index built beside it covers exactly those posts.
    EXPECT_TRUE(r.searchIndexBuiltAlongside);
    EXPECT_EQ(matches("numero"), 2000);
    // Running it again completes the import, and its search index.
    ImportReport rest = importIntoWorkspace(*workspace_, file, options);
    EXPECT_EQ(rest.imported, 3000);
    EXPECT_EQ(rest.duplicates, 2000);
    EXPECT_EQ(postCount(), 5000);
    EXPECT_FALSE(rest.searchIndexBuiltAlongside);  // the workspace was no longer empty
    EXPECT_EQ(matches("numero"), 5000);
    EXPECT_TRUE(workspace_->checkIntegrity(true).empty());
}

TEST_F(ImportIntoWorkspace, IntoAnEmptyWorkspaceTheSearchIndexIsBuiltAlongside) {
    WorkspaceImportOptions options;
    options.batchSize = 700;
    ImportReport r = importIntoWorkspace(*workspace_, generated(3000), options);
    EXPECT_TRUE(r.searchIndexBuiltAlongside);
    EXPECT_EQ(workspace_->unindexedPosts(), 0);
    EXPECT_EQ(matches("numero"), 3000);
    EXPECT_EQ(matches("\"numero 2999\""), 1);
    EXPECT_TRUE(workspace_->checkIntegrity(true).empty());
}

TEST_F(ImportIntoWorkspace, NotAnExportRecordsNothing) {
    EXPECT_THROW(importIntoWorkspace(*workspace_, fixture("not_posts.json"), {}), ImportError);
    EXPECT_TRUE(workspace_->imports().empty());
}

}  // namespace
}  // namespace sentinela::storage
