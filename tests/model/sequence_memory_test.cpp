// The network learns order, not just words: a synthetic task no bag-of-words model can solve.
// Every post holds one marker token M, followed by either A or B, 40 tokens before the end; the
// other of A/B appears somewhere else as a distractor, so every post has exactly one A, one B and
// one M and word counts carry no signal. The label is the token right after the marker.
#include <gtest/gtest.h>

#include "model/classifier_impl.h"
#include "model/training_step.h"

namespace sentinela::model {
namespace {

constexpr std::int32_t kMarker = 2, kA = 3, kB = 4;
constexpr int kVocabulary = 24;

EncodedSet makePosts(int count, std::uint64_t seed) {
    Random random(seed);
    EncodedSet set;
    for (int i = 0; i < count; ++i) {
        const int length = 45 + static_cast<int>(random.below(16));
        std::vector<std::int32_t> ids(length);
        for (auto& id : ids) {
            id = 5 + static_cast<std::int32_t>(random.below(kVocabulary - 5));
        }
        const int label = static_cast<int>(random.below(2));
        const int markerAt = length - 41;
        ids[markerAt] = kMarker;
        ids[markerAt + 1] = label == 0 ? kA : kB;
        int distractorAt = markerAt;
        while (distractorAt >= markerAt - 1 && distractorAt <= markerAt + 1) {
            distractorAt = static_cast<int>(random.below(length));
        }
        ids[distractorAt] = label == 0 ? kB : kA;
        set.ids.push_back(std::move(ids));
        set.targets.push_back(label);
    }
    return set;
}

double accuracy(const Network<float>& network, const EncodedSet& set) {
    std::vector<float> scores(set.ids.size() * 2);
    scoreEncoded(network, set.ids, 2, scores);
    int right = 0;
    for (std::size_t i = 0; i < set.ids.size(); ++i) {
        const int predicted = scores[2 * i + 1] > scores[2 * i] ? 1 : 0;
        right += predicted == set.targets[i];
    }
    return double(right) / double(set.ids.size());
}

double trainAndTest(Pooling pooling, bool bidirectional, int* epochsUsed) {
    TrainConfig config;
    config.network.pooling = pooling;
    config.network.bidirectional = bidirectional;
    config.network.embeddingDim = 16;
    config.network.hiddenSize = 24;
    config.network.embeddingDropout = 0.0f;
    config.network.layerDropout = 0.0f;
    config.network.outputDropout = 0.0f;
    config.batchSize = 32;
    config.learningRate = 1e-2f;
    config.threads = 2;
    NetworkShape shape;
    shape.config = config.network;
    shape.vocabularySize = kVocabulary;
    shape.labels = 2;
    Network<float> network(shape);
    network.initialize(1);
    const EncodedSet train = makePosts(3000, 11);
    const EncodedSet test = makePosts(1000, 12);
    TrainingStep step(config, train, {}, network);
    Random shuffle(5);
    std::int64_t globalStep = 0;
    double best = 0.0;
    for (int epoch = 0; epoch < 12 && best < 0.995; ++epoch) {
        for (const auto& batch : makeBatches(train, config.batchSize, shuffle)) {
            step.run(batch, globalStep++, config.learningRate);
        }
        best = std::max(best, accuracy(network, test));
        *epochsUsed = epoch + 1;
    }
    return best;
}

TEST(SequenceMemory, LearnsTheTokenAfterAMarkerFortyStepsBeforeTheEnd) {
    const struct {
        const char* why;
        Pooling pooling;
        bool bidirectional;
    } kCases[] = {
            {"default shape: bidirectional, max pooling", Pooling::kMax, true},
            {"memory over 40 steps: unidirectional, last state", Pooling::kLast, false},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        int epochs = 0;
        EXPECT_GE(trainAndTest(c.pooling, c.bidirectional, &epochs), 0.99);
        RecordProperty(c.bidirectional ? "epochs_bidirectional" : "epochs_last", epochs);
    }
}

}  // namespace
}  // namespace sentinela::model
