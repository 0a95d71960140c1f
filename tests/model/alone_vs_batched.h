// Test helper: the masking invariant shared by the network and inference-kernel tests. Every post
// scored alone must get the logits it gets inside a padded batch of longer and shorter posts.
#pragma once

#include <cstdint>
#include <gtest/gtest.h>
#include <span>
#include <vector>

#include "model/network.h"

namespace sentinela::model {

inline void expectAloneEqualsBatched(const Network<float>& network,
                                     const std::vector<std::vector<std::int32_t>>& posts,
                                     int labels) {
    NetworkWorkspace<float> workspace;
    std::vector<std::span<const std::int32_t>> all(posts.begin(), posts.end());
    PackedBatch batch;
    batch.pack(all);
    network.forward(batch, workspace, nullptr);
    const Matrix<float> together = workspace.logits.existing(labels, batch.posts());
    for (int k = 0; k < batch.posts(); ++k) {
        const int post = batch.inputIndex(k);
        std::vector<std::span<const std::int32_t>> alone = {posts[post]};
        PackedBatch single;
        single.pack(alone);
        network.forward(single, workspace, nullptr);
        const Matrix<float> logits = workspace.logits.existing(labels, 1);
        for (int j = 0; j < labels; ++j) {
            EXPECT_NEAR(logits(j, 0), together(j, k), 1e-6f) << "post " << post;
        }
    }
}

}  // namespace sentinela::model
