// Tasks (label schemas) and their keyword dictionaries.
#include <nlohmann/json.hpp>

#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {

int TaskSchema::labelIndex(const std::string& name) const {
    for (std::size_t i = 0; i < labels.size(); ++i) {
        if (labels[i].name == name) {
            return static_cast<int>(i);
        }
    }
    return -1;
}

namespace {

void insertLabel(Workspace::Impl& impl,
                 std::int64_t taskId,
                 int index,
                 const LabelDefinition& label) {
    if (label.name.empty()) {
        impl.fail("cannot store a label without a name.", "Give every label a name.");
    }
    auto s = impl.cached(
            "INSERT INTO task_labels(task_id, idx, name, colour, key, flagged, description) "
            "VALUES (?,?,?,?,?,?,?)");
    s.bind(1, taskId).bind(2, index).bind(3, label.name).bind(4, label.colour).bind(5, label.key);
    s.bind(6, label.flagged ? 1 : 0).bind(7, label.description).run();
}

}  // namespace

std::vector<TaskSchema> Workspace::tasks() {
    std::vector<std::string> names;
    {
        auto s = impl_->cached("SELECT name FROM tasks ORDER BY id");
        while (s.step()) {
            names.push_back(s.text(0));
        }
    }
    std::vector<TaskSchema> result;
    for (const auto& name : names) {
        result.push_back(impl_->requireTask(name));
    }
    return result;
}

std::optional<TaskSchema> Workspace::task(const std::string& name) {
    impl_->forgetTasks();  // another process may have added labels
    if (const auto* task = impl_->findTask(name)) {
        return *task;
    }
    return std::nullopt;
}

std::int64_t Workspace::createTask(const TaskSchema& schema, const std::string& analyst) {
    if (schema.name.empty() || schema.labels.empty()) {
        impl_->fail("cannot create a task without a name and at least one label.",
                    "Name the task and list its labels.");
    }
    if (schema.labels.size() > TaskSchema::kMaxLabels) {
        impl_->fail("task \"" + schema.name + "\" lists " + std::to_string(schema.labels.size()) +
                            " labels; a task takes at most " +
                            std::to_string(TaskSchema::kMaxLabels) + ".",
                    "Merge rare labels, or split the question into several tasks.");
    }
    Transaction tx(*impl_);
    if (impl_->findTask(schema.name) != nullptr) {
        impl_->fail("already has a task named \"" + schema.name + "\".", "Choose another name.");
    }
    auto s = impl_->cached(
            "INSERT INTO tasks(name, kind, multi_label, created_at) VALUES (?,?,?,?)");
    s.bind(1, schema.name).bind(2, schema.kind.empty() ? std::string("custom") : schema.kind);
    s.bind(3, schema.multiLabel ? 1 : 0).bind(4, nowIso()).run();
    const auto id = impl_->lastInsertId();
    for (std::size_t i = 0; i < schema.labels.size(); ++i) {
        if (schema.labelIndex(schema.labels[i].name) != static_cast<int>(i)) {
            impl_->fail("task \"" + schema.name + "\" lists label \"" + schema.labels[i].name +
                                "\" twice.",
                        "Give every label a distinct name.");
        }
        insertLabel(*impl_, id, static_cast<int>(i), schema.labels[i]);
    }
    nlohmann::json labels = nlohmann::json::array();
    for (const auto& l : schema.labels) {
        labels.push_back(l.name);
    }
    impl_->audit(analyst, "task.create",
                 nlohmann::json{{"task", schema.name}, {"labels", labels}}.dump());
    tx.commit();
    impl_->forgetTasks();
    return id;
}

void Workspace::addTaskLabel(const std::string& task,
                             const LabelDefinition& label,
                             const std::string& analyst) {
    Transaction tx(*impl_);
    impl_->forgetTasks();
    const auto& schema = impl_->requireTask(task);
    if (schema.labelIndex(label.name) >= 0) {
        impl_->fail("task \"" + task + "\" already has label \"" + label.name + "\".");
    }
    if (schema.labels.size() >= TaskSchema::kMaxLabels) {
        impl_->fail("task \"" + task + "\" already has " + std::to_string(schema.labels.size()) +
                            " labels, the most a task takes; \"" + label.name + "\" was not added.",
                    "Merge rare labels, or create another task.");
    }
    insertLabel(*impl_, schema.id, static_cast<int>(schema.labels.size()), label);
    impl_->audit(analyst, "task.add-label",
                 nlohmann::json{{"task", task}, {"label", label.name}}.dump());
    tx.commit();
    impl_->forgetTasks();
}

