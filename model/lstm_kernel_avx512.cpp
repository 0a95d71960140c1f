// The LSTM inference kernel for AVX-512 (F, DQ, BW, VL: every AVX-512 CPU since Skylake-SP; 16
// floats per vector). Compiled with those flags whatever the rest of the build uses
// (model/CMakeLists.txt); run only where the CPU has them (lstm_kernel_choice.cpp).
#include "model/lstm_kernel_body.h"

namespace sentinela::model {

const LstmKernel* lstmKernelAvx512() {
    // Where the compiler could not take the flags, this unit holds a kernel of some other width:
    // it is not offered under this name.
#if defined(__AVX512F__) && defined(__AVX512DQ__) && defined(__AVX512BW__) && defined(__AVX512VL__)
    constexpr bool kBuiltForThisSet = true;
#else
    constexpr bool kBuiltForThisSet = false;
#endif
    static constexpr LstmKernel kKernel = {"avx512",      kLanes,         &packPanels,
                                           &runDirection, &packRowPanels, &multiplyPacked};
    return kBuiltForThisSet ? &kKernel : nullptr;
}

}  // namespace sentinela::model
