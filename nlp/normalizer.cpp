#include "nlp/normalizer.h"

#include <algorithm>
#include <array>

#include "nlp/code_points.h"
#include "nlp/mapped_text.h"
#include "nlp/normalized_writer.h"
#include "nlp/placeholders.h"
#include "nlp/repair_steps.h"
#include "nlp/utf8.h"

namespace sentinela::nlp {
namespace {

// Per-thread buffers, sized by the longest post seen and reused: no allocation per post.
struct Scratch {
    MappedText repaired;
    std::vector<CodePoint> codePoints;
    std::u32string accentless;
};

Scratch& scratch() {
    thread_local Scratch instance;
    return instance;
}

using Writer = NormalizedWriter;

ByteSpan spanOf(CodePoints text, std::size_t from, std::size_t to) {
    return {text[from].begin, text[to - 1].end};
}

void emitLiteral(CodePoints text, std::size_t from, std::size_t to, Writer& writer) {
    for (std::size_t k = from; k < to; ++k) {
        writer.character(text[k].value, {text[k].begin, text[k].end}, true);
    }
}

// The matchers look no further than this many characters (browsers cap URLs at about 2,000):
// in a run without spaces every word start may try them, and unbounded scans to the run's end
// made that quadratic. A longer URL is replaced up to here; the rest stays text.
constexpr std::size_t kMaxAddressChars = 2048;

// URLs, e-mail addresses and mentions start a word. Returns the code points consumed (0: none).
std::size_t placeholder(CodePoints whole, std::size_t at, const NormalizerOptions& o, Writer& w) {
    const CodePoints text = whole.subspan(at, std::min(kMaxAddressChars, whole.size() - at));
    const std::size_t i = 0;
    std::size_t m = matchUrl(text, i);
    std::string_view token = kUrlToken;
    bool replace = o.replaceUrls;
    if (m == 0) {
        m = matchEmail(text, i);
        token = kEmailToken;
        replace = o.replaceEmails;
    }
    if (m == 0 && o.replaceMentions) {
        m = matchMention(text, i);
        token = kMentionToken;
        replace = true;
    }
    if (m == 0)
        return 0;
    if (replace) {
        w.token(token, spanOf(text, i, i + m));
    } else {
        emitLiteral(text, i, i + m, w);  // kept, but its '@' or digits are no mention or number
    }
    return m;
}

bool startsWithWww(CodePoints text, std::size_t i) {
    auto isW = [&](std::size_t k) {
        return i + k < text.size() && (text[i + k].value == 'w' || text[i + k].value == 'W');
    };
    return isW(0) && isW(1) && isW(2) && i + 3 < text.size() && text[i + 3].value == '.';
}

// A URL has "://", a path after its domain, or starts with "www."; e-mail addresses and mentions
// have '@'. Most words have none of these, and then the matchers are skipped. Asked at every word
// start, left to right; the next '@', ':', '/' or space is found once per stretch, not once per
// word start: a run without spaces ("(a)(a)(a)...", "㈱㈱㈱" = "(株)(株)...") starts a word
// every few characters, and scanning to its end each time made the normaliser quadratic.
// `nextMark` is the first '@', ':', '/' or space at or after the previous word start asked about.
bool mayBeAddress(CodePoints text, std::size_t i, std::size_t& nextMark) {
    if (i >= nextMark) {
        nextMark = i;
        while (nextMark < text.size()) {
            const char32_t c = text[nextMark].value;
            if (c == '@' || c == ':' || c == '/' || isSpace(c))
                break;
            ++nextMark;
        }
    }
    return (nextMark < text.size() && !isSpace(text[nextMark].value)) || startsWithWww(text, i);
}

bool mayStartEmoji(CodePoints text, std::size_t i) {
    const char32_t c = text[i].value;
    if (c >= 0xA9)
        return true;
    const char32_t next = i + 1 < text.size() ? text[i + 1].value : 0;
    return (next == 0xFE0F || next == 0x20E3) && ((c >= '0' && c <= '9') || c == '#' || c == '*');
}

// ASCII characters no rule below starts on, unless they start a word: not spaces, digits
// (numbers, keycaps), '#' (hashtags, keycaps), '*' (keycaps) or '@' (mentions, addresses).
constexpr std::array<bool, 128> kPlainAscii = [] {
    std::array<bool, 128> plain{};
    for (int c = 0x21; c < 0x7F; ++c) {
        plain[c] = !(c >= '0' && c <= '9') && c != '#' && c != '*' && c != '@';
    }
    return plain;
}();

void normalizeCodePoints(CodePoints text, const NormalizerOptions& o, Writer& w) {
    bool inHashtag = false;
    std::string emojiBytes;
    std::size_t nextAddressMark = 0;  // see mayBeAddress
    for (std::size_t i = 0; i < text.size();) {
        const char32_t c = text[i].value;
        const ByteSpan here{text[i].begin, text[i].end};
        if (isSpace(c)) {
            w.space();
            inHashtag = false;
            ++i;
            continue;
        }
        const char32_t prev = i > 0 ? text[i - 1].value : ' ';
        if (c < 0x80 && !inHashtag && kPlainAscii[c] && (!isWordChar(c) || isWordChar(prev))) {
            w.character(c, here);  // what the rules below do with it, without asking each
            ++i;
            continue;
        }
        const char32_t next = i + 1 < text.size() ? text[i + 1].value : 0;
        const bool wordStart = !isWordChar(prev);
        if (wordStart && (isWordChar(c) || c == '@') && mayBeAddress(text, i, nextAddressMark)) {
            if (const std::size_t m = placeholder(text, i, o, w); m > 0) {
                i += m;
                inHashtag = false;
                continue;
            }
        }
        if (mayStartEmoji(text, i)) {
            if (const std::size_t m = matchEmoji(text, i); m > 0) {
                emojiBytes.clear();
                for (std::size_t k = i; k < i + m; ++k) utf8::append(emojiBytes, text[k].value);
                w.emoji(emojiBytes, spanOf(text, i, i + m));
                i += m;
                continue;
            }
        }
        if (o.splitHashtags && c == '#' && wordStart && isWordChar(next) && next != '_') {
            w.token("#", here);
            inHashtag = true;
            ++i;
            continue;
        }
        if (inHashtag && !isWordChar(c))
            inHashtag = false;
        const bool hashtagBoundary = inHashtag && isLetter(prev);
        if (o.replaceNumbers && isDecimalDigit(c) && (wordStart || hashtagBoundary)) {
            const std::size_t m = matchNumber(text, i);
            w.token(kNumberToken, spanOf(text, i, i + m));
            i += m;
            continue;
        }
        if (inHashtag) {  // "#ForaTemer" -> "fora temer", "#HTMLParser" -> "html parser"
            if (c == '_') {
                w.space();
                ++i;
                continue;
            }
            if (isUpper(c) && (isLower(prev) || (isUpper(prev) && isLower(next))))
                w.space();
            if (isLetter(c) && isDecimalDigit(prev))
                w.space();
        }
        w.character(c, here);
        ++i;
    }
}

void run(const NormalizerOptions& options,
         std::string_view text,
         std::string& out,
         std::vector<ByteSpan>* spans,
         int* replaced) {
    auto& s = scratch();
    out.clear();
    if (spans)
        spans->clear();
    const bool repaired = repairTextMapped(text, s.repaired, replaced);
    const std::string_view clean = repaired ? std::string_view(s.repaired.text) : text;
    s.codePoints.clear();
    decodeNfkc(clean, s.codePoints);
    {
        Writer writer(options, out, spans, clean.size());
        normalizeCodePoints(s.codePoints, options, writer);
    }  // the writer's destructor trims `out` to what it wrote
    if (spans && repaired) {
        composeSpans(*spans, s.repaired.source);
    }
    // A 1 MB post must not pin megabytes per thread for the life of the process.
    if (s.codePoints.capacity() > (1u << 16)) {
        s.codePoints = {};
        s.repaired = {};
    }
}

}  // namespace

Normalizer::Normalizer(NormalizerOptions options) : options_(options) {}

std::string Normalizer::apply(std::string_view text) const {
    std::string out;
    applyInto(text, out);
    return out;
}

void Normalizer::applyInto(std::string_view text, std::string& out) const {
    run(options_, text, out, nullptr, nullptr);
}

NormalizedText Normalizer::applyWithOffsets(std::string_view text) const {
    NormalizedText result;
    run(options_, text, result.text, &result.source, &result.replacedInvalidSequences);
    return result;
}

}  // namespace sentinela::nlp
