#include "model/wide_features.h"

#include <algorithm>
#include <cmath>

namespace sentinela::model {

void countNgrams(std::string_view normalized,
                 const nlp::NgramOptions& options,
                 SparseFeatures& counts) {
    thread_local std::vector<std::uint32_t> buckets;
    nlp::hashNgrams(normalized, options, buckets);
    std::sort(buckets.begin(), buckets.end());
    counts.index.clear();
    counts.value.clear();
    for (std::size_t i = 0; i < buckets.size();) {
        std::size_t end = i;
        while (end < buckets.size() && buckets[end] == buckets[i]) {
            ++end;
        }
        counts.index.push_back(static_cast<std::int32_t>(buckets[i]));
        counts.value.push_back(static_cast<float>(end - i));
        i = end;
    }
}

std::vector<float> fitIdf(std::span<const SparseFeatures> counted, int buckets) {
    std::vector<std::int32_t> documents(static_cast<std::size_t>(buckets), 0);
    for (const auto& post : counted) {
        for (const auto b : post.index) {
            ++documents[static_cast<std::size_t>(b)];
        }
    }
    const double n = static_cast<double>(counted.size());
    std::vector<float> idf(documents.size(), 0.0f);
    for (std::size_t b = 0; b < documents.size(); ++b) {
        if (documents[b] > 0) {
            idf[b] = static_cast<float>(std::log((1.0 + n) / (1.0 + documents[b])) + 1.0);
        }
    }
    return idf;
}

void applyTfidf(std::span<const float> idf, SparseFeatures& features) {
    std::size_t kept = 0;
    double squared = 0.0;
    for (std::size_t i = 0; i < features.index.size(); ++i) {
        const float weight = idf[static_cast<std::size_t>(features.index[i])];
        if (weight == 0.0f) {
            continue;
        }
        const float x = (1.0f + std::log(features.value[i])) * weight;
        features.index[kept] = features.index[i];
        features.value[kept] = x;
        squared += double(x) * x;
        ++kept;
    }
    features.index.resize(kept);
    features.value.resize(kept);
    if (squared > 0.0) {
        const auto scale = static_cast<float>(1.0 / std::sqrt(squared));
        for (auto& x : features.value) {
            x *= scale;
        }
    }
}

}  // namespace sentinela::model
