// Internal: the end of a data-parallel step (TrainingStep, LmStep), run by the step's own worker
// threads: once every worker's backward pass is done, each sums the workers' gradient buffers
// into the first, on its own slice of the parameters (model/gradient_sum.h); once every slice
// is summed, each clips its slice by the global norm, lets AdamW update it and clears it. Done
// by one thread after the backward passes, this was 3 % of a step: an Amdahl cap of 6.6x at 8
// threads. Per element the sums keep worker order; the norm adds the slices in slice order, so
// a step is reproducible for a fixed thread count.
// Thread-safety: one object per step; run() is called once by each of the `threads` workers.
#pragma once

#include <barrier>
#include <cstdint>
#include <span>
#include <vector>

#include "model/adamw.h"
#include "model/gradient_sum.h"

namespace sentinela::model {

class SlicedUpdate {
public:
    // gradients: one buffer per worker (the sum lands in the first); touched: the embedding
    // columns the step's posts used; clipNorm <= 0: no clipping.
    SlicedUpdate(const NetworkShape& shape,
                 std::vector<NetworkParams<float>*> gradients,
                 std::span<const std::int32_t> touched,
                 double clipNorm,
                 AdamW& optimizer,
                 NetworkParams<float>& params,
                 const AdamWSettings& settings)
        : shape_(shape),
          gradients_(std::move(gradients)),
          tensors_(tensorsOf(shape, *gradients_[0])),
          touched_(touched),
          clipNorm_(clipNorm),
          optimizer_(optimizer),
          params_(params),
          settings_(settings),
          squaredParts_(gradients_.size(), 0.0),
          sync_(static_cast<std::ptrdiff_t>(gradients_.size())) {}

    // Worker `worker`'s share, called when its backward pass is done. Parameters outside the
    // network (the language model's softmax) join in through two calls on this worker's part of
    // them: sumOther() sums it and returns its squared norm, finishOther(factor) scales it by
    // the clipping factor and updates it.
    template <typename SumOther, typename FinishOther>
    void run(int worker, SumOther&& sumOther, FinishOther&& finishOther) {
        const int parts = static_cast<int>(gradients_.size());
        sync_.arrive_and_wait();  // every buffer is complete
        const ParameterSlice slice = sliceOfParameters(tensors_, touched_, worker, parts);
        auto& total = *gradients_[0];
        sumIntoFirst(shape_, gradients_, slice);
        const double other = sumOther();
        if (clipNorm_ > 0) {
            squaredParts_[std::size_t(worker)] = squaredNorm(shape_, total, slice) + other;
        }
        sync_.arrive_and_wait();  // every part of the norm is in
        const float factor = clipFactor(squaredParts_, clipNorm_);
        if (factor != 1.0f) {
            scaleBy(shape_, total, slice, factor);
        }
        optimizer_.update(shape_, params_, total, slice, settings_);
        finishOther(factor);
        clearGradients(shape_, total, slice);
    }
    void run(int worker) {
        run(
                worker, [] { return 0.0; }, [](float) {});
    }

private:
    const NetworkShape& shape_;
    std::vector<NetworkParams<float>*> gradients_;
    std::vector<Matrix<float>*> tensors_;
    std::span<const std::int32_t> touched_;
    double clipNorm_;
    AdamW& optimizer_;
    NetworkParams<float>& params_;
    const AdamWSettings& settings_;
    std::vector<double> squaredParts_;
    std::barrier<> sync_;
};

}  // namespace sentinela::model
