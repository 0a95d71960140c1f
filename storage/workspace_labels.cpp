// The labels API over the append-only history (label_actions + label_events); LabelWriter keeps
// the derived current_labels table in step.
#include <fstream>
#include <nlohmann/json.hpp>

#include "storage/csv_io.h"
#include "storage/filter_sql.h"
#include "storage/label_writer.h"
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

std::vector<int> labelIndexes(Workspace::Impl& impl,
                              const TaskSchema& task,
                              const std::vector<std::string>& labels) {
    std::vector<int> indexes;
    for (const auto& label : labels) {
        indexes.push_back(impl.requireLabel(task, label));
    }
    return indexes;
}

void requirePost(Workspace::Impl& impl, std::int64_t postId) {
    auto s = impl.cached("SELECT 1 FROM posts WHERE id = ?");
    s.bind(1, postId);
    if (!s.step()) {
        impl.fail("has no post " + std::to_string(postId) + ".", "Check the post id.");
    }
}

nlohmann::json actionJson(const std::string& task, const ActionResult& result) {
    return {{"task", task}, {"action", result.actionId}, {"posts", result.count}};
}

}  // namespace

ActionResult Workspace::setLabels(std::int64_t postId,
                                  const std::string& task,
                                  const std::vector<std::string>& labels,
                                  const std::string& analyst,
                                  const std::string& note) {
    Transaction tx(*impl_);
    const auto& schema = impl_->requireTask(task);
    requirePost(*impl_, postId);
    LabelWriter writer(*impl_, schema, labels.empty() ? "remove" : "set", analyst, note);
    writer.write(postId, labelIndexes(*impl_, schema, labels));
    const auto result = writer.finish();
    tx.commit();
    return result;
}

ActionResult Workspace::setLabel(std::int64_t postId,
                                 const std::string& task,
                                 const std::string& label,
                                 const std::string& analyst,
                                 const std::string& note) {
    return setLabels(postId, task, {label}, analyst, note);
}

ActionResult Workspace::bulkLabel(const PostFilter& filter,
                                  const std::string& task,
                                  const std::vector<std::string>& labels,
                                  const std::string& analyst,
                                  const std::string& note) {
    Transaction tx(*impl_);
    const auto& schema = impl_->requireTask(task);
    const auto indexes = labelIndexes(*impl_, schema, labels);
    const auto sql = buildFilterSql(*impl_, filter, PageRequest{});
    std::vector<std::int64_t> ids;
    if (!sql.matchesNothing) {
        auto s = impl_->cached("SELECT " + sql.id + " " + sql.from + " " + sql.where);
        bindAll(s, sql.params);
        while (s.step()) {
            ids.push_back(s.int64(0));
        }
    }
    LabelWriter writer(*impl_, schema, "bulk", analyst, note);
    for (const auto id : ids) {
        writer.write(id, indexes);
    }
    const auto result = writer.finish();
    impl_->audit(analyst, "label.bulk", actionJson(task, result).dump());
    tx.commit();
    return result;
}

