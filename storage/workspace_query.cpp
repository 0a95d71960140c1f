// Reading posts: one post, filtered pages and counts.
#include <cstring>

#include "storage/filter_sql.h"
#include "storage/raw_blocks.h"
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

constexpr const char* kPostColumns =
        "p.id, p.source, p.external_id, p.author, p.created_at, p.text, p.language, "
        "coalesce(p.import_id, 0)";
constexpr int kLabelsColumn = 8;
constexpr int kPredictionColumn = 9;

std::string isoFromUnix(std::int64_t seconds) {
    const auto t = static_cast<std::time_t>(seconds);
    std::tm utc{};
    gmtime_r(&t, &utc);
    char buffer[64];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

std::vector<float> scoresFromBlob(const StatementLease& s, int column) {
    const auto bytes = s.blob(column);
    std::vector<float> scores(bytes.size() / sizeof(float));
    std::memcpy(scores.data(), bytes.data(), scores.size() * sizeof(float));
    return scores;
}

std::string modelName(Workspace::Impl& impl, std::int64_t modelId) {
    auto s = impl.cached("SELECT name FROM models WHERE id = ?");
    s.bind(1, modelId);
    return s.step() ? s.text(0) : std::string();
}

PostRow readRow(const StatementLease& s,
                const TaskSchema* task,
                bool withPrediction,
                const std::string& model) {
    PostRow row;
    row.id = s.int64(0);
    row.source = s.text(1);
    row.externalId = s.text(2);
    row.author = s.text(3);
    row.createdAt = s.text(4);
    row.text = s.text(5);
    row.language = s.text(6);
    row.importId = s.int64(7);
    if (task == nullptr) {
        return row;
    }
    const auto labels = s.textView(kLabelsColumn);
    for (std::size_t i = 0; i < labels.size();) {
        const auto end = std::min(labels.find(',', i), labels.size());
        const auto index =
                static_cast<std::size_t>(std::stoi(std::string(labels.substr(i, end - i))));
        if (index < task->labels.size()) {
            row.labels.push_back(task->labels[index].name);
        }
        i = end + 1;
    }
    if (withPrediction && !s.isNull(kPredictionColumn)) {
        PredictionSummary p;
        p.model = model;
        p.scores = scoresFromBlob(s, kPredictionColumn);
        const auto mask = s.int64(kPredictionColumn + 1);
        for (std::size_t i = 0; i < task->labels.size() && i < 63; ++i) {
            if ((mask >> i) & 1) {
                p.predictedLabels.push_back(task->labels[i].name);
            }
        }
        p.flagScore = static_cast<float>(s.real(kPredictionColumn + 2));
        p.margin = static_cast<float>(s.real(kPredictionColumn + 3));
        p.createdAt = isoFromUnix(s.int64(kPredictionColumn + 4));
        row.prediction = std::move(p);
    }
    return row;
}

// The shown columns: the post, its labels for the task and the model's prediction (`p`, `pr`).
std::string rowColumns(const FilterSql& sql) {
    std::string columns = kPostColumns;
    if (sql.task != nullptr) {
        columns +=
                ", (SELECT group_concat(label_idx) FROM current_labels WHERE task_id = ? AND "
                "post_id = p.id)";
        if (sql.modelId != 0) {
            columns += ", pr.scores, pr.predicted_mask, pr.flag_score, pr.margin, pr.created_unix";
        }
    }
    return columns;
}

// The shown rows for the ids of `ids` (a table expression `k` with an `id` column, looped over
// first).
std::string selectRowsOf(const FilterSql& sql, const std::string& ids) {
    std::string select =
            "SELECT " + rowColumns(sql) + " FROM " + ids + " CROSS JOIN posts p ON p.id = k.id";
    if (sql.modelId != 0) {
        select += " LEFT JOIN predictions pr ON pr.model_id = ? AND pr.post_id = p.id";
    }
    return select;
}

// Parameters in text order: the labels subquery's task, the rows' (or ids'), and after the
// ids the prediction join's model.
void bindRows(StatementLease& s,
              const FilterSql& sql,
              const std::vector<SqlValue>& params,
              bool ofIds) {
    int next = 1;
    if (sql.task != nullptr) {
        s.bind(next++, sql.task->id);
    }
    bindAll(s, params, next);
    next += static_cast<int>(params.size());
    if (ofIds && sql.modelId != 0) {
        s.bind(next, sql.modelId);
    }
}

std::vector<PostRow> readRows(Workspace::Impl& impl, StatementLease& s, const FilterSql& sql) {
    const auto model = sql.modelId != 0 ? modelName(impl, sql.modelId) : std::string();
    std::vector<PostRow> rows;
    while (s.step()) {
        rows.push_back(readRow(s, sql.task, sql.modelId != 0, model));
    }
    return rows;
}

}  // namespace

