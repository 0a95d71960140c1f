// What model was built with and runs on, for `sentinela --version`.
#pragma once

#include <string>

namespace sentinela::model {

std::string eigenVersion();
// The LSTM inference kernel this CPU runs (model/lstm_kernel.h), e.g. "avx512 (this CPU also
// runs: avx2)".
std::string inferenceKernel();
// Empty, or why SENTINELA_KERNEL was ignored.
std::string inferenceKernelProblem();

}  // namespace sentinela::model
