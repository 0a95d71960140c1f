#!/usr/bin/env bash
# CI's second pass: the whole test suite (unit, gui, e2e, slow) built with AddressSanitizer,
# LeakSanitizer and UndefinedBehaviorSanitizer (the asan preset, -O0). The asan test preset in
# CMakePresets.json sets ASAN_OPTIONS and UBSAN_OPTIONS so that any report fails the test that
# caused it, with its stack. docs/robustness.md, "Sanitizers", has timings and findings.
set -euo pipefail
cd "$(dirname "$0")/.."
SENTINELA_PRESET=asan exec ./scripts/test.sh "$@"
