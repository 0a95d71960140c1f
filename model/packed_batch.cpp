#include "model/packed_batch.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

namespace sentinela::model {

void PackedBatch::pack(std::span<const std::span<const std::int32_t>> sequences) {
    const int posts = static_cast<int>(sequences.size());
    order_.resize(posts);
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(),
                     [&](int a, int b) { return sequences[a].size() > sequences[b].size(); });
    lengths_.resize(posts);
    int total = 0;
    for (int k = 0; k < posts; ++k) {
        lengths_[k] = static_cast<int>(sequences[order_[k]].size());
        if (lengths_[k] == 0) {
            throw std::invalid_argument("PackedBatch: empty sequence (the caller must pad it)");
        }
        total += lengths_[k];
    }
    const int steps = posts == 0 ? 0 : lengths_[0];
    stepCount_.assign(steps, 0);
    stepOffset_.assign(steps, 0);
    // n_t = number of posts longer than t; lengths are sorted, so walk them once.
    int active = posts;
    int offset = 0;
    for (int t = 0; t < steps; ++t) {
        while (active > 0 && lengths_[active - 1] <= t) {
            --active;
        }
        stepCount_[t] = active;
        stepOffset_[t] = offset;
        offset += active;
    }
    ids_.resize(total);
    mirror_.resize(total);
    for (int k = 0; k < posts; ++k) {
        const auto& sequence = sequences[order_[k]];
        for (int t = 0; t < lengths_[k]; ++t) {
            ids_[stepOffset_[t] + k] = sequence[t];
            mirror_[stepOffset_[t] + k] = stepOffset_[lengths_[k] - 1 - t] + k;
        }
    }
}

}  // namespace sentinela::model
