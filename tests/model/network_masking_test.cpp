// Padding never changes a result: a post scored alone and inside a batch of longer and shorter
// posts gets the same logits, for every pooling and direction. And the hot loop allocates nothing
// once the workspace has grown (debug builds define EIGEN_RUNTIME_NO_MALLOC).
#include <gtest/gtest.h>
#include <vector>

#include "model/loss.h"
#include "model/network.h"
#include "tests/model/alone_vs_batched.h"

namespace sentinela::model {
namespace {

NetworkShape smallShape(Pooling pooling, bool bidirectional, int layers) {
    NetworkShape shape;
    shape.config.embeddingDim = 8;
    shape.config.hiddenSize = 6;
    shape.config.layers = layers;
    shape.config.bidirectional = bidirectional;
    shape.config.pooling = pooling;
    shape.config.attentionDim = 4;
    shape.vocabularySize = 30;
    shape.labels = 3;
    return shape;
}

std::vector<std::vector<std::int32_t>> somePosts() {
    return {{3, 4, 5, 9, 12}, {6}, {2, 7, 8, 9, 10, 3, 21, 22, 23}, {11, 2}, {5, 5, 6, 7}};
}

TEST(NetworkMasking, PostScoredAloneEqualsPostInsideABatch) {
    const struct {
        const char* why;
        Pooling pooling;
        bool bidirectional;
        int layers;
    } kCases[] = {
            {"last, unidirectional", Pooling::kLast, false, 1},
            {"last, bidirectional", Pooling::kLast, true, 1},
            {"mean, bidirectional, 2 layers", Pooling::kMean, true, 2},
            {"max, bidirectional", Pooling::kMax, true, 1},
            {"attention, bidirectional", Pooling::kAttention, true, 1},
    };
    const auto posts = somePosts();
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        Network<float> network(smallShape(c.pooling, c.bidirectional, c.layers));
        network.initialize(3);
        expectAloneEqualsBatched(network, posts, 3);
    }
}

TEST(NetworkMasking, TrainingStepAllocatesNothingOnceWarm) {
    Network<float> network(smallShape(Pooling::kAttention, true, 2));
    network.initialize(5);
    NetworkWorkspace<float> workspace;
    auto gradients = NetworkParams<float>::zeros(network.shape());
    const auto posts = somePosts();
    std::vector<std::span<const std::int32_t>> spans(posts.begin(), posts.end());
    PackedBatch batch;
    const std::vector<std::int32_t> targets = {0, 1, 2, 1, 0};
    auto step = [&] {
        batch.pack(spans);
        Random dropout(1);
        network.forward(batch, workspace, &dropout);
        auto logits = workspace.logits.existing(3, batch.posts());
        auto grad = workspace.logitGrad.view(3, batch.posts());
        softmaxCrossEntropy<float>(logits, batch, targets, {}, 5.0, grad);
        network.backward(batch, workspace, gradients);
    };
    step();  // grows every scratch buffer
#ifdef EIGEN_RUNTIME_NO_MALLOC
    Eigen::internal::set_is_malloc_allowed(false);
    step();
    Eigen::internal::set_is_malloc_allowed(true);
#else
    GTEST_SKIP() << "EIGEN_RUNTIME_NO_MALLOC is defined in debug builds only";
#endif
}

}  // namespace
}  // namespace sentinela::model
