#!/usr/bin/env bash
# ThreadSanitizer over the concurrent pieces (the tsan preset, -O1), not the whole suite. Not part
# of .ci/run; docs/robustness.md, "Sanitizers", says why and what it found.
#
# Checked (any report fails): the import's reader thread and search-index thread, the
# workspace's concurrent processes, the scan pipeline (oneTBB) through the real CLI, and
# data-parallel training and pretraining. With --all, also the GUI's workers (Job's thread,
# PostLoader's thread, import and training from the GUI), with tests/tsan-qt.supp for what
# Debian's uninstrumented Qt does inside itself.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cmake --preset tsan
targets=(storage_workspace_tests storage_importer_tests sentinela cli_workflow_tests
         model_network_tests model_pretrain_tests)
gui=(ui_job_test ui_post_table_model_test ui_import_wizard_test ui_train_page_test)
if [ "${1:-}" = "--all" ]; then
    targets+=("${gui[@]}")
fi
cmake --build --preset tsan --target "${targets[@]}"

export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1 history_size=4"
tests=build/tsan/tests
run() {
    echo "test-tsan: $*"
    "$@"
}
run "$tests/storage/storage_workspace_tests" --gtest_filter='SearchIndexBuild*:WorkspaceConcurrency*'
run "$tests/storage/storage_importer_tests" --gtest_filter='ImportIntoWorkspace*'
run "$tests/app/cli_workflow_tests" --gtest_filter='CliScan*'
# Data-parallel training and pretraining on 2 threads: the worker pool, the barriers and the
# sliced update (model/worker_pool.h, model/sliced_update.h).
run "$tests/model/model_network_tests" --gtest_filter='SequenceMemory*:WorkerPool*'
run "$tests/model/model_pretrain_tests" --gtest_filter='PretrainOnDisk.LearnsTheCorpus*:PretrainOnDisk.StopAndResume*'
echo "test-tsan: no data race reported in the import, the workspace, the scan pipeline and training."
if [ "${1:-}" != "--all" ]; then
    exit 0
fi
# The GUI's workers (ui/job.h, ui/post_loader.h). Debian's Qt is not built with ThreadSanitizer:
# tests/tsan-qt.supp ignores what Qt and GLib do inside themselves, not our code. Any report fails.
export TSAN_OPTIONS="halt_on_error=1 history_size=4 suppressions=$PWD/tests/tsan-qt.supp" \
    QT_QPA_PLATFORM=offscreen SENTINELA_SETTINGS_SCOPE=test
for program in "${gui[@]}"; do
    run "$tests/ui/$program"
done
echo "test-tsan: no data race reported in the GUI's workers either."
