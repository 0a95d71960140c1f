#include "nlp/unigram_segmenter.h"

#include <algorithm>
#include <bit>
#include <cfloat>
#include <string>

namespace sentinela::nlp {
namespace {

constexpr std::string_view kWordMark = "\xE2\x96\x81";  // "▁", sentencepiece's space
constexpr float kUnknownPenalty = 10.0f;                // sentencepiece's kUnkPenalty

// sentencepiece's string_util::OneCharLen: the length a lead byte announces (1 for others).
int oneCharLength(char byte) {
    return "\1\1\1\1\1\1\1\1\1\1\1\1\2\2\3\4"[(static_cast<unsigned char>(byte)) >> 4];
}

// The best path ending at a byte position: its score, where its last piece starts, and its id.
struct BestPath {
    float score = 0.0f;
    std::int32_t startsAt = -1;
    std::int32_t id = -1;
};

struct Scratch {
    std::string text;
    std::vector<BestPath> best;
    std::vector<std::int32_t> reversed;
};

Scratch& scratch() {
    thread_local Scratch instance;
    return instance;
}

std::size_t trieBytes(std::span<const ModelPiece> pieces) {
    std::size_t bytes = 0;
    for (const auto& piece : pieces) bytes += piece.text.size();
    return bytes;
}

}  // namespace

bool UnigramSegmenter::canHold(std::span<const ModelPiece> pieces) {
    return trieBytes(pieces) < (1u << 22);
}

UnigramSegmenter::UnigramSegmenter(std::span<const ModelPiece> pieces, std::int32_t unknownId)
    : unknownId_(unknownId) {
    // As unigram::Model's constructor: scores of NORMAL pieces bound the unknown and
    // user-defined scores; FLT_MIN (not -FLT_MAX) is sentencepiece's start for the maximum.
    float minScore = FLT_MAX, maxScore = FLT_MIN;
    for (const auto& piece : pieces) {
        if (piece.type == PieceType::kNormal) {
            minScore = std::min(minScore, piece.score);
            maxScore = std::max(maxScore, piece.score);
        }
    }
    unknownScore_ = minScore - kUnknownPenalty;
    // At most one node per byte of the pieces, so the table stays at most half full.
    const std::size_t size = std::bit_ceil(std::max<std::size_t>(64, trieBytes(pieces) * 2));
    slots_.assign(size, Slot{});
    mask_ = size - 1;
    shift_ = 32 - std::countr_zero(size);
    score_.resize(pieces.size());
    for (std::size_t id = 0; id < pieces.size(); ++id) {
        const auto& piece = pieces[id];
        // The piece's length in bytes times the maximum score is a float product; "- 0.1"
        // then makes every candidate score a double in sentencepiece, normal pieces' too.
        score_[id] = piece.type == PieceType::kUserDefined
                             ? static_cast<float>(piece.text.size()) * maxScore - 0.1
                             : static_cast<double>(piece.score);
        // sentencepiece's trie holds NORMAL, USER_DEFINED and UNUSED pieces and skips UNUSED
        // ones when it meets them: leaving them out is the same.
        if (!piece.text.empty() &&
            (piece.type == PieceType::kNormal || piece.type == PieceType::kUserDefined)) {
            insert(piece.text, static_cast<std::int32_t>(id));
        }
    }
}

void UnigramSegmenter::insert(std::string_view piece, std::int32_t id) {
    std::uint32_t node = 0;
    for (const char c : piece) {
        const std::uint32_t key = node << 8 | static_cast<unsigned char>(c);
        std::size_t i = slotFor(key);
        while (slots_[i].key != key && slots_[i].key != kEmptyKey) i = (i + 1) & mask_;
        slots_[i].key = key;
        node = static_cast<std::uint32_t>(i + 1);
    }
    slots_[node - 1].pieceId = id;
}

// The loop of sentencepiece's unigram::Model::EncodeOptimized, over "▁" + word: every piece
// that starts at a character start is tried in order of length, and a later candidate replaces
// the best path ending at the same place only if it is strictly better.
void UnigramSegmenter::appendWordIds(std::string_view word, std::vector<std::int32_t>& ids) const {
    auto& s = scratch();
    s.text.assign(kWordMark);
    s.text.append(word);
    const char* text = s.text.data();
    const int size = static_cast<int>(s.text.size());
    s.best.assign(static_cast<std::size_t>(size) + 1, BestPath{});
    BestPath* best = s.best.data();
    for (int start = 0; start < size;) {
        const float scoreHere = best[start].score;
        const int charLength = std::min(oneCharLength(text[start]), size - start);
        bool hasSingleCharPiece = false;
        std::uint32_t node = 0;
        for (int end = start; end < size;) {
            const Slot* slot = child(node, static_cast<unsigned char>(text[end]));
            if (slot == nullptr)
                break;
            ++end;
            node = static_cast<std::uint32_t>(slot - slots_.data()) + 1;
            const std::int32_t id = slot->pieceId;
            if (id < 0)
                continue;
            const double candidate = score_[static_cast<std::size_t>(id)] + scoreHere;
            BestPath& target = best[end];
            if (target.startsAt == -1 || candidate > target.score) {
                target = {static_cast<float>(candidate), start, id};
            }
            hasSingleCharPiece = hasSingleCharPiece || end - start == charLength;
        }
        if (!hasSingleCharPiece) {  // one <unk> for this character
            BestPath& target = best[start + charLength];
            const float candidate = unknownScore_ + scoreHere;
            if (target.startsAt == -1 || candidate > target.score) {
                target = {candidate, start, unknownId_};
            }
        }
        start += charLength;
    }
    s.reversed.clear();
    for (int end = size; end > 0 && best[end].startsAt >= 0; end = best[end].startsAt) {
        s.reversed.push_back(best[end].id);
    }
    // sentencepiece's Encode then merges a run of unknown pieces into one <unk>.
    for (auto id = s.reversed.rbegin(); id != s.reversed.rend(); ++id) {
        if (*id != unknownId_ || id == s.reversed.rbegin() || *(id - 1) != unknownId_)
            ids.push_back(*id);
    }
}

}  // namespace sentinela::nlp