// Late materialization (FilterSql::pickIdsFirst): when the page is sorted out of all matches
// or skips rows, its ids and sort keys come from the filter's own tables, sorted and cut to
// the page there, and only those rows read their posts, labels and prediction (a score range
// with 5,200 matches in a million posts: page + count ~39 -> ~2.2 ms). The outer ORDER BY
// repeats the inner one on the same key values: same order, same ties. Otherwise the loop
// yields the page in order and reads its rows in place (two steps would only add a sort).
std::vector<PostRow> Workspace::findPosts(const PostFilter& filter, const PageRequest& page) {
    const auto sql = buildFilterSql(*impl_, filter, page);
    if (sql.matchesNothing || page.limit <= 0) {
        return {};
    }
    const bool keyed = !sql.order.key.empty();
    auto params = sql.pickIdsFirst ? sql.params : sql.rowsParams;
    params.emplace_back(std::int64_t{page.limit});
    params.emplace_back(page.offset);
    if (!sql.pickIdsFirst) {
        auto s = impl_->cached("SELECT " + rowColumns(sql) + " " + sql.rowsFrom + " " + sql.where +
                               " " + sql.orderBy + " LIMIT ? OFFSET ?");
        bindRows(s, sql, params, false);
        return readRows(*impl_, s, sql);
    }
    const auto ids = "(SELECT " + sql.id + " AS id" +
                     (keyed ? ", " + sql.order.key + " AS sort_key " : " ") + sql.from + " " +
                     sql.where + " " + sql.orderBy + " LIMIT ? OFFSET ?) k";
    auto s = impl_->cached(selectRowsOf(sql, ids) + " " +
                           sql.order.clause(keyed ? "k.sort_key" : "", "k.id"));
    bindRows(s, sql, params, true);
    return readRows(*impl_, s, sql);
}

CountResult Workspace::countPosts(const PostFilter& filter, std::int64_t cap) {
    const auto sql = buildFilterSql(*impl_, filter, PageRequest{});
    if (sql.matchesNothing) {
        return {0, true};
    }
    std::int64_t count = 0;
    if (sql.where.empty() && sql.from == "FROM posts p") {
        // Every post: the per-source counts answer without scanning a million rows.
        auto all = impl_->cached("SELECT coalesce(sum(posts), 0) FROM source_counts");
        all.step();
        count = all.int64(0);
    } else {
        // `from` joins posts only for a posts column: full text alone reads only the search
        // index (172 -> ~50 ms for a word in 60 % of a million posts), a score range only the
        // predictions index.
        const auto body = sql.from + " " + sql.where;
        auto s = impl_->cached(cap > 0 ? "SELECT count(*) FROM (SELECT 1 " + body + " LIMIT ?)"
                                       : "SELECT count(*) " + body);
        bindAll(s, sql.params);
        if (cap > 0) {
            s.bind(static_cast<int>(sql.params.size()) + 1, cap + 1);
        }
        s.step();
        count = s.int64(0);
    }
    return cap > 0 && count > cap ? CountResult{cap, false} : CountResult{count, true};
}

std::optional<PostRow> Workspace::post(std::int64_t postId, const std::string& task) {
    PostFilter filter;
    filter.task = task;
    const auto sql = buildFilterSql(*impl_, filter, PageRequest{});
    auto s =
            impl_->cached("SELECT " + rowColumns(sql) + " " + sql.rowsFrom +
                          (sql.where.empty() ? " WHERE " : " " + sql.where + " AND ") + "p.id = ?");
    auto params = sql.rowsParams;
    params.emplace_back(postId);
    bindRows(s, sql, params, false);
    auto rows = readRows(*impl_, s, sql);
    if (rows.empty()) {
        return std::nullopt;
    }
    return std::move(rows.front());
}

std::optional<std::int64_t> Workspace::findPostId(const std::string& source,
                                                  const std::string& externalId) {
    auto s = impl_->cached(
            "SELECT id FROM posts WHERE source = ? AND external_id = ? AND external_id <> ''");
    s.bind(1, source).bind(2, externalId);
    if (s.step()) {
        return s.int64(0);
    }
    return std::nullopt;
}

std::vector<std::pair<std::string, std::int64_t>> Workspace::findPostsByExternalId(
        const std::string& externalId) {
    // One (source, external_id) index probe per source; the sources come from source_counts,
    // a row per source, not from a scan of the posts.
    auto s = impl_->cached(
            "SELECT c.source, p.id FROM source_counts c CROSS JOIN posts p ON p.source = c.source "
            "AND p.external_id = ?1 AND p.external_id <> '' ORDER BY c.source");
    s.bind(1, externalId);
    std::vector<std::pair<std::string, std::int64_t>> found;
    while (s.step()) {
        found.emplace_back(s.text(0), s.int64(1));
    }
    return found;
}

std::string Workspace::rawRecord(std::int64_t postId) {
    {
        auto s = impl_->cached("SELECT raw FROM post_raw WHERE post_id = ?");  // before v5
        s.bind(1, postId);
        if (s.step()) {
            return s.blob(0);
        }
    }
    auto s = impl_->cached(
            "SELECT first_post_id, sizes, records FROM post_raw_blocks WHERE first_post_id <= ?1 "
            "AND last_post_id >= ?1 ORDER BY first_post_id DESC LIMIT 1");
    s.bind(1, postId);
    if (!s.step()) {
        return {};
    }
    try {
        return recordInRawBlock(postId, s.int64(0), s.blobView(1), s.blobView(2))
                .value_or(std::string());
    } catch (const std::runtime_error& e) {
        impl_->fail(std::string(e.what()) + " (post " + std::to_string(postId) + ").",
                    "Restore the workspace from a backup; the post itself is intact.");
    }
}

}  // namespace sentinela::storage
