// Internal: the one place that appends to the label history and keeps the derived current_labels
// table in step with it (in the caller's transaction). Not thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/workspace_impl.h"

namespace sentinela::storage {

class LabelWriter {
public:
    // Starts an action (kind "set", "bulk", "import", "csv", "revert") lazily on the first change.
    LabelWriter(Workspace::Impl& impl,
                const TaskSchema& task,
                std::string kind,
                std::string analyst,
                std::string note,
                std::optional<std::int64_t> reverts = std::nullopt);

    // Appends an entry when `labels` (indexes, any order) differ from the post's current labels;
    // returns whether it did.
    bool write(std::int64_t postId, std::vector<int> labels);
    // Stores the count on the action; returns {actionId (0 if nothing changed), count}.
    ActionResult finish();

    std::vector<int> current(std::int64_t postId);

private:
    Workspace::Impl& impl_;
    const TaskSchema& task_;
    std::string kind_, analyst_, note_;
    std::optional<std::int64_t> reverts_;
    std::int64_t actionId_ = 0;
    std::int64_t count_ = 0;
};

// JSON array of label names <-> indexes of the task.
std::string labelsToJson(const TaskSchema& task, const std::vector<int>& labels);
std::vector<std::string> labelsFromJson(const std::string& json);

}  // namespace sentinela::storage
