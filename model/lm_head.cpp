#include "model/lm_head.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sentinela::model {

void LmCandidates::reset() {
    for (const auto id : ids) {
        compactIndex[id] = -1;
    }
    ids.clear();
    logExpected.clear();
    sampled = 0;
}

CandidateSampler::CandidateSampler(std::span<const std::int64_t> counts, int draws)
    : cumulative_(counts.size()), logExpected_(counts.size()), draws_(draws) {
    double total = 0.0;
    for (std::size_t id = 0; id < counts.size(); ++id) {
        total += counts[id] > 0 ? std::pow(double(counts[id]), 0.75) : 0.0;
        cumulative_[id] = total;
    }
    for (std::size_t id = 0; id < counts.size(); ++id) {
        const double q = counts[id] > 0 ? std::pow(double(counts[id]), 0.75) / total : 0.0;
        // Expected count of id among `draws` draws with replacement, as a probability of being in
        // the unique set (TensorFlow's candidate samplers use the same correction).
        const double expected = q > 0 ? -std::expm1(double(draws) * std::log1p(-q)) : 1e-12;
        logExpected_[id] = static_cast<float>(std::log(std::max(expected, 1e-12)));
    }
}

void CandidateSampler::sample(Random& random,
                              std::span<const std::int32_t> targets,
                              LmCandidates& candidates) const {
    if (candidates.compactIndex.size() != cumulative_.size()) {
        candidates.compactIndex.assign(cumulative_.size(), -1);
        candidates.ids.clear();
    }
    candidates.reset();
    const double total = cumulative_.back();
    auto add = [&](std::int32_t id) {
        if (candidates.compactIndex[id] < 0) {
            candidates.compactIndex[id] = static_cast<std::int32_t>(candidates.ids.size());
            candidates.ids.push_back(id);
            candidates.logExpected.push_back(logExpected_[id]);
        }
    };
    for (int d = 0; d < draws_ && total > 0; ++d) {
        const double u = random.uniformDouble() * total;
        const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
        add(static_cast<std::int32_t>(
                std::min<std::ptrdiff_t>(it - cumulative_.begin(), cumulative_.size() - 1)));
    }
    candidates.sampled = static_cast<int>(candidates.ids.size());
    for (const auto id : targets) {
        add(id);
    }
}

void LmTargets::collect(const PackedBatch& batch, bool bidirectional) {
    forwardColumns.clear();
    forwardTargets.clear();
    backwardColumns.clear();
    backwardTargets.clear();
    for (int k = 0; k < batch.posts(); ++k) {
        const int length = batch.length(k);
        for (int t = 0; t + 1 < length; ++t) {
            forwardColumns.push_back(batch.column(t, k));
            forwardTargets.push_back(batch.id(batch.column(t + 1, k)));
        }
        if (bidirectional) {
            for (int t = 1; t < length; ++t) {
                backwardColumns.push_back(batch.column(t, k));
                backwardTargets.push_back(batch.id(batch.column(t - 1, k)));
            }
        }
    }
}

namespace {

// The predicting state of prediction i: forward rows of the forward columns, then backward rows.
template <typename Scalar>
void gatherHidden(const LmTargets& targets,
                  int h,
                  const Eigen::Ref<const Matrix<Scalar>>& top,
                  MatrixMap<Scalar>& hidden) {
    const int forward = static_cast<int>(targets.forwardColumns.size());
    for (int i = 0; i < forward; ++i) {
        hidden.col(i) = top.col(targets.forwardColumns[i]).topRows(h);
    }
    for (std::size_t i = 0; i < targets.backwardColumns.size(); ++i) {
        hidden.col(forward + int(i)) = top.col(targets.backwardColumns[i]).bottomRows(h);
    }
}

std::int32_t targetOf(const LmTargets& targets, int i) {
    const int forward = static_cast<int>(targets.forwardTargets.size());
    return i < forward ? targets.forwardTargets[i] : targets.backwardTargets[i - forward];
}

}  // namespace

