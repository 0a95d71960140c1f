// Value types exchanged with Workspace: import bookkeeping, label history, models and
// predictions, statistics. Thread-safe as any value type.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace sentinela::storage {

// ---- import ----
struct LabelRejection {
    std::int64_t line = 0;  // PostRecord::line
    std::string label;
    std::string reason;  // e.g. "label \"ofensivo\" is not in task \"offensive\" (offensive, ...)"
};

struct InsertCounts {
    std::int64_t inserted = 0;
    std::int64_t duplicates = 0;  // already in the workspace (same source+external id, or same
                                  // source, author, date and text when there is no external id)
    std::int64_t labeled = 0;     // records whose label was applied to the import's task
    std::vector<LabelRejection> rejectedLabels;  // the post is kept, its label is not
    std::vector<std::int64_t> postIds;  // per post given: its new id, 0 when it was a duplicate
};

// Final numbers of an import, written by finishImport; errorsJson is a JSON array.
struct ImportTotals {
    std::int64_t read = 0;
    std::int64_t imported = 0;
    std::int64_t duplicates = 0;
    std::int64_t skipped = 0;
    std::int64_t rejected = 0;
    std::string errorsJson = "[]";
    bool cancelled = false;
};

struct ImportInfo {
    std::int64_t id = 0;
    std::string file, format, labelTask, startedAt, finishedAt;
    std::string status;  // "running", "done", "cancelled"
    ImportTotals totals;
};

// ---- labels ----
struct LabelEvent {
    std::int64_t id = 0;
    std::int64_t actionId = 0;  // one analyst action; a bulk label is one action
    std::int64_t postId = 0;
    std::string task;
    std::vector<std::string> labels;  // the labels set by this entry; empty = removed
    std::string kind;                 // "set", "remove", "revert", "import"
    std::string analyst, createdAt, note;
};

struct ActionResult {
    std::int64_t actionId = 0;  // undo(actionId) reverts it
    std::int64_t count = 0;     // posts whose labels changed
};

struct LabelCount {
    std::string label;
    std::int64_t count = 0;
};

struct LabelImportReport {
    std::int64_t actionId = 0;
    std::int64_t applied = 0;
    std::vector<LabelRejection> rejected;  // unknown post id or label, with the CSV line
};

// ---- models and predictions ----
struct ModelRegistration {
    std::string name;  // unique per task
    std::string task;
    std::filesystem::path file;  // model file on disk, or
    std::string blob;            // the model file's bytes kept inside the workspace
    std::string metricsJson = "{}";
    std::vector<float> thresholds;  // per label, for multi-label; default 0.5
};

struct ModelInfo {
    std::int64_t id = 0;
    std::string name, task;
    std::filesystem::path file;
    bool hasBlob = false;
    std::string metricsJson;
    std::vector<float> thresholds;
    std::string createdAt;
    bool active = false;
    std::string lastScanAt;  // last writePredictions, empty if never
    std::int64_t predictedPosts = 0;
};

struct Prediction {
    std::int64_t postId = 0;
    std::vector<float> scores;  // one per task label, in label order
};

// ---- statistics ----
struct TaskStats {
    std::string task;
    std::int64_t labeledPosts = 0;
    std::vector<LabelCount> labels;  // every label of the task, zero counts included
    std::int64_t flagged = 0;        // active model's flag score >= 0.5, no human decision
    std::string activeModel;
};

struct WorkspaceStats {
    std::int64_t posts = 0;
    std::int64_t unindexedPosts = 0;  // not yet searchable (see Workspace::updateSearchIndex)
    std::int64_t imports = 0;
    std::int64_t models = 0;
    std::string lastScanAt;
    std::vector<TaskStats> tasks;
    std::map<std::string, std::int64_t> postsBySource;
};

}  // namespace sentinela::storage
