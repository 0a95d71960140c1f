#include <cstdio>
#include <cstdlib>

#include "tests/fuzz/fuzz_target.h"

namespace sentinela::fuzz {

void fail(const char* what) {
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    std::abort();
}

}  // namespace sentinela::fuzz
