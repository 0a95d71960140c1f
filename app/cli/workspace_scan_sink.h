// `scan --workspace W`: stores every scanned post in the workspace (as one import batch) with the
// model's scores, so the GUI's review queues (flagged, uncertain, disagreements) show them. The
// model is registered in the workspace (and made the task's active model when the task has none).
// Runs on the pipeline's writer stage; owns its own Workspace connection. Not thread-safe.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "app/cli/scan_pipeline.h"
#include "storage/import_report.h"

namespace sentinela::cli {

class WorkspaceScanSink : public ScanSink {
public:
    // Throws CommandError / WorkspaceError when the workspace cannot be opened, or when the
    // model's labels do not fit the workspace task of the same name.
    WorkspaceScanSink(const std::filesystem::path& workspace,
                      const std::filesystem::path& modelFile,
                      const model::Classifier& classifier,
                      const std::string& exportName,
                      const std::string& formatName);
    ~WorkspaceScanSink() override;

    void write(const ScanBatch& batch) override;
    // Records the import's totals (also when the scan was interrupted).
    void finish(const storage::ImportReport& report, bool cancelled);

    std::int64_t stored() const { return stored_; }
    std::int64_t duplicates() const { return duplicates_; }
    std::int64_t withoutId() const { return withoutId_; }  // posts without an id get no scores

private:
    struct State;
    std::unique_ptr<State> state_;
    std::int64_t stored_ = 0, duplicates_ = 0, withoutId_ = 0;
};

}  // namespace sentinela::cli
