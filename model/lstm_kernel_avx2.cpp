// The LSTM inference kernel for AVX2 + FMA (8 floats per vector). Compiled with -mavx2 -mfma
// and without AVX-512, whatever the rest of the build uses (model/CMakeLists.txt).
#include "model/lstm_kernel_body.h"

namespace sentinela::model {

const LstmKernel* lstmKernelAvx2() {
    // Where the compiler could not take the flags, this unit holds a kernel of some other width:
    // it is not offered under this name.
#if defined(__AVX2__) && defined(__FMA__) && !defined(__AVX512F__)
    constexpr bool kBuiltForThisSet = true;
#else
    constexpr bool kBuiltForThisSet = false;
#endif
    static constexpr LstmKernel kKernel = {"avx2",        kLanes,         &packPanels,
                                           &runDirection, &packRowPanels, &multiplyPacked};
    return kBuiltForThisSet ? &kKernel : nullptr;
}

}  // namespace sentinela::model
