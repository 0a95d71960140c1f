// Pins storage/raw_blocks.cpp through the Workspace: every post gets back exactly its own raw
// record from the compressed blocks, across block and batch boundaries, with posts without a
// record and duplicates in between; a damaged block is an error that names the post.
#include <sqlite3.h>

#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

std::string rawOf(int i) {
    if (i % 5 == 0) {
        return "";  // no record kept for this one
    }
    std::string raw = "{\"id\":\"" + std::to_string(i) + "\",\"text\":\"não é nada 🙂\"}";
    if (i == 1234) {
        raw += std::string(200000, 'x');  // one very long record
    }
    return raw;
}

std::vector<PostRecord> postsWithRaw(int first, int count) {
    std::vector<PostRecord> posts;
    for (int i = first; i < first + count; ++i) {
        auto post = makePost(std::to_string(i), "post " + std::to_string(i));
        post.raw = rawOf(i);
        posts.push_back(std::move(post));
    }
    return posts;
}

using RawBlockTest = WorkspaceTest;

TEST_F(RawBlockTest, EveryPostGetsItsOwnRecordBack) {
    importPosts(postsWithRaw(0, 2600));     // three blocks in one batch
    importPosts(postsWithRaw(2000, 1000));  // 600 duplicates, then 400 new posts
    for (int i = 0; i < 3000; ++i) {
        const auto id = ws().findPostId("x", std::to_string(i));
        ASSERT_TRUE(id) << i;
        ASSERT_EQ(ws().rawRecord(*id), rawOf(i)) << i;
    }
    EXPECT_EQ(ws().rawRecord(999999), "");
}

TEST_F(RawBlockTest, ADamagedBlockIsAnErrorNamingThePost) {
    importPosts(postsWithRaw(1, 10));
    ws_.reset();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(file_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, "UPDATE post_raw_blocks SET records = x'00112233'", nullptr, nullptr,
                           nullptr),
              SQLITE_OK);
    sqlite3_close(db);
    ws_ = std::make_unique<Workspace>(file_);
    const auto id = ws().findPostId("x", "1");
    ASSERT_TRUE(id);
    try {
        ws().rawRecord(*id);
        FAIL() << "no error for a damaged block";
    } catch (const WorkspaceError& e) {
        EXPECT_NE(std::string(e.what()).find("post " + std::to_string(*id)), std::string::npos)
                << e.what();
    }
}

}  // namespace
}  // namespace sentinela::storage::testing
