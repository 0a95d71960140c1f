// Pins nlp/tokenizer.cpp, nlp/tokenizer_format.cpp and the two vocabularies.
#include "nlp/tokenizer.h"

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <string>
#include <thread>

#include "nlp/text_repair.h"
#include "tests/nlp/test_corpus.h"
#include "tests/support/test_paths.h"

using namespace sentinela::nlp;
using sentinela::nlp::testing::smallCorpus;

namespace {

TokenizerOptions optionsFor(VocabularyKind kind, int vocabularySize = 300) {
    TokenizerOptions options;
    options.kind = kind;
    options.vocabularySize = vocabularySize;
    options.wordMinCount = 1;
    return options;
}

// One tokenizer of each kind, trained once for the whole file.
const Tokenizer& trained(VocabularyKind kind) {
    static const Tokenizer unigram =
            Tokenizer::train(smallCorpus(), optionsFor(VocabularyKind::kUnigram));
    static const Tokenizer bpe = Tokenizer::train(smallCorpus(), optionsFor(VocabularyKind::kBpe));
    static const Tokenizer word =
            Tokenizer::train(smallCorpus(), optionsFor(VocabularyKind::kWord));
    return kind == VocabularyKind::kUnigram ? unigram : kind == VocabularyKind::kBpe ? bpe : word;
}

const struct {
    const char* name;
    VocabularyKind kind;
} kKinds[] = {{"unigram", VocabularyKind::kUnigram},
              {"bpe", VocabularyKind::kBpe},
              {"word", VocabularyKind::kWord}};

// Posts with every kind of trouble; tests below run all of them through every tokenizer.
const std::vector<std::string>& trickyPosts() {
    static const std::vector<std::string> posts = {
            "",
            "   \t\n ",
            "Não é possível!!!! Muuuuito bom 😂😂😂",
            "@fulano veja https://t.co/abc123, é sério #ForaTodos",
            "I really LOVE this ❤️ 👍🏽 👨‍👩‍👧‍👦 🇧🇷",
            "nÃ£o sei &amp; &gt; você?",
            "invalid \xFF\xFE bytes \xE2\x82",
            "ｆｕｌｌ ｗｉｄｔｈ １２３",
            "שלום עולם مرحبا",
            "e\u0301 na\u0303o café",
            "R$ 1.000,50 às 10:30 mail a.b@c.com.br",
            "palavrasemespaçonenhumaaquiparatestarumapalavramuitolonga",
            "\u2581literal sentencepiece space\u2581",
            "<url> <unk> <pad> typed by hand",
    };
    return posts;
}

std::vector<std::int32_t> idsOf(const std::vector<Token>& tokens) {
    std::vector<std::int32_t> ids;
    for (const auto& t : tokens) ids.push_back(t.id);
    return ids;
}

// As QString::fromUtf8 counts: invalid sequences become one U+FFFD each (toValidUtf8).
std::int32_t utf16Length(std::string_view bytes) {
    const std::string utf8 = toValidUtf8(bytes);
    std::int32_t units = 0;
    for (const char c : utf8) {
        const auto b = static_cast<unsigned char>(c);
        if ((b & 0xC0) != 0x80)
            units += b >= 0xF0 ? 2 : 1;
    }
    return units;
}

}  // namespace

TEST(Tokenizer, ReservesPadUnknownAndPlaceholderIds) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const Tokenizer& tokenizer = trained(k.kind);
        EXPECT_EQ(tokenizer.piece(Tokenizer::kPadId), "<pad>");
        EXPECT_EQ(tokenizer.piece(Tokenizer::kUnknownId), "<unk>");
        EXPECT_EQ(tokenizer.piece(2), "<url>");
        EXPECT_EQ(tokenizer.piece(3), "<mention>");
        EXPECT_EQ(tokenizer.piece(4), "<email>");
        EXPECT_EQ(tokenizer.piece(5), "<number>");
        EXPECT_GT(tokenizer.vocabularySize(), 40);
        EXPECT_LE(tokenizer.vocabularySize(), 300);
        EXPECT_THROW(tokenizer.piece(-1), TokenizerError);
        EXPECT_THROW(tokenizer.piece(tokenizer.vocabularySize()), TokenizerError);
    }
}

