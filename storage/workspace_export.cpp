// Exports: labeled data in the shape of the shared datasets, flagged posts with scores, and the
// label history. JSON strings are escaped by nlohmann (invalid UTF-8 replaced, never thrown);
// CSV follows RFC 4180.
#include <nlohmann/json.hpp>
#include <ostream>

#include "storage/content_hash.h"
#include "storage/csv_io.h"
#include "storage/label_writer.h"
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

std::string jsonString(std::string_view text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// A uniform number in [0,1) from the seed and the text's content hash: identical texts (same
// hash) always land in the same split, and the split never depends on insertion order.
const char* splitFor(const LabeledExportOptions& options, std::int64_t contentHashValue) {
    std::string key = options.seed;
    key += '\0';
    key += std::to_string(contentHashValue);
    const double u = static_cast<double>(fnv1a(key) >> 11) * 0x1.0p-53;
    if (u < options.trainFraction) {
        return "train";
    }
    return u < options.trainFraction + options.valFraction ? "val" : "test";
}

std::string joinLabels(const std::vector<std::string>& labels) {
    std::string out;
    for (const auto& l : labels) {
        out += (out.empty() ? "" : "|") + l;
    }
    return out;
}

}  // namespace

std::int64_t Workspace::exportLabeled(const LabeledExportOptions& options, std::ostream& out) {
    const auto& task = impl_->requireTask(options.task);
    if (options.split && (options.trainFraction < 0 || options.valFraction < 0 ||
                          options.trainFraction + options.valFraction > 1)) {
        impl_->fail("split fractions must be >= 0 and sum to at most 1.");
    }
    if (options.format == ExportFormat::kCsv) {
        std::vector<std::string> header = {"id", "text", task.multiLabel ? "labels" : "label"};
        if (options.split) {
            header.push_back("split");
        }
        writeCsvRecord(out, header);
    }
    auto s = impl_->cached(
            "SELECT p.id, p.external_id, p.text, p.content_hash, group_concat(cl.label_idx) FROM "
            "current_labels cl JOIN posts p ON p.id = cl.post_id WHERE cl.task_id = ? GROUP BY "
            "cl.post_id ORDER BY cl.post_id");
    s.bind(1, task.id);
    std::int64_t count = 0;
    while (s.step()) {
        const auto externalId = s.text(1);
        const auto id = externalId.empty() ? std::to_string(s.int64(0)) : externalId;
        std::vector<std::string> labels;
        const auto indexes = s.text(4);
        for (std::size_t i = 0; i < indexes.size();) {
            const auto end = std::min(indexes.find(',', i), indexes.size());
            labels.push_back(task.labels.at(std::stoul(indexes.substr(i, end - i))).name);
            i = end + 1;
        }
        const char* split = options.split ? splitFor(options, s.int64(3)) : nullptr;
        if (options.format == ExportFormat::kCsv) {
            std::vector<std::string> row = {id, s.text(2), joinLabels(labels)};
            if (split != nullptr) {
                row.emplace_back(split);
            }
            writeCsvRecord(out, row);
        } else {
            out << "{\"id\": " << jsonString(id) << ", \"text\": " << jsonString(s.textView(2));
            if (task.multiLabel) {
                out << ", \"labels\": "
                    << nlohmann::json(labels).dump(-1, ' ', false,
                                                   nlohmann::json::error_handler_t::replace);
            } else {
                out << ", \"label\": " << jsonString(labels.front());
            }
            if (split != nullptr) {
                out << ", \"split\": \"" << split << '"';
            }
            out << "}\n";
        }
        ++count;
    }
    return count;
}

std::int64_t Workspace::exportFlagged(const std::string& task,
                                      double minScore,
                                      ExportFormat format,
                                      std::ostream& out) {
    const auto& schema = impl_->requireTask(task);
    PostFilter filter;
    filter.task = task;
    filter.minScore = minScore;
    if (format == ExportFormat::kCsv) {
        std::vector<std::string> header = {"post_id",    "source",     "external_id",
                                           "author",     "created_at", "text",
                                           "flag_score", "predicted",  "human_labels"};
        for (const auto& label : schema.labels) {
            header.push_back("score_" + label.name);
        }
        writeCsvRecord(out, header);
    }
    std::int64_t count = 0;
    constexpr int kPage = 2000;
    for (std::int64_t offset = 0;; offset += kPage) {
        PageRequest page{SortKey::kScore, true, offset, kPage, std::nullopt};
        const auto rows = findPosts(filter, page);
        for (const auto& row : rows) {
            const auto& p = *row.prediction;
            if (format == ExportFormat::kCsv) {
                std::vector<std::string> fields = {std::to_string(row.id),
                                                   row.source,
                                                   row.externalId,
                                                   row.author,
                                                   row.createdAt,
                                                   row.text,
                                                   std::to_string(p.flagScore),
                                                   joinLabels(p.predictedLabels),
                                                   joinLabels(row.labels)};
                for (const float score : p.scores) {
                    fields.push_back(std::to_string(score));
                }
                writeCsvRecord(out, fields);
            } else {
                nlohmann::ordered_json j = {{"post_id", row.id},
                                            {"source", row.source},
                                            {"external_id", row.externalId},
                                            {"author", row.author},
                                            {"created_at", row.createdAt},
                                            {"text", row.text},
                                            {"flag_score", p.flagScore},
                                            {"predicted", p.predictedLabels},
                                            {"human_labels", row.labels}};
                nlohmann::ordered_json scores;
                for (std::size_t i = 0; i < p.scores.size(); ++i) {
                    scores[schema.labels[i].name] = p.scores[i];
                }
                j["scores"] = scores;
                out << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            }
            ++count;
        }
        if (static_cast<int>(rows.size()) < kPage) {
            break;
        }
    }
    return count;
}

std::int64_t Workspace::exportLabelHistory(const std::string& task, std::ostream& out) {
    const std::int64_t taskId = task.empty() ? 0 : impl_->requireTask(task).id;
    writeCsvRecord(out, {"event_id", "action_id", "post_id", "source", "external_id", "task",
                         "labels", "kind", "analyst", "created_at", "note"});
    auto s = impl_->cached(
            "SELECT e.id, e.action_id, e.post_id, p.source, p.external_id, t.name, e.labels, "
            "a.kind, a.analyst, a.created_at, a.note FROM label_events e JOIN label_actions a ON "
            "a.id = e.action_id JOIN tasks t ON t.id = e.task_id JOIN posts p ON p.id = "
            "e.post_id WHERE ?1 = 0 OR e.task_id = ?1 ORDER BY e.id");
    s.bind(1, taskId);
    std::int64_t count = 0;
    while (s.step()) {
        writeCsvRecord(out, {std::to_string(s.int64(0)), std::to_string(s.int64(1)),
                             std::to_string(s.int64(2)), s.text(3), s.text(4), s.text(5),
                             joinLabels(labelsFromJson(s.text(6))), s.text(7), s.text(8), s.text(9),
                             s.text(10)});
        ++count;
    }
    return count;
}

}  // namespace sentinela::storage
