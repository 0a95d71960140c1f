// Pins storage/search_index_build.cpp: the search index of an import into an empty workspace,
// built beside it and installed at the end, answers exactly as the one Workspace builds itself,
// later imports extend it, and it is never installed over a workspace that changed meanwhile.
#include "storage/search_index_build.h"

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

std::vector<PostRecord> manyPosts(int first, int count) {
    std::vector<PostRecord> posts;
    for (int i = first; i < first + count; ++i) {
        // Accents and case vary so that "nao" must find "NÃO" through the index.
        const char* word = i % 3 == 0 ? "NÃO" : (i % 3 == 1 ? "ação" : "Sim");
        posts.push_back(makePost(std::to_string(i),
                                 std::string(word) + " post " + std::to_string(i) + " fim"));
    }
    return posts;
}

std::int64_t matches(Workspace& ws, const std::string& text) {
    PostFilter filter;
    filter.text = text;
    return ws.countPosts(filter).count;
}

class SearchIndexBuildTest : public WorkspaceTest {
protected:
    // Inserts the posts as an import does and hands them to the build; returns their ids.
    std::vector<std::int64_t> insert(std::int64_t importId,
                                     std::vector<PostRecord> posts,
                                     SearchIndexBuild* build) {
        auto counts = ws().insertPosts(importId, posts);
        if (build != nullptr) {
            build->add(std::move(posts), counts.postIds);
        }
        return counts.postIds;
    }
};

TEST_F(SearchIndexBuildTest, BuildsTheSameIndexAsTheWorkspaceAndLaterImportsExtendIt) {
    const auto importId = ws().startImport("big.jsonl", "jsonl", "", 3000);
    int recycled = 0;
    auto build = SearchIndexBuild::startFor(file_, [&](std::vector<PostRecord>&&) { ++recycled; });
    ASSERT_NE(build, nullptr);
    insert(importId, manyPosts(0, 1500), build.get());
    // A re-sent post is a duplicate: id 0, not indexed twice.
    const auto ids = insert(importId, manyPosts(1000, 1500), build.get());
    EXPECT_EQ(ids.front(), 0);
    EXPECT_NE(ids.back(), 0);
    EXPECT_EQ(matches(ws(), "nao"), 0);  // nothing installed yet
    EXPECT_TRUE(build->install());
    EXPECT_EQ(build->indexedPosts(), 2500);
    EXPECT_EQ(recycled, 2);
    ws().finishImport(importId, {});
    EXPECT_EQ(ws().unindexedPosts(), 0);
    EXPECT_EQ(matches(ws(), "nao"), 834);  // i % 3 == 0 for i < 2500
    EXPECT_EQ(matches(ws(), "ACAO"), 833);
    EXPECT_EQ(matches(ws(), "\"post 2499 fim\""), 1);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());  // includes FTS5's check against posts

    // The workspace now holds posts: the next import indexes the usual way, on top.
    EXPECT_EQ(SearchIndexBuild::startFor(file_, nullptr), nullptr);
    importPosts(manyPosts(2500, 300));
    EXPECT_EQ(matches(ws(), "nao"), 934);
    EXPECT_EQ(matches(ws(), "\"post 2799 fim\""), 1);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());
}

TEST_F(SearchIndexBuildTest, InstallsNothingWhenAnotherProcessImportedMeanwhile) {
    const auto importId = ws().startImport("big.jsonl", "jsonl", "", 1000);
    auto build = SearchIndexBuild::startFor(file_, nullptr);
    ASSERT_NE(build, nullptr);
    insert(importId, manyPosts(0, 600), build.get());
    {
        Workspace other(file_);  // a second process adds a post the build never saw
        const auto otherImport = other.startImport("other.jsonl", "jsonl", "");
        other.insertPosts(otherImport, std::vector<PostRecord>{makePost("z1", "NÃO outro")});
    }
    EXPECT_FALSE(build->install());
    EXPECT_EQ(matches(ws(), "nao"), 0);
    ws().finishImport(importId, {});  // indexes everything the usual way
    EXPECT_EQ(matches(ws(), "nao"), 201);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());
}

TEST_F(SearchIndexBuildTest, AnAbandonedBuildLeavesTheWorkspaceAsItWas) {
    const auto importId = ws().startImport("big.jsonl", "jsonl", "", 1000);
    {
        auto build = SearchIndexBuild::startFor(file_, nullptr);
        ASSERT_NE(build, nullptr);
        insert(importId, manyPosts(0, 300), build.get());
    }  // destroyed without install, as when the import fails
    EXPECT_EQ(ws().unindexedPosts(), 300);
    ws().finishImport(importId, {});
    EXPECT_EQ(matches(ws(), "nao"), 100);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());
}

TEST_F(SearchIndexBuildTest, NotForAFileThatIsNoWorkspace) {
    EXPECT_EQ(SearchIndexBuild::startFor(dir_ / "missing.sentinela", nullptr), nullptr);
}

}  // namespace
}  // namespace sentinela::storage::testing