ActionResult Workspace::undo(std::int64_t actionId, const std::string& analyst) {
    Transaction tx(*impl_);
    std::int64_t taskId = 0;
    {
        auto a = impl_->cached(
                "SELECT task_id, EXISTS (SELECT 1 FROM label_actions r WHERE r.reverts = a.id) "
                "FROM label_actions a WHERE id = ?");
        a.bind(1, actionId);
        if (!a.step()) {
            impl_->fail("has no label action " + std::to_string(actionId) + ".");
        }
        if (a.int64(1) != 0) {
            impl_->fail("label action " + std::to_string(actionId) + " was already undone.");
        }
        taskId = a.int64(0);
    }
    const auto& schema = impl_->taskById(taskId);
    struct Change {
        std::int64_t postId;
        std::vector<std::string> setTo, before;
    };
    std::vector<Change> changes;
    {
        auto e = impl_->cached(
                "SELECT e.post_id, e.labels, (SELECT p.labels FROM label_events p WHERE "
                "p.post_id = e.post_id AND p.task_id = e.task_id AND p.id < e.id ORDER BY p.id "
                "DESC LIMIT 1) FROM label_events e WHERE e.action_id = ? ORDER BY e.id");
        e.bind(1, actionId);
        while (e.step()) {
            changes.push_back(
                    {e.int64(0), labelsFromJson(e.text(1)),
                     e.isNull(2) ? std::vector<std::string>{} : labelsFromJson(e.text(2))});
        }
    }
    LabelWriter writer(*impl_, schema, "revert", analyst, "", actionId);
    for (const auto& change : changes) {
        auto setTo = labelIndexes(*impl_, schema, change.setTo);
        std::sort(setTo.begin(), setTo.end());
        if (writer.current(change.postId) != setTo) {
            continue;  // changed again since: the later decision stands
        }
        writer.write(change.postId, labelIndexes(*impl_, schema, change.before));
    }
    auto result = writer.finish();
    if (result.actionId == 0) {
        // Nothing to restore; still mark the action undone so undoLast moves on.
        auto r = impl_->cached(
                "INSERT INTO label_actions(task_id, kind, analyst, created_at, note, reverts) "
                "VALUES (?, 'revert', ?, ?, '', ?)");
        r.bind(1, schema.id).bind(2, analyst).bind(3, nowIso()).bind(4, actionId).run();
        result.actionId = impl_->lastInsertId();
    }
    impl_->audit(analyst, "label.undo",
                 nlohmann::json{
                         {"undone", actionId}, {"action", result.actionId}, {"posts", result.count}}
                         .dump());
    tx.commit();
    return result;
}

ActionResult Workspace::undoLast(const std::string& analyst) {
    std::int64_t actionId = 0;
    {
        auto s = impl_->cached(
                "SELECT id FROM label_actions a WHERE analyst = ? AND kind <> 'revert' AND NOT "
                "EXISTS (SELECT 1 FROM label_actions r WHERE r.reverts = a.id) ORDER BY id DESC "
                "LIMIT 1");
        s.bind(1, analyst);
        if (!s.step()) {
            return {};
        }
        actionId = s.int64(0);
    }
    return undo(actionId, analyst);
}

std::vector<std::string> Workspace::currentLabels(std::int64_t postId, const std::string& task) {
    const auto& schema = impl_->requireTask(task);
    auto s = impl_->cached(
            "SELECT label_idx FROM current_labels WHERE task_id = ? AND post_id = ? ORDER BY "
            "label_idx");
    s.bind(1, schema.id).bind(2, postId);
    std::vector<std::string> labels;
    while (s.step()) {
        labels.push_back(schema.labels.at(static_cast<std::size_t>(s.int64(0))).name);
    }
    return labels;
}

std::vector<LabelEvent> Workspace::labelHistory(std::int64_t postId) {
    auto s = impl_->cached(
            "SELECT e.id, e.action_id, e.post_id, t.name, e.labels, a.kind, a.analyst, "
            "a.created_at, a.note FROM label_events e JOIN label_actions a ON a.id = e.action_id "
            "JOIN tasks t ON t.id = e.task_id WHERE e.post_id = ? ORDER BY e.id");
    s.bind(1, postId);
    std::vector<LabelEvent> events;
    while (s.step()) {
        events.push_back({s.int64(0), s.int64(1), s.int64(2), s.text(3), labelsFromJson(s.text(4)),
                          s.text(5), s.text(6), s.text(7), s.text(8)});
    }
    return events;
}

std::vector<LabelCount> Workspace::labelCounts(const std::string& task) {
    const auto& schema = impl_->requireTask(task);
    std::vector<LabelCount> counts;
    for (const auto& label : schema.labels) {
        counts.push_back({label.name, 0});
    }
    auto s = impl_->cached(
            "SELECT label_idx, count(*) FROM current_labels WHERE task_id = ? GROUP BY label_idx");
    s.bind(1, schema.id);
    while (s.step()) {
        const auto index = static_cast<std::size_t>(s.int64(0));
        if (index < counts.size()) {
            counts[index].count = s.int64(1);
        }
    }
    return counts;
}

}  // namespace sentinela::storage
