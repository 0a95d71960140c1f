// Workspace statistics for the dashboard and `sentinela stats`.
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

std::int64_t scalar(Workspace::Impl& impl, const char* sql, std::int64_t bound = 0) {
    auto s = impl.cached(sql);
    if (bound != 0) {
        s.bind(1, bound);
    }
    return s.step() ? s.int64(0) : 0;
}

}  // namespace

WorkspaceStats Workspace::stats() {
    // One read transaction, so every number describes the same moment.
    impl_->exec("BEGIN");
    WorkspaceStats stats;
    try {
        stats.posts = scalar(*impl_, "SELECT coalesce(sum(posts), 0) FROM source_counts");
        stats.unindexedPosts = unindexedPosts();
        stats.imports = scalar(*impl_, "SELECT count(*) FROM imports");
        stats.models = scalar(*impl_, "SELECT count(*) FROM models");
        {
            auto s = impl_->cached("SELECT coalesce(max(last_scan_at), '') FROM models");
            s.step();
            stats.lastScanAt = s.text(0);
        }
        {
            auto s = impl_->cached("SELECT source, posts FROM source_counts WHERE posts > 0");
            while (s.step()) {
                stats.postsBySource[s.text(0)] = s.int64(1);
            }
        }
        for (const auto& task : tasks()) {
            TaskStats t;
            t.task = task.name;
            t.labels = labelCounts(task.name);
            t.labeledPosts = scalar(*impl_,
                                    "SELECT count(*) FROM (SELECT DISTINCT post_id FROM "
                                    "current_labels WHERE task_id = ?)",
                                    task.id);
            auto m = impl_->cached("SELECT id, name FROM models WHERE task_id = ? AND active");
            m.bind(1, task.id);
            if (m.step()) {
                t.activeModel = m.text(1);
                t.flagged = scalar(*impl_,
                                   "SELECT count(*) FROM predictions pr WHERE pr.model_id = ? AND "
                                   "pr.flag_score >= 0.5 AND NOT EXISTS (SELECT 1 FROM "
                                   "current_labels cl, models m WHERE m.id = pr.model_id AND "
                                   "cl.task_id = m.task_id AND cl.post_id = pr.post_id)",
                                   m.int64(0));
            }
            stats.tasks.push_back(std::move(t));
        }
    } catch (...) {
        sqlite3_exec(impl_->db, "ROLLBACK", nullptr, nullptr, nullptr);
        throw;
    }
    impl_->exec("COMMIT");
    return stats;
}

}  // namespace sentinela::storage
