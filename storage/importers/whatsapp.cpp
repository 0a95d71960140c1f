// WhatsApp "Export chat" (.txt, "Sem mídia"/"Without media"). A message starts at a dated line
// and continues over the following lines until the next dated line. Lines without "Author: "
// after the date are system lines (encryption notice, joins, subject changes): not posts.
// Media placeholders and deleted messages carry no text of the author's: skipped, counted.
// Dates are the phone's local time (ImportOptions::localUtcOffsetMinutes) in day-first or
// month-first order, decided from the file unless ImportOptions::dayFirstDates says.
#include <array>

#include "storage/importers/stream_post_reader.h"
#include "storage/importers/text_cleanup.h"
#include "storage/importers/timestamp.h"
#include "storage/importers/whatsapp_line.h"

namespace sentinela::storage::importers {
namespace {

constexpr std::string_view kLeftToRightMark = "\xE2\x80\x8E";

constexpr std::array<std::string_view, 22> kMediaPlaceholders = {"<Mídia oculta>",
                                                                 "<Media omitted>",
                                                                 "<Arquivo de mídia oculto>",
                                                                 "imagem ocultada",
                                                                 "vídeo omitido",
                                                                 "áudio ocultado",
                                                                 "figurinha omitida",
                                                                 "GIF omitido",
                                                                 "documento omitido",
                                                                 "image omitted",
                                                                 "video omitted",
                                                                 "audio omitted",
                                                                 "sticker omitted",
                                                                 "GIF omitted",
                                                                 "document omitted",
                                                                 "Contact card omitted",
                                                                 "null",
                                                                 "<Mensagem de visualização única>",
                                                                 "<View once message>",
                                                                 "imagem omitida",
                                                                 "áudio omitido",
                                                                 "<Multimídia omitido>"};
constexpr std::array<std::string_view, 8> kDeleted = {
        "Mensagem apagada",           "Esta mensagem foi apagada", "Você apagou esta mensagem",
        "Você apagou esta mensagem.", "This message was deleted",  "You deleted this message",
        "Esta mensagem foi apagada.", "This message was deleted."};

std::string_view trimmed(std::string_view s) {
    while (s.substr(0, 3) == kLeftToRightMark) {
        s.remove_prefix(3);
    }
    std::size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) {
        return {};
    }
    std::size_t e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

template <std::size_t N>
bool isOneOf(std::string_view s, const std::array<std::string_view, N>& list) {
    for (std::string_view item : list) {
        if (s == item) {
            return true;
        }
    }
    return false;
}

// Day first unless the file shows month first: a second number above 12, or AM/PM times with
// no first number above 12 (US phones).
bool decideDayFirst(std::string_view sample) {
    bool ampm = false;
    std::size_t pos = 0;
    while (pos < sample.size()) {
        std::size_t end = sample.find('\n', pos);
        std::string_view line = sample.substr(pos, end == std::string_view::npos ? end : end - pos);
        pos = end == std::string_view::npos ? sample.size() : end + 1;
        WhatsAppLine parsed;
        if (!parseWhatsAppLine(line, parsed)) {
            continue;
        }
        if (parsed.first > 12) {
            return true;
        }
        if (parsed.second > 12) {
            return false;
        }
        ampm = ampm || parsed.hasAmPm;
    }
    return !ampm;
}

class WhatsAppReader : public StreamPostReader {
public:
    WhatsAppReader(std::unique_ptr<readers::InputBuffer> input,
                   const ImportOptions& options,
                   ImportReport report,
                   std::int64_t totalBytes)
        : StreamPostReader(
                  std::move(input), ImportFormat::kWhatsApp, std::move(report), totalBytes),
          options_(options) {
        this->input().skipByteOrderMark();
        dayFirst_ = options.dayFirstDates.value_or(decideDayFirst(this->input().peek(1 << 16)));
    }

protected:
    bool readPost(PostRecord& post) override {
        for (;;) {
            std::int64_t line = input().line();
            bool more = input().readLine(lineText_);
            WhatsAppLine parsed;
            bool starts = more && parseWhatsAppLine(lineText_, parsed);
            if (more && !starts) {
                if (!pending_) {
                    if (!trimmed(lineText_).empty()) {
                        notThisFormat(line, "the line does not start with a WhatsApp date",
                                      "Check the format: try --format csv or jsonl.");
                    }
                    continue;
                }
                pendingText_ += "\n";
                pendingText_ += lineText_;
                pendingRaw_ += "\n" + lineText_;
                continue;
            }
            // A new message starts (or the input ends): finish the pending one first.
            bool produced = pending_ && finishPending(post);
            if (starts) {
                startPending(parsed, line);
            } else {
                pending_ = false;
            }
            if (produced) {
                return true;
            }
            if (!more) {
                return false;
            }
        }
    }

private:
    void startPending(const WhatsAppLine& parsed, std::int64_t line) {
        pending_ = true;
        pendingLine_ = line;
        pendingRaw_ = lineText_;
        pendingText_.clear();
        pendingAuthor_.clear();
        pendingSystem_ = false;
        int day = dayFirst_ ? parsed.first : parsed.second;
        int month = dayFirst_ ? parsed.second : parsed.first;
        auto epoch =
                epochFromCivil(parsed.year, month, day, parsed.hour, parsed.minute, parsed.second_);
        pendingDate_ =
                epoch ? isoFromEpoch(*epoch - std::int64_t{options_.localUtcOffsetMinutes} * 60)
                      : std::string();
        std::string_view rest = parsed.rest;
        std::size_t colon = rest.find(": ");
        if (colon == std::string_view::npos) {
            pendingSystem_ = true;  // "Maria criou o grupo", the encryption notice
            return;
        }
        pendingAuthor_ = std::string(trimmed(rest.substr(0, colon)));
        std::string_view text = rest.substr(colon + 2);
        // iOS marks system lines inside a group ("Grupo: ‎Maria saiu") with a left-to-right mark.
        pendingSystem_ = text.substr(0, 3) == kLeftToRightMark && trimmed(text).find('<') != 0 &&
                         !isOneOf(trimmed(text), kMediaPlaceholders);
        pendingText_ = std::string(text);
    }

