// Filters, sorting, paging and the review queues for reading posts out of a workspace.
// Plain value types; thread-safe as any value type.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sentinela::storage {

// The review queues of the GUI. All but kNone need PostFilter::task and restrict to posts the
// analyst has not decided yet for that task, except kDisagreements (decided, and the model says
// otherwise).
enum class Queue {
    kNone,
    kFlagged,        // highest flag score first (needs predictions)
    kUncertain,      // smallest margin between the top two scores first (needs predictions)
    kUnlabeled,      // by id
    kDisagreements,  // human labels differ from the model's predicted labels; highest score first
    kDictionaryHits  // text matches the task's keyword dictionary; newest id first
};

struct PostFilter {
    // Task that label, prediction and queue filters refer to; empty means none of those apply.
    std::string task;
    std::string model;  // model name for prediction filters; empty = the task's active model
    Queue queue = Queue::kNone;

    std::vector<std::string> labels;  // current human label is any of these
    bool unlabeled = false;           // no human decision for the task
    std::string predictedLabel;       // the model predicts this label
    std::optional<double> minScore;   // flag score (highest score of the task's flagged labels)
    std::optional<double> maxScore;
    bool withPrediction = false;  // only posts the model has scored

    std::string source;       // exact
    std::string author;       // exact
    std::string createdFrom;  // ISO 8601, inclusive
    std::string createdTo;    // ISO 8601, exclusive
    std::optional<std::int64_t> importId;
    // Full-text search over the post text: words are ANDed, "quoted phrases" kept, a trailing
    // '*' makes a prefix, OR between words works; case- and accent-insensitive ("nao" finds
    // "não"). Never a syntax error: anything else is searched as plain words.
    std::string text;
};

enum class SortKey {
    kQueueOrder,  // the queue's own order, or id when queue is kNone
    kId,
    kDate,
    kScore,  // flag score; posts without prediction last
};

struct PageRequest {
    SortKey sort = SortKey::kQueueOrder;
    bool descending = false;  // ignored by kQueueOrder
    std::int64_t offset = 0;  // offset paging
    int limit = 100;
    // Keyset paging for SortKey::kId only: rows with id after (or, descending, before) this one.
    std::optional<std::int64_t> afterId;
};

struct PredictionSummary {
    std::string model;
    std::vector<float> scores;                 // one per task label, in label order
    std::vector<std::string> predictedLabels;  // argmax, or scores over threshold (multi-label)
    float flagScore = 0;
    float margin = 0;  // top score minus second score; small = uncertain
    std::string createdAt;
};

struct PostRow {
    std::int64_t id = 0;  // stable post id in this workspace
    std::string source;
    std::string externalId;
    std::string author;
    std::string createdAt;
    std::string text;
    std::string language;
    std::int64_t importId = 0;
    std::vector<std::string> labels;              // current human labels for the filter's task
    std::optional<PredictionSummary> prediction;  // for the filter's task and model
};

struct CountResult {
    std::int64_t count = 0;
    bool exact = true;  // false when counting stopped at the cap; count is then the cap
};

}  // namespace sentinela::storage
