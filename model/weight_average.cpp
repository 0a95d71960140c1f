#include "model/weight_average.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "model/gradient_sum.h"

namespace sentinela::model {

WeightAverage::WeightAverage(const Network<float>& network,
                             const WideLayer<float>* wide,
                             double horizonEpochs,
                             std::int64_t stepsPerEpoch,
                             int every)
    : average_(network.params()), every_(std::max(1, every)) {
    if (wide != nullptr) {
        wideAverage_ = wide->weights() * wide->scale();
    }
    // The average over one update has weight (1 - decay) and a mean age of decay / (1 - decay)
    // updates; that age is the horizon.
    const double horizonUpdates =
            std::max(1.0, horizonEpochs * double(stepsPerEpoch) / double(every_));
    decay_ = horizonUpdates / (1.0 + horizonUpdates);
}

void WeightAverage::update(std::int64_t step, Network<float>& network, WideLayer<float>* wide) {
    if ((step + 1) % every_ != 0 || swapped_) {
        return;
    }
    ++updates_;
    const double warm = (1.0 + double(updates_)) / (10.0 + double(updates_));
    const float keep = float(std::min(decay_, warm));
    const float take = 1.0f - keep;
    const auto averages = tensorsOf(network.shape(), average_);
    const auto current = tensorsOf(network.shape(), network.params());
    for (std::size_t i = 0; i < averages.size(); ++i) {
        averages[i]->array() = keep * averages[i]->array() + take * current[i]->array();
    }
    if (wide != nullptr) {
        wideAverage_.array() =
                keep * wideAverage_.array() + (take * wide->scale()) * wide->weights().array();
    }
}

void WeightAverage::swap(Network<float>& network, WideLayer<float>* wide) {
    std::swap(network.params(), average_);
    if (wide != nullptr) {
        std::swap(wide->weights(), wideAverage_);
        const float scale = wide->scale();
        wide->setScale(swapped_ ? swappedScale_ : 1.0f);
        swappedScale_ = scale;
    }
    swapped_ = !swapped_;
}

}  // namespace sentinela::model
