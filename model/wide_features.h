// Internal: the input of the wide branch, a post's tf-idf vector over hashed n-grams
// (nlp/ngram_features.h), computed as scikit-learn's TfidfVectorizer(sublinear_tf=True) does:
//   x_b = (1 + ln count_b) * idf_b, then x is scaled to unit L2 norm.
// idf is fitted on the training posts with smooth_idf: idf_b = ln((1 + n) / (1 + df_b)) + 1, and
// idf_b = 0 for a bucket that no training post has, so an n-gram never seen in training neither
// scores nor changes the norm (as a vocabulary would drop it). Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "nlp/ngram_features.h"

namespace sentinela::model {

// Sparse vector over buckets, indices strictly increasing. Between countNgrams and applyTfidf the
// values are raw counts.
struct SparseFeatures {
    std::vector<std::int32_t> index;
    std::vector<float> value;
};

// The n-gram counts of one normalised post (values = counts).
void countNgrams(std::string_view normalized,
                 const nlp::NgramOptions& options,
                 SparseFeatures& counts);

// idf per bucket from the counted training posts (see above).
std::vector<float> fitIdf(std::span<const SparseFeatures> counted, int buckets);

// Counts -> tf-idf, in place: drops buckets with idf 0, L2-normalises (an all-zero post stays
// empty).
void applyTfidf(std::span<const float> idf, SparseFeatures& features);

}  // namespace sentinela::model
