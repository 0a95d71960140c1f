#include "model/lm_step.h"

#include <algorithm>
#include <cmath>

#include "model/sliced_update.h"
#include "model/training_data.h"

namespace sentinela::model {

struct LmStep::Worker {
    std::vector<int> posts;
    std::vector<std::span<const std::int32_t>> spans;
    PackedBatch batch;
    NetworkWorkspace<float> workspace;
    NetworkParams<float> gradients;
    LmTargets targets;
    LmHeadScratch<float> head;
    double loss = 0.0;
};

LmStep::LmStep(const PretrainConfig& config,
               Encoder::Impl& encoder,
               const std::vector<std::vector<std::int32_t>>& posts,
               const CandidateSampler& sampler)
    : config_(config),
      encoder_(encoder),
      posts_(posts),
      sampler_(sampler),
      optimizer_(encoder.network.shape()),
      workers_(static_cast<std::size_t>(resolveThreads(config.threads))),
      pool_(static_cast<int>(workers_.size())),
      seen_(static_cast<std::size_t>(encoder.network.shape().vocabularySize), 0) {
    const auto& shape = encoder.network.shape();
    softmaxM_.weight = Matrix<float>::Zero(shape.config.hiddenSize, shape.vocabularySize);
    softmaxM_.bias = Matrix<float>::Zero(shape.vocabularySize, 1);
    softmaxV_ = softmaxM_;
    for (auto& w : workers_) {
        w.gradients = NetworkParams<float>::zeros(shape);
    }
}

LmStep::~LmStep() = default;

LmStep::Result LmStep::run(const std::vector<int>& batch,
                           std::int64_t globalStep,
                           float learningRate) {
    const auto& shape = encoder_.network.shape();
    Result result;
    touched_.clear();
    for (const int post : batch) {
        const auto length = static_cast<std::int64_t>(posts_[post].size());
        result.tokens += length;
        result.predictions += (length - 1) * shape.directions();
        for (const auto id : posts_[post]) {
            if (!seen_[id]) {
                seen_[id] = 1;
                touched_.push_back(id);
            }
        }
    }
    std::sort(touched_.begin(), touched_.end());
    // Every token of the batch is a candidate (a superset of the targets), after the samples.
    Random sampling(mixSeed(config_.seed, std::uint64_t(globalStep), 1000));
    sampler_.sample(sampling, touched_, candidates_);
    const int threads = std::min(static_cast<int>(workers_.size()), static_cast<int>(batch.size()));
    for (auto& w : workers_) {
        w.posts.clear();
        w.head.weightGrad.setZero(shape.config.hiddenSize, Eigen::Index(candidates_.ids.size()));
        w.head.biasGrad.setZero(Eigen::Index(candidates_.ids.size()), 1);
    }
    dealBatch(
            batch, threads, [&](int post) { return posts_[post].size(); },
            [&](int w) -> std::vector<int>& { return workers_[std::size_t(w)].posts; });
    const double normalizer = double(std::max<std::int64_t>(1, result.predictions));
    AdamWSettings settings;
    settings.learningRate = learningRate;
    settings.weightDecay = config_.weightDecay;
    optimizer_.beginStep();
    std::vector<NetworkParams<float>*> gradients;
    for (int w = 0; w < threads; ++w) {
        gradients.push_back(&workers_[w].gradients);
    }
    SlicedUpdate update(shape, std::move(gradients), touched_, config_.gradientClipNorm, optimizer_,
                        encoder_.network.params(), settings);
    const auto candidates = static_cast<Eigen::Index>(candidates_.ids.size());
    // The softmax joins the update by runs of the step's candidates, one per worker.
    auto work = [&](int w) {
        runWorker(workers_[w], normalizer, mixSeed(config_.seed, std::uint64_t(globalStep), w));
        const Eigen::Index first = candidates * w / threads;
        const Eigen::Index count = candidates * (w + 1) / threads - first;
        auto weightGrad = workers_[0].head.weightGrad.middleCols(first, count);
        auto biasGrad = workers_[0].head.biasGrad.middleRows(first, count);
        update.run(
                w,
                [&] {
                    for (int other = 1; other < threads; ++other) {
                        weightGrad += workers_[other].head.weightGrad.middleCols(first, count);
                        biasGrad += workers_[other].head.biasGrad.middleRows(first, count);
                    }
                    return double(weightGrad.squaredNorm()) + double(biasGrad.squaredNorm());
                },
                [&](float factor) {
                    if (factor != 1.0f) {
                        weightGrad *= factor;
                        biasGrad *= factor;
                    }
                    updateSoftmax(learningRate, first, first + count);
                });
    };
    pool_.run(threads, work);
    for (int w = 0; w < threads; ++w) {
        result.loss += workers_[w].loss;
    }
    for (const auto id : touched_) {
        seen_[id] = 0;
    }
    return result;
}

void LmStep::runWorker(Worker& w, double normalizer, std::uint64_t seed) {
    w.loss = 0.0;
    if (w.posts.empty()) {
        return;
    }
    const auto& shape = encoder_.network.shape();
    w.spans.clear();
    for (const int post : w.posts) {
        w.spans.emplace_back(posts_[post]);
    }
    w.batch.pack(w.spans);
    Random dropout(seed);
    encoder_.network.encode(w.batch, w.workspace, &dropout);
    w.targets.collect(w.batch, shape.config.bidirectional);
    const int d = shape.outputDim();
    const int n = w.batch.tokens();
    auto top = w.workspace.output[shape.config.layers - 1].existing(d, n);
    auto outputGrad = w.workspace.outputGrad[0].view(d, n);
    w.loss = sampledSoftmaxLoss<float>(encoder_.softmax, w.targets, candidates_,
                                       shape.config.hiddenSize, top, config_.hiddenDropout,
                                       &dropout, normalizer, w.head, outputGrad);
    encoder_.network.backwardEncoder(w.batch, w.workspace, w.gradients);
}

void LmStep::updateSoftmax(float learningRate,
                           Eigen::Index firstCandidate,
                           Eigen::Index endCandidate) {
    // Lazy Adam (like the embedding's): the step count is the encoder optimiser's, so both share
    // one bias correction.
    const float beta1 = 0.9f, beta2 = 0.999f, epsilon = 1e-8f;
    const auto steps = float(optimizer_.steps());
    const float correction1 = 1.0f - std::pow(beta1, steps);
    const float correction2 = 1.0f - std::pow(beta2, steps);
    const float rate = learningRate / correction1;
    auto& g = workers_[0].head;
    auto& w = encoder_.softmax;
    for (Eigen::Index c = firstCandidate; c < endCandidate; ++c) {
        const auto id = candidates_.ids[std::size_t(c)];
        auto m = softmaxM_.weight.col(id);
        auto v = softmaxV_.weight.col(id);
        const auto grad = g.weightGrad.col(Eigen::Index(c));
        m = beta1 * m + (1.0f - beta1) * grad;
        v.array() = beta2 * v.array() + (1.0f - beta2) * grad.array().square();
        w.weight.col(id).array() -= rate * m.array() / ((v.array() / correction2).sqrt() + epsilon);
        float& mb = softmaxM_.bias(id, 0);
        float& vb = softmaxV_.bias(id, 0);
        const float gb = g.biasGrad(Eigen::Index(c), 0);
        mb = beta1 * mb + (1.0f - beta1) * gb;
        vb = beta2 * vb + (1.0f - beta2) * gb * gb;
        w.bias(id, 0) -= rate * mb / (std::sqrt(vb / correction2) + epsilon);
    }
}

}  // namespace sentinela::model
