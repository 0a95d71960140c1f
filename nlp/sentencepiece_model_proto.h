// Internal: reads what the unigram segmenter needs from a serialized sentencepiece ModelProto
// (sentencepiece_model.proto): each piece with its score and type, and the settings that decide
// how sentencepiece encodes a word. A small protobuf wire-format reader, so that no generated
// protobuf code (sentencepiece does not install its .pb.h) is needed. Pure: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::nlp {

// ModelProto.SentencePiece.Type, with the proto's numbers.
enum class PieceType {
    kNormal = 1,
    kUnknown = 2,
    kControl = 3,
    kUserDefined = 4,
    kUnused = 5,
    kByte = 6
};

struct ModelPiece {
    std::string text;
    float score = 0.0f;
    PieceType type = PieceType::kNormal;
};

struct SentencePieceModel {
    std::vector<ModelPiece> pieces;  // in id order
    bool unigram = true;             // TrainerSpec.model_type == UNIGRAM
    bool treatWhitespaceAsSuffix = false;
    bool byteFallback = false;
    bool addDummyPrefix = true;     // NormalizerSpec
    bool escapeWhitespaces = true;  // NormalizerSpec
    bool hasCharacterMap = false;   // a non-empty precompiled_charsmap (not "identity")
};

// std::nullopt when the bytes are no well-formed ModelProto.
std::optional<SentencePieceModel> readSentencePieceModel(std::string_view serialized);

}  // namespace sentinela::nlp
