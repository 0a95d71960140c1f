#!/usr/bin/env bash
# CI's second pass: the whole test suite (unit, gui, e2e, slow) built with AddressSanitizer,
# LeakSanitizer and UndefinedBehaviorSanitizer (the asan preset, -O0). The asan test preset in
# CMakePresets.json sets ASAN_OPTIONS and UBSAN_OPTIONS so that any report fails the test that
# caused it, with its stack. docs/robustness.md, "Sanitizers", has timings and findings.
set -euo pipefail
cd "$(dirname "$0")/.."
# Left out here (they run in scripts/test.sh): the system and volume tests that repeat code the
# rest of the suite covers with more data or outside processes - 4 GiB through stdin, 20 SIGKILLs
# with retraining, a Slurm cluster, the Debian package. At -O0 under ASan they would take a large
# share of CI's 90 minutes for no code path of their own.
SENTINELA_PRESET=asan exec ./scripts/test.sh \
    -E 'MoreThan4GiBOnStdin|^fault_injection$|^slurm_cluster_split_scan$|^packaging\.' "$@"
