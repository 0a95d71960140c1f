// Language-model pretraining: the sampled-softmax head's gradients (finite differences, through
// the encoder), the encoder file, a pretraining run that learns, stop + resume giving the same
// weights as an uninterrupted run, and fine-tuning a classifier from an encoder.
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <stop_token>
#include <string>
#include <vector>

#include "model/classifier.h"
#include "model/classifier_impl.h"
#include "model/encoder_impl.h"
#include "model/lm_head.h"
#include "model/model_file.h"
#include "model/pretrainer.h"
#include "model/trainer.h"

namespace sentinela::model {
namespace {

class LmGradientCheck {
public:
    explicit LmGradientCheck(bool bidirectional) : network_(shapeFor(bidirectional)) {
        network_.initialize(5);
        Random random(17);
        auto jitter = [&](Matrix<double>& m) {
            for (Eigen::Index i = 0; i < m.size(); ++i) {
                m.data()[i] += 0.6 * (random.uniformDouble() - 0.5);
            }
        };
        network_.params().forEach(network_.shape(),
                                  [&](const std::string&, Matrix<double>& m, bool) { jitter(m); });
        softmax_.weight = Matrix<double>::Zero(4, 12);
        softmax_.bias = Matrix<double>::Zero(12, 1);
        jitter(softmax_.weight);
        jitter(softmax_.bias);
        sequences_ = {{3, 4, 5}, {6}, {2, 7, 8, 9, 10, 3}, {11, 2}, {5, 5, 6, 7}};
        for (const auto& p : sequences_) {
            spans_.emplace_back(p);
        }
        batch_.pack(spans_);
        const std::vector<std::int64_t> counts = {0, 1, 5, 4, 3, 6, 2, 2, 1, 1, 1, 3};
        CandidateSampler sampler(counts, 5);
        Random sampling(3);
        std::vector<std::int32_t> all;
        for (int id = 2; id < 12; ++id) {
            all.push_back(id);
        }
        sampler.sample(sampling, all, candidates_);
    }

    double loss(NetworkParams<double>* gradients, LmHeadScratch<double>& head) {
        Random dropout(99);
        network_.encode(batch_, workspace_, &dropout);
        targets_.collect(batch_, network_.shape().config.bidirectional);
        const int d = network_.shape().outputDim();
        const int n = batch_.tokens();
        auto top = workspace_.output[0].existing(d, n);
        auto outputGrad = workspace_.outputGrad[0].view(d, n);
        head.weightGrad.setZero(4, Eigen::Index(candidates_.ids.size()));
        head.biasGrad.setZero(Eigen::Index(candidates_.ids.size()), 1);
        const double value = sampledSoftmaxLoss<double>(softmax_, targets_, candidates_, 4, top,
                                                        0.2f, &dropout, 7.0, head, outputGrad);
        if (gradients != nullptr) {
            network_.backwardEncoder(batch_, workspace_, *gradients);
        }
        return value;
    }

    Network<double>& network() { return network_; }
    SoftmaxWeights<double>& softmax() { return softmax_; }
    const LmCandidates& candidates() const { return candidates_; }

private:
    static NetworkShape shapeFor(bool bidirectional) {
        NetworkShape shape;
        shape.config.embeddingDim = 5;
        shape.config.hiddenSize = 4;
        shape.config.bidirectional = bidirectional;
        shape.config.embeddingDropout = 0.2f;
        shape.vocabularySize = 12;
        shape.labels = 1;
        return shape;
    }

