#include "app/cli/export_input_options.h"

#include "app/cli/command.h"

namespace sentinela::cli {
namespace {

std::string formatList() {
    std::string list = "auto";
    for (const auto format : storage::allFormats()) {
        list += ", " + std::string(storage::formatName(format));
    }
    return list;
}

}  // namespace

void addExportInputOptions(CLI::App& command, ExportInputOptions& options, bool withLabels) {
    command.add_option("--format", options.format, "Export format: " + formatList())
            ->capture_default_str();
    command.add_option("--text-field", options.textField,
                       "Field (JSON dotted path or CSV column) holding the post text");
    command.add_option("--id-field", options.idField, "Field holding the post id");
    command.add_option("--author-field", options.authorField, "Field holding the author");
    command.add_option("--date-field", options.dateField, "Field holding the creation date");
    command.add_option("--language-field", options.languageField, "Field holding the language");
    command.add_option("--records-path", options.recordsPath,
                       "JSON: where the records are inside the document, e.g. data");
    command.add_option("--utc-offset", options.utcOffsetMinutes,
                       "Minutes ahead of UTC of dates without a zone (Brasília: -180)")
            ->capture_default_str();
    if (withLabels) {
        command.add_option("--label-field", options.labelField,
                           "Field holding a label for --task (imports labels with the posts)");
    }
}

storage::ImportOptions toImportOptions(const ExportInputOptions& options) {
    storage::ImportOptions result;
    const auto format = storage::parseFormatName(options.format);
    if (!format) {
        throw CommandError(ExitCode::kUsage, "unknown --format '" + options.format +
                                                     "'. Known formats: " + formatList());
    }
    result.format = *format;
    result.fields.text = options.textField;
    result.fields.id = options.idField;
    result.fields.author = options.authorField;
    result.fields.createdAt = options.dateField;
    result.fields.language = options.languageField;
    result.fields.label = options.labelField;
    result.fields.recordsPath = options.recordsPath;
    result.localUtcOffsetMinutes = options.utcOffsetMinutes;
    return result;
}

}  // namespace sentinela::cli