TEST(Tokenizer, EncodesPlaceholdersAsTheirOwnIds) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const Tokenizer& tokenizer = trained(k.kind);
        std::vector<std::int32_t> ids;
        tokenizer.encodeIds("@ana https://x.com/a a@b.com 42", ids);
        std::vector<std::int32_t> placeholders;
        for (const auto id : ids) {
            if (id >= 2 && id <= 5)
                placeholders.push_back(id);
        }
        EXPECT_EQ(placeholders, (std::vector<std::int32_t>{3, 2, 4, 5}));
        EXPECT_EQ(std::count(ids.begin(), ids.end(), Tokenizer::kPadId), 0);
    }
}

TEST(Tokenizer, EncodeIdsAgreesWithEncodeWithOffsets) {
    for (const auto& k : kKinds) {
        for (const auto& post : trickyPosts()) {
            SCOPED_TRACE(std::string(k.name) + ": " + post);
            std::vector<std::int32_t> ids = {99};
            trained(k.kind).encodeIds(post, ids);
            EXPECT_EQ(ids, idsOf(trained(k.kind).encodeWithOffsets(post)));
        }
    }
}

TEST(Tokenizer, EmptyAndWhitespaceOnlyPostsHaveNoTokens) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        std::vector<std::int32_t> ids = {7};
        trained(k.kind).encodeIds("", ids);
        EXPECT_TRUE(ids.empty());
        trained(k.kind).encodeIds(" \t\n\u00A0 ", ids);
        EXPECT_TRUE(ids.empty());
        EXPECT_TRUE(trained(k.kind).encodeWithOffsets("").empty());
    }
}

TEST(Tokenizer, WordOffsetsPointAtTheOriginalWords) {
    const struct {
        const char* why;
        std::string in;
        std::vector<std::string_view> words;
    } kCases[] = {
            {"accents and case", "NÃO é Verdade", {"NÃO", "é", "Verdade"}},
            {"elongation and punctuation", "Muuuuito bom!!!!", {"Muuuuito", "bom", "!!!!"}},
            {"placeholders", "@ana viu https://t.co/x 10", {"@ana", "viu", "https://t.co/x", "10"}},
            {"hashtag", "#ForaTodos", {"#", "Fora", "Todos"}},
            {"emoji", "top😂👍🏽", {"top", "😂", "👍🏽"}},
            {"mojibake and entity", "nÃ£o &amp; sim", {"nÃ£o", "&amp;", "sim"}},
            {"invalid bytes", "a\xFF b", {"a", "\xFF", "b"}},
            {"full width", "ｏｋ！", {"ｏｋ", "！"}},
            {"right-to-left", "שלום עולם", {"שלום", "עולם"}},
    };
    const Tokenizer& tokenizer = trained(VocabularyKind::kWord);
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        const auto tokens = tokenizer.encodeWithOffsets(c.in);
        ASSERT_EQ(tokens.size(), c.words.size());
        for (std::size_t i = 0; i < tokens.size(); ++i) {
            const auto& t = tokens[i];
            EXPECT_EQ(std::string_view(c.in).substr(t.byteBegin, t.byteEnd - t.byteBegin),
                      c.words[i]);
        }
    }
}

TEST(Tokenizer, SubwordOffsetsCoverTheirPieces) {
    for (const auto& k : kKinds) {
        for (const auto& post : trickyPosts()) {
            SCOPED_TRACE(std::string(k.name) + ": " + post);
            const Tokenizer& tokenizer = trained(k.kind);
            std::int32_t previousBegin = 0;
            for (const auto& t : tokenizer.encodeWithOffsets(post)) {
                ASSERT_LE(0, t.byteBegin);
                ASSERT_LE(t.byteBegin, t.byteEnd);
                ASSERT_LE(t.byteEnd, static_cast<std::int32_t>(post.size()));
                EXPECT_LE(previousBegin, t.byteBegin);
                previousBegin = t.byteBegin;
                const std::string_view original =
                        std::string_view(post).substr(t.byteBegin, t.byteEnd - t.byteBegin);
                EXPECT_EQ(t.utf16Begin, utf16Length(std::string_view(post).substr(0, t.byteBegin)));
                EXPECT_EQ(t.utf16End - t.utf16Begin, utf16Length(original));
                // The piece, without sentencepiece's space mark, is what the original span
                // normalizes to (or part of it, where NFKC made two letters of one).
                std::string piece = t.id == Tokenizer::kUnknownId ? "" : tokenizer.piece(t.id);
                if (piece.starts_with("\u2581"))
                    piece.erase(0, 3);
                EXPECT_NE(tokenizer.normalize(original).find(piece), std::string::npos)
                        << "piece '" << piece << "' original '" << original << "'";
            }
        }
    }
}

