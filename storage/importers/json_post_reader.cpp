// Reads JSON exports record by record: JSON Lines (one record per line) or the records inside a
// JSON document (streamed element by element, never loaded whole), parses each record leniently
// and hands it to the format's mapper.
#include <optional>

#include "storage/importers/json_mapper.h"
#include "storage/importers/stream_post_reader.h"
#include "storage/readers/json_lenient.h"
#include "storage/readers/json_stream.h"
#include "storage/readers/record_boundary.h"

namespace sentinela::storage::importers {
namespace {

// One record per line when the first line is a complete JSON object that is not itself the
// container of the records (a one-line {"data": [...]} is a document).
bool looksLikeJsonLines(std::string_view prefix, const JsonFormatSpec& spec) {
    if (!spec.linesAllowed) {
        return false;
    }
    std::size_t start = prefix.find_first_not_of(" \t\r\n");
    if (start == std::string_view::npos || prefix[start] != '{') {
        return false;
    }
    std::size_t end = prefix.find('\n', start);
    if (end == std::string_view::npos) {
        end = prefix.size();
    }
    Json first = Json::parse(prefix.substr(start, end - start), nullptr, false);
    if (first.is_discarded() || !first.is_object()) {
        return false;
    }
    for (const std::string& path : spec.elementPaths) {
        std::string key = path.substr(0, path.find('.'));
        if (key != "[]" && first.contains(key) && first[key].is_array()) {
            return false;
        }
    }
    return true;
}

std::string remedyFor(const JsonFormatSpec& spec) {
    if (spec.format == ImportFormat::kJsonLines || spec.format == ImportFormat::kJsonArray) {
        return "Name the field that holds the text, e.g. --text-field body (and --records-path "
               "items if the records are inside an object).";
    }
    return "Check that this is the right export, or try --format json --text-field <field>.";
}

class JsonPostReader : public StreamPostReader {
public:
    JsonPostReader(std::unique_ptr<readers::InputBuffer> input,
                   const ImportOptions& options,
                   ImportReport report,
                   std::int64_t totalBytes,
                   JsonFormatSpec spec)
        : StreamPostReader(std::move(input), spec.format, std::move(report), totalBytes),
          options_(options),
          spec_(std::move(spec)),
          mapper_(spec_.makeMapper(options_)) {
        this->input().skipByteOrderMark();
        markDataStart(this->input().bytesConsumed(), this->input().line());
        lines_ = looksLikeJsonLines(this->input().peekThroughFirstLine(1 << 18), spec_);
        if (!lines_) {
            readers::JsonStreamOptions streamOptions;
            streamOptions.elementPaths = spec_.elementPaths;
            streamOptions.contextPaths = spec_.contextPaths;
            streamOptions.skipScriptPrefix = spec_.skipScriptPrefix;
            streamer_.emplace(this->input(), std::move(streamOptions));
        }
    }

protected:
    bool readPost(PostRecord& post) override {
        MapperEnv env{options_, report(), nullptr};
        if (streamer_) {
            env.context = [this](const std::string& path) { return streamer_->context(path); };
        }
        for (;;) {
            std::int64_t line = 0;
            if (!nextText(line)) {
                return false;
            }
            if (text_.empty()) {
                continue;  // already reported, or a blank line
            }
            readers::LenientParse parsed = readers::parseJsonLeniently(text_, json_);
            if (!parsed.ok) {
                report().addRejected(line, "not valid JSON: " + parsed.problem);
                continue;
            }
            post = PostRecord{};
            post.source = spec_.source;
            post.line = line;
            MapResult result = mapper_->map(json_, post, env);
            switch (result.outcome) {
                case Outcome::kPost:
                    if (parsed.repaired) {
                        ++report().textRepaired;
                    }
                    if (options_.keepRaw) {
                        post.raw = std::move(text_);
                    }
                    return true;
                case Outcome::kSkip:
                    report().addSkipped(result.reason);
                    break;
                case Outcome::kReject:
                    report().addRejected(line, result.reason);
                    break;
                case Outcome::kNotAnExport:
                    notThisFormat(line, result.reason, remedyFor(spec_));
                    break;
            }
        }
    }

    // JSON Lines: every line is a record. A JSON document has no boundary one can find from
    // the middle (the base class refuses).
    std::int64_t recordStartAtOrAfter(readers::InputBuffer& probe, std::int64_t offset) override {
        if (!lines_) {
            return StreamPostReader::recordStartAtOrAfter(probe, offset);
        }
        return readers::findLineStart(probe, offset);
    }

    // The generic mapper guesses its fields from the first JSON object of the file; a split
    // must read its records the same way.
    void learnFromFileStart() override {
        ImportReport scratch;
        MapperEnv env{options_, scratch, nullptr};
        PostRecord post;
        while (lines_ && input().readLine(text_)) {
            if (readers::parseJsonLeniently(text_, json_).ok && json_.is_object()) {
                mapper_->map(json_, post, env);
                return;
            }
        }
    }

private:
    // The next record's text into text_ (empty if it was reported as malformed); false at end.
    bool nextText(std::int64_t& line) {
        if (lines_) {
            line = input().line();
            if (!input().readLine(text_)) {
                return false;
            }
            if (input().lastLineTooLong()) {
                report().addRejected(line, "line longer than 64 MiB");
                text_.clear();
            } else if (text_.find_first_not_of(" \t\r") == std::string::npos) {
                text_.clear();
            }
            return true;
        }
        std::string problem;
        if (!streamer_->next(text_, line, problem)) {
            if (!problem.empty()) {
                if (!streamer_->sawRoot() || (report().read == 0 && line <= 1)) {
                    throw ImportError({name(), line, ""}, "not JSON: " + problem,
                                      "Check the format: try --format csv, jsonl or whatsapp.");
                }
                report().addRejected(line, problem);
            }
            return false;
        }
        if (!problem.empty()) {
            report().addRejected(line, problem);
            text_.clear();
        }
        return true;
    }

    const ImportOptions options_;
    JsonFormatSpec spec_;
    std::unique_ptr<JsonMapper> mapper_;
    bool lines_ = false;
    std::optional<readers::JsonValueStreamer> streamer_;
    std::string text_;
    Json json_;
};

}  // namespace

std::unique_ptr<StreamPostReader> makeJsonReader(std::unique_ptr<readers::InputBuffer> input,
                                                 const ImportOptions& options,
                                                 ImportReport report,
                                                 std::int64_t totalBytes) {
    JsonFormatSpec spec = jsonFormatSpec(options.format, options);
    return std::make_unique<JsonPostReader>(std::move(input), options, std::move(report),
                                            totalBytes, std::move(spec));
}

}  // namespace sentinela::storage::importers
