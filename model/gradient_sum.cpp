#include "model/gradient_sum.h"

#include <algorithm>
#include <cmath>

namespace sentinela::model {

namespace {

Eigen::Map<Eigen::ArrayXf> elements(Matrix<float>& tensor, const TensorRange& range) {
    return {tensor.data() + range.begin, range.end - range.begin};
}

// Element [begin, end) of a sequence of `total` elements cut into `parts` near-equal runs.
std::pair<Eigen::Index, Eigen::Index> share(Eigen::Index total, int part, int parts) {
    return {total * part / parts, total * (part + 1) / parts};
}

}  // namespace

std::vector<Matrix<float>*> tensorsOf(const NetworkShape& shape, NetworkParams<float>& params) {
    std::vector<Matrix<float>*> tensors;
    params.forEach(shape,
                   [&](const std::string&, Matrix<float>& m, bool) { tensors.push_back(&m); });
    return tensors;
}

ParameterSlice sliceOfParameters(std::span<Matrix<float>* const> tensors,
                                 std::span<const std::int32_t> touched,
                                 int part,
                                 int parts) {
    ParameterSlice slice;
    const auto [firstTouched, endTouched] = share(Eigen::Index(touched.size()), part, parts);
    slice.touched =
            touched.subspan(std::size_t(firstTouched), std::size_t(endTouched - firstTouched));
    // The dense tensors as one flat sequence; this part's run of it, cut at tensor borders.
    Eigen::Index total = 0;
    for (std::size_t i = 1; i < tensors.size(); ++i) {
        total += tensors[i]->size();
    }
    const auto [first, end] = share(total, part, parts);
    Eigen::Index offset = 0;  // of tensor i in the flat sequence
    for (std::size_t i = 1; i < tensors.size(); ++i) {
        const Eigen::Index size = tensors[i]->size();
        const Eigen::Index begin = std::max(first, offset) - offset;
        const Eigen::Index stop = std::min(end, offset + size) - offset;
        if (begin < stop) {
            slice.dense.push_back({static_cast<int>(i), begin, stop});
        }
        offset += size;
    }
    return slice;
}

void sumIntoFirst(const NetworkShape& shape,
                  std::span<NetworkParams<float>* const> gradients,
                  const ParameterSlice& slice) {
    const auto total = tensorsOf(shape, *gradients[0]);
    for (std::size_t w = 1; w < gradients.size(); ++w) {
        const auto part = tensorsOf(shape, *gradients[w]);
        for (const auto id : slice.touched) {
            total[0]->col(id) += part[0]->col(id);
            part[0]->col(id).setZero();
        }
        for (const TensorRange& range : slice.dense) {
            auto from = elements(*part[range.tensor], range);
            elements(*total[range.tensor], range) += from;
            from.setZero();
        }
    }
}

double squaredNorm(const NetworkShape& shape,
                   NetworkParams<float>& gradients,
                   const ParameterSlice& slice) {
    const auto tensors = tensorsOf(shape, gradients);
    double squared = 0.0;
    for (const auto id : slice.touched) {
        squared += tensors[0]->col(id).squaredNorm();
    }
    for (const TensorRange& range : slice.dense) {
        squared += elements(*tensors[range.tensor], range).matrix().squaredNorm();
    }
    return squared;
}

void clearGradients(const NetworkShape& shape,
                    NetworkParams<float>& gradients,
                    const ParameterSlice& slice) {
    const auto tensors = tensorsOf(shape, gradients);
    for (const auto id : slice.touched) {
        tensors[0]->col(id).setZero();
    }
    for (const TensorRange& range : slice.dense) {
        elements(*tensors[range.tensor], range).setZero();
    }
}

void scaleBy(const NetworkShape& shape,
             NetworkParams<float>& gradients,
             const ParameterSlice& slice,
             float factor) {
    const auto tensors = tensorsOf(shape, gradients);
    for (const auto id : slice.touched) {
        tensors[0]->col(id) *= factor;
    }
    for (const TensorRange& range : slice.dense) {
        elements(*tensors[range.tensor], range) *= factor;
    }
}

float clipFactor(std::span<const double> squaredParts, double maxNorm) {
    if (maxNorm <= 0) {
        return 1.0f;
    }
    double squared = 0.0;
    for (const double part : squaredParts) {
        squared += part;
    }
    const double norm = std::sqrt(squared);
    return norm > maxNorm ? static_cast<float>(maxNorm / norm) : 1.0f;
}

}  // namespace sentinela::model
