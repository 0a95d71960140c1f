// Labels from a CSV file (e.g. labels made in a spreadsheet): one undoable action; bad rows are
// reported with their line and reason, good rows applied.
#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "storage/csv_io.h"
#include "storage/label_writer.h"
#include "storage/workspace.h"
#include "storage/workspace_impl.h"

namespace sentinela::storage {
namespace {

int column(const std::vector<std::string>& header, std::initializer_list<const char*> names) {
    for (const char* name : names) {
        for (std::size_t i = 0; i < header.size(); ++i) {
            if (header[i] == name) {
                return static_cast<int>(i);
            }
        }
    }
    return -1;
}

std::vector<std::string> splitLabelField(const std::string& field) {
    std::vector<std::string> labels;
    std::size_t begin = 0;
    while (begin <= field.size()) {
        const auto end = std::min(field.find('|', begin), field.size());
        if (end > begin) {
            labels.push_back(field.substr(begin, end - begin));
        }
        begin = end + 1;
    }
    return labels;
}

// Exports write the workspace id for posts without a platform id; accept it back.
std::optional<std::int64_t> workspaceIdWithoutExternalId(Workspace::Impl& impl,
                                                         const std::string& field) {
    if (field.empty() || field.find_first_not_of("0123456789") != std::string::npos ||
        field.size() > 18) {
        return std::nullopt;
    }
    auto s = impl.cached("SELECT id FROM posts WHERE id = ? AND external_id = ''");
    s.bind(1, static_cast<std::int64_t>(std::stoll(field)));
    if (s.step()) {
        return s.int64(0);
    }
    return std::nullopt;
}

}  // namespace

LabelImportReport Workspace::importLabelsCsv(const std::filesystem::path& csv,
                                             const std::string& task,
                                             const std::string& analyst) {
    std::ifstream in(csv, std::ios::binary);
    if (!in) {
        throw WorkspaceError(csv, "cannot be read.", "Check the path and the file's permissions.");
    }
    CsvReader reader(in);
    std::vector<std::string> header, fields;
    std::int64_t line = 0;
    if (!reader.next(header, line)) {
        throw WorkspaceError(csv, "is empty.", "Give a header line such as \"id,label\".");
    }
    const int postColumn = column(header, {"post_id"});
    const int externalColumn = column(header, {"external_id", "id"});
    const int sourceColumn = column(header, {"source"});
    const int labelColumn = column(header, {"label", "labels"});
    if ((postColumn < 0 && externalColumn < 0) || labelColumn < 0) {
        throw WorkspaceError(csv, "line 1: the header needs a post column and a label column.",
                             "Name them \"post_id\" (workspace id) or \"id\"/\"external_id\" "
                             "(platform id, optionally with \"source\"), and \"label\".");
    }

    Transaction tx(*impl_);
    const auto& schema = impl_->requireTask(task);
    LabelWriter writer(*impl_, schema, "csv", analyst, csv.filename().string());
    LabelImportReport report;
    auto reject = [&](std::int64_t at, const std::string& label, std::string reason) {
        report.rejected.push_back({at, label, std::move(reason)});
    };
    while (reader.next(fields, line)) {
        if (fields.size() == 1 && fields[0].empty()) {
            continue;  // blank line
        }
        const auto field = [&](int i) {
            return i >= 0 && static_cast<std::size_t>(i) < fields.size()
                           ? fields[static_cast<std::size_t>(i)]
                           : std::string();
        };
        const auto labelField = field(labelColumn);
        std::optional<std::int64_t> postId;
        if (postColumn >= 0) {
            try {
                std::size_t used = 0;
                const auto id = std::stoll(field(postColumn), &used);
                if (used == field(postColumn).size()) {
                    postId = id;
                }
            } catch (const std::exception&) {
            }
            if (postId) {
                auto s = impl_->cached("SELECT 1 FROM posts WHERE id = ?");
                s.bind(1, *postId);
                postId = s.step() ? postId : std::nullopt;
            }
        } else {
            const auto externalId = field(externalColumn);
            std::size_t found = 0;
            if (sourceColumn >= 0) {
                postId = findPostId(field(sourceColumn), externalId);
                found = postId ? 1 : 0;
            } else {
                const auto matches = findPostsByExternalId(externalId);
                found = matches.size();
                if (found == 1) {
                    postId = matches.front().second;
                }
            }
            if (found == 0) {
                postId = workspaceIdWithoutExternalId(*impl_, externalId);
            }
            if (found > 1) {
                reject(line, labelField,
                       "id \"" + externalId +
                               "\" exists in several sources; add a \"source\" "
                               "column");
                continue;
            }
        }
        if (!postId) {
            reject(line, labelField, "no post with that id in the workspace");
            continue;
        }
        std::vector<int> indexes;
        std::string unknown;
        for (const auto& name : splitLabelField(labelField)) {
            const int index = schema.labelIndex(name);
            if (index < 0) {
                unknown = name;
            }
            indexes.push_back(index);
        }
        if (!unknown.empty() || indexes.empty() || (!schema.multiLabel && indexes.size() > 1)) {
            reject(line, labelField,
                   indexes.empty()    ? "empty label"
                   : !unknown.empty() ? "label \"" + unknown + "\" is not in task \"" + task + "\""
                                      : "task \"" + task + "\" takes one label per post");
            continue;
        }
        writer.write(*postId, std::move(indexes));
        ++report.applied;
    }
    const auto result = writer.finish();
    report.actionId = result.actionId;
    impl_->audit(analyst, "label.import-csv",
                 nlohmann::json{{"task", task},
                                {"file", csv.string()},
                                {"applied", report.applied},
                                {"rejected", report.rejected.size()}}
                         .dump());
    tx.commit();
    return report;
}

}  // namespace sentinela::storage
