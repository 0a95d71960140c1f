// Filter -> SQL. The shapes matter for speed at a million posts: label filters are written as
// `<id> IN (SELECT post_id ...)` so a rare label drives the loop, full-text as a join on the FTS
// table ordered by its rowid (FTS5 returns rowid order for free), queues that need a model start
// from the predictions indexes (model_id, flag_score) and (model_id, margin), and the posts
// table is joined only when a condition or the sort reads one of its columns.
#include "storage/filter_sql.h"

#include <algorithm>

namespace sentinela::storage {
namespace {

bool hasSearchableChar(std::string_view word) {
    return std::any_of(word.begin(), word.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
    });
}

std::string quotePhrase(std::string_view phrase, bool prefix) {
    std::string out = "\"";
    for (const char c : phrase) {
        out += c;
        if (c == '"') {
            out += '"';
        }
    }
    out += prefix ? "\"*" : "\"";
    return out;
}

std::string placeholders(std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += i == 0 ? "?" : ",?";
    }
    return out;
}

}  // namespace

std::string termToFts(std::string_view term) {
    const auto last = term.find_last_not_of(' ');
    if (last == std::string_view::npos) {
        return {};
    }
    const bool prefix = term[last] == '*';
    auto body = term.substr(0, prefix ? term.find_last_not_of("* ", last) + 1 : last + 1);
    if (!hasSearchableChar(body)) {
        return {};
    }
    std::string cleaned(body);
    std::replace(cleaned.begin(), cleaned.end(), '"', ' ');
    return quotePhrase(cleaned, prefix);
}

std::string toFtsQuery(std::string_view text) {
    std::vector<std::string> parts;  // terms and "OR"
    std::size_t i = 0;
    while (i < text.size()) {
        if (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r') {
            ++i;
            continue;
        }
        std::string term;
        if (text[i] == '"') {
            const auto close = text.find('"', i + 1);
            const auto end = close == std::string_view::npos ? text.size() : close;
            const auto phrase = text.substr(i + 1, end - i - 1);
            i = end + 1;
            const bool prefix = i < text.size() && text[i] == '*';
            i += prefix ? 1 : 0;
            if (hasSearchableChar(phrase)) {
                term = quotePhrase(phrase, prefix);
            }
        } else {
            const auto end = std::min(text.find_first_of(" \t\n\r\"", i), text.size());
            const auto word = text.substr(i, end - i);
            i = end;
            if (word == "OR") {
                if (!parts.empty() && parts.back() != "OR") {
                    parts.push_back("OR");
                }
                continue;
            }
            term = termToFts(word);
        }
        if (!term.empty()) {
            parts.push_back(std::move(term));
        }
    }
    while (!parts.empty() && parts.back() == "OR") {
        parts.pop_back();
    }
    std::string query;
    for (const auto& part : parts) {
        query += (query.empty() ? "" : " ") + part;
    }
    return query;
}

void bindAll(StatementLease& statement, const std::vector<SqlValue>& values, int first) {
    int index = first;
    for (const auto& value : values) {
        std::visit([&](const auto& v) { statement.bind(index, v); }, value);
        ++index;
    }
}

std::string SortOrder::clause(std::string_view keyExpr, std::string_view idExpr) const {
    std::string out = "ORDER BY ";
    if (!key.empty()) {
        out.append(keyExpr).append(keyOrder).append(", ");
    }
    return out.append(idExpr).append(idOrder);
}

namespace {

// The task's dictionary as one FTS5 expression of ORed phrases; "" when it has no terms.
std::string dictionaryFts(Workspace::Impl& impl, const TaskSchema& task) {
    std::string terms;
    auto s = impl.cached("SELECT term FROM keywords WHERE task_id = ?");
    s.bind(1, task.id);
    while (s.step()) {
        if (auto term = termToFts(s.textView(0)); !term.empty()) {
            terms += (terms.empty() ? "" : " OR ") + term;
        }
    }
    return terms;
}

// Conditions on posts columns; false when there are none (then `posts` need not be joined).
bool addPostColumnConditions(const PostFilter& filter,
                             std::vector<std::string>& conditions,
                             std::vector<SqlValue>& params) {
    const std::size_t before = conditions.size();
    const std::pair<const std::string*, const char*> exact[] = {
            {&filter.source, "p.source = ?"},
            {&filter.author, "p.author = ?"},
            {&filter.createdFrom, "p.created_at >= ?"},
            {&filter.createdTo, "p.created_at < ?"}};
    for (const auto& [value, condition] : exact) {
        if (!value->empty()) {
            conditions.push_back(condition);
            params.emplace_back(*value);
        }
    }
    if (!filter.createdFrom.empty() || !filter.createdTo.empty()) {
        conditions.push_back("p.created_at <> ''");  // unknown dates are outside any range
    }
    if (filter.importId) {
        conditions.push_back("p.import_id = ?");
        params.emplace_back(*filter.importId);
    }
    return conditions.size() > before;
}

SortOrder sortOrder(Queue queue, const PageRequest& page) {
    const std::string dir = page.descending ? " DESC" : "";
    switch (page.sort) {
        case SortKey::kQueueOrder:
            switch (queue) {
                case Queue::kFlagged:
                case Queue::kDisagreements:
                    return {"pr.flag_score", " DESC", ""};
                case Queue::kUncertain:
                    return {"pr.margin", "", ""};
                case Queue::kDictionaryHits:
                    return {"", "", " DESC"};
                default:
                    return {};
            }
        case SortKey::kId:
            return {"", "", dir};
        case SortKey::kDate:
            return {"p.created_at", dir, dir};
        case SortKey::kScore:
            return {"pr.flag_score", dir + " NULLS LAST", ""};
    }
    return {};
}

}  // namespace

