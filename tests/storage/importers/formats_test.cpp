// What each format importer must get right, written out by hand (the golden files pin the rest).
#include <algorithm>
#include <gtest/gtest.h>

#include "tests/storage/importers/import_test_support.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

using testing::fixture;
using testing::readAll;

const PostRecord* byId(const testing::ReadAll& r, const std::string& id) {
    auto it = std::find_if(r.posts.begin(), r.posts.end(),
                           [&](const PostRecord& p) { return p.externalId == id; });
    return it == r.posts.end() ? nullptr : &*it;
}

TEST(CsvImport, ReadsSemicolonCsvWithBomQuotesAndNewlines) {
    ImportOptions options;
    options.fields.label = "rotulo";
    auto r = readAll(fixture("posts_ptbr.csv"), options);
    ASSERT_EQ(r.posts.size(), 5u);
    EXPECT_EQ(r.posts[0].externalId, "101");  // the BOM did not stick to the "id" column name
    EXPECT_EQ(r.posts[0].text, "Que dia lindo em São Paulo! ☀️");
    EXPECT_EQ(r.posts[0].createdAt, "2024-03-12T14:05:09Z");
    EXPECT_EQ(r.posts[0].label, "positivo");
    EXPECT_EQ(r.posts[1].createdAt, "2024-03-12T18:00:00Z");  // -03:00 converted to UTC
    EXPECT_EQ(r.posts[2].text, "Primeira linha\nsegunda linha com \"aspas\" e ação");
    EXPECT_EQ(r.posts[2].line, 4);
    EXPECT_EQ(r.posts[2].createdAt, "2024-03-12T17:05:09Z");  // epoch seconds
    EXPECT_FALSE(r.posts[3].label.has_value());               // empty label cell: no label
    EXPECT_EQ(r.posts[4].createdAt, "");                      // "ontem à noite" is no date
    EXPECT_EQ(r.report.datesNotUnderstood, 1);
    EXPECT_EQ(r.report.skipped, 1);
    ASSERT_EQ(r.report.rejected, 1);
    EXPECT_EQ(r.report.rejectedLines[0].line, 7);
    EXPECT_NE(r.report.rejectedLines[0].reason.find("expected 5 fields"), std::string::npos);
    EXPECT_EQ(r.report.read, 7);
}

TEST(CsvImport, ReadsLatin1Files) {
    auto dir = sentinela::testing::makeTempDir();
    testing::writeFile(dir / "latin1.csv", "texto,autor\n\"Cora\xe7\xe3o partido\",z\xe9\n");
    auto r = readAll(dir / "latin1.csv");
    ASSERT_EQ(r.posts.size(), 1u);
    EXPECT_EQ(r.posts[0].text, "Coração partido");
    EXPECT_EQ(r.posts[0].author, "zé");
    std::filesystem::remove_all(dir);
}

TEST(CsvImport, ExplicitMappingAndMissingColumns) {
    auto dir = sentinela::testing::makeTempDir();
    testing::writeFile(dir / "custom.csv", "mensagem_original,quem\nolá,ana\n");
    ImportOptions options;
    options.fields.text = "mensagem_original";
    options.fields.author = "QUEM";  // column names match case-insensitively
    auto r = readAll(dir / "custom.csv", options);
    ASSERT_EQ(r.posts.size(), 1u);
    EXPECT_EQ(r.posts[0].author, "ana");
    options.fields.text = "body";
    try {
        readAll(dir / "custom.csv", options);
        FAIL() << "expected ImportError";
    } catch (const ImportError& e) {
        EXPECT_NE(std::string(e.what()).find("no column named \"body\""), std::string::npos);
        EXPECT_NE(e.remedy().find("mensagem_original, quem"), std::string::npos);
    }
    std::filesystem::remove_all(dir);
}

TEST(JsonImport, MapsDottedPathsAndRejectsBadLines) {
    ImportOptions options;
    options.fields.author = "user.handle";
    options.fields.label = "meta.label";
    auto r = readAll(fixture("generic.jsonl"), options);
    ASSERT_EQ(r.posts.size(), 4u);
    EXPECT_EQ(r.posts[0].author, "lucia_r");
    EXPECT_EQ(r.posts[0].label, "positivo");
    EXPECT_EQ(r.posts[1].text, "Serviço péssimo, não recomendo");  // mojibake repaired
    EXPECT_EQ(r.posts[1].createdAt, "2024-02-01T10:00:00Z");
    EXPECT_EQ(r.posts[3].text, "Multi\nline\ttext with \"quotes\" and ç escapes");
    EXPECT_EQ(r.report.rejected, 3);
    std::vector<std::int64_t> lines;
    for (const auto& rej : r.report.rejectedLines) {
        lines.push_back(rej.line);
    }
    EXPECT_EQ(lines, (std::vector<std::int64_t>{5, 6, 7}));
}

TEST(JsonImport, FindsRecordsInsideAnObject) {
    auto r = readAll(fixture("generic_array.json"));
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].externalId, "a1");
    EXPECT_EQ(r.posts[1].author, "diego");
    EXPECT_EQ(r.posts[1].line, 10);
    EXPECT_EQ(r.report.skipped, 1);
}

