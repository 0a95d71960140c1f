// The tokenizer's byte format (it lives inside model files), little-endian:
//   "SNTLTOK\0"  magic (8 bytes)
//   u32          format version (Tokenizer::kFormatVersion)
//   u8 caseFold, i32 maxCharRepeat, u8 flags (bit 0 urls, 1 mentions, 2 emails, 3 numbers,
//   4 hashtags, 5 stripAccents), u8 kind, i32 vocabularySize, f64 characterCoverage,
//   i32 wordMinCount
//   u64 payload size, payload (sentencepiece model proto, or the word list)
//   u32 CRC-32 of everything before it
#include <array>
#include <bit>
#include <cstring>

#include "nlp/tokenizer.h"
#include "nlp/vocabulary.h"

namespace sentinela::nlp {
namespace {

constexpr std::string_view kMagic{"SNTLTOK\0", 8};

std::uint32_t crc32(std::string_view data) {
    static const auto table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t n = 0; n < 256; ++n) {
            std::uint32_t c = n;
            for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        return t;
    }();
    std::uint32_t crc = 0xFFFFFFFFu;
    for (const char ch : data)
        crc = table[(crc ^ static_cast<unsigned char>(ch)) & 0xFF] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

template <typename T>
void put(std::string& out, T value) {
    static_assert(std::endian::native == std::endian::little, "the format is little-endian");
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    out.append(bytes, sizeof(T));
}

class Reader {
public:
    explicit Reader(std::string_view data) : data_(data) {}
    template <typename T>
    T get(const char* field) {
        T value;
        std::memcpy(&value, take(sizeof(T), field).data(), sizeof(T));
        return value;
    }
    std::string_view take(std::size_t size, const char* field) {
        if (size > data_.size() - offset_) {
            throw TokenizerError(std::string("tokenizer data is truncated at byte ") +
                                 std::to_string(offset_) + " (field " + field +
                                 "): the model or tokenizer file is incomplete; copy it again");
        }
        const auto part = data_.substr(offset_, size);
        offset_ += size;
        return part;
    }
    std::size_t offset() const { return offset_; }

private:
    std::string_view data_;
    std::size_t offset_ = 0;
};

}  // namespace

std::string Tokenizer::toBytes() const {
    const auto& n = options_.normalizer;
    std::string out(kMagic);
    put<std::uint32_t>(out, kFormatVersion);
    put<std::uint8_t>(out, n.caseFold ? 1 : 0);
    put<std::int32_t>(out, n.maxCharRepeat);
    put<std::uint8_t>(out,
                      static_cast<std::uint8_t>((n.replaceUrls << 0) | (n.replaceMentions << 1) |
                                                (n.replaceEmails << 2) | (n.replaceNumbers << 3) |
                                                (n.splitHashtags << 4) | (n.stripAccents << 5)));
    put<std::uint8_t>(out, static_cast<std::uint8_t>(options_.kind));
    put<std::int32_t>(out, options_.vocabularySize);
    put<double>(out, options_.characterCoverage);
    put<std::int32_t>(out, options_.wordMinCount);
    const std::string payload = vocabulary_->serialize();
    put<std::uint64_t>(out, payload.size());
    out += payload;
    put<std::uint32_t>(out, crc32(out));
    return out;
}

Tokenizer Tokenizer::fromBytes(std::string_view bytes) {
    Reader in(bytes);
    if (bytes.size() < kMagic.size() || bytes.substr(0, kMagic.size()) != kMagic) {
        throw TokenizerError(
                "not Sentinela tokenizer data (bad magic): pass a file written by "
                "Tokenizer::toBytes or a Sentinela model file");
    }
    in.take(kMagic.size(), "magic");
    const auto version = in.get<std::uint32_t>("version");
    if (version == 0 || version > kFormatVersion) {
        throw TokenizerError("tokenizer format version " + std::to_string(version) +
                             " is newer than this Sentinela reads (" +
                             std::to_string(kFormatVersion) + "): update Sentinela");
    }
    TokenizerOptions options;
    auto& n = options.normalizer;
    n.caseFold = in.get<std::uint8_t>("caseFold") != 0;
    n.maxCharRepeat = in.get<std::int32_t>("maxCharRepeat");
    const auto flags = in.get<std::uint8_t>("flags");
    n.replaceUrls = flags & 1;
    n.replaceMentions = flags & 2;
    n.replaceEmails = flags & 4;
    n.replaceNumbers = flags & 8;
    n.splitHashtags = flags & 16;
    n.stripAccents = flags & 32;
    const auto kind = in.get<std::uint8_t>("kind");
    options.vocabularySize = in.get<std::int32_t>("vocabularySize");
    options.characterCoverage = in.get<double>("characterCoverage");
    options.wordMinCount = in.get<std::int32_t>("wordMinCount");
    const auto payloadSize = in.get<std::uint64_t>("payload size");
    const std::string_view payload = in.take(payloadSize, "payload");
    const std::size_t checked = in.offset();
    const auto stored = in.get<std::uint32_t>("checksum");
    if (in.offset() != bytes.size() || stored != crc32(bytes.substr(0, checked))) {
        throw TokenizerError(
                "tokenizer data is damaged (checksum mismatch or trailing bytes): "
                "the model or tokenizer file was corrupted; copy or train it again");
    }
    if (kind > static_cast<std::uint8_t>(VocabularyKind::kWord) || n.maxCharRepeat < 0) {
        throw TokenizerError("tokenizer data has invalid settings (kind " + std::to_string(kind) +
                             "): train the tokenizer again");
    }
    options.kind = static_cast<VocabularyKind>(kind);
    auto vocabulary = options.kind == VocabularyKind::kWord ? loadWordVocabulary(payload)
                                                            : loadSentencePiece(payload);
    return Tokenizer(options, std::move(vocabulary));
}

}  // namespace sentinela::nlp
