#include "model/training_step.h"

#include <algorithm>
#include <cmath>

#include "model/loss.h"
#include "model/sliced_update.h"

namespace sentinela::model {

struct TrainingStep::Worker {
    std::vector<int> posts;
    std::vector<std::span<const std::int32_t>> spans;
    std::vector<std::int32_t> targets;
    std::vector<std::uint8_t> multiTargets;
    PackedBatch batch;
    NetworkWorkspace<float> workspace;
    NetworkParams<float> gradients;
    Matrix<float> wideGradient;  // L x B; zero outside the buckets of the step's posts
    double loss = 0.0;
};

TrainingStep::TrainingStep(const TrainConfig& config,
                           const EncodedSet& train,
                           std::vector<float> classWeights,
                           Network<float>& network,
                           WideLayer<float>* wide)
    : config_(config),
      train_(train),
      classWeights_(std::move(classWeights)),
      network_(network),
      optimizer_(network.shape()),
      workers_(static_cast<std::size_t>(resolveThreads(config.threads))),
      pool_(static_cast<int>(workers_.size())),
      seen_(static_cast<std::size_t>(network.shape().vocabularySize), 0),
      wide_(wide) {
    for (auto& w : workers_) {
        w.gradients = NetworkParams<float>::zeros(network.shape());
    }
    if (wide_ != nullptr) {
        wideOptimizer_ =
                std::make_unique<WideOptimizer>(wide_->labels(), wide_->buckets(),
                                                config.wide.optimizer == WideOptimizerKind::kSgd);
        seenBuckets_.assign(static_cast<std::size_t>(wide_->buckets()), 0);
        for (auto& w : workers_) {
            w.wideGradient = Matrix<float>::Zero(wide_->labels(), wide_->buckets());
        }
    }
}

TrainingStep::~TrainingStep() = default;

double TrainingStep::run(const std::vector<int>& batch,
                         std::int64_t globalStep,
                         float learningRate) {
    // The loss is the weighted mean over the whole mini-batch, whichever worker holds a post.
    double normalizer = 0.0;
    for (const int post : batch) {
        const bool weighted = !classWeights_.empty() && !config_.multiLabel;
        normalizer += weighted ? classWeights_[train_.targets[post]] : 1.0;
    }
    const int threads = std::min(static_cast<int>(workers_.size()), static_cast<int>(batch.size()));
    for (auto& w : workers_) {
        w.posts.clear();
    }
    dealBatch(
            batch, threads, [&](int post) { return train_.ids[post].size(); },
            [&](int w) -> std::vector<int>& { return workers_[std::size_t(w)].posts; });
    collectTouched(batch);
    AdamWSettings settings;
    settings.learningRate = learningRate;
    settings.beta1 = config_.beta1;
    settings.beta2 = config_.beta2;
    settings.weightDecay = config_.weightDecay;
    settings.encoderRateScale = encoderRateScale_;
    optimizer_.beginStep();
    std::vector<NetworkParams<float>*> gradients;
    for (int w = 0; w < threads; ++w) {
        gradients.push_back(&workers_[w].gradients);
    }
    SlicedUpdate update(network_.shape(), std::move(gradients), touched_, config_.gradientClipNorm,
                        optimizer_, network_.params(), settings);
    auto work = [&](int w) {
        runWorker(workers_[w], normalizer, mixSeed(config_.seed, std::uint64_t(globalStep), w));
        update.run(w);
    };
    pool_.run(threads, work);
    double loss = 0.0;
    for (int w = 0; w < threads; ++w) {
        loss += workers_[w].loss;
    }
    for (const auto id : touched_) {
        seen_[id] = 0;
    }
    if (wide_ != nullptr) {
        stepWide(threads, config_.wide.learningRate * (learningRate / config_.learningRate));
    }
    return loss;
}

void TrainingStep::stepWide(int threads, float learningRate) {
    touchedBuckets_.clear();
    for (int w = 0; w < threads; ++w) {
        for (const int post : workers_[w].posts) {
            for (const auto b : train_.wide[post].index) {
                if (!seenBuckets_[b]) {
                    seenBuckets_[b] = 1;
                    touchedBuckets_.push_back(b);
                }
            }
        }
    }
    std::sort(touchedBuckets_.begin(), touchedBuckets_.end());
    auto& total = workers_[0].wideGradient;
    for (int w = 1; w < threads; ++w) {
        for (const auto b : touchedBuckets_) {
            total.col(b) += workers_[w].wideGradient.col(b);
            workers_[w].wideGradient.col(b).setZero();
        }
    }
    AdamWSettings settings;
    settings.learningRate = learningRate;
    settings.beta1 = config_.beta1;
    settings.beta2 = config_.beta2;
    settings.weightDecay = config_.wide.weightDecay;
    wideOptimizer_->step(*wide_, total, touchedBuckets_, settings);
    for (const auto b : touchedBuckets_) {
        seenBuckets_[b] = 0;
    }
}

void TrainingStep::runWorker(Worker& w, double normalizer, std::uint64_t seed) {
    w.loss = 0.0;
    if (w.posts.empty()) {
        return;
    }
    w.spans.clear();
    for (const int post : w.posts) {
        w.spans.emplace_back(train_.ids[post]);
    }
    w.batch.pack(w.spans);
    Random dropout(seed);
    network_.forward(w.batch, w.workspace, &dropout);
    const int labels = network_.shape().labels;
    const int posts = w.batch.posts();
    auto logits = w.workspace.logits.existing(labels, posts);
    auto grad = w.workspace.logitGrad.view(labels, posts);
    if (wide_ != nullptr) {
        for (int k = 0; k < posts; ++k) {
            wide_->addLogits(train_.wide[w.posts[w.batch.inputIndex(k)]], logits.col(k));
        }
    }
    if (config_.multiLabel) {
        w.multiTargets.resize(w.posts.size() * labels);
        for (std::size_t i = 0; i < w.posts.size(); ++i) {
            std::copy_n(train_.multiTargets.begin() + std::ptrdiff_t(w.posts[i]) * labels, labels,
                        w.multiTargets.begin() + std::ptrdiff_t(i) * labels);
        }
        w.loss = sigmoidCrossEntropy<float>(logits, w.batch, w.multiTargets, classWeights_,
                                            normalizer, grad);
    } else {
        w.targets.resize(w.posts.size());
        for (std::size_t i = 0; i < w.posts.size(); ++i) {
            w.targets[i] = train_.targets[w.posts[i]];
        }
        w.loss = softmaxCrossEntropy<float>(logits, w.batch, w.targets, classWeights_, normalizer,
                                            grad, config_.labelSmoothing);
    }
    if (wide_ != nullptr) {
        for (int k = 0; k < posts; ++k) {
            wide_->accumulateGradient(train_.wide[w.posts[w.batch.inputIndex(k)]], grad.col(k),
                                      w.wideGradient);
        }
    }
    network_.backward(w.batch, w.workspace, w.gradients);
}

void TrainingStep::collectTouched(const std::vector<int>& batch) {
    touched_.clear();
    for (const int post : batch) {
        for (const auto id : train_.ids[post]) {
            if (!seen_[id]) {
                seen_[id] = 1;
                touched_.push_back(id);
            }
        }
    }
    std::sort(touched_.begin(), touched_.end());
}

}  // namespace sentinela::model