TEST(Tokenizer, Utf16OffsetsCountSurrogatePairs) {
    const Tokenizer& tokenizer = trained(VocabularyKind::kWord);
    const auto tokens = tokenizer.encodeWithOffsets("😀 não");
    ASSERT_EQ(tokens.size(), 2u);
    EXPECT_EQ(tokens[1].byteBegin, 5);
    EXPECT_EQ(tokens[1].utf16Begin, 3);
    EXPECT_EQ(tokens[1].utf16End, 6);
}

TEST(Tokenizer, SerializationRoundTrips) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const Tokenizer& original = trained(k.kind);
        const std::string bytes = original.toBytes();
        const Tokenizer copy = Tokenizer::fromBytes(bytes);
        EXPECT_EQ(copy.toBytes(), bytes);
        EXPECT_EQ(copy.options(), original.options());
        EXPECT_EQ(copy.vocabularySize(), original.vocabularySize());
        for (const auto& post : trickyPosts()) {
            std::vector<std::int32_t> a, b;
            original.encodeIds(post, a);
            copy.encodeIds(post, b);
            EXPECT_EQ(a, b) << post;
        }
    }
}

TEST(Tokenizer, KeepsNormalizerOptionsThroughSerialization) {
    TokenizerOptions options = optionsFor(VocabularyKind::kWord);
    options.normalizer.caseFold = false;
    options.normalizer.stripAccents = true;
    options.normalizer.maxCharRepeat = 2;
    options.normalizer.replaceNumbers = false;
    const Tokenizer copy = Tokenizer::fromBytes(Tokenizer::train(smallCorpus(), options).toBytes());
    EXPECT_EQ(copy.options().normalizer, options.normalizer);
    EXPECT_EQ(copy.normalize("NÃO 1000 kkkk"), "NAO 1000 kk");
}

TEST(Tokenizer, CorruptedBytesThrowTokenizerError) {
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const std::string bytes = trained(k.kind).toBytes();
        const std::size_t step = std::max<std::size_t>(1, bytes.size() / 500);
        for (std::size_t at = 0; at < bytes.size(); at += step) {
            std::string damaged = bytes;
            damaged[at] = static_cast<char>(damaged[at] ^ 0x5A);
            EXPECT_THROW(Tokenizer::fromBytes(damaged), TokenizerError) << "flipped byte " << at;
            EXPECT_THROW(Tokenizer::fromBytes(std::string_view(bytes).substr(0, at)),
                         TokenizerError)
                    << "truncated at " << at;
        }
        EXPECT_THROW(Tokenizer::fromBytes(bytes + "x"), TokenizerError);
    }
    EXPECT_THROW(Tokenizer::fromBytes(""), TokenizerError);
    EXPECT_THROW(Tokenizer::fromBytes("definitely not a tokenizer"), TokenizerError);
}

TEST(Tokenizer, RejectsANewerFormatVersionWithAClearMessage) {
    std::string bytes = trained(VocabularyKind::kWord).toBytes();
    bytes[8] = 99;  // the version field follows the 8-byte magic
    try {
        Tokenizer::fromBytes(bytes);
        FAIL() << "expected TokenizerError";
    } catch (const TokenizerError& e) {
        EXPECT_NE(std::string(e.what()).find("version 99"), std::string::npos) << e.what();
    }
}

TEST(Tokenizer, TrainingIsDeterministicAndWritesNoFiles) {
    const auto dir = sentinela::testing::makeTempDir();
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const auto a = Tokenizer::train(smallCorpus(), optionsFor(k.kind)).toBytes();
        const auto b = Tokenizer::train(smallCorpus(), optionsFor(k.kind)).toBytes();
        EXPECT_EQ(a, b);
    }
    std::filesystem::current_path(previous);
    EXPECT_TRUE(std::filesystem::is_empty(dir));
    std::filesystem::remove_all(dir);
}

TEST(Tokenizer, RejectsBadTrainingInput) {
    EXPECT_THROW(Tokenizer::train({}, optionsFor(VocabularyKind::kUnigram)), TokenizerError);
    EXPECT_THROW(Tokenizer::train({"", "  "}, optionsFor(VocabularyKind::kBpe)), TokenizerError);
    EXPECT_THROW(Tokenizer::train(smallCorpus(), optionsFor(VocabularyKind::kUnigram, 3)),
                 TokenizerError);
    TokenizerOptions coverage = optionsFor(VocabularyKind::kUnigram);
    coverage.characterCoverage = 0.2;
    EXPECT_THROW(Tokenizer::train(smallCorpus(), coverage), TokenizerError);
    TokenizerOptions repeat = optionsFor(VocabularyKind::kWord);
    repeat.normalizer.maxCharRepeat = -1;
    EXPECT_THROW(Tokenizer::train(smallCorpus(), repeat), TokenizerError);
}

