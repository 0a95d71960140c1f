// insertPosts: counts, de-duplication, labels from the export, import bookkeeping.
#include <span>

#include "storage/content_hash.h"
#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

using ImportTest = WorkspaceTest;

TEST_F(ImportTest, CountsInsertedAndDuplicates) {
    const auto id = ws().startImport("posts.jsonl", "jsonl", "");
    const std::vector<PostRecord> batch = {makePost("1", "um"), makePost("2", "dois"),
                                           makePost("1", "um de novo")};
    const auto counts = ws().insertPosts(id, batch);
    EXPECT_EQ(counts.inserted, 2);
    EXPECT_EQ(counts.duplicates, 1);
    const auto again = ws().insertPosts(id, batch);
    EXPECT_EQ(again.inserted, 0);
    EXPECT_EQ(again.duplicates, 3);
    EXPECT_EQ(ws().stats().posts, 2);
}

TEST_F(ImportTest, SameIdInAnotherSourceIsAnotherPost) {
    const auto id = ws().startImport("a", "jsonl", "");
    const auto counts =
            ws().insertPosts(id, std::vector<PostRecord>{makePost("7", "a", "u", "", "x"),
                                                         makePost("7", "a", "u", "", "reddit")});
    EXPECT_EQ(counts.inserted, 2);
    // Looked up by the export's id alone, both are found, each with its source.
    const auto both = ws().findPostsByExternalId("7");
    ASSERT_EQ(both.size(), 2u);
    EXPECT_EQ(both[0].first, "reddit");
    EXPECT_EQ(both[1].first, "x");
    EXPECT_EQ(both[1].second, *ws().findPostId("x", "7"));
    EXPECT_TRUE(ws().findPostsByExternalId("8").empty());
}

TEST_F(ImportTest, WithoutExternalIdDedupsByContent) {
    const auto id = ws().startImport("a.csv", "csv", "");
    const std::vector<PostRecord> batch = {
            makePost("", "Mesmo  texto"),
            makePost("", "mesmo texto "),        // same after whitespace and ASCII case folding
            makePost("", "Mesmo texto", "bob"),  // another author: another post
            makePost("", "Mesmo texto", "alice", "2024-03-02T00:00:00Z")};  // another time
    const auto counts = ws().insertPosts(id, batch);
    EXPECT_EQ(counts.inserted, 3);
    EXPECT_EQ(counts.duplicates, 1);
}

// The import pipeline passes hashes computed on its reader thread: the same de-duplication as
// hashing inside insertPosts, and a count that does not match the posts is refused.
TEST_F(ImportTest, PrecomputedContentHashesDedupTheSame) {
    const auto id = ws().startImport("a.csv", "csv", "");
    const std::vector<PostRecord> batch = {makePost("", "Mesmo  texto"),
                                           makePost("", "mesmo texto ")};
    const std::vector<std::uint64_t> hashes = {contentHash(batch[0].text),
                                               contentHash(batch[1].text)};
    const auto counts = ws().insertPosts(id, batch, hashes);
    EXPECT_EQ(counts.inserted, 1);
    EXPECT_EQ(counts.duplicates, 1);
    EXPECT_EQ(ws().insertPosts(id, std::vector<PostRecord>{makePost("", "MESMO texto")}).duplicates,
              1);
    EXPECT_THROW(ws().insertPosts(id, batch, std::span(hashes).first(1)), WorkspaceError);
}

TEST_F(ImportTest, StoresEveryField) {
    auto p = makePost("42", "texto com acentuação", "carla", "2023-12-31T23:59:59Z", "mastodon");
    p.language = "pt-BR";
    p.raw = "{\"content\":\"<p>texto</p>\"}";
    const auto ids = importPosts({p});
    const auto row = ws().post(ids.at(0));
    ASSERT_TRUE(row);
    EXPECT_EQ(row->source, "mastodon");
    EXPECT_EQ(row->externalId, "42");
    EXPECT_EQ(row->author, "carla");
    EXPECT_EQ(row->createdAt, "2023-12-31T23:59:59Z");
    EXPECT_EQ(row->text, "texto com acentuação");
    EXPECT_EQ(row->language, "pt-BR");
    EXPECT_GT(row->importId, 0);
    EXPECT_EQ(ws().rawRecord(ids.at(0)), "{\"content\":\"<p>texto</p>\"}");
}

TEST_F(ImportTest, RawRecordIsOptional) {
    auto kept = makePost("1", "com registro");
    kept.raw = "1,ana,com registro";
    auto without = makePost("2", "sem registro");
    without.raw.clear();  // e.g. ImportOptions::keepRaw = false
    const auto ids = importPosts({kept, without});
    EXPECT_EQ(ws().rawRecord(ids.at(0)), "1,ana,com registro");
    EXPECT_EQ(ws().rawRecord(ids.at(1)), "");
    EXPECT_EQ(ws().rawRecord(999), "");
}