    // Turns the pending message into `post`; false (and counted) if it is not a post.
    bool finishPending(PostRecord& post) {
        if (pendingSystem_) {
            report().addSkipped("system message");
            return false;
        }
        std::string_view text = trimmed(pendingText_);
        if (isOneOf(text, kMediaPlaceholders) || text.find("<attached: ") == 0 ||
            text.find("<anexado: ") == 0 || text.ends_with("(arquivo anexado)") ||
            text.ends_with("(file attached)")) {
            report().addSkipped("media omitted");
            return false;
        }
        if (isOneOf(text, kDeleted)) {
            report().addSkipped("deleted message");
            return false;
        }
        if (text.empty()) {
            report().addSkipped("empty text");
            return false;
        }
        post = PostRecord{};
        post.source = options_.source.empty() ? "whatsapp" : options_.source;
        post.line = pendingLine_;
        post.text = cleanText(text, options_.repairMojibake, report());
        post.author = cleanText(pendingAuthor_, false, report());
        post.createdAt = pendingDate_;
        if (options_.keepRaw) {
            post.raw = pendingRaw_;
        }
        return true;
    }

    const ImportOptions options_;
    bool dayFirst_ = true;
    std::string lineText_;
    bool pending_ = false;
    bool pendingSystem_ = false;
    std::int64_t pendingLine_ = 0;
    std::string pendingText_, pendingRaw_, pendingAuthor_, pendingDate_;
};

}  // namespace

std::unique_ptr<StreamPostReader> makeWhatsAppReader(std::unique_ptr<readers::InputBuffer> input,
                                                     const ImportOptions& options,
                                                     ImportReport report,
                                                     std::int64_t totalBytes) {
    return std::make_unique<WhatsAppReader>(std::move(input), options, std::move(report),
                                            totalBytes);
}

}  // namespace sentinela::storage::importers