TEST(JsonImport, ReadsAPlainListOfTexts) {
    auto dir = sentinela::testing::makeTempDir();
    testing::writeFile(dir / "texts.json", "[\"primeiro post\", \"  \", \"second post\", 7]");
    auto r = readAll(dir / "texts.json");
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[1].text, "second post");
    EXPECT_EQ(r.report.skipped, 1);
    EXPECT_EQ(r.report.rejected, 1);
    std::filesystem::remove_all(dir);
}

TEST(CsvImport, FilesWithoutAHeaderUseColumnNumbers) {
    auto dir = sentinela::testing::makeTempDir();
    testing::writeFile(dir / "raw.csv", "1,ana,olá mundo\n2,bia,tudo bem\n");
    ImportOptions options;
    options.csvHasHeader = false;
    options.fields.text = "3";
    options.fields.author = "2";
    auto r = readAll(dir / "raw.csv", options);
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].text, "olá mundo");
    EXPECT_EQ(r.posts[0].line, 1);
    EXPECT_EQ(r.posts[1].author, "bia");
    EXPECT_EQ(listFields(dir / "raw.csv", options), (std::vector<std::string>{"1", "2", "3"}));
    std::filesystem::remove_all(dir);
}

TEST(XImport, ApiV2UsesNoteTweetAndDecodesEntities) {
    auto r = readAll(fixture("x_api.jsonl"));
    const PostRecord* first = byId(r, "1767000000000000001");
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->source, "x");
    EXPECT_EQ(first->text, "Bom dia, Brasil! Hoje tem jogo & churrasco 🇧🇷");
    EXPECT_EQ(first->author, "11111");
    EXPECT_EQ(first->language, "pt");
    const PostRecord* longPost = byId(r, "1767000000000000002");
    ASSERT_NE(longPost, nullptr);
    EXPECT_NE(longPost->text.find("up to 25,000 characters"), std::string::npos);
    const PostRecord* wrapped = byId(r, "1767000000000000003");
    ASSERT_NE(wrapped, nullptr);
    EXPECT_EQ(wrapped->language, "");  // zxx is not a language
    EXPECT_EQ(r.report.rejected, 1);   // "text": null
    EXPECT_EQ(r.posts.size(), 4u);     // the repeated tweet is the workspace's to de-duplicate
}

TEST(XImport, ArchiveTweetsJs) {
    auto r = readAll(fixture("tweets.js"));
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].externalId, "1050118621198921728");
    EXPECT_EQ(r.posts[0].createdAt, "2018-10-10T20:19:24Z");
    EXPECT_EQ(r.posts[0].text, "Eleição chegando & o grupo da família já está pegando fogo 🔥");
    EXPECT_EQ(r.posts[1].createdAt, "2018-10-11T06:00:00Z");  // -0300
    EXPECT_EQ(r.posts[1].text, "Two lines\nin one tweet <3");
    ASSERT_EQ(r.report.rejected, 1);
    EXPECT_NE(r.report.rejectedLines[0].reason.find("full_text"), std::string::npos);
}

TEST(RedditImport, CommentsSkipDeletedAndDecodeEntities) {
    auto r = readAll(fixture("reddit_comments.jsonl"));
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].source, "reddit");
    EXPECT_EQ(r.posts[0].externalId, "t1_kq1abcd");
    EXPECT_EQ(r.posts[0].text, "Isso é um absurdo > precisa denunciar & rápido");
    EXPECT_EQ(r.posts[0].createdAt, "2024-03-12T14:05:09Z");
    EXPECT_EQ(r.posts[1].createdAt, "2024-03-12T14:10:00Z");  // created_utc as a string
    EXPECT_EQ(r.report.skippedByReason.at("deleted or removed"), 2);
    EXPECT_EQ(r.report.rejected, 2);  // body is an array; a line cut short
}

TEST(RedditImport, SubmissionsJoinTitleAndSelftext) {
    auto r = readAll(fixture("reddit_submissions.jsonl"));
    ASSERT_EQ(r.posts.size(), 3u);
    EXPECT_EQ(r.posts[0].externalId, "t3_1bb0001");
    EXPECT_EQ(r.posts[0].text,
              "Preço do café\n\nAlguém mais acha que o preço do café está absurdo?\n\nPaguei R$ 30 "
              "no quilo.");
    EXPECT_EQ(r.posts[1].text, "Scientists discover new species of frog & toad");
    EXPECT_EQ(r.posts[2].text, "Título que ficou após remoção");
    EXPECT_EQ(r.report.skipped, 1);
}

