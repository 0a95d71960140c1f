// Pins nlp/unigram_segmenter.cpp and nlp/sentencepiece_model_proto.cpp: our unigram segmentation
// of a word gives exactly the ids sentencepiece's own Encode gives, on real posts, on tricky
// strings and on hand-made models full of ties.
#include "nlp/unigram_segmenter.h"

#include <cstring>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <sentencepiece_processor.h>
#include <string>
#include <unordered_set>
#include <vector>

#include "nlp/normalizer.h"
#include "nlp/sentencepiece_model_proto.h"
#include "nlp/tokenizer.h"
#include "nlp/vocabulary.h"
#include "tests/nlp/test_corpus.h"
#include "tests/support/test_paths.h"

using namespace sentinela::nlp;

namespace {

// One model, as sentencepiece loads it and as our segmenter reads it.
class BothEncoders {
public:
    explicit BothEncoders(const std::string& model) {
        EXPECT_TRUE(processor_.LoadFromSerializedProto(model).ok());
        const auto parsed = readSentencePieceModel(model);
        EXPECT_TRUE(parsed.has_value());
        if (parsed) {
            EXPECT_EQ(static_cast<int>(parsed->pieces.size()), processor_.GetPieceSize());
            segmenter_.emplace(parsed->pieces, processor_.unk_id());
        }
    }

    std::vector<std::int32_t> expected(std::string_view word) const {
        std::vector<int> ids;
        EXPECT_TRUE(processor_.Encode(word, &ids).ok());
        return {ids.begin(), ids.end()};
    }
    std::vector<std::int32_t> actual(std::string_view word) const {
        std::vector<std::int32_t> ids = {-7};  // appends: what is there stays
        segmenter_->appendWordIds(word, ids);
        return {ids.begin() + 1, ids.end()};
    }
    // The number of words whose ids differ; the first few are reported.
    std::size_t mismatches(const std::vector<std::string>& words) const {
        std::size_t count = 0;
        for (const auto& word : words) {
            const auto want = expected(word), got = actual(word);
            if (want != got && ++count <= 5) {
                ADD_FAILURE() << "word \"" << word << "\": " << ::testing::PrintToString(got)
                              << " instead of " << ::testing::PrintToString(want);
            }
        }
        return count;
    }

private:
    sentencepiece::SentencePieceProcessor processor_;
    std::optional<UnigramSegmenter> segmenter_;
};

std::string trainModel(const std::vector<std::string>& raw, int vocabularySize) {
    const Normalizer normalizer;
    std::vector<std::string> normalized;
    for (const auto& text : raw) normalized.push_back(normalizer.apply(text));
    TokenizerOptions options;
    options.vocabularySize = vocabularySize;
    return trainSentencePieceModel(normalized, options);
}

// The distinct space-separated words of the normalized posts.
std::vector<std::string> wordsOf(const std::vector<std::string>& raw) {
    const Normalizer normalizer;
    std::unordered_set<std::string> seen;
    std::vector<std::string> words;
    for (const auto& text : raw) {
        const std::string normalized = normalizer.apply(text);
        std::size_t i = 0;
        while (i < normalized.size()) {
            const std::size_t end = std::min(normalized.find(' ', i), normalized.size());
            if (end > i && seen.insert(normalized.substr(i, end - i)).second)
                words.push_back(normalized.substr(i, end - i));
            i = end + 1;
        }
    }
    return words;
}

const std::vector<std::string> kTrickyWords = {
        "a",
        "<url>",
        "<mention>",
        "<number>",
        "<email>",
        "a<url>b",
        "<url><url>",
        "<url",
        "\xE2\x96\x81",
        "\xE2\x96\x81\xE2\x96\x81x",
        "x\xE2\x96\x81",
        "!!!",
        "!!!!!!!",
        "?\x3F!?!",
        "kkkkkkkkkkkk",
        "hahahahahahahaha",
        "😂",
        "😂😂😂",
        "👩🏽‍💻",
        "👨‍👩‍👧‍👦",
        "🇧🇷🇵🇹",
        "❤️",
        "שלום",
        "مرحبا",
        "עולםمرحبا",
        "龘",
        "龘龘龘",
        "𝔘𝔫𝔦",
        "\xEF\xBF\xBD",
        "\xEF\xBF\xBD\xEF\xBF\xBD",
        "\xF0\x9F\xA6\x84\xE2\x80\x8D",
        "\xCC\x81",
        "e\xCC\x81",
        "não",
        "ação",
        "coração",
        "palavrasemespaçonenhumaaquiparatestarumapalavramuitolonga",
        std::string(300, 'z'),
        "a\x01"
        "b",
        "\x7F"};

}  // namespace

TEST(UnigramSegmenter, MatchesSentencePieceOnTrickyWordsWithASmallVocabulary) {
    const BothEncoders both(trainModel(sentinela::nlp::testing::smallCorpus(), 300));
    EXPECT_EQ(both.mismatches(kTrickyWords), 0u);
    EXPECT_EQ(both.mismatches(wordsOf(sentinela::nlp::testing::smallCorpus())), 0u);
}

