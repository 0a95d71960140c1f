#!/usr/bin/env bash
# The per-instruction-set kernel objects (model/lstm_kernel.h) must define nothing but their
# entry point: any other global or weak symbol (an Eigen or std template instantiation compiled
# for AVX-512) could be picked by the linker for code that runs on AVX2-only CPUs.
# Usage: check_kernel_symbols.sh OBJECT...
set -euo pipefail
status=0
for object in "$@"; do
    # Defined symbols other than local text/data/rodata/bss (lowercase types in nm).
    # DW.ref.__gxx_personality_v0 is a pointer to the C++ exception routine, the same in every
    # object (data, no instruction).
    exported=$(nm -C --defined-only "$object" | awk '$2 ~ /^[A-Z]$/' |
        grep -v -e ' sentinela::model::lstmKernelAvx\(2\|512\)()$' -e ' DW.ref.__gxx_personality_v0$' || true)
    if [ -n "$exported" ]; then
        echo "$object defines symbols other code could bind to:"
        echo "$exported"
        status=1
    fi
    if ! nm -C --defined-only "$object" | grep -q ' sentinela::model::lstmKernelAvx'; then
        echo "$object: no kernel entry point found (is this the right object?)"
        status=1
    fi
done
[ $status -eq 0 ] && echo "kernel objects export only their entry points: $*"
exit $status
