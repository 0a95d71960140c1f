// Helpers for the importer tests: fixture paths, reading every post of a file, and the
// canonical text form of posts + report that the golden files hold.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "storage/importer.h"

namespace sentinela::storage::testing {

std::filesystem::path fixture(const std::string& name);
std::string readFile(const std::filesystem::path& file);
void writeFile(const std::filesystem::path& file, const std::string& bytes);

struct ReadAll {
    std::vector<PostRecord> posts;
    ImportReport report;
    ImportFormat format = ImportFormat::kAuto;
};
ReadAll readAll(const std::filesystem::path& file, const ImportOptions& options = {});

// One JSON line per post (line, source, id, author, created_at, language, label, text), then
// one line with the report's counts and rejected lines.
std::string canonical(const ReadAll& result);

std::string gzipBytes(const std::string& plain);
// zstd with the given window log, streamed without a pledged size so the frame header keeps it.
std::string zstdBytes(const std::string& plain, int windowLog = 0);

}  // namespace sentinela::storage::testing