TEST_F(ImportTest, AppliesLabelsAndReportsUnknownOnes) {
    const auto id = ws().startImport("hatebr.jsonl", "jsonl", "offensive");
    auto a = makePost("a", "Mais um lixo");
    a.label = "offensive";
    auto b = makePost("b", "Bom dia");
    b.label = "not-offensive";
    auto c = makePost("c", "??");
    c.label = "ofensivo";
    c.line = 3;
    const auto counts = ws().insertPosts(id, std::vector<PostRecord>{a, b, c});
    EXPECT_EQ(counts.inserted, 3);
    EXPECT_EQ(counts.labeled, 2);
    ASSERT_EQ(counts.rejectedLabels.size(), 1u);
    EXPECT_EQ(counts.rejectedLabels[0].line, 3);
    EXPECT_NE(counts.rejectedLabels[0].reason.find("not-offensive, offensive"), std::string::npos);
    EXPECT_EQ(ws().currentLabels(*ws().findPostId("x", "a"), "offensive"),
              std::vector<std::string>{"offensive"});
    const auto history = ws().labelHistory(*ws().findPostId("x", "a"));
    ASSERT_EQ(history.size(), 1u);
    EXPECT_EQ(history[0].kind, "import");
}

TEST_F(ImportTest, MultiLabelImportSplitsOnBar) {
    const auto id = ws().startImport("x", "jsonl", "illegal-content");
    auto p = makePost("1", "vou te matar, seu macaco");
    p.label = "threat|discrimination";
    ws().insertPosts(id, std::vector<PostRecord>{p});
    EXPECT_EQ(ws().currentLabels(*ws().findPostId("x", "1"), "illegal-content"),
              (std::vector<std::string>{"threat", "discrimination"}));
}

TEST_F(ImportTest, UnknownLabelTaskIsAnError) {
    EXPECT_THROW(ws().startImport("x", "jsonl", "no-such-task"), WorkspaceError);
    EXPECT_THROW(ws().insertPosts(999, std::vector<PostRecord>{makePost("1", "a")}),
                 WorkspaceError);
}

TEST_F(ImportTest, FinishImportRecordsTotals) {
    const auto id = ws().startImport("dump.zst", "reddit", "");
    ImportTotals totals;
    totals.read = 10;
    totals.imported = 7;
    totals.duplicates = 2;
    totals.rejected = 1;
    totals.errorsJson = R"([{"line":4,"reason":"no text"}])";
    ws().finishImport(id, totals);
    const auto imports = ws().imports();
    ASSERT_EQ(imports.size(), 1u);
    EXPECT_EQ(imports[0].status, "done");
    EXPECT_EQ(imports[0].format, "reddit");
    EXPECT_EQ(imports[0].totals.imported, 7);
    EXPECT_EQ(imports[0].totals.rejected, 1);
    EXPECT_NE(imports[0].totals.errorsJson.find("no text"), std::string::npos);
}

TEST_F(ImportTest, PostsBecomeSearchableWhenTheImportFinishes) {
    const auto id = ws().startImport("a", "jsonl", "");
    ws().insertPosts(id, std::vector<PostRecord>{makePost("1", "eleição"), makePost("2", "não")});
    PostFilter search;
    search.text = "eleicao";
    EXPECT_EQ(ws().unindexedPosts(), 2);
    EXPECT_EQ(ws().stats().unindexedPosts, 2);
    EXPECT_EQ(ws().countPosts(search).count, 0);
    ws().finishImport(id, {});
    EXPECT_EQ(ws().unindexedPosts(), 0);
    EXPECT_EQ(ws().countPosts(search).count, 1);
    ws().insertPosts(id, std::vector<PostRecord>{makePost("3", "eleições gerais")});
    search.text = "elei*";
    std::vector<std::int64_t> progress;
    EXPECT_EQ(ws().updateSearchIndex([&](std::int64_t n) { progress.push_back(n); }), 1);
    EXPECT_EQ(progress, std::vector<std::int64_t>{1});
    EXPECT_EQ(ws().updateSearchIndex(), 0);
    EXPECT_EQ(ws().countPosts(search).count, 2);
    EXPECT_TRUE(ws().checkIntegrity(true).empty());
}

TEST_F(ImportTest, UnknownImportAddsNothing) {
    EXPECT_THROW(ws().finishImport(12345, {}), WorkspaceError);
    EXPECT_THROW(ws().insertPosts(12345, std::vector<PostRecord>{makePost("1", "a")}),
                 WorkspaceError);
    EXPECT_EQ(ws().stats().posts, 0);
    EXPECT_TRUE(ws().imports().empty());
}

}  // namespace
}  // namespace sentinela::storage::testing
