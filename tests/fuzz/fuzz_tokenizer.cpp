// Fuzzes the normaliser and the tokenizer with the shipped base encoder's vocabulary (16k
// sentencepiece pieces, the one every default model uses): any bytes are a post. Token spans
// must lie inside the text, in order; the model's ids must be in the vocabulary.
#include <vector>

#include "model/encoder.h"
#include "nlp/tokenizer.h"
#include "tests/fuzz/fuzz_target.h"

using namespace sentinela;

namespace {

const nlp::Tokenizer& tokenizer() {
    static const model::Encoder encoder =
            model::Encoder::load(SENTINELA_SOURCE_DIR "/resources/encoders/base.encoder");
    return encoder.tokenizer();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::bytesOf(data, size);
    const nlp::Tokenizer& t = tokenizer();
    std::vector<std::int32_t> ids;
    t.encodeIds(text, ids);
    for (std::int32_t id : ids) {
        if (id < 0 || id >= t.vocabularySize()) {
            fuzz::fail("a token id is outside the vocabulary");
        }
    }
    std::int32_t lastBegin = 0;
    for (const nlp::Token& token : t.encodeWithOffsets(text)) {
        if (token.byteBegin < 0 || token.byteBegin > token.byteEnd ||
            token.byteEnd > static_cast<std::int32_t>(text.size()) ||
            token.utf16Begin > token.utf16End) {
            fuzz::fail("a token's span is outside the text");
        }
        if (token.byteBegin < lastBegin && token.byteBegin != token.byteEnd) {
            fuzz::fail("token spans are out of order");
        }
        lastBegin = std::max(lastBegin, token.byteBegin);
    }
    return 0;
}
