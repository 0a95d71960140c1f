// Field numbers are those of sentencepiece_model.proto (sentencepiece 0.1.97); unknown fields are
// skipped, as protobuf does, and every length is checked against the bytes left.
#include "nlp/sentencepiece_model_proto.h"

#include <cstdint>
#include <cstring>

namespace sentinela::nlp {
namespace {

enum WireType : std::uint32_t { kVarint = 0, kFixed64 = 1, kLengthDelimited = 2, kFixed32 = 5 };

// One field of a message: its number, wire type and value (varint/fixed value or bytes).
struct Field {
    std::uint32_t number = 0;
    WireType wireType = kVarint;
    std::uint64_t value = 0;
    std::string_view bytes;
};

class WireReader {
public:
    explicit WireReader(std::string_view data) : data_(data) {}

    bool done() const { return data_.empty(); }

    // False at the end or on malformed data; then ok() tells which.
    bool next(Field& field) {
        if (data_.empty())
            return false;
        std::uint64_t tag = 0;
        if (!varint(tag) || (tag >> 3) == 0 || (tag >> 3) > 0x1FFFFFFF)
            return fail();
        field.number = static_cast<std::uint32_t>(tag >> 3);
        field.wireType = static_cast<WireType>(tag & 7);
        switch (field.wireType) {
            case kVarint:
                return varint(field.value) || fail();
            case kFixed64:
                return fixed(8, field.value) || fail();
            case kFixed32:
                return fixed(4, field.value) || fail();
            case kLengthDelimited: {
                std::uint64_t size = 0;
                if (!varint(size) || size > data_.size())
                    return fail();
                field.bytes = data_.substr(0, size);
                data_.remove_prefix(size);
                return true;
            }
        }
        return fail();  // groups (3, 4) and reserved wire types
    }

    bool ok() const { return ok_; }

private:
    bool fail() {
        ok_ = false;
        return false;
    }

    bool varint(std::uint64_t& value) {
        value = 0;
        for (int shift = 0; shift < 64 && !data_.empty(); shift += 7) {
            const auto byte = static_cast<unsigned char>(data_.front());
            data_.remove_prefix(1);
            value |= static_cast<std::uint64_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0)
                return true;
        }
        return false;
    }

    bool fixed(int bytes, std::uint64_t& value) {
        if (data_.size() < static_cast<std::size_t>(bytes))
            return false;
        value = 0;
        for (int k = 0; k < bytes; ++k) {
            value |= static_cast<std::uint64_t>(static_cast<unsigned char>(data_[k])) << (8 * k);
        }
        data_.remove_prefix(static_cast<std::size_t>(bytes));
        return true;
    }

    std::string_view data_;
    bool ok_ = true;
};

bool readPiece(std::string_view message, ModelPiece& piece) {
    WireReader reader(message);
    for (Field f; reader.next(f);) {
        if (f.number == 1 && f.wireType == kLengthDelimited) {
            piece.text.assign(f.bytes);
        } else if (f.number == 2 && f.wireType == kFixed32) {
            const auto bits = static_cast<std::uint32_t>(f.value);
            std::memcpy(&piece.score, &bits, sizeof bits);
        } else if (f.number == 3 && f.wireType == kVarint) {
            if (f.value < 1 || f.value > 6)
                return false;
            piece.type = static_cast<PieceType>(f.value);
        }
    }
    return reader.ok();
}

bool readTrainerSpec(std::string_view message, SentencePieceModel& model) {
    WireReader reader(message);
    for (Field f; reader.next(f);) {
        if (f.wireType != kVarint)
            continue;
        if (f.number == 3)
            model.unigram = f.value == 1;  // ModelType UNIGRAM
        if (f.number == 24)
            model.treatWhitespaceAsSuffix = f.value != 0;
        if (f.number == 35)
            model.byteFallback = f.value != 0;
    }
    return reader.ok();
}

bool readNormalizerSpec(std::string_view message, SentencePieceModel& model) {
    WireReader reader(message);
    for (Field f; reader.next(f);) {
        if (f.number == 2 && f.wireType == kLengthDelimited)
            model.hasCharacterMap = !f.bytes.empty();
        if (f.number == 3 && f.wireType == kVarint)
            model.addDummyPrefix = f.value != 0;
        if (f.number == 5 && f.wireType == kVarint)
            model.escapeWhitespaces = f.value != 0;
    }
    return reader.ok();
}

}  // namespace

std::optional<SentencePieceModel> readSentencePieceModel(std::string_view serialized) {
    SentencePieceModel model;
    WireReader reader(serialized);
    for (Field f; reader.next(f);) {
        if (f.wireType != kLengthDelimited)
            continue;
        bool ok = true;
        if (f.number == 1) {
            ok = readPiece(f.bytes, model.pieces.emplace_back());
        } else if (f.number == 2) {
            ok = readTrainerSpec(f.bytes, model);
        } else if (f.number == 3) {
            ok = readNormalizerSpec(f.bytes, model);
        }
        if (!ok)
            return std::nullopt;
    }
    if (!reader.ok())
        return std::nullopt;
    return model;
}

}  // namespace sentinela::nlp
