// Polyak averaging (model/weight_average.h): the average follows the weights with the horizon's
// decay, swapping twice restores the training weights (the wide branch's scale too), and the
// trainer validates the average.
#include "model/weight_average.h"

#include <cmath>
#include <gtest/gtest.h>

#include "model/metrics.h"
#include "model/random.h"
#include "model/trainer.h"

namespace sentinela::model {
namespace {

Network<float> smallNetwork() {
    NetworkShape shape;
    shape.config.embeddingDim = 4;
    shape.config.hiddenSize = 3;
    shape.vocabularySize = 7;
    shape.labels = 2;
    Network<float> network(shape);
    network.initialize(1);
    return network;
}

TEST(WeightAverage, HorizonSetsTheDecay) {
    auto network = smallNetwork();
    // 2 epochs of 100 steps, updated every 4 steps: a mean age of 50 updates.
    const WeightAverage average(network, nullptr, 2.0, 100, 4);
    EXPECT_NEAR(average.decayPerUpdate(), 50.0 / 51.0, 1e-12);
}

TEST(WeightAverage, FollowsTheWeightsAndSwapsBack) {
    auto network = smallNetwork();
    nlp::NgramOptions ngrams;
    ngrams.buckets = 16;
    WideLayer<float> wide(ngrams, 2, std::vector<float>(16, 1.0f));
    wide.weights().setConstant(2.0f);
    wide.setScale(0.5f);  // weights() x scale() = 1
    WeightAverage average(network, &wide, 1000.0, 1000, 1);
    const float start = network.params().denseBias(0, 0);
    // The weights jump by +1 and stay there: after n updates the average has moved by
    // 1 - prod(decay_k) with decay_k = (1 + k) / (10 + k) early on.
    network.params().denseBias(0, 0) = start + 1.0f;
    wide.weights().setConstant(4.0f);  // x 0.5 = 2
    double kept = 1.0;
    for (int step = 0; step < 5; ++step) {
        average.update(step, network, &wide);
        kept *= std::min(average.decayPerUpdate(), (2.0 + step) / (11.0 + step));
    }
    average.swap(network, &wide);
    EXPECT_NEAR(network.params().denseBias(0, 0), start + (1.0 - kept), 1e-5);
    EXPECT_FLOAT_EQ(wide.scale(), 1.0f);
    EXPECT_NEAR(wide.weights()(1, 3), 1.0 + (1.0 - kept), 1e-5);
    average.update(5, network, &wide);  // ignored while swapped in
    average.swap(network, &wide);
    EXPECT_FLOAT_EQ(network.params().denseBias(0, 0), start + 1.0f);
    EXPECT_FLOAT_EQ(wide.weights()(1, 3), 4.0f);
    EXPECT_FLOAT_EQ(wide.scale(), 0.5f);
}

TEST(WeightAverage, UpdatesEveryNthStepOnly) {
    auto network = smallNetwork();
    WeightAverage average(network, nullptr, 1.0, 8, 4);
    const float start = network.params().denseBias(1, 0);
    network.params().denseBias(1, 0) = start + 1.0f;
    for (int step = 0; step < 3; ++step) {
        average.update(step, network, nullptr);  // steps 0-2: not a multiple of 4 yet
    }
    average.swap(network, nullptr);
    EXPECT_FLOAT_EQ(network.params().denseBias(1, 0), start);
    average.swap(network, nullptr);
    average.update(3, network, nullptr);
    average.swap(network, nullptr);
    EXPECT_GT(network.params().denseBias(1, 0), start);
}

// Posts whose label is a word among fillers; some labels flipped so that the epochs differ.
LabeledTexts noisyPosts(int count, std::uint64_t seed) {
    const char* filler[] = {"o", "filme", "foi", "the", "movie", "was", "muito", "really"};
    LabeledTexts out;
    Random random(seed);
    for (int i = 0; i < count; ++i) {
        const bool positive = random.below(2) == 1;
        std::string text = filler[random.below(8)];
        text += positive ? " bom " : " ruim ";
        text += filler[random.below(8)];
        out.add(text, (positive != (random.below(5) == 0)) ? "positive" : "negative");
    }
    return out;
}

// The weights train() keeps are the ones it validated: the averaged ones, not the last step's.
TEST(WeightAverage, TrainerKeepsTheValidatedAverage) {
    TrainConfig config;
    config.task = "words";
    config.tokenizer.kind = nlp::VocabularyKind::kWord;
    config.tokenizer.vocabularySize = 32;
    config.network.embeddingDim = 8;
    config.network.hiddenSize = 8;
    config.epochs = 3;
    config.batchSize = 16;
    config.threads = 2;
    config.wide.ngrams.buckets = 1 << 10;
    const auto trainPosts = noisyPosts(400, 1);
    const auto valPosts = noisyPosts(120, 2);
    const Classifier plain = train(config, trainPosts, valPosts);
    config.weightAverageEpochs = 1.0f;
    const Classifier averaged = train(config, trainPosts, valPosts);

    const auto scores = averaged.predictBatch(valPosts.texts);
    const auto plainScores = plain.predictBatch(valPosts.texts);
    std::vector<float> flat;
    std::vector<std::int32_t> gold;
    bool differs = false;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        flat.insert(flat.end(), scores[i].begin(), scores[i].end());
        gold.push_back(valPosts.labels[i].front() == "positive" ? 1 : 0);
        differs = differs || std::abs(scores[i][1] - plainScores[i][1]) > 1e-4f;
    }
    EXPECT_TRUE(differs) << "averaging changed nothing";
    const Metrics metrics = computeMetrics({"negative", "positive"}, gold, flat);
    EXPECT_NEAR(metrics.macroF1, averaged.metadata().selectedMetric, 1e-9);
}

}  // namespace
}  // namespace sentinela::model
