// The public entry points of storage/importer.h: open (with detection), preview, list fields.
#include <algorithm>
#include <set>
#include <stdexcept>

#include "storage/importer.h"
#include "storage/importers/format_detection.h"
#include "storage/importers/json_mapper.h"
#include "storage/importers/stream_post_reader.h"
#include "storage/readers/byte_source.h"
#include "storage/readers/csv_reader.h"
#include "storage/readers/input_buffer.h"
#include "storage/readers/json_lenient.h"
#include "storage/readers/json_stream.h"

namespace sentinela::storage {
namespace {

constexpr std::size_t kDetectionBytes = 1 << 18;

struct OpenedText {
    std::unique_ptr<readers::InputBuffer> input;
    std::string compression;
};

OpenedText openText(std::unique_ptr<readers::ByteSource> raw, const std::string& name) {
    readers::OpenedInput opened = readers::openDecompressed(std::move(raw), name);
    OpenedText out;
    out.compression = readers::compressionName(opened.compression);
    out.input = std::make_unique<readers::InputBuffer>(std::move(opened.source));
    return out;
}

std::string_view withoutBom(std::string_view s) {
    return s.substr(0, 3) == "\xEF\xBB\xBF" ? s.substr(3) : s;
}

std::unique_ptr<importers::StreamPostReader> openOpened(OpenedText text,
                                                        const ImportOptions& requested,
                                                        const std::string& name,
                                                        std::int64_t totalBytes) {
    ImportOptions options = requested;
    std::string_view prefix = withoutBom(text.input->peekThroughFirstLine(kDetectionBytes));
    if (prefix.empty()) {
        text.input->window();  // damaged compressed data right at the start: say so, not "empty"
    }
    if (options.format == ImportFormat::kAuto) {
        options.format = importers::detectFromPrefix(prefix, name).format;
    }
    if (options.format == ImportFormat::kJsonArray && options.fields.recordsPath.empty()) {
        options.fields.recordsPath = importers::guessRecordsPath(prefix);
    }
    ImportReport report;
    report.file = name;
    report.format = std::string(formatName(options.format));
    report.compression = text.compression;
    report.maxRejectedKept = options.maxRejectedKept;
    switch (options.format) {
        case ImportFormat::kCsv:
        case ImportFormat::kTsv:
            return importers::makeCsvReader(std::move(text.input), options, std::move(report),
                                            totalBytes);
        case ImportFormat::kWhatsApp:
            return importers::makeWhatsAppReader(std::move(text.input), options, std::move(report),
                                                 totalBytes);
        default:
            return importers::makeJsonReader(std::move(text.input), options, std::move(report),
                                             totalBytes);
    }
}

std::unique_ptr<importers::StreamPostReader> openFile(const std::filesystem::path& file,
                                                      const ImportOptions& options) {
    std::error_code ec;
    auto size = std::filesystem::file_size(file, ec);
    OpenedText text = openText(readers::openFileSource(file), file.string());
    return openOpened(std::move(text), options, file.string(),
                      ec ? 0 : static_cast<std::int64_t>(size));
}

// Dotted paths of the scalar fields of `value` ("user.screen_name"); arrays by first element.
void collectFields(const nlohmann::json& value,
                   const std::string& prefix,
                   std::set<std::string>& out,
                   int depth) {
    if (value.is_object() && depth < 6) {
        for (const auto& [key, child] : value.items()) {
            collectFields(child, prefix.empty() ? key : prefix + "." + key, out, depth + 1);
        }
    } else if (value.is_array() && !value.empty() && depth < 6) {
        collectFields(value.front(), prefix + ".0", out, depth + 1);
    } else if (!value.is_array() && !value.is_object() && !prefix.empty()) {
        out.insert(prefix);
    }
}

}  // namespace

std::unique_ptr<PostReader> openPostReader(const std::filesystem::path& file,
                                           const ImportOptions& options) {
    return openFile(file, options);
}

std::unique_ptr<PostReader> openPostReader(const std::filesystem::path& file,
                                           const ImportOptions& options,
                                           InputSplit split) {
    const auto refuse = [&](const std::string& problem) {
        return ImportError({file, 0, ""},
                           problem + ", so split " + std::to_string(split.index) + "/" +
                                   std::to_string(split.count) + " cannot seek to its byte range",
                           "Use --shard I/N instead of --split: every job reads the whole input "
                           "and keeps its share of the posts.");
    };
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
        throw refuse("not a regular file (a pipe, device or folder)");
    }
    if (split.count == 0 || split.index >= split.count) {
        throw std::invalid_argument("InputSplit: index must be below count");
    }
    auto reader = openFile(file, options);
    if (reader->report().compression != "none") {
        throw refuse("the file is " + reader->report().compression +
                     "-compressed: a byte range of it cannot be decoded on its own");
    }
    readers::InputBuffer probe(readers::openFileSource(file), 1 << 16);
    reader->restrictToSplit(split, probe);
    return reader;
}

