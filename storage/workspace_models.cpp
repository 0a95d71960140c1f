// Models (registered classifier files) and their predictions. writePredictions is the hot path
// of a scan: one transaction per batch, one cached statement, scores stored as a float blob with
// the derived columns (predicted labels mask, flag score, margin) the queues index.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>

#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

struct Derived {
    std::int64_t mask = 0;
    double flagScore = 0, margin = 0;
};

Derived derive(const TaskSchema& task,
               const std::vector<float>& thresholds,
               const std::vector<float>& scores) {
    Derived d;
    bool anyFlagged = false;
    double best = -1, second = -1, flagged = 0;
    int bestIndex = 0;
    double closest = 1e9;
    for (std::size_t i = 0; i < scores.size(); ++i) {
        const double s = scores[i];
        if (s > best) {
            second = best;
            best = s;
            bestIndex = static_cast<int>(i);
        } else if (s > second) {
            second = s;
        }
        if (task.labels[i].flagged) {
            flagged = anyFlagged ? std::max(flagged, s) : s;
            anyFlagged = true;
        }
        if (task.multiLabel) {
            const double threshold = i < thresholds.size() ? thresholds[i] : 0.5;
            if (s >= threshold && i < 63) {
                d.mask |= std::int64_t{1} << i;
            }
            closest = std::min(closest, std::abs(s - threshold));
        }
    }
    if (task.multiLabel) {
        d.margin = closest;  // distance of the most doubtful label from its threshold
    } else {
        d.mask = std::int64_t{1} << std::min(bestIndex, 62);
        d.margin = second < 0 ? best : best - second;
    }
    d.flagScore = anyFlagged ? flagged : best;
    return d;
}

ModelInfo readModel(const StatementLease& s) {
    ModelInfo m;
    m.id = s.int64(0);
    m.name = s.text(1);
    m.task = s.text(2);
    m.file = s.text(3);
    m.hasBlob = s.int64(4) != 0;
    m.metricsJson = s.text(5);
    for (const auto& t : nlohmann::json::parse(s.text(6))) {
        m.thresholds.push_back(t.get<float>());
    }
    m.createdAt = s.text(7);
    m.active = s.int64(8) != 0;
    m.lastScanAt = s.text(9);
    m.predictedPosts = s.int64(10);
    return m;
}

constexpr const char* kModelSelect =
        "SELECT m.id, m.name, t.name, m.file, m.blob IS NOT NULL, m.metrics, m.thresholds, "
        "m.created_at, m.active, m.last_scan_at, (SELECT count(*) FROM predictions pr WHERE "
        "pr.model_id = m.id) FROM models m JOIN tasks t ON t.id = m.task_id ";

}  // namespace

std::int64_t Workspace::registerModel(const ModelRegistration& model, const std::string& analyst) {
    if (model.name.empty()) {
        impl_->fail("cannot register a model without a name.", "Name the model.");
    }
    nlohmann::json metrics;
    try {
        metrics = nlohmann::json::parse(model.metricsJson.empty() ? "{}" : model.metricsJson);
    } catch (const nlohmann::json::exception& e) {
        impl_->fail("model \"" + model.name + "\": metrics are not valid JSON (" + e.what() + ").");
    }
    Transaction tx(*impl_);
    const auto& task = impl_->requireTask(model.task);
    if (!model.thresholds.empty() && model.thresholds.size() != task.labels.size()) {
        impl_->fail("model \"" + model.name + "\" has " + std::to_string(model.thresholds.size()) +
                    " thresholds but task \"" + task.name + "\" has " +
                    std::to_string(task.labels.size()) + " labels.");
    }
    {
        auto e = impl_->cached("SELECT 1 FROM models WHERE task_id = ? AND name = ?");
        e.bind(1, task.id).bind(2, model.name);
        if (e.step()) {
            impl_->fail(
                    "task \"" + task.name + "\" already has a model named \"" + model.name + "\".",
                    "Choose another name.");
        }
    }
    auto s = impl_->cached(
            "INSERT INTO models(name, task_id, file, blob, metrics, thresholds, created_at, "
            "active) VALUES (?,?,?,?,?,?,?, NOT EXISTS (SELECT 1 FROM models WHERE task_id = ? "
            "AND active))");
    s.bind(1, model.name).bind(2, task.id).bind(3, model.file.string());
    if (!model.blob.empty()) {
        s.bindBlob(4, model.blob.data(), model.blob.size());
    }
    s.bind(5, metrics.dump()).bind(6, nlohmann::json(model.thresholds).dump());
    s.bind(7, nowIso()).bind(8, task.id);
    s.run();
    const auto id = impl_->lastInsertId();
    impl_->audit(analyst, "model.register",
                 nlohmann::json{{"model", id}, {"name", model.name}, {"task", task.name}}.dump());
    tx.commit();
    return id;
}

