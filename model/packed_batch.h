// Internal: a batch of token sequences packed time-major without padding (like PyTorch's
// PackedSequence). Posts are sorted by length, longest first (ties keep input order); step t
// holds the n_t posts longer than t in columns [stepOffset[t], stepOffset[t] + n_t), so post k's
// token t is column stepOffset[t] + k, and the posts active at step t are always the first n_t.
// Not thread-safe; one per worker, reused across batches (vectors keep their capacity).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace sentinela::model {

class PackedBatch {
public:
    // Every sequence must be non-empty (the classifier turns an empty post into one pad token).
    void pack(std::span<const std::span<const std::int32_t>> sequences);

    int posts() const { return static_cast<int>(lengths_.size()); }
    int steps() const { return static_cast<int>(stepCount_.size()); }
    int tokens() const { return static_cast<int>(ids_.size()); }
    int stepOffset(int t) const { return stepOffset_[t]; }
    int stepCount(int t) const { return stepCount_[t]; }
    int length(int k) const { return lengths_[k]; }  // of the k-th longest post
    int column(int t, int k) const { return stepOffset_[t] + k; }
    int inputIndex(int k) const { return order_[k]; }  // caller's index of the k-th longest post
    std::int32_t id(int column) const { return ids_[column]; }
    // Column of the same post at the mirrored time step (length - 1 - t); an involution.
    int mirror(int column) const { return mirror_[column]; }
    // The same as arrays (the inference kernel takes plain pointers, model/lstm_kernel.h).
    std::span<const int> stepOffsets() const { return stepOffset_; }
    std::span<const int> stepCounts() const { return stepCount_; }
    std::span<const int> mirrors() const { return mirror_; }

private:
    std::vector<int> order_;
    std::vector<int> lengths_;
    std::vector<int> stepOffset_;
    std::vector<int> stepCount_;
    std::vector<std::int32_t> ids_;
    std::vector<int> mirror_;
};

}  // namespace sentinela::model
