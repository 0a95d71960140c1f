// Which LSTM inference kernel runs: the instruction sets this CPU (and its operating system)
// supports, intersected with what the build holds, narrowed by SENTINELA_KERNEL.
#include <cstdlib>
#include <string_view>
#include <vector>

#include "model/lstm_kernel.h"

namespace sentinela::model {

namespace {

bool cpuRuns(std::string_view kernel) {
#if defined(__x86_64__) || defined(__i386__)
    // libgcc's CPU model also checks that the OS saves the wider registers (XCR0).
    __builtin_cpu_init();
    if (kernel == "avx512") {
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq") &&
               __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl");
    }
    if (kernel == "avx2") {
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    }
#endif
    return false;
}

struct KernelChoice {
    std::vector<const LstmKernel*> available;  // fastest first
    std::vector<const LstmKernel*> allowed;    // available, narrowed by SENTINELA_KERNEL
    std::string overrideProblem;
};

KernelChoice choose() {
    KernelChoice choice;
    for (const LstmKernel* kernel : {lstmKernelAvx512(), lstmKernelAvx2()}) {
        if (kernel != nullptr && cpuRuns(kernel->name)) {
            choice.available.push_back(kernel);
        }
    }
    choice.allowed = choice.available;
    const char* requested = std::getenv("SENTINELA_KERNEL");
    if (requested == nullptr || *requested == '\0') {
        return choice;
    }
    const std::string_view name(requested);
    if (name == "reference") {
        choice.allowed.clear();
        return choice;
    }
    for (const LstmKernel* kernel : choice.available) {
        if (name == kernel->name) {
            choice.allowed = {kernel};
            return choice;
        }
    }
    std::string offered = "reference";
    for (const LstmKernel* kernel : choice.available) {
        offered += std::string(", ") + kernel->name;
    }
    choice.overrideProblem = "SENTINELA_KERNEL=" + std::string(name) +
                             " is not a kernel this build can run on this CPU (it can run " +
                             offered + "); using the fastest instead.";
    return choice;
}

const KernelChoice& theChoice() {
    static const KernelChoice choice = choose();
    return choice;
}

}  // namespace

std::span<const LstmKernel* const> availableLstmKernels() {
    return theChoice().available;
}

const LstmKernel* lstmKernelFor(int hiddenSize) {
    for (const LstmKernel* kernel : theChoice().allowed) {
        if (hiddenSize > 0 && hiddenSize % kernel->lanes == 0) {
            return kernel;
        }
    }
    return nullptr;
}

const LstmKernel* lstmKernelForRows(int rows) {
    for (const LstmKernel* kernel : theChoice().allowed) {
        if (rows > 0 && rows % (4 * kernel->lanes) == 0) {
            return kernel;
        }
    }
    return nullptr;
}

std::string lstmKernelOverrideProblem() {
    return theChoice().overrideProblem;
}

std::string lstmKernelDescription() {
    const KernelChoice& choice = theChoice();
    if (choice.allowed.empty()) {
        return choice.available.empty() ? "reference (Eigen; no AVX2 kernel for this CPU)"
                                        : "reference (Eigen; SENTINELA_KERNEL=reference)";
    }
    std::string text = choice.allowed.front()->name;
    if (choice.available.size() > 1) {
        text += " (this CPU also runs:";
        for (const LstmKernel* kernel : choice.available) {
            if (kernel != choice.allowed.front()) {
                text += std::string(" ") + kernel->name;
            }
        }
        text += ")";
    }
    return text;
}

}  // namespace sentinela::model