TEST(Tokenizer, WordVocabularyHonoursMinCountAndMaxSize) {
    TokenizerOptions options = optionsFor(VocabularyKind::kWord, 20);
    const Tokenizer small = Tokenizer::train(smallCorpus(), options);
    EXPECT_EQ(small.vocabularySize(), 20);
    options = optionsFor(VocabularyKind::kWord, 5000);
    options.wordMinCount = 2;
    const Tokenizer counted = Tokenizer::train({"raro comum", "comum"}, options);
    std::vector<std::int32_t> ids;
    counted.encodeIds("comum raro", ids);
    ASSERT_EQ(ids.size(), 2u);
    EXPECT_EQ(counted.piece(ids[0]), "comum");
    EXPECT_EQ(ids[1], Tokenizer::kUnknownId);
}

TEST(Tokenizer, OneMegabyteLine) {
    std::string line;
    while (line.size() < (1u << 20)) line += "Não é possível!!!! 😂 @ana https://x.com 1.000 ";
    const std::string noSpaces(1u << 20, 'x');
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        std::vector<std::int32_t> ids;
        trained(k.kind).encodeIds(line, ids);
        EXPECT_GT(ids.size(), line.size() / 20);
        EXPECT_EQ(ids, idsOf(trained(k.kind).encodeWithOffsets(line)));
        trained(k.kind).encodeIds(noSpaces, ids);
        EXPECT_FALSE(ids.empty());
    }
}

TEST(Tokenizer, ManyThreadsGiveTheSameIdsAsOne) {
    std::vector<std::string> posts = smallCorpus(300);
    posts.insert(posts.end(), trickyPosts().begin(), trickyPosts().end());
    for (const auto& k : kKinds) {
        SCOPED_TRACE(k.name);
        const Tokenizer& tokenizer = trained(k.kind);
        std::vector<std::vector<std::int32_t>> expected(posts.size());
        for (std::size_t i = 0; i < posts.size(); ++i) tokenizer.encodeIds(posts[i], expected[i]);
        constexpr int kThreads = 6;
        std::vector<int> mismatches(kThreads, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t) {
            threads.emplace_back([&, t] {
                std::vector<std::int32_t> ids;
                for (int round = 0; round < 5; ++round) {
                    for (std::size_t i = 0; i < posts.size(); ++i) {
                        const std::size_t at =
                                (i + static_cast<std::size_t>(t) * 37) % posts.size();
                        if (t % 2 == 0) {
                            tokenizer.encodeIds(posts[at], ids);
                        } else {
                            ids = idsOf(tokenizer.encodeWithOffsets(posts[at]));
                        }
                        mismatches[t] += ids != expected[at];
                    }
                }
            });
        }
        for (auto& thread : threads) thread.join();
        for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t;
    }
}

TEST(Tokenizer, TrainsOnRealPostsWhenTheSharedDataIsPresent) {
    if (!sentinela::testing::hasSharedData())
        GTEST_SKIP() << "no shared data";
    std::ifstream in(sentinela::testing::sharedDataDir() / "tweeteval-offensive" / "val.jsonl");
    if (!in)
        GTEST_SKIP() << "tweeteval-offensive/val.jsonl absent";
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line) && lines.size() < 1000;) lines.push_back(line);
    TokenizerOptions options;
    options.vocabularySize = 2000;
    const Tokenizer tokenizer = Tokenizer::train(lines, options);
    EXPECT_GT(tokenizer.vocabularySize(), 500);
    std::size_t unknown = 0, total = 0;
    std::vector<std::int32_t> ids;
    for (const auto& line : lines) {
        tokenizer.encodeIds(line, ids);
        EXPECT_EQ(ids, idsOf(tokenizer.encodeWithOffsets(line))) << line;
        total += ids.size();
        unknown +=
                static_cast<std::size_t>(std::count(ids.begin(), ids.end(), Tokenizer::kUnknownId));
    }
    EXPECT_LT(unknown * 100, total);  // under 1 % unknown on the training text itself
}
