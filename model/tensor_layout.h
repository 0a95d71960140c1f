// Internal: the matrix layout of the whole network, written down once.
//
// Everything is column-major Eigen (the default), one COLUMN PER TOKEN or per post:
//   embedding        E x V        column v is the vector of token id v (a lookup copies a column)
//   layer input X    In x N       packed tokens of a batch (see PackedBatch): In = E for layer 0,
//                                 D = H * directions for the layers above
//   lstm wx          4H x In      gate rows stacked in the order [input; forget; candidate; output]
//   lstm wh          4H x H       same gate order; bias b is 4H x 1 (forget rows start at 1)
//   gates G          4H x N       G = wx * X + b for all steps at once (one GEMM per direction),
//                                 then step t adds wh * h_{t-1} to its n_t columns (one GEMM per
//                                 step) and the activations overwrite G in place
//   cell C, hidden h H x N        per token; a layer's output Y is D x N = [h_forward; h_backward]
//   pooled P         D x B        one column per post
//   attention        wa A x D, ba A x 1, va A x 1
//   dense            wd L x D, bd L x 1;  logits L x B
// A backward direction runs the same forward recurrence on each post's tokens in reverse order
// (PackedBatch::mirror), so padding never exists: step t touches exactly the n_t posts that are
// longer than t, and a post gets the same numbers alone or in any batch.
#pragma once

#include <Eigen/Core>
#include <vector>

namespace sentinela::model {

template <typename Scalar>
using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using MatrixMap = Eigen::Map<Matrix<Scalar>>;

// Grow-only storage for a matrix whose shape changes from batch to batch: after the first
// batches no allocation happens (Eigen's resize() would free and reallocate on every shape).
template <typename Scalar>
class Scratch {
public:
    MatrixMap<Scalar> view(Eigen::Index rows, Eigen::Index cols) {
        const auto size = static_cast<std::size_t>(rows * cols);
        if (size > storage_.size()) {
            storage_.resize(size);
        }
        return MatrixMap<Scalar>(storage_.data(), rows, cols);
    }
    // The view last handed out, with these dimensions (no growth).
    MatrixMap<Scalar> existing(Eigen::Index rows, Eigen::Index cols) {
        return MatrixMap<Scalar>(storage_.data(), rows, cols);
    }

private:
    std::vector<Scalar, Eigen::aligned_allocator<Scalar>> storage_;
};

}  // namespace sentinela::model
