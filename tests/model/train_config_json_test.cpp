// TrainConfig <-> JSON: round trip, defaults for missing keys, and errors that name the field.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "model/trainer.h"

namespace sentinela::model {
namespace {

TEST(TrainConfigJson, RoundTripsEveryField) {
    TrainConfig c;
    c.task = "illegal-content";
    c.multiLabel = true;
    c.labels = {"a", "b"};
    c.tokenizer.kind = nlp::VocabularyKind::kBpe;
    c.tokenizer.vocabularySize = 12000;
    c.tokenizer.normalizer.stripAccents = true;
    c.network.layers = 2;
    c.network.pooling = Pooling::kMean;
    c.network.bidirectional = false;
    c.epochs = 7;
    c.weightAverageEpochs = 0.5f;
    c.labelSmoothing = 0.1f;
    c.schedule = LearningRateSchedule::kCosine;
    c.selectionMetric = SelectionMetric::kMacroRecall;
    c.classWeighting = ClassWeighting::kBalanced;
    c.seed = 1234567890123ull;
    const TrainConfig back = trainConfigFromJson(toJson(c));
    EXPECT_EQ(toJson(back), toJson(c));
    EXPECT_EQ(back.tokenizer, c.tokenizer);
    EXPECT_EQ(back.network.pooling, Pooling::kMean);
    EXPECT_EQ(back.seed, c.seed);
    EXPECT_FLOAT_EQ(back.weightAverageEpochs, 0.5f);
    EXPECT_FLOAT_EQ(back.labelSmoothing, 0.1f);
}

TEST(TrainConfigJson, MissingKeysKeepTheDefaults) {
    const auto c = trainConfigFromJson(nlohmann::json::parse(R"({"epochs": 3})"));
    EXPECT_EQ(c.epochs, 3);
    EXPECT_EQ(toJson(c)["network"], toJson(TrainConfig{})["network"]);
}

TEST(TrainConfigJson, ErrorsNameTheField) {
    const struct {
        const char* why;
        const char* json;
        const char* field;
    } kCases[] = {
            {"unknown key", R"({"epoch": 3})", "epoch"},
            {"unknown nested key", R"({"network": {"hidden": 3}})", "network.hidden"},
            {"out of range", R"({"network": {"layers": 5}})", "network.layers"},
            {"wrong type", R"({"batchSize": "big"})", "batchSize"},
            {"bad enum", R"({"network": {"pooling": "min"}})", "network.pooling"},
            {"repeated label", R"({"labels": ["a", "a"]})", "labels"},
            {"negative average", R"({"weightAverageEpochs": -1})", "weightAverageEpochs"},
            {"smoothing too large", R"({"labelSmoothing": 0.5})", "labelSmoothing"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        try {
            trainConfigFromJson(nlohmann::json::parse(c.json));
            ADD_FAILURE() << "expected TrainConfigError";
        } catch (const TrainConfigError& e) {
            EXPECT_EQ(std::string(e.what()).rfind(c.field, 0), 0u) << e.what();
        }
    }
}

}  // namespace
}  // namespace sentinela::model
