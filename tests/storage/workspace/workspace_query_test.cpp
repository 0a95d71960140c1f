// Full-text search, filters, sorting, paging, counts and the review queues.
#include "tests/storage/workspace/workspace_fixture.h"

namespace sentinela::storage::testing {
namespace {

class QueryTest : public WorkspaceTest {
protected:
    void SetUp() override {
        WorkspaceTest::SetUp();
        ids_ = importPosts({
                makePost("1", "Eu NÃO concordo com isso", "ana", "2024-01-01T10:00:00Z"),
                makePost("2", "nao sei, talvez", "bia", "2024-01-02T10:00:00Z"),
                makePost("3", "I do not agree at all", "ana", "2024-01-03T10:00:00Z", "reddit"),
                makePost("4", "Ação terrorista planejada", "caio", "2024-01-04T10:00:00Z"),
                makePost("5", "terrorismo é crime", "caio", ""),
                makePost("6", "bom dia a todos", "dani", "2024-01-06T10:00:00Z"),
        });
        ASSERT_EQ(ids_.size(), 6u);
    }
    std::vector<std::int64_t> idsOf(const PostFilter& filter, PageRequest page = {}) {
        std::vector<std::int64_t> ids;
        for (const auto& row : ws().findPosts(filter, page)) {
            ids.push_back(row.id);
        }
        return ids;
    }
    PostFilter text(std::string t) {
        PostFilter f;
        f.text = std::move(t);
        return f;
    }
    std::int64_t modelWithScores(const std::vector<std::pair<int, float>>& offensiveScores) {
        const auto model = ws().registerModel({"m1", "offensive", "m1.model", "", "{}", {}}, "ana");
        std::vector<Prediction> predictions;
        for (const auto& [index, score] : offensiveScores) {
            predictions.push_back({ids_[static_cast<std::size_t>(index)], {1 - score, score}});
        }
        ws().writePredictions(model, predictions);
        return model;
    }
    std::vector<std::int64_t> ids_;
};

TEST_F(QueryTest, FullTextIgnoresAccentsAndCase) {
    const struct {
        const char* why;
        const char* query;
        std::vector<int> expected;  // indexes into ids_
    } kCases[] = {
            {"unaccented finds accented", "nao", {0, 1}},
            {"accented finds unaccented", "NÃO", {0, 1}},
            {"words are ANDed", "nao sei", {1}},
            {"phrases keep order", "\"agree at all\"", {2}},
            {"prefix with a star", "terror*", {3, 4}},
            {"OR between words", "sei OR agree", {1, 2}},
            {"cedilla and tilde fold", "acao", {3}},
            {"no match", "inexistente", {}},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        std::vector<std::int64_t> expected;
        for (const int i : c.expected) {
            expected.push_back(ids_[static_cast<std::size_t>(i)]);
        }
        EXPECT_EQ(idsOf(text(c.query)), expected);
        EXPECT_EQ(ws().countPosts(text(c.query)).count, static_cast<std::int64_t>(expected.size()));
    }
}

TEST_F(QueryTest, SearchTextNeverCausesASyntaxError) {
    for (const char* query : {"\"", "((", "AND", "OR", "NEAR(", "a:b", "*", "-x", "😀", "\"unclosed",
                              "col:terror", "^start", "x OR", "\"\"*"}) {
        SCOPED_TRACE(query);
        EXPECT_NO_THROW(ws().findPosts(text(query), {}));
        EXPECT_NO_THROW(ws().countPosts(text(query)));
    }
}

TEST_F(QueryTest, FiltersBySourceAuthorAndDate) {
    PostFilter f;
    f.source = "reddit";
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[2]});
    f = {};
    f.author = "ana";
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[0], ids_[2]}));
    f = {};
    f.createdFrom = "2024-01-02";
    f.createdTo = "2024-01-04T10:00:00Z";
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[1], ids_[2]}));
    f.createdTo = "";
    EXPECT_EQ(ws().countPosts(f).count, 4);  // the post without a date is outside any range
}