TEST(UnigramSegmenter, MatchesSentencePieceOnEveryWordOfTheSharedDatasets) {
    if (!sentinela::testing::hasSharedData())
        GTEST_SKIP() << "no shared data";
    std::vector<std::string> training, all;
    for (const char* dataset : {"tweeteval-offensive", "tweeteval-sentiment", "hatebr"}) {
        for (const char* split : {"train", "val", "test"}) {
            std::ifstream in(sentinela::testing::sharedDataDir() / dataset /
                             (split + std::string(".jsonl")));
            std::size_t kept = 0;
            for (std::string line; std::getline(in, line);) {
                all.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
                if (std::string_view(split) == "train" && kept++ < 2500)
                    training.push_back(all.back());
            }
        }
    }
    if (training.empty())
        GTEST_SKIP() << "the shared datasets are absent";
    const auto words = wordsOf(all);
    // The default size, and a small one: more unknown characters and more single-letter ties.
    for (const int vocabularySize : {8000, 1000}) {
        SCOPED_TRACE(vocabularySize);
        const BothEncoders both(trainModel(training, vocabularySize));
        EXPECT_EQ(both.mismatches(words), 0u) << "of " << words.size() << " words";
        EXPECT_EQ(both.mismatches(kTrickyWords), 0u);
    }
}

namespace {

// A ModelProto written by hand (sentencepiece_model.proto's wire format), to pin ties.
class ModelWriter {
public:
    void piece(std::string_view text, float score, PieceType type = PieceType::kNormal) {
        std::string message;
        bytesField(message, 1, text);
        tag(message, 2, 5);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &score, sizeof bits);
        for (int k = 0; k < 4; ++k) message.push_back(static_cast<char>(bits >> (8 * k)));
        tag(message, 3, 0);
        varint(message, static_cast<std::uint64_t>(type));
        bytesField(model_, 1, message);
    }
    std::string finish() const {
        std::string trainer, normalizer, model = model_;
        tag(trainer, 3, 0);
        varint(trainer, 1);  // UNIGRAM
        bytesField(normalizer, 1, "identity");
        for (const int field : {3, 5}) {  // add_dummy_prefix, escape_whitespaces
            tag(normalizer, field, 0);
            varint(normalizer, 1);
        }
        tag(normalizer, 4, 0);  // remove_extra_whitespaces
        varint(normalizer, 0);
        bytesField(model, 2, trainer);
        bytesField(model, 3, normalizer);
        return model;
    }

private:
    static void varint(std::string& out, std::uint64_t value) {
        do {
            out.push_back(static_cast<char>((value & 0x7F) | (value > 0x7F ? 0x80 : 0)));
            value >>= 7;
        } while (value != 0);
    }
    static void tag(std::string& out, int field, int wireType) {
        varint(out, static_cast<std::uint64_t>(field << 3 | wireType));
    }
    static void bytesField(std::string& out, int field, std::string_view bytes) {
        tag(out, field, 2);
        varint(out, bytes.size());
        out.append(bytes);
    }
    std::string model_;
};

}  // namespace

TEST(UnigramSegmenter, BreaksTiesAsSentencePieceDoes) {
    // "!!!" = "!" "!!" = "!!" "!" exactly; "▁!" and "!" "▁" compete too; <url> is user-defined.
    ModelWriter writer;
    writer.piece("<pad>", 0, PieceType::kControl);
    writer.piece("<unk>", 0, PieceType::kUnknown);
    writer.piece("<url>", 0, PieceType::kUserDefined);
    writer.piece("\xE2\x96\x81", -1.0f);
    writer.piece("!", -1.0f);
    writer.piece("!!", -2.0f);
    writer.piece("\xE2\x96\x81!", -2.0f);
    writer.piece("u", -0.5f);
    writer.piece("url", -0.1f, PieceType::kUnused);
    const BothEncoders both(writer.finish());
    EXPECT_EQ(both.mismatches({"!", "!!", "!!!", "!!!!", "!!!!!", "<url>", "<url>!!", "url", "x",
                               "x!x", "\xE2\x96\x81!!"}),
              0u);
}

TEST(UnigramSegmenter, MatchesSentencePieceOnRandomModelsFullOfTies) {
    std::mt19937 random(7);
    const std::vector<std::string> alphabet = {"a", "b", "\xE2\x96\x81", "\xC3\xA3", "!"};
    auto randomText = [&](std::size_t maxChars) {
        std::string text;
        const std::size_t n = 1 + random() % maxChars;
        for (std::size_t k = 0; k < n; ++k) text += alphabet[random() % alphabet.size()];
        return text;
    };
    for (int model = 0; model < 30; ++model) {
        SCOPED_TRACE(model);
        ModelWriter writer;
        writer.piece("<pad>", 0, PieceType::kControl);
        writer.piece("<unk>", 0, PieceType::kUnknown);
        writer.piece("<url>", 0, PieceType::kUserDefined);
        std::unordered_set<std::string> pieces = {"<pad>", "<unk>", "<url>"};
        // Few distinct scores make exact ties common; odd ones make float rounding matter.
        const float scores[] = {-1.0f, -2.0f, -3.0f, -0.5f, -1.5f, -2.3f, -4.7f, -0.1f};
        for (int k = 0; k < 25; ++k) {
            std::string text = randomText(3);
            if (text == "!" && model % 3 == 0)
                continue;  // some models lack a character: <unk>
            if (pieces.insert(text).second)
                writer.piece(text, scores[random() % std::size(scores)]);
        }
        const BothEncoders both(writer.finish());
        std::vector<std::string> words;
        for (int k = 0; k < 200; ++k) words.push_back(randomText(12));
        words.push_back("a<url>b<url>");
        EXPECT_EQ(both.mismatches(words), 0u);
    }
}
