// CSV and TSV exports with a header row. Columns are mapped by name (FieldMapping) or guessed
// from common names in English and Portuguese; the delimiter is sniffed unless given. Rows with
// a different number of fields than the header are rejected with their line, not guessed at.
#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "storage/importers/stream_post_reader.h"
#include "storage/importers/text_cleanup.h"
#include "storage/importers/timestamp.h"
#include "storage/readers/csv_reader.h"
#include "storage/readers/record_boundary.h"

namespace sentinela::storage::importers {
namespace {

constexpr std::array<std::string_view, 17> kTextNames = {
        "text",     "full_text",  "body",       "content",   "message",  "tweet",
        "post",     "comment",    "texto",      "mensagem",  "conteudo", "conteúdo",
        "postagem", "comentario", "comentário", "post_text", "selftext"};
constexpr std::array<std::string_view, 7> kIdNames = {
        "id", "id_str", "tweet_id", "post_id", "message_id", "external_id", "uuid"};
constexpr std::array<std::string_view, 9> kAuthorNames = {"author",      "username", "user",
                                                          "screen_name", "autor",    "usuario",
                                                          "usuário",     "from",     "user_name"};
constexpr std::array<std::string_view, 10> kDateNames = {
        "created_at", "created_utc", "date", "datetime",  "timestamp",
        "time",       "published",   "data", "data_hora", "criado_em"};
constexpr std::array<std::string_view, 3> kLanguageNames = {"lang", "language", "idioma"};

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
}

std::string quoteCsv(const std::string& field, char delimiter) {
    if (field.find_first_of(std::string("\"\r\n") + delimiter) == std::string::npos) {
        return field;
    }
    std::string out = "\"";
    for (char c : field) {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

class CsvPostReader : public StreamPostReader {
public:
    CsvPostReader(std::unique_ptr<readers::InputBuffer> input,
                  const ImportOptions& options,
                  ImportReport report,
                  std::int64_t totalBytes)
        : StreamPostReader(std::move(input), options.format, std::move(report), totalBytes),
          options_(options) {
        this->input().skipByteOrderMark();
        delimiter_ = options.format == ImportFormat::kTsv ? '\t' : options.csvDelimiter;
        if (delimiter_ == 0) {
            delimiter_ = readers::sniffDelimiter(this->input().peek(1 << 16));
        }
        csv_.emplace(this->input(), delimiter_);
        readHeader();
    }

protected:
    bool readPost(PostRecord& post) override {
        std::int64_t line = 0;
        std::string problem;
        for (;;) {
            if (pendingFirstRow_) {
                pendingFirstRow_ = false;
                line = firstRowLine_;
            } else if (!csv_->next(row_, line, problem)) {
                return false;
            }
            if (csv_->crossedLimit()) {
                throw ImportError({name(), line, ""},
                                  problem + " (it ends past byte " +
                                          std::to_string(report().split->endByte) + ")",
                                  "This file cannot be split by bytes; use --shard I/N instead.");
            }
            if (!problem.empty()) {
                report().addRejected(line, problem);
                continue;
            }
            if (row_.size() != columns_.size()) {
                report().addRejected(line, "expected " + std::to_string(columns_.size()) +
                                                   " fields as in the header, found " +
                                                   std::to_string(row_.size()));
                continue;
            }
            const std::string& text = row_[text_];
            if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
                report().addSkipped("empty text");
                continue;
            }
            post = PostRecord{};
            post.source = options_.source.empty() ? "csv" : options_.source;
            post.line = line;
            post.text = cleanText(text, options_.repairMojibake, report());
            post.externalId = cell(id_);
            post.author = cleanText(cell(author_), options_.repairMojibake, report());
            post.language = cell(language_);
            if (std::string date = cell(date_); !date.empty()) {
                auto iso = normalizeTimestamp(date, options_.localUtcOffsetMinutes,
                                              options_.dayFirstDates.value_or(true));
                if (iso) {
                    post.createdAt = std::move(*iso);
                } else {
                    ++report().datesNotUnderstood;
                }
            }
            if (std::string label = cell(label_); !label.empty()) {
                post.label = std::move(label);
            }
            if (options_.keepRaw) {
                for (std::size_t i = 0; i < row_.size(); ++i) {
                    if (i > 0) {
                        post.raw += delimiter_;
                    }
                    post.raw += quoteCsv(row_[i], delimiter_);
                }
            }
            return true;
        }
    }

    // Any boundary found this way is one where a parse from the top starts a record
    // (readers/record_boundary.h), so quoted newlines never split a record between two splits.
    std::int64_t recordStartAtOrAfter(readers::InputBuffer& probe, std::int64_t offset) override {
        return readers::findCsvRecordStart(probe, offset, delimiter_, name());
    }
    void afterSeek() override {
        csv_.emplace(input(), delimiter_);
        pendingFirstRow_ = false;  // without a header, the first row is read again
    }

private:
    static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

    std::string cell(std::size_t column) const {
        return column == kNone ? std::string() : row_[column];
    }

    void readHeader() {
        std::int64_t line = 0;
        std::string problem;
        const std::int64_t firstRowStart = input().bytesConsumed();
        const std::int64_t firstRowStartLine = input().line();
        if (!csv_->next(row_, line, problem)) {
            throw ImportError({name(), 1, ""}, "the file is empty", "Choose a file with posts.");
        }
        if (!problem.empty()) {
            throw ImportError({name(), line, ""}, "the header row is malformed: " + problem,
                              "Check the CSV quoting, or give the delimiter with --delimiter.");
        }
        if (options_.csvHasHeader) {
            markDataStart(input().bytesConsumed(), input().line());
            for (const std::string& name : row_) {
                std::string trimmed = name;
                trimmed.erase(0, trimmed.find_first_not_of(" \t"));
                trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
                columns_.push_back(trimmed);
            }
        } else {
            for (std::size_t i = 0; i < row_.size(); ++i) {
                columns_.push_back(std::to_string(i + 1));
            }
            pendingFirstRow_ = true;
            firstRowLine_ = line;
            markDataStart(firstRowStart, firstRowStartLine);
        }
        const FieldMapping& m = options_.fields;
        text_ = column(m.text, kTextNames, "text");
        if (text_ == kNone) {
            notThisFormat(line, "no text column among: " + columnList(),
                          "Name the column that holds the text: --text-field <column>.");
        }
        id_ = column(m.id, kIdNames, "id");
        author_ = column(m.author, kAuthorNames, "author");
        date_ = column(m.createdAt, kDateNames, "created_at");
        language_ = column(m.language, kLanguageNames, "language");
        label_ = m.label.empty() ? kNone
                                 : column(m.label, std::array<std::string_view, 0>{}, "label");
    }

    // The column named by the user (must exist), else the first column with a common name.
    template <std::size_t N>
    std::size_t column(const std::string& named,
                       const std::array<std::string_view, N>& guesses,
                       const char* what) {
        if (!named.empty()) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                if (columns_[i] == named || lower(columns_[i]) == lower(named)) {
                    return i;
                }
            }
            throw ImportError({name(), 1, named},
                              std::string("no column named \"") + named + "\" for the " + what,
                              "The columns are: " + columnList() + ".");
        }
        for (std::string_view guess : guesses) {
            for (std::size_t i = 0; i < columns_.size(); ++i) {
                if (lower(columns_[i]) == guess) {
                    return i;
                }
            }
        }
        return kNone;
    }

    std::string columnList() const {
        std::string list;
        for (const auto& c : columns_) {
            list += (list.empty() ? "" : ", ") + c;
        }
        return list;
    }

    const ImportOptions options_;
    char delimiter_ = ',';
    std::optional<readers::CsvReader> csv_;
    std::vector<std::string> columns_;
    std::vector<std::string> row_;
    bool pendingFirstRow_ = false;
    std::int64_t firstRowLine_ = 0;
    std::size_t text_ = kNone, id_ = kNone, author_ = kNone, date_ = kNone, language_ = kNone,
                label_ = kNone;
};

}  // namespace

std::unique_ptr<StreamPostReader> makeCsvReader(std::unique_ptr<readers::InputBuffer> input,
                                                const ImportOptions& options,
                                                ImportReport report,
                                                std::int64_t totalBytes) {
    return std::make_unique<CsvPostReader>(std::move(input), options, std::move(report),
                                           totalBytes);
}

}  // namespace sentinela::storage::importers