FilterSql buildFilterSql(Workspace::Impl& impl, const PostFilter& filter, const PageRequest& page) {
    FilterSql sql;
    std::vector<std::string> conditions;
    std::vector<SqlValue> whereParams, joinParams;
    const Queue queue = filter.queue;
    if (!filter.task.empty()) {
        sql.task = &impl.requireTask(filter.task);
    }
    const bool needsTask = queue != Queue::kNone || !filter.labels.empty() || filter.unlabeled ||
                           !filter.predictedLabel.empty() || filter.minScore || filter.maxScore ||
                           filter.withPrediction;
    if (needsTask && sql.task == nullptr) {
        impl.fail("a label, prediction or queue filter needs a task.",
                  "Name the task the filter refers to (e.g. --task offensive).");
    }
    const TaskSchema* task = sql.task;
    const bool scoreRange = filter.minScore || filter.maxScore;
    // Predictions drive the loop when a filter or the queue needs them (pages show them anyway).
    const bool needsPrediction = !filter.predictedLabel.empty() || scoreRange ||
                                 filter.withPrediction || queue == Queue::kFlagged ||
                                 queue == Queue::kUncertain || queue == Queue::kDisagreements;
    if (task != nullptr) {
        sql.modelId = impl.resolveModel(*task, filter.model);
    }
    if (needsPrediction && sql.modelId == 0) {
        sql.matchesNothing = true;
    }

    // Full text: the analyst's words, AND the task's dictionary for the dictionary queue.
    std::string fts = toFtsQuery(filter.text);
    if (!filter.text.empty() && fts.empty()) {
        sql.matchesNothing = true;
    }
    if (queue == Queue::kDictionaryHits) {
        const auto terms = dictionaryFts(impl, *task);
        sql.matchesNothing = sql.matchesNothing || terms.empty();
        fts = fts.empty() ? terms : "(" + fts + ") AND (" + terms + ")";
    }
    const bool useFts = !fts.empty();

    // The driving table, and its post id column.
    if (queue == Queue::kDisagreements) {
        // Humans label thousands of posts, models score millions: drive from the labeled set.
        sql.from =
                "FROM (SELECT DISTINCT post_id FROM current_labels WHERE task_id = ?) d CROSS "
                "JOIN predictions pr ON pr.model_id = ? AND pr.post_id = d.post_id";
        joinParams.emplace_back(task->id);
        joinParams.emplace_back(sql.modelId);
        sql.id = "d.post_id";
    } else if (needsPrediction) {
        sql.from = "FROM predictions pr";
        sql.id = "pr.post_id";
        conditions.push_back("pr.model_id = ?");
        whereParams.emplace_back(sql.modelId);
    } else {
        sql.from = useFts ? "FROM posts_fts f" : "FROM posts p";
        sql.id = useFts ? "f.rowid" : "p.id";
    }
    const std::string& id = sql.id;
    if (useFts) {
        if (needsPrediction) {
            sql.from += " JOIN posts_fts f ON f.rowid = " + id;
        }
        conditions.push_back("f.posts_fts MATCH ?");
        whereParams.emplace_back(fts);
    }

    const bool undecided = filter.unlabeled || queue == Queue::kFlagged ||
                           queue == Queue::kUncertain || queue == Queue::kUnlabeled ||
                           queue == Queue::kDictionaryHits;
    if (undecided) {
        conditions.push_back(
                "NOT EXISTS (SELECT 1 FROM current_labels cl WHERE cl.task_id = ? AND "
                "cl.post_id = " +
                id + ")");
        whereParams.emplace_back(task->id);
    }
    if (!filter.labels.empty()) {
        conditions.push_back(id +
                             " IN (SELECT post_id FROM current_labels WHERE task_id = ? AND "
                             "label_idx IN (" +
                             placeholders(filter.labels.size()) + "))");
        whereParams.emplace_back(task->id);
        for (const auto& label : filter.labels) {
            whereParams.emplace_back(std::int64_t{impl.requireLabel(*task, label)});
        }
    }
    if (queue == Queue::kDisagreements) {
        conditions.push_back(
                "pr.predicted_mask <> (SELECT coalesce(sum(1 << label_idx), 0) FROM "
                "current_labels cl WHERE cl.task_id = ? AND cl.post_id = " +
                id + ")");
        whereParams.emplace_back(task->id);
    }
    if (!filter.predictedLabel.empty()) {
        conditions.push_back("(pr.predicted_mask >> ?) & 1 = 1");
        whereParams.emplace_back(std::int64_t{impl.requireLabel(*task, filter.predictedLabel)});
    }
    if (filter.minScore) {
        conditions.push_back("pr.flag_score >= ?");
        whereParams.emplace_back(*filter.minScore);
    }
    if (filter.maxScore) {
        conditions.push_back("pr.flag_score <= ?");
        whereParams.emplace_back(*filter.maxScore);
    }

    sql.order = sortOrder(queue, page);
    const bool readsPosts = addPostColumnConditions(filter, conditions, whereParams) ||
                            sql.order.key == "p.created_at";
    const bool sortsByPrediction = sql.order.key.starts_with("pr.");
    if (sortsByPrediction && sql.modelId == 0 && !needsPrediction) {
        impl.fail("sorting by score needs a task with a model.",
                  "Choose a task whose model has scanned the posts, or sort by date.");
    }
    // A score range is what narrows the predictions (index predictions_flag). Ordering by the
    // bare id would let the planner, which has no statistics, walk the primary key in id order
    // and test every prediction when few match; "+id" orders the same rows but rules that out.
    const auto sortId = needsPrediction && scoreRange ? "+" + id : id;
    sql.orderBy = sql.order.clause(sql.order.key, sortId);
    if (page.afterId) {
        if (page.sort != SortKey::kId) {
            impl.fail("keyset paging (afterId) works with the id sort only.",
                      "Use offset paging for other sorts.");
        }
        conditions.push_back(id + (page.descending ? " < ?" : " > ?"));
        whereParams.emplace_back(*page.afterId);
    }

    const std::string postsJoin = (queue == Queue::kDisagreements ? " CROSS JOIN" : " JOIN") +
                                  std::string(" posts p ON p.id = ") + id;
    if (readsPosts && id != "p.id") {
        sql.from += postsJoin;
    }
    const std::string predictionJoin =
            " LEFT JOIN predictions pr ON pr.model_id = ? AND pr.post_id = " + id;
    if (sortsByPrediction && !needsPrediction) {
        sql.from += predictionJoin;  // unscored posts stay in, sorted last
        joinParams.emplace_back(sql.modelId);
    }
    // Reading the rows in the same statement: posts and the model's prediction join too.
    sql.rowsFrom = sql.from + (readsPosts || id == "p.id" ? "" : postsJoin);
    auto rowsParams = joinParams;
    if (sql.modelId != 0 && !needsPrediction && !sortsByPrediction) {
        sql.rowsFrom += predictionJoin;
        rowsParams.emplace_back(sql.modelId);
    }
    // Picking the page's ids first pays when the page is sorted out of all the matches (each
    // match then carries only its id and key through the sort) or skips rows (they never read
    // their post). Not when the loop is over posts, nor when it yields the page in order from
    // the driving table's index: the search index by id, predictions by flag score or margin,
    // or by id through their primary key (unless a score range drives, see sortId).
    const bool byId = sql.order.key.empty();
    const bool driverYieldsOrder =
            (id == "f.rowid" && byId) ||
            (id == "pr.post_id" && (byId ? sortId == id : sortsByPrediction));
    sql.pickIdsFirst = id != "p.id" && (page.offset > 0 || !driverYieldsOrder);

    for (std::size_t i = 0; i < conditions.size(); ++i) {
        sql.where += (i == 0 ? "WHERE " : " AND ") + conditions[i];
    }
    sql.params = std::move(joinParams);
    sql.params.insert(sql.params.end(), whereParams.begin(), whereParams.end());
    sql.rowsParams = std::move(rowsParams);
    sql.rowsParams.insert(sql.rowsParams.end(), whereParams.begin(), whereParams.end());
    return sql;
}

}  // namespace sentinela::storage