TEST(MastodonImport, HtmlBecomesTextAndBoostsAreSkipped) {
    auto r = readAll(fixture("outbox.json"));
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].text,
              "Primeiro parágrafo com @alguem & amigos.\n\nSegunda linha\nterceira linha\nfim <3");
    EXPECT_EQ(r.posts[0].language, "pt");
    EXPECT_EQ(r.posts[0].externalId,
              "https://mastodon.social/users/ana/statuses/111000000000000001");
    EXPECT_EQ(r.posts[0].author, "https://mastodon.social/users/ana");
    EXPECT_EQ(r.posts[1].text, "CW: política\n\nI'm tired of this \"debate\" 🙄 #politics");
    EXPECT_EQ(r.report.skippedByReason.at("boost"), 2);
}

TEST(TelegramImport, FlattensEntitiesSkipsServiceAndToleratesBadEscapes) {
    auto r = readAll(fixture("telegram_result.json"));
    ASSERT_EQ(r.posts.size(), 3u);
    EXPECT_EQ(r.posts[0].text, "Bom dia, família! ❤️");
    EXPECT_EQ(r.posts[0].externalId, "4000000001:11");
    EXPECT_EQ(r.posts[0].createdAt, "2024-03-12T10:05:00Z");
    EXPECT_EQ(r.posts[1].text, "Vejam isso: https://example.com/noticia é FAKE!");
    EXPECT_EQ(r.posts[1].author, "João");
    EXPECT_EQ(r.posts[2].text, "Café pronto na cozinha");  // "\xe9" read as é
    EXPECT_EQ(r.report.skippedByReason.at("service message"), 1);
    EXPECT_EQ(r.report.skippedByReason.at("no text (media only)"), 1);
    EXPECT_EQ(r.report.rejected, 1);  // "text": 42
}

TEST(MetaImport, FacebookPostsUndoTheByteEscapes) {
    auto r = readAll(fixture("facebook_posts.json"));
    ASSERT_EQ(r.posts.size(), 2u);
    EXPECT_EQ(r.posts[0].source, "facebook");
    EXPECT_EQ(r.posts[0].text, "Não acredito que a eleição já é amanhã 😂 ação!");
    EXPECT_EQ(r.posts[0].createdAt, "2024-03-12T14:05:09Z");
    EXPECT_EQ(r.posts[1].text, "Plain ASCII post, nothing to repair");
    EXPECT_EQ(r.report.skipped, 1);  // the photo-only post
}

TEST(MetaImport, FacebookCommentsAndInstagramComments) {
    auto fb = readAll(fixture("facebook_comments.json"));
    ASSERT_EQ(fb.posts.size(), 2u);
    EXPECT_EQ(fb.posts[0].text, "Parabéns pelo aniversário! 🎉");
    EXPECT_EQ(fb.posts[0].author, "Maria Conceição");
    auto ig = readAll(fixture("instagram_comments.json"));
    ASSERT_EQ(ig.posts.size(), 2u);
    EXPECT_EQ(ig.posts[0].source, "instagram");
    EXPECT_EQ(ig.posts[0].text, "Que foto incrível 😍 São Paulo à noite");
    EXPECT_EQ(ig.posts[0].createdAt, "2024-03-08T12:13:20Z");
}

TEST(WhatsAppImport, AndroidPtBr) {
    auto r = readAll(fixture("whatsapp_android_ptbr.txt"));
    ASSERT_EQ(r.posts.size(), 3u);
    EXPECT_EQ(r.posts[0].author, "Maria");
    EXPECT_EQ(r.posts[0].createdAt, "2024-03-12T14:05:00Z");
    EXPECT_EQ(r.posts[1].text, "Tudo ótimo!\nAcabei de chegar em casa.\nAmanhã eu ligo.");
    EXPECT_EQ(r.posts[1].line, 4);
    EXPECT_EQ(r.posts[2].createdAt, "2024-03-13T08:15:00Z");
    EXPECT_EQ(r.report.skippedByReason.at("system message"), 3);
    EXPECT_EQ(r.report.skippedByReason.at("media omitted"), 1);
    EXPECT_EQ(r.report.skippedByReason.at("deleted message"), 1);
}

TEST(WhatsAppImport, IosAndUsFormatsAndLocalTime) {
    ImportOptions brasilia;
    brasilia.localUtcOffsetMinutes = -180;
    auto ios = readAll(fixture("whatsapp_ios_ptbr.txt"), brasilia);
    ASSERT_EQ(ios.posts.size(), 3u);
    EXPECT_EQ(ios.posts[0].createdAt, "2024-03-12T17:05:30Z");
    EXPECT_EQ(ios.posts[1].text, "Chegou sim\nveio tudo certo 👍");
    EXPECT_EQ(ios.posts[2].createdAt, "2024-03-26T00:00:00Z");  // 25/03 21:00 in Brasília
    auto en = readAll(fixture("whatsapp_en.txt"));
    ASSERT_EQ(en.posts.size(), 3u);
    EXPECT_EQ(en.posts[0].createdAt, "2024-03-12T14:05:00Z");  // month first, PM
    EXPECT_EQ(en.posts[1].text, "Yes! 7pm at the usual place\nDon't be late this time 😂");
    EXPECT_EQ(en.posts[2].createdAt, "2024-03-13T00:02:00Z");  // 12:02 AM is just after midnight
}

}  // namespace
}  // namespace sentinela::storage