template <typename Scalar>
double sampledSoftmaxLoss(const SoftmaxWeights<Scalar>& softmax,
                          const LmTargets& targets,
                          const LmCandidates& candidates,
                          int hiddenSize,
                          const Eigen::Ref<const Matrix<Scalar>>& top,
                          float dropout,
                          Random* random,
                          double normalizer,
                          LmHeadScratch<Scalar>& s,
                          Eigen::Ref<Matrix<Scalar>> outputGrad) {
    const int h = hiddenSize;
    const int p = targets.count();
    const int sampled = candidates.sampled;
    outputGrad.setZero();
    if (p == 0) {
        return 0.0;
    }
    auto hidden = s.hidden.view(h, p);
    gatherHidden<Scalar>(targets, h, top, hidden);
    auto mask = s.hiddenMask.view(h, p);
    const bool dropping = random != nullptr && dropout > 0;
    if (dropping) {
        const Scalar scale = Scalar(1) / Scalar(1 - dropout);
        for (Eigen::Index i = 0; i < mask.size(); ++i) {
            mask.data()[i] = random->uniform() < dropout ? Scalar(0) : scale;
        }
        hidden.array() *= mask.array();
    }
    auto candidateW = s.candidateW.view(h, sampled);
    Matrix<Scalar> offset(sampled, 1);
    for (int c = 0; c < sampled; ++c) {
        const auto id = candidates.ids[c];
        candidateW.col(c) = softmax.weight.col(id);
        offset(c, 0) = softmax.bias(id, 0) - Scalar(candidates.logExpected[c]);
    }
    auto z = s.logits.view(sampled, p);
    z.noalias() = candidateW.transpose() * hidden;
    z.colwise() += offset.col(0);
    auto hiddenGrad = s.hiddenGrad.view(h, p);
    s.targetLogit.resize(static_cast<std::size_t>(p));
    double loss = 0.0;
    const Scalar inverse = Scalar(1.0 / normalizer);
    for (int i = 0; i < p; ++i) {
        const auto target = targetOf(targets, i);
        const int c = candidates.compactIndex[target];
        const Scalar zt = softmax.weight.col(target).dot(hidden.col(i)) + softmax.bias(target, 0) -
                          Scalar(candidates.logExpected[c]);
        auto column = z.col(i);
        if (c < sampled) {
            column(c) = -std::numeric_limits<Scalar>::infinity();  // an accidental hit
        }
        const Scalar best = std::max(zt, column.maxCoeff());
        column.array() = (column.array() - best).exp();
        const Scalar et = std::exp(zt - best);
        const Scalar sum = et + column.sum();
        loss += double(std::log(sum) - (zt - best));
        column *= inverse / sum;
        s.targetLogit[i] = (et / sum - Scalar(1)) * inverse;  // now dL/dz_target
    }
    hiddenGrad.noalias() = candidateW * z;
    s.weightGrad.leftCols(sampled).noalias() += hidden * z.transpose();
    s.biasGrad.topRows(sampled) += z.rowwise().sum();
    for (int i = 0; i < p; ++i) {
        const auto target = targetOf(targets, i);
        const int c = candidates.compactIndex[target];
        const Scalar g = s.targetLogit[i];
        hiddenGrad.col(i) += g * softmax.weight.col(target);
        s.weightGrad.col(c) += g * hidden.col(i);
        s.biasGrad(c, 0) += g;
    }
    if (dropping) {
        hiddenGrad.array() *= mask.array();
    }
    const int forward = static_cast<int>(targets.forwardColumns.size());
    for (int i = 0; i < forward; ++i) {
        outputGrad.col(targets.forwardColumns[i]).topRows(h) += hiddenGrad.col(i);
    }
    for (std::size_t i = 0; i < targets.backwardColumns.size(); ++i) {
        outputGrad.col(targets.backwardColumns[i]).bottomRows(h) +=
                hiddenGrad.col(forward + int(i));
    }
    return loss / normalizer;
}

void fullSoftmaxNll(const SoftmaxWeights<float>& softmax,
                    const LmTargets& targets,
                    int hiddenSize,
                    const Eigen::Ref<const Matrix<float>>& top,
                    Matrix<float>& logits,
                    double nll[2]) {
    const int h = hiddenSize;
    const int p = targets.count();
    const int forward = static_cast<int>(targets.forwardColumns.size());
    constexpr int kChunk = 256;  // V x 256 logits at a time: 16 MB at V = 16,000
    Matrix<float> hidden(h, std::min(p, kChunk));
    for (int begin = 0; begin < p; begin += kChunk) {
        const int size = std::min(kChunk, p - begin);
        for (int i = 0; i < size; ++i) {
            const int at = begin + i;
            hidden.col(i) = at < forward
                                    ? top.col(targets.forwardColumns[at]).topRows(h)
                                    : top.col(targets.backwardColumns[at - forward]).bottomRows(h);
        }
        logits.noalias() = softmax.weight.transpose() * hidden.leftCols(size);
        logits.colwise() += softmax.bias.col(0);
        for (int i = 0; i < size; ++i) {
            const int at = begin + i;
            auto column = logits.col(i);
            const float best = column.maxCoeff();
            const double logSum =
                    double(best) + std::log(double((column.array() - best).exp().sum()));
            nll[at < forward ? 0 : 1] += logSum - double(column(targetOf(targets, at)));
        }
    }
}

template double sampledSoftmaxLoss<float>(const SoftmaxWeights<float>&,
                                          const LmTargets&,
                                          const LmCandidates&,
                                          int,
                                          const Eigen::Ref<const Matrix<float>>&,
                                          float,
                                          Random*,
                                          double,
                                          LmHeadScratch<float>&,
                                          Eigen::Ref<Matrix<float>>);
template double sampledSoftmaxLoss<double>(const SoftmaxWeights<double>&,
                                           const LmTargets&,
                                           const LmCandidates&,
                                           int,
                                           const Eigen::Ref<const Matrix<double>>&,
                                           float,
                                           Random*,
                                           double,
                                           LmHeadScratch<double>&,
                                           Eigen::Ref<Matrix<double>>);

}  // namespace sentinela::model