std::vector<ModelInfo> Workspace::models(const std::string& task) {
    std::vector<ModelInfo> result;
    if (task.empty()) {
        auto s = impl_->cached(std::string(kModelSelect) + "ORDER BY m.id");
        while (s.step()) {
            result.push_back(readModel(s));
        }
        return result;
    }
    const auto taskId = impl_->requireTask(task).id;
    auto s = impl_->cached(std::string(kModelSelect) + "WHERE m.task_id = ? ORDER BY m.id");
    s.bind(1, taskId);
    while (s.step()) {
        result.push_back(readModel(s));
    }
    return result;
}

std::optional<ModelInfo> Workspace::model(std::int64_t modelId) {
    auto s = impl_->cached(std::string(kModelSelect) + "WHERE m.id = ?");
    s.bind(1, modelId);
    if (!s.step()) {
        return std::nullopt;
    }
    return readModel(s);
}

std::string Workspace::modelBlob(std::int64_t modelId) {
    auto s = impl_->cached("SELECT blob FROM models WHERE id = ?");
    s.bind(1, modelId);
    if (!s.step()) {
        impl_->fail("has no model " + std::to_string(modelId) + ".");
    }
    return s.blob(0);
}

void Workspace::activateModel(std::int64_t modelId, const std::string& analyst) {
    Transaction tx(*impl_);
    auto s = impl_->cached(
            "UPDATE models SET active = (id = ?1) WHERE task_id = (SELECT task_id FROM models "
            "WHERE id = ?1)");
    s.bind(1, modelId).run();
    if (sqlite3_changes(impl_->db) == 0) {
        impl_->fail("has no model " + std::to_string(modelId) + ".",
                    "List the models with `sentinela models`.");
    }
    impl_->audit(analyst, "model.activate", nlohmann::json{{"model", modelId}}.dump());
    tx.commit();
}

void Workspace::writePredictions(std::int64_t modelId, std::span<const Prediction> predictions) {
    Transaction tx(*impl_);
    const TaskSchema* task = nullptr;
    std::vector<float> thresholds;
    {
        auto m = impl_->cached("SELECT task_id, thresholds FROM models WHERE id = ?");
        m.bind(1, modelId);
        if (!m.step()) {
            impl_->fail("has no model " + std::to_string(modelId) + ".",
                        "Register the model before writing its predictions.");
        }
        task = &impl_->taskById(m.int64(0));
        for (const auto& t : nlohmann::json::parse(m.text(1))) {
            thresholds.push_back(t.get<float>());
        }
    }
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
    auto s = impl_->cached(
            "INSERT OR REPLACE INTO predictions(model_id, post_id, scores, predicted_mask, "
            "flag_score, margin, created_unix) VALUES (?,?,?,?,?,?,?)");
    for (const auto& p : predictions) {
        if (p.scores.size() != task->labels.size()) {
            impl_->fail("post " + std::to_string(p.postId) + ": the model gave " +
                                std::to_string(p.scores.size()) + " scores, task \"" + task->name +
                                "\" has " + std::to_string(task->labels.size()) + " labels.",
                        "Scan with a model trained for this task.");
        }
        const auto d = derive(*task, thresholds, p.scores);
        s.reset();
        s.bind(1, modelId).bind(2, p.postId);
        s.bindBlob(3, p.scores.data(), p.scores.size() * sizeof(float));
        s.bind(4, d.mask).bind(5, d.flagScore).bind(6, d.margin).bind(7, std::int64_t{now});
        try {
            s.run();
        } catch (const WorkspaceError& e) {
            impl_->fail("cannot store the prediction for post " + std::to_string(p.postId) + ": " +
                                e.problem(),
                        "Scan posts of this workspace only.");
        }
    }
    auto u = impl_->cached("UPDATE models SET last_scan_at = ? WHERE id = ?");
    u.bind(1, nowIso()).bind(2, modelId).run();
    tx.commit();
}

}  // namespace sentinela::storage
