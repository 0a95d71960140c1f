// Internal: the wide branch of Wide & Deep (Cheng et al. 2016): a linear layer over a post's
// tf-idf vector x of hashed n-grams (model/wide_features.h), trained jointly with the LSTM, its
// output added to the network's logits:  logits += s * W x.  So the classifier keeps what a
// TF-IDF + logistic-regression model knows, and the LSTM learns what the n-grams miss.
// Layout: W is L x B, column b holding the L label weights of bucket b (a post's product reads
// |x| contiguous columns); idf has B values; s is a scalar that carries the decoupled weight decay
// of every column in O(1) per step during training (model/wide_optimizer.h), and is 1 otherwise.
// No bias: the dense layer has one. Each post is computed alone, so a post gets the same logits
// alone or in any batch. Read-only in forward and backward: many threads may share one layer.
// Instantiated for float (production) and double (gradient checks).
#pragma once

#include <Eigen/Core>
#include <string_view>
#include <vector>

#include "model/tensor_layout.h"
#include "model/wide_features.h"
#include "nlp/ngram_features.h"

namespace sentinela::model {

template <typename Scalar>
class WideLayer {
public:
    using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

    // W starts at zero (the network alone decides until the wide branch learns). idf: B values.
    WideLayer(nlp::NgramOptions options, int labels, std::vector<float> idf);

    const nlp::NgramOptions& options() const { return options_; }
    int labels() const { return static_cast<int>(weights_.rows()); }
    int buckets() const { return static_cast<int>(weights_.cols()); }
    Matrix<Scalar>& weights() { return weights_; }  // L x B, times scale()
    const Matrix<Scalar>& weights() const { return weights_; }
    const std::vector<float>& idf() const { return idf_; }
    Scalar scale() const { return scale_; }
    void setScale(Scalar scale) { scale_ = scale; }
    void foldScale();  // W *= s, s = 1

    // A post's tf-idf features from its normalised text (nlp::Tokenizer::normalizeInto).
    void features(std::string_view normalized, SparseFeatures& out) const;
    // logits (one post's L values) += s * W x.
    void addLogits(const SparseFeatures& x, Eigen::Ref<Vector> logits) const;
    // gradient (L x B) += dL/dlogits x' : the gradient of W (not of W / s), in x's columns only.
    void accumulateGradient(const SparseFeatures& x,
                            const Eigen::Ref<const Vector>& logitGrad,
                            Matrix<Scalar>& gradient) const;

private:
    nlp::NgramOptions options_;
    Matrix<Scalar> weights_;
    std::vector<float> idf_;
    Scalar scale_ = 1;
};

}  // namespace sentinela::model