void Workspace::installPreset(const TaskPreset& preset, const std::string& analyst) {
    if (impl_->findTask(preset.schema.name) != nullptr) {
        return;
    }
    createTask(preset.schema, analyst);
    Transaction tx(*impl_);
    const auto& schema = impl_->requireTask(preset.schema.name);
    auto s = impl_->cached(
            "INSERT OR IGNORE INTO keywords(task_id, label_idx, term, created_by, created_at) "
            "VALUES (?,?,?,?,?)");
    const auto now = nowIso();
    for (const auto& keyword : preset.keywords) {
        s.reset();
        s.bind(1, schema.id).bind(2, impl_->requireLabel(schema, keyword.label));
        s.bind(3, keyword.term).bind(4, analyst).bind(5, now).run();
    }
    tx.commit();
}

std::vector<Workspace::Keyword> Workspace::keywords(const std::string& task) {
    const auto& schema = impl_->requireTask(task);
    auto s = impl_->cached(
            "SELECT id, label_idx, term, created_by, created_at FROM keywords WHERE task_id = ? "
            "ORDER BY label_idx, id");
    s.bind(1, schema.id);
    std::vector<Keyword> result;
    while (s.step()) {
        const auto index = static_cast<std::size_t>(s.int64(1));
        result.push_back({s.int64(0), index < schema.labels.size() ? schema.labels[index].name : "",
                          s.text(2), s.text(3), s.text(4)});
    }
    return result;
}

std::int64_t Workspace::addKeyword(const std::string& task,
                                   const std::string& label,
                                   const std::string& term,
                                   const std::string& analyst) {
    if (foldForMatching(term).find_first_not_of(" *") == std::string::npos) {
        impl_->fail("cannot add an empty keyword.", "Type a word or a phrase.");
    }
    Transaction tx(*impl_);
    const auto& schema = impl_->requireTask(task);
    auto s = impl_->cached(
            "INSERT INTO keywords(task_id, label_idx, term, created_by, created_at) VALUES "
            "(?,?,?,?,?) ON CONFLICT DO NOTHING");
    s.bind(1, schema.id).bind(2, impl_->requireLabel(schema, label)).bind(3, term);
    s.bind(4, analyst).bind(5, nowIso()).run();
    std::int64_t id = 0;
    {
        auto found = impl_->cached(
                "SELECT id FROM keywords WHERE task_id = ? AND label_idx = ? AND term = ?");
        found.bind(1, schema.id).bind(2, impl_->requireLabel(schema, label)).bind(3, term);
        found.step();
        id = found.int64(0);
    }
    impl_->audit(analyst, "keyword.add",
                 nlohmann::json{{"task", task}, {"label", label}, {"term", term}}.dump());
    tx.commit();
    return id;
}

void Workspace::removeKeyword(std::int64_t keywordId, const std::string& analyst) {
    Transaction tx(*impl_);
    auto s = impl_->cached("DELETE FROM keywords WHERE id = ? RETURNING term");
    s.bind(1, keywordId);
    if (!s.step()) {
        impl_->fail("has no keyword " + std::to_string(keywordId) + ".");
    }
    const auto term = s.text(0);
    s.run();
    impl_->audit(analyst, "keyword.remove",
                 nlohmann::json{{"keyword", keywordId}, {"term", term}}.dump());
    tx.commit();
}

KeywordMatcher Workspace::keywordMatcher(const std::string& task) {
    std::vector<KeywordRule> rules;
    for (auto& keyword : keywords(task)) {
        rules.push_back({std::move(keyword.label), std::move(keyword.term)});
    }
    return KeywordMatcher(std::move(rules));
}

}  // namespace sentinela::storage
