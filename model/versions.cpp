#include "model/versions.h"

#include <Eigen/Core>

#include "model/lstm_kernel.h"

namespace sentinela::model {

std::string eigenVersion() {
    return std::to_string(EIGEN_WORLD_VERSION) + "." + std::to_string(EIGEN_MAJOR_VERSION) + "." +
           std::to_string(EIGEN_MINOR_VERSION);
}

std::string inferenceKernel() {
    return lstmKernelDescription();
}

std::string inferenceKernelProblem() {
    return lstmKernelOverrideProblem();
}

}  // namespace sentinela::model