std::unique_ptr<PostReader> openPostReader(std::istream& stream,
                                           const ImportOptions& options,
                                           const std::string& name) {
    OpenedText text = openText(readers::openStreamSource(stream), name);
    return openOpened(std::move(text), options, name, 0);
}

DetectedFormat detectFormat(const std::filesystem::path& file) {
    OpenedText text = openText(readers::openFileSource(file), file.string());
    DetectedFormat d = importers::detectFromPrefix(withoutBom(text.input->peek(kDetectionBytes)),
                                                   file.string());
    d.compression = text.compression;
    return d;
}

std::vector<PostRecord> previewPosts(const std::filesystem::path& file,
                                     const ImportOptions& options,
                                     std::size_t count,
                                     ImportReport* report) {
    auto reader = openPostReader(file, options);
    std::vector<PostRecord> posts;
    std::vector<PostRecord> batch;
    while (posts.size() < count && reader->nextBatch(batch, count - posts.size()) > 0) {
        std::move(batch.begin(), batch.end(), std::back_inserter(posts));
    }
    if (report != nullptr) {
        *report = reader->report();
    }
    return posts;
}

std::vector<std::string> listFields(const std::filesystem::path& file,
                                    const ImportOptions& requested,
                                    std::size_t sampleRecords) {
    ImportOptions options = requested;
    OpenedText text = openText(readers::openFileSource(file), file.string());
    text.input->skipByteOrderMark();
    std::string_view prefix = text.input->peekThroughFirstLine(kDetectionBytes);
    if (options.format == ImportFormat::kAuto) {
        options.format = importers::detectFromPrefix(prefix, file.string()).format;
    }
    if (options.format == ImportFormat::kWhatsApp) {
        return {"date", "author", "text"};
    }
    if (options.format == ImportFormat::kCsv || options.format == ImportFormat::kTsv) {
        char delimiter = options.format == ImportFormat::kTsv ? '\t' : options.csvDelimiter;
        if (delimiter == 0) {
            delimiter = readers::sniffDelimiter(prefix);
        }
        readers::CsvReader csv(*text.input, delimiter);
        std::vector<std::string> header;
        std::int64_t line = 0;
        std::string problem;
        csv.next(header, line, problem);
        if (!options.csvHasHeader) {
            for (std::size_t i = 0; i < header.size(); ++i) {
                header[i] = std::to_string(i + 1);  // columns are named by number
            }
        }
        return header;
    }
    // JSON: parse the first records with the same rules as the reader, but keep every field.
    if (options.format == ImportFormat::kJsonArray && options.fields.recordsPath.empty()) {
        options.fields.recordsPath = importers::guessRecordsPath(prefix);
    }
    importers::JsonFormatSpec spec = importers::jsonFormatSpec(options.format, options);
    std::set<std::string> fields;
    nlohmann::json record;
    std::string value;
    std::int64_t line = 0;
    std::string problem;
    std::size_t start = prefix.find_first_not_of(" \t\r\n");
    bool lines = spec.linesAllowed && start != std::string_view::npos && prefix[start] == '{' &&
                 !nlohmann::json::parse(prefix.substr(start, prefix.find('\n', start) - start),
                                        nullptr, false)
                          .is_discarded();
    readers::JsonStreamOptions streamOptions;
    streamOptions.elementPaths = spec.elementPaths;
    streamOptions.skipScriptPrefix = spec.skipScriptPrefix;
    readers::JsonValueStreamer streamer(*text.input, streamOptions);
    for (std::size_t n = 0; n < sampleRecords; ++n) {
        bool more = lines ? text.input->readLine(value) : streamer.next(value, line, problem);
        if (!more) {
            break;
        }
        if (readers::parseJsonLeniently(value, record).ok) {
            collectFields(record, "", fields, 0);
        }
    }
    return {fields.begin(), fields.end()};
}

}  // namespace sentinela::storage