    Network<double> network_;
    NetworkWorkspace<double> workspace_;
    SoftmaxWeights<double> softmax_;
    std::vector<std::vector<std::int32_t>> sequences_;
    std::vector<std::span<const std::int32_t>> spans_;
    PackedBatch batch_;
    LmTargets targets_;
    LmCandidates candidates_;
};

double relativeError(double numeric, double analytic) {
    return std::abs(numeric - analytic) / std::max(1e-3, std::abs(numeric) + std::abs(analytic));
}

TEST(LanguageModelGradient, MatchesFiniteDifferencesThroughHeadAndEncoder) {
    for (const bool bidirectional : {false, true}) {
        SCOPED_TRACE(bidirectional ? "bidirectional" : "forward only");
        LmGradientCheck check(bidirectional);
        auto& network = check.network();
        auto gradients = NetworkParams<double>::zeros(network.shape());
        LmHeadScratch<double> head;
        check.loss(&gradients, head);
        const Matrix<double> weightGrad = head.weightGrad;
        const Matrix<double> biasGrad = head.biasGrad;
        LmHeadScratch<double> scratch;
        auto numeric = [&](double& value) {
            const double saved = value;
            value = saved + 1e-6;
            const double plus = check.loss(nullptr, scratch);
            value = saved - 1e-6;
            const double minus = check.loss(nullptr, scratch);
            value = saved;
            return (plus - minus) / 2e-6;
        };
        std::vector<Matrix<double>*> analytic;
        gradients.forEach(network.shape(), [&](const std::string&, Matrix<double>& m, bool) {
            analytic.push_back(&m);
        });
        std::size_t tensor = 0;
        network.params().forEach(
                network.shape(), [&](const std::string& name, Matrix<double>& m, bool) {
                    SCOPED_TRACE(name);
                    const Matrix<double>& g = *analytic[tensor++];
                    if (name.rfind("dense.", 0) == 0) {
                        return;  // unused by the language model
                    }
                    double worst = 0.0;
                    for (Eigen::Index i = 0; i < m.size(); ++i) {
                        worst = std::max(worst, relativeError(numeric(m.data()[i]), g.data()[i]));
                    }
                    EXPECT_LT(worst, 1e-5);
                });
        // The softmax: compact columns map to the candidates' ids; other ids have no gradient.
        auto& softmax = check.softmax();
        const auto& candidates = check.candidates();
        double worst = 0.0;
        for (int id = 0; id < 12; ++id) {
            const int c = candidates.compactIndex[id];
            for (int r = 0; r < 4; ++r) {
                const double expected = c >= 0 ? weightGrad(r, c) : 0.0;
                worst = std::max(worst, relativeError(numeric(softmax.weight(r, id)), expected));
            }
            const double expected = c >= 0 ? biasGrad(c, 0) : 0.0;
            worst = std::max(worst, relativeError(numeric(softmax.bias(id, 0)), expected));
        }
        EXPECT_LT(worst, 1e-5);
    }
}

// A tiny corpus with structure a language model can learn: "the <animal> <verb> the <thing>".
std::vector<std::string> syntheticCorpus(int posts) {
    const char* animals[] = {"cat", "dog", "horse", "bird", "cow"};
    const char* verbs[] = {"sees", "eats", "likes", "chases"};
    const char* things[] = {"ball", "apple", "tree", "house", "river", "car"};
    std::vector<std::string> texts;
    Random random(1);
    for (int i = 0; i < posts; ++i) {
        texts.push_back(std::string("the ") + animals[random.below(5)] + " " +
                        verbs[random.below(4)] + " the " + things[random.below(6)] + " today");
    }
    return texts;
}

PretrainConfig smallConfig() {
    PretrainConfig config;
    config.tokenizer.vocabularySize = 60;
    config.network.embeddingDim = 16;
    config.network.hiddenSize = 16;
    config.tokenizerPosts = 400;
    config.batchSize = 16;
    config.sampledDraws = 20;
    config.heldOutPosts = 50;
    config.learningRate = 1e-2f;
    config.epochs = 2.0;
    config.threads = 2;
    config.checkpointMinutes = 0;
    return config;
}

class PretrainOnDisk : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("sentinela-pretrain-" + std::to_string(::getpid()) + "-" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

TEST_F(PretrainOnDisk, LearnsTheCorpusAndRoundTripsThroughTheEncoderFile) {
    PretrainRun run;
    run.config = smallConfig();
    run.config.epochs = 6.0;
    run.texts = syntheticCorpus(600);
    run.inputs = {{"synthetic.jsonl", 1234, "ab", 600}};
    const Encoder encoder = pretrain(run);
    const auto& m = encoder.metadata();
    EXPECT_EQ(m.heldOutPosts, 50);
    EXPECT_GT(m.forwardPerplexity, 1.0);
    // Uniform guessing over the vocabulary would give ~60 and the unigram distribution ~25; the
    // sentences are mostly predictable (the best possible is below 3).
    EXPECT_LT(m.forwardPerplexity, 8.0);
    EXPECT_LT(m.backwardPerplexity, 8.0);
    EXPECT_NEAR(m.epochs, 6.0, 0.05);
    EXPECT_GT(m.tokensSeen, 6 * 500 * 6);

    const auto file = dir_ / "small.encoder";
    encoder.save(file);
    EXPECT_TRUE(isEncoderFile(file));
    const Encoder loaded = Encoder::load(file);
    EXPECT_EQ(loaded.name(), encoder.name());
    EXPECT_EQ(loaded.name().rfind("small@", 0), 0u);
    EXPECT_EQ(loaded.metadata().inputs.at(0).name, "synthetic.jsonl");
    EXPECT_DOUBLE_EQ(loaded.metadata().forwardPerplexity, m.forwardPerplexity);
    EXPECT_TRUE(loaded.impl().network.params().embedding.isApprox(
            encoder.impl().network.params().embedding));
    EXPECT_TRUE(loaded.impl().softmax.weight.isApprox(encoder.impl().softmax.weight));
}

TEST_F(PretrainOnDisk, StopAndResumeGivesTheSameWeightsAsOneRun) {
    PretrainRun run;
    run.config = smallConfig();
    run.config.threads = 1;
    run.texts = syntheticCorpus(400);
    run.checkpoint = dir_ / "run.checkpoint";
    const Encoder whole = pretrain(run);
    EXPECT_FALSE(std::filesystem::exists(run.checkpoint));  // a finished run leaves none

    std::stop_source stop;
    PretrainCallbacks callbacks;
    callbacks.onStep = [&](std::int64_t step) {
        if (step == 20) {
            stop.request_stop();
        }
    };
    const Encoder partial = pretrain(run, stop.get_token(), callbacks);
    EXPECT_LT(partial.metadata().epochs, 1.0);
    ASSERT_TRUE(std::filesystem::exists(run.checkpoint));
    run.resume = true;
    const Encoder resumed = pretrain(run);
    EXPECT_TRUE(resumed.impl().network.params().embedding.isApprox(
            whole.impl().network.params().embedding, 1e-5f));
    EXPECT_TRUE(resumed.impl().softmax.weight.isApprox(whole.impl().softmax.weight, 1e-5f));
    EXPECT_EQ(resumed.metadata().tokensSeen, whole.metadata().tokensSeen);
}

// A periodic checkpoint (what a crash leaves behind) resumes exactly too: it records the next
// step to run, not the one just run.
TEST_F(PretrainOnDisk, ResumeFromAPeriodicCheckpointGivesTheSameWeights) {
    PretrainRun run;
    run.config = smallConfig();
    run.config.threads = 1;
    run.texts = syntheticCorpus(400);
    run.checkpoint = dir_ / "run.checkpoint";
    const Encoder whole = pretrain(run);

    run.config.checkpointMinutes = 1e-9;  // a checkpoint before every step
    const auto kept = dir_ / "crash.checkpoint";
    int written = 0;
    PretrainCallbacks callbacks;
    callbacks.onCheckpoint = [&](const std::filesystem::path& file) {
        if (++written == 15) {
            std::filesystem::copy_file(file, kept);
        }
    };
    pretrain(run, {}, callbacks);
    ASSERT_TRUE(std::filesystem::exists(kept));
    std::filesystem::copy_file(kept, run.checkpoint,
                               std::filesystem::copy_options::overwrite_existing);
    run.resume = true;
    const Encoder resumed = pretrain(run);
    EXPECT_TRUE(resumed.impl().network.params().embedding.isApprox(
            whole.impl().network.params().embedding, 1e-5f));
    EXPECT_TRUE(resumed.impl().softmax.weight.isApprox(whole.impl().softmax.weight, 1e-5f));
    EXPECT_EQ(resumed.metadata().tokensSeen, whole.metadata().tokensSeen);

    // Another thread count would split the posts differently: refused, with the count to use.
    std::filesystem::copy_file(kept, run.checkpoint,
                               std::filesystem::copy_options::overwrite_existing);
    run.config.threads = 2;
    try {
        pretrain(run);
        FAIL() << "a checkpoint of 1 thread resumed with 2";
    } catch (const PretrainError& e) {
        EXPECT_NE(std::string(e.what()).find("--threads 1"), std::string::npos) << e.what();
    }
}

TEST_F(PretrainOnDisk, ResumeRefusesOtherPosts) {
    PretrainRun run;
    run.config = smallConfig();
    run.texts = syntheticCorpus(300);
    run.checkpoint = dir_ / "run.checkpoint";
    std::stop_source stop;
    PretrainCallbacks callbacks;
    callbacks.onStep = [&](std::int64_t step) {
        if (step == 3) {
            stop.request_stop();
        }
    };
    pretrain(run, stop.get_token(), callbacks);
    run.texts.pop_back();
    run.resume = true;
    EXPECT_THROW(
            {
                try {
                    pretrain(run);
                } catch (const PretrainError& e) {
                    EXPECT_NE(std::string(e.what()).find("other posts"), std::string::npos);
                    throw;
                }
            },
            PretrainError);
}

TEST_F(PretrainOnDisk, ClassifierAndEncoderFilesAreNotMistakenForEachOther) {
    PretrainRun run;
    run.config = smallConfig();
    run.config.epochs = 0.2;
    run.texts = syntheticCorpus(300);
    const Encoder encoder = pretrain(run);
    const auto encoderFile = dir_ / "e.encoder";
    encoder.save(encoderFile);
    EXPECT_THROW(Classifier::load(encoderFile), ClassifierError);

    LabeledTexts train, val;
    for (int i = 0; i < 40; ++i) {
        auto& set = i < 30 ? train : val;
        set.texts.push_back(i % 2 ? "the dog chases the car" : "the cat likes the apple");
        set.labels.push_back({i % 2 ? "a" : "b"});
    }
    TrainConfig config;
    config.epochs = 2;
    config.encoderFrozenEpochs = 2;  // frozen throughout: the encoder's weights must survive
    const Classifier classifier = model::train(config, train, val, {}, {}, &encoder);
    EXPECT_EQ(classifier.metadata().encoder, encoder.name());
    EXPECT_EQ(classifier.tokenizer().vocabularySize(), encoder.tokenizer().vocabularySize());
    EXPECT_TRUE(classifier.impl().network.params().embedding.isApprox(
            encoder.impl().network.params().embedding));
    EXPECT_EQ(classifier.impl().network.shape().config.hiddenSize, 16);
    const auto modelFile = dir_ / "c.model";
    classifier.save(modelFile);
    EXPECT_EQ(Classifier::load(modelFile).metadata().encoder, encoder.name());
    try {
        Encoder::load(modelFile);
        FAIL() << "a classifier loaded as an encoder";
    } catch (const ClassifierError& e) {
        EXPECT_NE(std::string(e.what()).find("not a pretrained encoder"), std::string::npos);
    }
}

}  // namespace
}  // namespace sentinela::model