TEST_F(QueryTest, SortsAndPages) {
    PageRequest page;
    page.sort = SortKey::kDate;
    page.descending = true;
    page.limit = 2;
    EXPECT_EQ(idsOf({}, page), (std::vector<std::int64_t>{ids_[5], ids_[3]}));
    page.offset = 2;
    EXPECT_EQ(idsOf({}, page), (std::vector<std::int64_t>{ids_[2], ids_[1]}));

    PageRequest keyset;
    keyset.sort = SortKey::kId;
    keyset.limit = 4;
    keyset.afterId = ids_[1];
    EXPECT_EQ(idsOf({}, keyset), (std::vector<std::int64_t>{ids_[2], ids_[3], ids_[4], ids_[5]}));
    keyset.descending = true;
    keyset.afterId = ids_[2];
    EXPECT_EQ(idsOf({}, keyset), (std::vector<std::int64_t>{ids_[1], ids_[0]}));
    keyset.afterId = ids_[4];
    EXPECT_EQ(idsOf(text("terror*"), keyset), std::vector<std::int64_t>{ids_[3]});
}

// A count of full text alone reads only the search index; with anything else it joins the
// posts. Both must agree with the pages.
TEST_F(QueryTest, FullTextCountsAgreeWithPages) {
    modelWithScores({{0, 0.9f}, {1, 0.2f}, {3, 0.95f}});
    PostFilter alone = text("nao OR terror*");
    PostFilter withTask = alone;
    withTask.task = "offensive";  // joins the model's predictions (LEFT JOIN)
    PostFilter withAuthor = alone;
    withAuthor.author = "caio";
    PostFilter withScore = withTask;
    withScore.minScore = 0.5;
    PostFilter unlabeled = withTask;
    unlabeled.unlabeled = true;
    ws().setLabel(ids_[4], "offensive", "offensive", "ana");
    const struct {
        const char* why;
        PostFilter filter;
        std::int64_t expected;
    } kCases[] = {{"text alone", alone, 4},
                  {"text and a task with a model", withTask, 4},
                  {"text and an author", withAuthor, 2},
                  {"text and a score", withScore, 2},
                  {"text, unlabeled only", unlabeled, 3}};
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        EXPECT_EQ(static_cast<std::int64_t>(idsOf(c.filter).size()), c.expected);
        EXPECT_EQ(ws().countPosts(c.filter).count, c.expected);
        const auto capped = ws().countPosts(c.filter, 1);
        EXPECT_EQ(capped.count, 1);
        EXPECT_FALSE(capped.exact);
    }
}

TEST_F(QueryTest, CountStopsAtTheCap) {
    EXPECT_EQ(ws().countPosts({}).count, 6);
    const auto capped = ws().countPosts({}, 4);
    EXPECT_EQ(capped.count, 4);
    EXPECT_FALSE(capped.exact);
    EXPECT_TRUE(ws().countPosts({}, 6).exact);
}

TEST_F(QueryTest, FiltersByHumanLabel) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    ws().setLabel(ids_[1], "offensive", "not-offensive", "ana");
    PostFilter f;
    f.task = "offensive";
    f.labels = {"offensive"};
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[0]});
    f.labels = {"offensive", "not-offensive"};
    EXPECT_EQ(ws().countPosts(f).count, 2);
    f.labels = {};
    f.unlabeled = true;
    EXPECT_EQ(ws().countPosts(f).count, 4);
    const auto rows = ws().findPosts(f, {});
    EXPECT_TRUE(rows.front().labels.empty());
    f.unlabeled = false;
    EXPECT_EQ(ws().post(ids_[0], "offensive")->labels, std::vector<std::string>{"offensive"});
    f.labels = {"nope"};
    EXPECT_THROW(ws().findPosts(f, {}), WorkspaceError);
}

TEST_F(QueryTest, LabelFilterWithoutTaskIsAnError) {
    PostFilter f;
    f.unlabeled = true;
    EXPECT_THROW(ws().findPosts(f, {}), WorkspaceError);
}

