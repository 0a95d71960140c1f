// The flags that say how to read a post export, shared by `import` and `scan`: --format and the
// field mapping (--text-field, --id-field, ...). Not thread-safe (plain data filled by CLI11).
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "storage/importer.h"

namespace sentinela::cli {

struct ExportInputOptions {
    std::string format = "auto";
    std::string textField, idField, authorField, dateField, languageField, recordsPath;
    std::string labelField;  // import only
    int utcOffsetMinutes = 0;
};

void addExportInputOptions(CLI::App& command, ExportInputOptions& options, bool withLabels);

// Throws CommandError(kUsage) naming the accepted formats when --format is unknown.
storage::ImportOptions toImportOptions(const ExportInputOptions& options);

}  // namespace sentinela::cli
