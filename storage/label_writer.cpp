#include "storage/label_writer.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace sentinela::storage {

LabelWriter::LabelWriter(Workspace::Impl& impl,
                         const TaskSchema& task,
                         std::string kind,
                         std::string analyst,
                         std::string note,
                         std::optional<std::int64_t> reverts)
    : impl_(impl),
      task_(task),
      kind_(std::move(kind)),
      analyst_(std::move(analyst)),
      note_(std::move(note)),
      reverts_(reverts) {}

std::vector<int> LabelWriter::current(std::int64_t postId) {
    auto s = impl_.cached(
            "SELECT label_idx FROM current_labels WHERE task_id = ? AND post_id = ? ORDER BY "
            "label_idx");
    s.bind(1, task_.id).bind(2, postId);
    std::vector<int> labels;
    while (s.step()) {
        labels.push_back(static_cast<int>(s.int64(0)));
    }
    return labels;
}

bool LabelWriter::write(std::int64_t postId, std::vector<int> labels) {
    std::sort(labels.begin(), labels.end());
    labels.erase(std::unique(labels.begin(), labels.end()), labels.end());
    if (!task_.multiLabel && labels.size() > 1) {
        impl_.fail("task \"" + task_.name + "\" takes one label per post, got " +
                           std::to_string(labels.size()) + ".",
                   "Pick one label, or use a multi-label task.");
    }
    if (current(postId) == labels) {
        return false;
    }
    if (actionId_ == 0) {
        auto a = impl_.cached(
                "INSERT INTO label_actions(task_id, kind, analyst, created_at, note, reverts) "
                "VALUES (?,?,?,?,?,?)");
        a.bind(1, task_.id).bind(2, kind_).bind(3, analyst_).bind(4, nowIso()).bind(5, note_);
        if (reverts_) {
            a.bind(6, *reverts_);
        }
        a.run();
        actionId_ = impl_.lastInsertId();
    }
    auto e = impl_.cached(
            "INSERT INTO label_events(action_id, post_id, task_id, labels) VALUES (?,?,?,?)");
    e.bind(1, actionId_).bind(2, postId).bind(3, task_.id).bind(4, labelsToJson(task_, labels));
    e.run();
    auto d = impl_.cached("DELETE FROM current_labels WHERE task_id = ? AND post_id = ?");
    d.bind(1, task_.id).bind(2, postId).run();
    auto i = impl_.cached("INSERT INTO current_labels(task_id, post_id, label_idx) VALUES (?,?,?)");
    for (const int label : labels) {
        i.reset();
        i.bind(1, task_.id).bind(2, postId).bind(3, label).run();
    }
    ++count_;
    return true;
}

ActionResult LabelWriter::finish() {
    if (actionId_ != 0) {
        auto s = impl_.cached("UPDATE label_actions SET post_count = ? WHERE id = ?");
        s.bind(1, count_).bind(2, actionId_).run();
    }
    return {actionId_, count_};
}

std::string labelsToJson(const TaskSchema& task, const std::vector<int>& labels) {
    auto names = nlohmann::json::array();
    for (const int label : labels) {
        names.push_back(task.labels.at(static_cast<std::size_t>(label)).name);
    }
    return names.dump();
}

std::vector<std::string> labelsFromJson(const std::string& json) {
    std::vector<std::string> names;
    for (const auto& name : nlohmann::json::parse(json)) {
        names.push_back(name.get<std::string>());
    }
    return names;
}

}  // namespace sentinela::storage
