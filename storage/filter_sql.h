// Internal: turns a PostFilter into SQL (FROM ... WHERE ... ORDER BY) with positional
// parameters, shared by findPosts, countPosts, bulkLabel and the exports. Also turns an
// analyst's search text into a safe FTS5 expression. Not thread-safe (uses the Impl).
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "storage/post_query.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {

using SqlValue = std::variant<std::int64_t, double, std::string>;

struct FilterSql {
    const TaskSchema* task = nullptr;  // the filter's task, or null
    std::int64_t modelId = 0;          // model whose predictions are joined, or 0
    bool predictionJoined = false;     // `pr` is available (inner or left join)
    bool matchesNothing = false;       // e.g. a queue that needs predictions and there are none
    std::string from;                  // "FROM ... [JOIN ...]" (aliases p, pr, f)
    std::string where;                 // "WHERE ..." or ""
    std::vector<SqlValue> params;      // for from + where, in order
    std::string orderBy;               // "ORDER BY ..." for the page request
    // The full-text expression when it is the filter's only condition: every FTS row is a post
    // (posts are never deleted), so a count needs neither the posts rows nor the join.
    std::string ftsOnly;
};

FilterSql buildFilterSql(Workspace::Impl& impl, const PostFilter& filter, const PageRequest& page);

// The analyst's search text as an FTS5 expression: words and "phrases" quoted, a trailing '*'
// kept as a prefix, OR kept between terms; "" when nothing searchable remains.
std::string toFtsQuery(std::string_view text);
// One dictionary term ("vou te matar", "terroris*") as an FTS5 phrase; "" if empty.
std::string termToFts(std::string_view term);

void bindAll(StatementLease& statement, const std::vector<SqlValue>& values, int first = 1);

}  // namespace sentinela::storage
