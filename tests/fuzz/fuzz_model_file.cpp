// Fuzzes the model-file and encoder-file loaders. The checksum is recomputed first, as a hostile
// editor would, so mutations reach the sections and the configuration instead of stopping at the
// CRC. Loading must succeed or throw ModelFileError / ClassifierError, never crash or allocate
// what the file does not hold; a model that loads must score a post.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "model/classifier.h"
#include "model/encoder_impl.h"
#include "model/model_file.h"
#include "model/model_file_layout.h"
#include "tests/fuzz/fuzz_target.h"

using namespace sentinela;

namespace {

// The file's last 4 bytes hold the CRC of everything before its 16-byte checksum section.
std::string withChecksumRecomputed(std::string bytes) {
    if (bytes.size() < model::layout::kChecksumSectionBytes) {
        return bytes;
    }
    const std::size_t covered = bytes.size() - model::layout::kChecksumSectionBytes;
    const std::uint32_t crc = model::layout::crc32Of(std::string_view(bytes).substr(0, covered));
    for (int i = 0; i < 4; ++i) {
        bytes[bytes.size() - 4 + i] = static_cast<char>((crc >> (8 * i)) & 0xFF);
    }
    return bytes;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string bytes = withChecksumRecomputed(std::string(fuzz::bytesOf(data, size)));
    try {
        const model::ModelFile file = model::parseModelFile(bytes, "fuzz.model");
        const auto config = nlohmann::json::parse(file.configJson, nullptr, false);
        const bool isEncoder =
                config.is_object() && config.value("kind", "") == "sentinela-lstm-encoder";
        if (isEncoder) {
            const model::Encoder encoder = model::fromModelFile(file, "fuzz.encoder");
            std::vector<std::int32_t> ids;
            encoder.tokenizer().encodeIds("um post de teste, a test post", ids);
        } else {
            const model::Classifier classifier =
                    model::Classifier::fromModelFile(file, "fuzz.model");
            const auto scores = classifier.predict("um post de teste, a test post");
            if (scores.size() != classifier.labels().size()) {
                fuzz::fail("a loaded model scores other labels than it has");
            }
        }
    } catch (const model::ModelFileError&) {
    } catch (const model::ClassifierError&) {
    }
    return 0;
}
