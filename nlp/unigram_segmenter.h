// Internal: sentencepiece's unigram segmentation of one word, re-implemented over a piece table
// built once from the model's pieces. It replaces sentencepiece's Encode for words missing from
// the word cache: that call also runs sentencepiece's normalizer, fills a protobuf and allocates
// several times per word, which cost more than the search itself.
//
// It gives EXACTLY the ids sentencepiece 0.1.97 gives for "▁" + word (unigram
// Model::EncodeOptimized): the same visiting order and the same float/double arithmetic, so
// ties break the same way; one <unk> per run of characters no piece covers; user-defined symbols
// with their length bonus; unused pieces ignored. tests/nlp/unigram_segmenter_test.cpp compares the
// two on every post of the shared datasets, and the vocabulary re-checks it on every cached word
// when it loads.
//
// Immutable after construction: appendWordIds is const and thread-safe (scratch is per thread).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "nlp/sentencepiece_model_proto.h"

namespace sentinela::nlp {

class UnigramSegmenter {
public:
    // `pieces` in id order, as in the ModelProto; `unknownId` is the id of the UNKNOWN piece.
    UnigramSegmenter(std::span<const ModelPiece> pieces, std::int32_t unknownId);
    // False for a table too large for 24-bit node ids (pieces of more than ~8 MB in total).
    static bool canHold(std::span<const ModelPiece> pieces);

    // Appends the ids of the best segmentation of "▁" + word (word: no ASCII space).
    void appendWordIds(std::string_view word, std::vector<std::int32_t>& ids) const;

private:
    // The trie's transitions in one open-addressing table: key (parent node << 8 | byte). A
    // node is identified by the index of the slot that leads to it, plus one (0 is the root).
    struct Slot {
        std::uint32_t key = kEmptyKey;
        std::int32_t pieceId = -1;  // the piece spelled by the path to this node, or -1
    };
    static constexpr std::uint32_t kEmptyKey = 0xFFFFFFFFu;

    void insert(std::string_view piece, std::int32_t id);
    std::size_t slotFor(std::uint32_t key) const { return (key * 0x9E3779B1u) >> shift_; }
    // The slot of the child of `node` by `byte`, or nullptr; node ids are slot index + 1.
    const Slot* child(std::uint32_t node, unsigned char byte) const {
        const std::uint32_t key = node << 8 | byte;
        for (std::size_t i = slotFor(key);; i = (i + 1) & mask_) {
            const Slot& slot = slots_[i];
            if (slot.key == key)
                return &slot;
            if (slot.key == kEmptyKey)
                return nullptr;
        }
    }

    std::vector<Slot> slots_;
    std::size_t mask_ = 0;
    int shift_ = 32;
    std::vector<double> score_;  // per id, as sentencepiece computes it (a double)
    float unknownScore_ = 0.0f;
    std::int32_t unknownId_ = 1;
};

}  // namespace sentinela::nlp
