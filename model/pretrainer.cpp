// The pretraining loop: tokenizer (or the continued encoder's), encoding, held-out split, then
// steps of length-bucketed mini-batches (LmStep) with a linear warm-up and decay, progress,
// checkpoints, and the held-out perplexity at the end.
#include "model/pretrainer.h"

#include <chrono>
#include <cmath>
#include <ctime>
#include <nlohmann/json.hpp>
#include <thread>

#include "model/classifier.h"
#include "model/encoder_impl.h"
#include "model/lm_step.h"
#include "model/model_file.h"
#include "model/run_clock.h"
#include "model/training_data.h"

namespace sentinela::model {

namespace {

using nlohmann::json;

void stage(const PretrainCallbacks& callbacks, const std::string& name) {
    if (callbacks.onStage) {
        callbacks.onStage(name);
    }
}

std::string corpusHash(const std::vector<std::string>& texts) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (const auto& text : texts) {
        for (const unsigned char c : text) {
            h = (h ^ c) * 0x100000001b3ull;
        }
        h = (h ^ 0xff) * 0x100000001b3ull;
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

// Posts as token ids (at most maxTokens each), in corpus order; posts with fewer than 2 tokens
// predict nothing and are left out.
std::vector<std::vector<std::int32_t>> encodeCorpus(const nlp::Tokenizer& tokenizer,
                                                    const std::vector<std::string>& texts,
                                                    int maxTokens,
                                                    int threads) {
    std::vector<std::vector<std::int32_t>> encoded(texts.size());
    auto work = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            tokenizer.encodeIds(texts[i], encoded[i]);
            if (static_cast<int>(encoded[i].size()) > maxTokens) {
                encoded[i].resize(static_cast<std::size_t>(maxTokens));
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        const std::size_t share = (texts.size() + threads - 1) / threads;
        for (int t = 1; t < threads; ++t) {
            helpers.emplace_back(work, std::min(texts.size(), share * t),
                                 std::min(texts.size(), share * (t + 1)));
        }
        work(0, std::min(texts.size(), share));
    }
    std::erase_if(encoded, [](const auto& ids) { return ids.size() < 2; });
    return encoded;
}

std::unique_ptr<Encoder::Impl> freshEncoder(const PretrainConfig& config,
                                            const std::vector<std::string>& texts,
                                            const PretrainCallbacks& callbacks) {
    stage(callbacks, "training tokenizer");
    std::vector<std::string> sample;
    const std::size_t want = std::min<std::size_t>(texts.size(), config.tokenizerPosts);
    for (std::size_t i = 0; i < want; ++i) {
        sample.push_back(texts[i * texts.size() / want]);
    }
    auto tokenizer = nlp::Tokenizer::train(sample, config.tokenizer);
    const int vocabulary = tokenizer.vocabularySize();
    auto impl = std::make_unique<Encoder::Impl>(std::move(tokenizer),
                                                encoderShape(config.network, vocabulary));
    impl->network.initialize(mixSeed(config.seed, 1));
    impl->softmax.weight = Matrix<float>::Zero(config.network.hiddenSize, vocabulary);
    impl->softmax.bias = Matrix<float>::Zero(vocabulary, 1);
    Random random(mixSeed(config.seed, 3));
    const double bound = 1.0 / std::sqrt(double(config.network.hiddenSize));
    for (Eigen::Index i = 0; i < impl->softmax.weight.size(); ++i) {
        impl->softmax.weight.data()[i] = float((2.0 * random.uniformDouble() - 1.0) * bound);
    }
    impl->maxTokens = config.maxTokens;
    return impl;
}

// Dropout rates are settings of a training run, not of the encoder file: a loaded encoder gets
// this run's (else a resumed run would not continue the interrupted one exactly).
void withTrainingDropouts(Encoder::Impl& encoder, const NetworkConfig& rates) {
    NetworkShape shape = encoder.network.shape();
    shape.config.embeddingDropout = rates.embeddingDropout;
    shape.config.layerDropout = rates.layerDropout;
    shape.config.outputDropout = rates.outputDropout;
    Network<float> network(shape);
    network.params() = std::move(encoder.network.params());
    encoder.network = std::move(network);
}

std::unique_ptr<Encoder::Impl> copyEncoder(const Encoder& from) {
    auto& source = const_cast<Encoder::Impl&>(from.impl());
    auto bytes = toModelFile(source);
    return std::make_unique<Encoder::Impl>(std::move(fromModelFile(bytes, from.name()).impl()));
}

// Exact held-out perplexity per direction (full softmax).
std::pair<double, double> heldOutPerplexity(Encoder::Impl& encoder,
                                            const std::vector<std::vector<std::int32_t>>& posts) {
    const auto& shape = encoder.network.shape();
    NetworkWorkspace<float> workspace;
    PackedBatch batch;
    LmTargets targets;
    Matrix<float> logits;
    double nll[2] = {0.0, 0.0};
    std::int64_t count[2] = {0, 0};
    std::vector<std::span<const std::int32_t>> spans;
    for (std::size_t begin = 0; begin < posts.size(); begin += 64) {
        spans.clear();
        for (std::size_t i = begin; i < std::min(posts.size(), begin + 64); ++i) {
            spans.emplace_back(posts[i]);
        }
        batch.pack(spans);
        encoder.network.encode(batch, workspace, nullptr);
        targets.collect(batch, shape.config.bidirectional);
        auto top = workspace.output[shape.config.layers - 1].existing(shape.outputDim(),
                                                                      batch.tokens());
        fullSoftmaxNll(encoder.softmax, targets, shape.config.hiddenSize, top, logits, nll);
        count[0] += std::ssize(targets.forwardColumns);
        count[1] += std::ssize(targets.backwardColumns);
    }
    auto perplexity = [](double sum, std::int64_t n) { return n > 0 ? std::exp(sum / n) : 0.0; };
    return {perplexity(nll[0], count[0]), perplexity(nll[1], count[1])};
}

struct ResumeState {
    std::int64_t step = 0;
    std::int64_t tokensSeen = 0;
    double seconds = 0.0;
};

void saveCheckpoint(const std::filesystem::path& file,
                    Encoder::Impl& encoder,
                    LmStep& step,
                    const ResumeState& state,
                    const std::string& hash,
                    const PretrainConfig& config) {
    ModelFile out = toModelFile(encoder);
    auto add = [&](const std::string& name, const Matrix<float>& m) {
        out.tensors.push_back({name, m.rows(), m.cols(), {m.data(), m.data() + m.size()}});
    };
    const auto& shape = encoder.network.shape();
    step.optimizer().firstMoment().forEach(shape, [&](const std::string& name, Matrix<float>& m,
                                                      bool) { add("adam.m." + name, m); });
    step.optimizer().secondMoment().forEach(shape, [&](const std::string& name, Matrix<float>& m,
                                                       bool) { add("adam.v." + name, m); });
    add("adam.m.lm.softmax.w", step.softmaxFirstMoment().weight);
    add("adam.m.lm.softmax.bias", step.softmaxFirstMoment().bias);
    add("adam.v.lm.softmax.w", step.softmaxSecondMoment().weight);
    add("adam.v.lm.softmax.bias", step.softmaxSecondMoment().bias);
    json meta = json::parse(out.metadataJson);
    meta["checkpoint"] = {{"step", state.step},
                          {"adamSteps", step.optimizer().steps()},
                          {"tokensSeen", state.tokensSeen},
                          {"seconds", state.seconds},
                          {"corpusHash", hash},
                          {"threads", resolveThreads(config.threads)},
                          {"config", toJson(config)}};
    out.metadataJson = meta.dump();
    saveModelFile(file, out);
}

ResumeState loadCheckpointState(const ModelFile& in,
                                const std::filesystem::path& file,
                                Encoder::Impl& encoder,
                                LmStep& step,
                                const std::string& hash,
                                const PretrainConfig& config) {
    const json meta = json::parse(in.metadataJson);
    if (!meta.contains("checkpoint")) {
        throw PretrainError(file.string() +
                            ": not a pretraining checkpoint (a finished encoder has none); "
                            "continue it with --from instead of --resume");
    }
    const auto& c = meta["checkpoint"];
    if (c.value("corpusHash", "") != hash) {
        throw PretrainError(file.string() +
                            ": the checkpoint was trained on other posts; resume with exactly "
                            "the same inputs, or start again without --resume");
    }
    if (c.value("config", json::object()) != toJson(config)) {
        throw PretrainError(file.string() +
                            ": the checkpoint was made with other pretraining settings; resume "
                            "with the same settings, or start again without --resume");
    }
    // The thread count decides how posts are split over workers and their dropout streams.
    const int threads = resolveThreads(config.threads);
    if (c.value("threads", threads) != threads) {
        throw PretrainError(file.string() + ": the checkpoint was made with " +
                            std::to_string(c.value("threads", 0)) +
                            " threads; resume with --threads " +
                            std::to_string(c.value("threads", 0)) + " to continue it exactly");
    }
    auto restore = [&](const std::string& name, Matrix<float>& m) {
        const Tensor* t = in.findTensor(name);
        if (t == nullptr || t->rows != m.rows() || t->cols != m.cols()) {
            throw PretrainError(file.string() + ": checkpoint tensor \"" + name +
                                "\" is missing or misshapen; start again without --resume");
        }
        std::copy(t->data.begin(), t->data.end(), m.data());
    };
    const auto& shape = encoder.network.shape();
    step.optimizer().firstMoment().forEach(shape, [&](const std::string& name, Matrix<float>& m,
                                                      bool) { restore("adam.m." + name, m); });
    step.optimizer().secondMoment().forEach(shape, [&](const std::string& name, Matrix<float>& m,
                                                       bool) { restore("adam.v." + name, m); });
    restore("adam.m.lm.softmax.w", step.softmaxFirstMoment().weight);
    restore("adam.m.lm.softmax.bias", step.softmaxFirstMoment().bias);
    restore("adam.v.lm.softmax.w", step.softmaxSecondMoment().weight);
    restore("adam.v.lm.softmax.bias", step.softmaxSecondMoment().bias);
    step.optimizer().steps() = c.value("adamSteps", 0LL);
    return {c.value("step", std::int64_t{0}), c.value("tokensSeen", std::int64_t{0}),
            c.value("seconds", 0.0)};
}

float scheduledRate(const PretrainConfig& c, std::int64_t step, std::int64_t total) {
    const auto warmup = static_cast<std::int64_t>(c.warmupFraction * double(total));
    if (step < warmup) {
        return c.learningRate * float(step + 1) / float(warmup + 1);
    }
    const double progress = std::min(
            1.0, double(step - warmup) / double(std::max<std::int64_t>(1, total - warmup)));
    return c.learningRate * float(1.0 - 0.9 * progress);
}

}  // namespace

Encoder pretrain(const PretrainRun& run, std::stop_token stop, const PretrainCallbacks& callbacks) {
    const auto started = Clock::now();
    const PretrainConfig& config = run.config;
    const int threads = resolveThreads(config.threads);
    const std::string hash = corpusHash(run.texts);

    std::unique_ptr<Encoder::Impl> encoder;
    std::optional<ModelFile> checkpoint;
    if (run.resume) {
        stage(callbacks, "reading checkpoint");
        checkpoint = loadModelFile(run.checkpoint);
        encoder = std::make_unique<Encoder::Impl>(
                std::move(fromModelFile(*checkpoint, run.checkpoint).impl()));
    } else if (run.from != nullptr) {
        encoder = copyEncoder(*run.from);
        encoder->metadata = {};
        encoder->metadata.continuedFrom = run.from->name();
    } else {
        if (config.network.bidirectional && config.network.layers > 1) {
            throw PretrainError(
                    "pretraining a bidirectional encoder needs network.layers = 1: a second layer "
                    "would see both directions and could read the token it has to predict");
        }
        encoder = freshEncoder(config, run.texts, callbacks);
    }
    withTrainingDropouts(*encoder, config.network);
    const auto& shape = encoder->network.shape();

    stage(callbacks, "encoding posts");
    auto posts = encodeCorpus(encoder->tokenizer, run.texts, encoder->maxTokens, threads);
    if (posts.size() < 10) {
        throw PretrainError("only " + std::to_string(posts.size()) +
                            " posts have two or more tokens; pretraining needs thousands of "
                            "posts (give more inputs)");
    }
    // Held-out posts: a fixed pseudo-random set, never trained on.
    std::vector<std::vector<std::int32_t>> heldOut;
    {
        Random pick(mixSeed(config.seed, 4));
        const auto want = std::min<std::size_t>(config.heldOutPosts, posts.size() / 10);
        for (std::size_t i = 0; i < want; ++i) {
            const std::size_t at = i + pick.below(posts.size() - i);
            std::swap(posts[i], posts[at]);
        }
        heldOut.assign(std::make_move_iterator(posts.begin()),
                       std::make_move_iterator(posts.begin() + std::ptrdiff_t(want)));
        posts.erase(posts.begin(), posts.begin() + std::ptrdiff_t(want));
    }
    std::vector<std::int64_t> counts(static_cast<std::size_t>(shape.vocabularySize), 0);
    std::int64_t corpusTokens = 0;
    for (const auto& p : posts) {
        for (const auto id : p) {
            ++counts[id];
        }
        corpusTokens += std::ssize(p);
    }
    const CandidateSampler sampler(counts, config.sampledDraws);
    LmStep step(config, *encoder, posts, sampler);
    ResumeState state;
    if (checkpoint.has_value()) {
        state = loadCheckpointState(*checkpoint, run.checkpoint, *encoder, step, hash, config);
        checkpoint.reset();
    }

    EncodedSet set;  // makeBatches reads only the ids
    set.ids = posts;
    const std::int64_t batchesPerEpoch =
            (std::ssize(posts) + config.batchSize - 1) / config.batchSize;
    const auto totalSteps =
            std::max<std::int64_t>(1, std::llround(config.epochs * double(batchesPerEpoch)));
    stage(callbacks, "pretraining");
    const auto trainingStarted = Clock::now();
    std::vector<std::vector<int>> batches;
    std::int64_t batchesEpoch = -1;
    auto lastProgress = Clock::now();
    auto lastCheckpoint = Clock::now();
    const double priorSeconds = state.seconds;
    std::int64_t stepsThisRun = 0, tokensThisRun = 0;
    double lossSum = 0.0;
    std::int64_t lossSteps = 0;
    bool stopped = false;
    auto writeCheckpoint = [&] {
        if (run.checkpoint.empty()) {
            return;
        }
        state.seconds = priorSeconds + secondsSince(started);
        saveCheckpoint(run.checkpoint, *encoder, step, state, hash, config);
        if (callbacks.onCheckpoint) {
            callbacks.onCheckpoint(run.checkpoint);
        }
        lastCheckpoint = Clock::now();
    };
    for (; state.step < totalSteps; ++state.step) {
        if (stop.stop_requested() ||
            (config.maxMinutes > 0 && secondsSince(started) > 60.0 * config.maxMinutes)) {
            stopped = true;
            break;
        }
        // At the top of the loop, where state.step is the next step to run: a resumed run
        // starts exactly there (written after the step, it would run that step twice).
        if (config.checkpointMinutes > 0 &&
            secondsSince(lastCheckpoint) > 60.0 * config.checkpointMinutes) {
            writeCheckpoint();
        }
        const std::int64_t epoch = state.step / batchesPerEpoch;
        if (epoch != batchesEpoch) {
            Random shuffle(mixSeed(config.seed, 2, std::uint64_t(epoch)));
            batches = makeBatches(set, config.batchSize, shuffle);
            batchesEpoch = epoch;
        }
        const auto& batch = batches[std::size_t(state.step % batchesPerEpoch)];
        const auto result =
                step.run(batch, state.step, scheduledRate(config, state.step, totalSteps));
        state.tokensSeen += result.tokens;
        tokensThisRun += result.tokens;
        ++stepsThisRun;
        lossSum += result.loss;
        ++lossSteps;
        if (callbacks.onStep) {
            callbacks.onStep(state.step);
        }
        if (callbacks.onProgress && secondsSince(lastProgress) >= 2.0) {
            PretrainProgress p;
            p.step = state.step + 1;
            p.steps = totalSteps;
            p.tokensSeen = state.tokensSeen;
            p.loss = lossSum / double(lossSteps);
            p.elapsedSeconds = secondsSince(started);
            const double training = secondsSince(trainingStarted);
            p.tokensPerSecond = double(tokensThisRun) / training;
            p.etaSeconds = training / double(stepsThisRun) * double(totalSteps - p.step);
            p.epoch = double(p.step) / double(batchesPerEpoch);
            callbacks.onProgress(p);
            lossSum = 0.0;
            lossSteps = 0;
            lastProgress = Clock::now();
        }
    }
    if (stopped) {
        writeCheckpoint();
    } else if (!run.checkpoint.empty()) {
        std::error_code ignored;
        std::filesystem::remove(run.checkpoint, ignored);
    }
    const double trainingSeconds = secondsSince(trainingStarted);
    stage(callbacks, "measuring held-out perplexity");
    const auto [forward, backward] = heldOutPerplexity(*encoder, heldOut);
    auto& m = encoder->metadata;
    m.createdAt = utcNow();
    m.inputs = run.inputs;
    m.corpusPosts = std::ssize(posts);
    m.corpusTokens = corpusTokens;
    m.tokensSeen = state.tokensSeen;
    m.epochs = double(state.step) / double(batchesPerEpoch);
    m.heldOutPosts = std::ssize(heldOut);
    m.forwardPerplexity = forward;
    m.backwardPerplexity = backward;
    m.trainSeconds = priorSeconds + secondsSince(started);
    m.tokensPerSecond = double(tokensThisRun) / std::max(1e-9, trainingSeconds);
    m.configJson = toJson(config).dump();
    return Encoder(std::move(encoder));
}

}  // namespace sentinela::model
