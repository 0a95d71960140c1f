#include "storage/import_into_workspace.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

#include "storage/workspace.h"

namespace sentinela::storage {
namespace {

ImportTotals totalsOf(const ImportReport& report, const std::string& fatalError) {
    ImportTotals totals;
    totals.read = report.read;
    totals.imported = report.imported;
    totals.duplicates = report.duplicates;
    totals.skipped = report.skipped;
    totals.rejected = report.rejected;
    totals.cancelled = report.cancelled;
    nlohmann::json errors = nlohmann::json::array();
    for (const auto& r : report.rejectedLines) {
        errors.push_back({{"line", r.line}, {"reason", r.reason}});
    }
    if (!fatalError.empty()) {
        errors.push_back({{"line", 0}, {"reason", fatalError}});
    }
    totals.errorsJson = errors.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return totals;
}

ImportReport run(Workspace& workspace,
                 PostReader& reader,
                 const std::string& name,
                 const WorkspaceImportOptions& options,
                 std::stop_token stop,
                 const ImportProgressCallback& progress) {
    const auto started = std::chrono::steady_clock::now();
    const std::int64_t importId = workspace.startImport(
            name, std::string(formatName(reader.format())), options.labelTask);
    std::vector<PostRecord> batch;
    batch.reserve(options.batchSize);
    ImportReport* report = &reader.report();
    auto elapsed = [&] {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    };
    try {
        while (!stop.stop_requested() && reader.nextBatch(batch, options.batchSize) > 0) {
            InsertCounts counts = workspace.insertPosts(importId, batch);
            report->imported += counts.inserted;
            report->duplicates += counts.duplicates;
            report->labeled += counts.labeled;
            for (auto& problem : counts.rejectedLabels) {
                ++report->labelProblemCount;
                if (report->labelProblems.size() < report->maxRejectedKept) {
                    report->labelProblems.push_back({problem.line, std::move(problem.reason)});
                }
            }
            if (progress) {
                progress({reader.bytesRead(), reader.totalBytes(), report->posts, report->imported,
                          report->duplicates});
            }
        }
    } catch (const ImportError& e) {
        // The input broke mid-way (corrupt compressed data): keep what was imported and say so.
        report->seconds = elapsed();
        workspace.finishImport(importId, totalsOf(*report, e.what()));
        throw;
    }
    report->cancelled = stop.stop_requested();
    report->bytesRead = reader.bytesRead();
    report->seconds = elapsed();
    workspace.finishImport(importId, totalsOf(*report, ""));
    return *report;
}

}  // namespace

ImportReport importIntoWorkspace(Workspace& workspace,
                                 const std::filesystem::path& file,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop,
                                 const ImportProgressCallback& progress) {
    auto reader = openPostReader(file, options.reader);
    return run(workspace, *reader, file.string(), options, std::move(stop), progress);
}

ImportReport importIntoWorkspace(Workspace& workspace,
                                 std::istream& stream,
                                 const std::string& name,
                                 const WorkspaceImportOptions& options,
                                 std::stop_token stop,
                                 const ImportProgressCallback& progress) {
    auto reader = openPostReader(stream, options.reader, name);
    return run(workspace, *reader, name, options, std::move(stop), progress);
}

}  // namespace sentinela::storage
