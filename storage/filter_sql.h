// Internal: turns a PostFilter into SQL (FROM ... WHERE ... ORDER BY) with positional
// parameters, shared by findPosts, countPosts, bulkLabel and the exports. Also turns an
// analyst's search text into a safe FTS5 expression. Not thread-safe (uses the Impl).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "storage/post_query.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {

using SqlValue = std::variant<std::int64_t, double, std::string>;

// A page's order: an optional first key, then the post id, which makes the order total.
struct SortOrder {
    std::string key;       // "pr.flag_score", "pr.margin", "p.created_at", or "" (id alone)
    std::string keyOrder;  // e.g. " DESC NULLS LAST"
    std::string idOrder;   // "" or " DESC"
    // "ORDER BY <keyExpr><keyOrder>, <idExpr><idOrder>", over any names for the two.
    std::string clause(std::string_view keyExpr, std::string_view idExpr) const;
};

// The filter as the set of post ids it matches. `from` holds only the tables the conditions
// and the sort key read: the driving table (predictions `pr`, the search index `f`, the
// labeled set `d`, or posts `p`), and `posts p` only when a condition or the sort reads a
// posts column. Conditions on the post id use `id`, the driving table's column. A prediction,
// a search index row or a label always has its post (foreign keys, posts are never deleted),
// so leaving the posts join out changes no result: counts and page ids skip a posts lookup
// per match, and callers join posts for the few rows they show.
struct FilterSql {
    const TaskSchema* task = nullptr;  // the filter's task, or null
    std::int64_t modelId = 0;          // the task's model whose predictions rows show, or 0
    bool matchesNothing = false;       // e.g. a queue that needs predictions and there are none
    std::string id;                // the post id in `from`: pr.post_id, f.rowid, d.post_id, p.id
    std::string from;              // "FROM ... [JOIN ...]"
    std::string where;             // "WHERE ..." or ""
    std::vector<SqlValue> params;  // for from + where, in order
    SortOrder order;               // the page's order; its key is readable in `from`
    std::string orderBy;           // "ORDER BY ..." over `from` (and `rowsFrom`)
    // `from` with posts `p` and, when there is a model, its prediction `pr` joined: for reading
    // rows in one statement with `where`; rowsParams are for rowsFrom + where.
    std::string rowsFrom;
    std::vector<SqlValue> rowsParams;
    // Whether a page should pick its ids from `from` first and then read only those rows: when
    // the loop is not over posts and sorts all matches or skips rows (offset).
    bool pickIdsFirst = false;
};

FilterSql buildFilterSql(Workspace::Impl& impl, const PostFilter& filter, const PageRequest& page);

// The analyst's search text as an FTS5 expression: words and "phrases" quoted, a trailing '*'
// kept as a prefix, OR kept between terms; "" when nothing searchable remains.
std::string toFtsQuery(std::string_view text);
// One dictionary term ("vou te matar", "terroris*") as an FTS5 phrase; "" if empty.
std::string termToFts(std::string_view term);

void bindAll(StatementLease& statement, const std::vector<SqlValue>& values, int first = 1);

}  // namespace sentinela::storage