TEST_F(QueryTest, FiltersByPredictionAndScore) {
    modelWithScores({{0, 0.9f}, {1, 0.2f}, {2, 0.6f}, {3, 0.45f}});
    PostFilter f;
    f.task = "offensive";
    f.predictedLabel = "offensive";
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[0], ids_[2]}));
    f = {};
    f.task = "offensive";
    f.minScore = 0.4;
    f.maxScore = 0.7;
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[2], ids_[3]}));
    PageRequest byScore;
    byScore.sort = SortKey::kScore;
    byScore.descending = true;
    PostFilter all;
    all.task = "offensive";
    const auto rows = ws().findPosts(all, byScore);
    ASSERT_EQ(rows.size(), 6u);
    EXPECT_EQ(rows[0].id, ids_[0]);
    ASSERT_TRUE(rows[0].prediction);
    EXPECT_FLOAT_EQ(rows[0].prediction->flagScore, 0.9f);
    EXPECT_EQ(rows[0].prediction->predictedLabels, std::vector<std::string>{"offensive"});
    EXPECT_EQ(rows[0].prediction->model, "m1");
    EXPECT_FALSE(rows[5].prediction);  // unscored posts last
}

TEST_F(QueryTest, FlaggedQueueSkipsDecidedPosts) {
    modelWithScores({{0, 0.9f}, {1, 0.2f}, {2, 0.6f}, {3, 0.95f}});
    ws().setLabel(ids_[3], "offensive", "offensive", "ana");
    PostFilter f;
    f.task = "offensive";
    f.queue = Queue::kFlagged;
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[0], ids_[2], ids_[1]}));
}

TEST_F(QueryTest, UncertainQueueOrdersBySmallestMargin) {
    modelWithScores({{0, 0.9f}, {1, 0.52f}, {2, 0.6f}});
    PostFilter f;
    f.task = "offensive";
    f.queue = Queue::kUncertain;
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[1], ids_[2], ids_[0]}));
}

TEST_F(QueryTest, DisagreementsCompareModelAndHuman) {
    modelWithScores({{0, 0.9f}, {1, 0.2f}, {2, 0.6f}});
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");      // agrees
    ws().setLabel(ids_[1], "offensive", "offensive", "ana");      // disagrees
    ws().setLabel(ids_[2], "offensive", "not-offensive", "ana");  // disagrees
    PostFilter f;
    f.task = "offensive";
    f.queue = Queue::kDisagreements;
    EXPECT_EQ(idsOf(f), (std::vector<std::int64_t>{ids_[2], ids_[1]}));
}

TEST_F(QueryTest, UnlabeledQueueAndQueuesWithoutModel) {
    ws().setLabel(ids_[0], "offensive", "offensive", "ana");
    PostFilter f;
    f.task = "offensive";
    f.queue = Queue::kUnlabeled;
    EXPECT_EQ(ws().countPosts(f).count, 5);
    f.queue = Queue::kFlagged;  // no model yet: empty, not an error
    EXPECT_TRUE(ws().findPosts(f, {}).empty());
    EXPECT_EQ(ws().countPosts(f).count, 0);
}

TEST_F(QueryTest, DictionaryHitsQueueUsesTheTaskKeywords) {
    PostFilter f;
    f.task = "illegal-content";
    f.queue = Queue::kDictionaryHits;
    ws().addKeyword("illegal-content", "terrorism", "terroris*", "ana");
    const auto hits = idsOf(f);
    EXPECT_EQ(hits, (std::vector<std::int64_t>{ids_[4], ids_[3]}));  // newest first
    ws().setLabel(ids_[4], "illegal-content", "terrorism", "ana");
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[3]});
    f.text = "planejada";
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[3]});
    f.text = "bom";
    EXPECT_TRUE(idsOf(f).empty());
}

TEST_F(QueryTest, CombinesFullTextWithOtherFilters) {
    modelWithScores({{0, 0.9f}, {1, 0.2f}});
    PostFilter f = text("nao");
    f.task = "offensive";
    f.minScore = 0.5;
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[0]});
    f = text("nao");
    f.author = "bia";
    EXPECT_EQ(idsOf(f), std::vector<std::int64_t>{ids_[1]});
}

}  // namespace
}  // namespace sentinela::storage::testing
