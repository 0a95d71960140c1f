#include "storage/import_report.h"

#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>

namespace sentinela::storage {
namespace {

std::string describe(const InputPosition& where,
                     const std::string& problem,
                     const std::string& remedy) {
    std::string text = where.file.empty() ? std::string("<input>") : where.file.string();
    if (where.line > 0) {
        text += ":" + std::to_string(where.line);
    }
    if (!where.field.empty()) {
        text += " field " + where.field;
    }
    text += ": " + problem;
    if (!remedy.empty()) {
        text += "\n" + remedy;
    }
    return text;
}

}  // namespace

ImportError::ImportError(InputPosition where, std::string problem, std::string remedy)
    : std::runtime_error(describe(where, problem, remedy)),
      where_(std::move(where)),
      problem_(std::move(problem)),
      remedy_(std::move(remedy)) {}

void ImportReport::addRejected(std::int64_t line, std::string reason) {
    ++read;
    ++rejected;
    if (rejectedLines.size() < maxRejectedKept) {
        rejectedLines.push_back({line, std::move(reason)});
    }
}

void ImportReport::addSkipped(const std::string& reason) {
    ++read;
    ++skipped;
    ++skippedByReason[reason];
}

std::string ImportReport::toJson() const {
    nlohmann::json rejectedJson = nlohmann::json::array();
    for (const auto& r : rejectedLines) {
        rejectedJson.push_back({{"line", r.line}, {"reason", r.reason}});
    }
    nlohmann::json labelJson = nlohmann::json::array();
    for (const auto& r : labelProblems) {
        labelJson.push_back({{"line", r.line}, {"reason", r.reason}});
    }
    nlohmann::json out = {
            {"file", file},
            {"format", format},
            {"compression", compression},
            {"read", read},
            {"posts", posts},
            {"imported", imported},
            {"duplicates", duplicates},
            {"skipped", skipped},
            {"skipped_by_reason", skippedByReason},
            {"rejected", rejected},
            {"rejected_lines", rejectedJson},
            {"rejected_lines_not_kept", rejected - static_cast<std::int64_t>(rejectedLines.size())},
            {"labeled", labeled},
            {"label_problems", labelProblemCount},
            {"label_problem_lines", labelJson},
            {"dates_not_understood", datesNotUnderstood},
            {"text_repaired", textRepaired},
            {"bytes_read", bytesRead},
            {"total_bytes", totalBytes},
            {"cancelled", cancelled},
            {"seconds", seconds},
    };
    // Texts are valid UTF-8 by construction; `replace` guards the file name from a stream.
    return out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ImportReport::summary() const {
    std::ostringstream out;
    out << file << " (" << format;
    if (compression != "none") {
        out << ", " << compression;
    }
    out << "): read " << read << ", imported " << imported << ", duplicates " << duplicates
        << ", skipped " << skipped << ", rejected " << rejected;
    if (cancelled) {
        out << " (cancelled)";
    }
    out << "\n";
    for (const auto& [reason, count] : skippedByReason) {
        out << "  skipped " << count << " x " << reason << "\n";
    }
    for (const auto& r : rejectedLines) {
        out << "  line " << r.line << ": " << r.reason << "\n";
    }
    if (rejected > static_cast<std::int64_t>(rejectedLines.size())) {
        out << "  ... and " << rejected - static_cast<std::int64_t>(rejectedLines.size())
            << " more rejected records\n";
    }
    if (labeled > 0 || labelProblemCount > 0) {
        out << "  labels applied " << labeled << ", not applied " << labelProblemCount << "\n";
    }
    for (const auto& r : labelProblems) {
        out << "  line " << r.line << ": " << r.reason << "\n";
    }
    if (datesNotUnderstood > 0) {
        out << "  " << datesNotUnderstood << " posts kept without a date (unreadable value)\n";
    }
    return out.str();
}

}  // namespace sentinela::storage
