#include "model/wide_layer.h"

#include <stdexcept>
#include <string>

namespace sentinela::model {

template <typename Scalar>
WideLayer<Scalar>::WideLayer(nlp::NgramOptions options, int labels, std::vector<float> idf)
    : options_(options),
      weights_(Matrix<Scalar>::Zero(labels, options.buckets)),
      idf_(std::move(idf)) {
    if (static_cast<int>(idf_.size()) != options.buckets) {
        throw std::invalid_argument("wide layer: idf has " + std::to_string(idf_.size()) +
                                    " values for " + std::to_string(options.buckets) + " buckets");
    }
}

template <typename Scalar>
void WideLayer<Scalar>::foldScale() {
    weights_ *= scale_;
    scale_ = 1;
}

template <typename Scalar>
void WideLayer<Scalar>::features(std::string_view normalized, SparseFeatures& out) const {
    countNgrams(normalized, options_, out);
    applyTfidf(idf_, out);
}

template <typename Scalar>
void WideLayer<Scalar>::addLogits(const SparseFeatures& x, Eigen::Ref<Vector> logits) const {
    const Eigen::Index l = weights_.rows();
    const Scalar* w = weights_.data();
    Scalar* out = logits.data();
    for (std::size_t i = 0; i < x.index.size(); ++i) {
        const Scalar* column = w + static_cast<Eigen::Index>(x.index[i]) * l;
        const Scalar a = scale_ * static_cast<Scalar>(x.value[i]);
        for (Eigen::Index j = 0; j < l; ++j) {
            out[j] += a * column[j];
        }
    }
}

template <typename Scalar>
void WideLayer<Scalar>::accumulateGradient(const SparseFeatures& x,
                                           const Eigen::Ref<const Vector>& logitGrad,
                                           Matrix<Scalar>& gradient) const {
    const Eigen::Index l = weights_.rows();
    const Scalar* g = logitGrad.data();
    Scalar* out = gradient.data();
    for (std::size_t i = 0; i < x.index.size(); ++i) {
        Scalar* column = out + static_cast<Eigen::Index>(x.index[i]) * l;
        const auto v = static_cast<Scalar>(x.value[i]);
        for (Eigen::Index j = 0; j < l; ++j) {
            column[j] += v * g[j];
        }
    }
}

template class WideLayer<float>;
template class WideLayer<double>;

}  // namespace sentinela::model
