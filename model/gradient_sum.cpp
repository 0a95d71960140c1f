#include "model/gradient_sum.h"

#include <vector>

namespace sentinela::model {

namespace {

std::vector<Matrix<float>*> tensorsOf(const NetworkShape& shape, NetworkParams<float>& params) {
    std::vector<Matrix<float>*> tensors;
    params.forEach(shape,
                   [&](const std::string&, Matrix<float>& m, bool) { tensors.push_back(&m); });
    return tensors;  // [0] is the embedding (forEach's order)
}

}  // namespace

void sumIntoFirst(const NetworkShape& shape,
                  std::span<NetworkParams<float>* const> gradients,
                  std::span<const std::int32_t> touched) {
    const auto total = tensorsOf(shape, *gradients[0]);
    for (std::size_t w = 1; w < gradients.size(); ++w) {
        const auto part = tensorsOf(shape, *gradients[w]);
        for (const auto id : touched) {
            total[0]->col(id) += part[0]->col(id);
            part[0]->col(id).setZero();
        }
        for (std::size_t i = 1; i < total.size(); ++i) {
            *total[i] += *part[i];
            part[i]->setZero();
        }
    }
}

double squaredNorm(const NetworkShape& shape,
                   NetworkParams<float>& gradients,
                   std::span<const std::int32_t> touched) {
    const auto tensors = tensorsOf(shape, gradients);
    double squared = 0.0;
    for (const auto id : touched) {
        squared += tensors[0]->col(id).squaredNorm();
    }
    for (std::size_t i = 1; i < tensors.size(); ++i) {
        squared += tensors[i]->squaredNorm();
    }
    return squared;
}

void clearGradients(const NetworkShape& shape,
                    NetworkParams<float>& gradients,
                    std::span<const std::int32_t> touched) {
    const auto tensors = tensorsOf(shape, gradients);
    for (const auto id : touched) {
        tensors[0]->col(id).setZero();
    }
    for (std::size_t i = 1; i < tensors.size(); ++i) {
        tensors[i]->setZero();
    }
}

void scaleBy(const NetworkShape& shape,
             NetworkParams<float>& gradients,
             std::span<const std::int32_t> touched,
             float factor) {
    const auto tensors = tensorsOf(shape, gradients);
    for (const auto id : touched) {
        tensors[0]->col(id) *= factor;
    }
    for (std::size_t i = 1; i < tensors.size(); ++i) {
        *tensors[i] *= factor;
    }
}

}  // namespace sentinela::model
