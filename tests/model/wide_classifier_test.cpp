// The wide branch at the text level: a task only character n-grams can solve (the decisive word
// is unknown to the word vocabulary), a post's score alone and in a batch, save/load with the
// wide tensors, and the config switch.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/classifier.h"
#include "model/classifier_impl.h"
#include "model/model_file.h"
#include "model/trainer.h"
#include "tests/support/test_paths.h"

namespace sentinela::model {
namespace {

// The label is in a word stem followed by a random suffix ("bomzzqkx" positive, "ruimxxabc"
// negative): nearly every such word occurs once, so a word vocabulary (min count 2) sees only
// <unk> where the signal is, while the character n-grams "bomz", "uimx"... carry it.
LabeledTexts stemPosts(int count, std::uint64_t seed) {
    const char* filler[] = {"o", "filme", "foi", "the", "movie", "was", "muito", "really"};
    LabeledTexts out;
    std::uint64_t state = seed;
    auto next = [&state](std::uint64_t bound) {
        state = state * 6364136223846793005ull + 1442695040888963407ull;
        return (state >> 33) % bound;
    };
    for (int i = 0; i < count; ++i) {
        const bool positive = next(2) == 1;
        std::string text;
        for (int w = 0; w < 3; ++w) {
            text += filler[next(8)];
            text += ' ';
        }
        text += positive ? "bomzz" : "ruimxx";
        for (int c = 0; c < 3; ++c) {
            text += static_cast<char>('a' + next(26));
        }
        out.add(text, positive ? "positive" : "negative");
    }
    return out;
}

TrainConfig wideConfig(bool enabled) {
    TrainConfig config;
    config.task = "stems";
    config.tokenizer.kind = nlp::VocabularyKind::kWord;
    config.tokenizer.vocabularySize = 64;
    config.tokenizer.wordMinCount = 2;
    config.network.embeddingDim = 8;
    config.network.hiddenSize = 8;
    config.epochs = 3;
    config.batchSize = 16;
    config.threads = 2;
    config.wide.enabled = enabled;
    config.wide.ngrams.buckets = 1 << 12;
    return config;
}

class WideClassifierTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        classifier_ = new Classifier(train(wideConfig(true), stemPosts(600, 1), stemPosts(100, 2)));
    }
    static void TearDownTestSuite() {
        delete classifier_;
        classifier_ = nullptr;
    }
    static Classifier* classifier_;
};
Classifier* WideClassifierTest::classifier_ = nullptr;

TEST_F(WideClassifierTest, CharacterNgramsSolveWhatTheWordVocabularyCannotSee) {
    ASSERT_NE(classifier_->impl().wide, nullptr);
    EXPECT_GE(classifier_->metadata().selectedMetric, 0.95);
    EXPECT_GT(classifier_->predict("o filme bomzzqqq")[1], 0.8f);
    EXPECT_GT(classifier_->predict("o filme ruimxxqqq")[0], 0.8f);
    const Classifier deepOnly = train(wideConfig(false), stemPosts(600, 1), stemPosts(100, 2));
    EXPECT_EQ(deepOnly.impl().wide, nullptr);
    EXPECT_LT(deepOnly.metadata().selectedMetric, 0.8);
}

TEST_F(WideClassifierTest, BatchScoresEqualSingleScores) {
    auto posts = stemPosts(120, 9);
    std::string longPost;
    for (int i = 0; i < 2000; ++i) {
        longPost += "muito bomzzabc ";  // past wide.maxBytes and maxTokens
    }
    posts.add(longPost, "positive");
    posts.add("", "negative");
    const auto batch = classifier_->predictBatch(std::span<const std::string>(posts.texts), 2);
    for (std::size_t i = 0; i < posts.size(); ++i) {
        const auto alone = classifier_->predict(posts.texts[i]);
        ASSERT_EQ(alone.size(), 2u);
        for (std::size_t j = 0; j < alone.size(); ++j) {
            // The wide part is exact per post; the LSTM kernel's tiles may round differently.
            EXPECT_NEAR(alone[j], batch[i][j], 1e-6f) << posts.texts[i].substr(0, 40);
        }
    }
}

TEST_F(WideClassifierTest, SaveThenLoadKeepsTheWideBranch) {
    const auto dir = testing::makeTempDir();
    const auto file = dir / "wide.sentinela";
    classifier_->save(file);
    const Classifier loaded = Classifier::load(file);
    ASSERT_NE(loaded.impl().wide, nullptr);
    EXPECT_EQ(loaded.impl().wide->buckets(), 1 << 12);
    EXPECT_EQ(loaded.impl().wide->idf(), classifier_->impl().wide->idf());
    const auto posts = stemPosts(50, 4);
    EXPECT_EQ(classifier_->predictBatch(std::span<const std::string>(posts.texts)),
              loaded.predictBatch(std::span<const std::string>(posts.texts)));  // bit-identical
    ModelFile model = loadModelFile(file);
    std::erase_if(model.tensors, [](const Tensor& t) { return t.name == "wide.w"; });
    saveModelFile(file, model);
    try {
        Classifier::load(file);
        ADD_FAILURE() << "expected ClassifierError";
    } catch (const ClassifierError& e) {
        EXPECT_NE(std::string(e.what()).find("wide.w"), std::string::npos) << e.what();
    }
    std::filesystem::remove_all(dir);
}

TEST(WideConfig, RoundTripsThroughJsonAndRejectsBadValues) {
    TrainConfig c;
    c.wide.enabled = true;
    c.wide.ngrams.buckets = 1 << 18;
    c.wide.ngrams.characters = false;
    c.wide.learningRate = 0.02f;
    c.wide.optimizer = WideOptimizerKind::kSgd;
    const TrainConfig back = trainConfigFromJson(toJson(c));
    EXPECT_EQ(back.wide.optimizer, WideOptimizerKind::kSgd);
    EXPECT_TRUE(back.wide.enabled);
    EXPECT_EQ(back.wide.ngrams.buckets, 1 << 18);
    EXPECT_FALSE(back.wide.ngrams.characters);
    EXPECT_FLOAT_EQ(back.wide.learningRate, 0.02f);
    const struct {
        const char* why;
        const char* json;
        const char* field;
    } kBad[] = {
            {"buckets not a power of two", R"({"wide": {"enabled": true, "buckets": 1000}})",
             "wide.buckets"},
            {"no n-grams at all",
             R"({"wide": {"enabled": true, "words": false, "characters": false}})", "wide.words"},
            {"a learning rate of zero", R"({"wide": {"learningRate": 0}})", "wide.learningRate"},
            {"a typo", R"({"wide": {"enable": true}})", "wide.enable"},
            {"an unknown optimizer", R"({"wide": {"optimizer": "adam"}})", "wide.optimizer"},
    };
    for (const auto& b : kBad) {
        SCOPED_TRACE(b.why);
        try {
            trainConfigFromJson(nlohmann::json::parse(b.json));
            ADD_FAILURE() << "accepted";
        } catch (const TrainConfigError& e) {
            EXPECT_NE(std::string(e.what()).find(b.field), std::string::npos) << e.what();
        }
    }
}

}  // namespace
}  // namespace sentinela::model
