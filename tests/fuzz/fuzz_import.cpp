// Fuzzes one importer's record reader over bytes in memory (the format is fixed per target by
// SENTINELA_FUZZ_FORMAT; kAuto also fuzzes detection and the gzip/zstd framing). Bad input must
// end in an ImportError or in rejected records, never in a crash, a hang or another exception;
// the report must count exactly the posts it handed over.
#include <sstream>
#include <vector>

#include "nlp/utf8.h"
#include "storage/importer.h"
#include "tests/fuzz/fuzz_target.h"

using namespace sentinela;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream stream{std::string(fuzz::bytesOf(data, size))};
    storage::ImportOptions options;
    options.format = storage::ImportFormat::SENTINELA_FUZZ_FORMAT;
    std::int64_t posts = 0;
    try {
        auto reader = storage::openPostReader(stream, options, "fuzz-input");
        std::vector<storage::PostRecord> batch;
        while (reader->nextBatch(batch, 16) > 0) {
            for (const auto& post : batch) {
                if (!nlp::utf8::isValid(post.text) || !nlp::utf8::isValid(post.author)) {
                    fuzz::fail("a post's text or author is not valid UTF-8");
                }
                if (post.line < 0) {
                    fuzz::fail("a post has a negative line number");
                }
            }
            posts += static_cast<std::int64_t>(batch.size());
        }
        if (reader->report().posts != posts) {
            fuzz::fail("the report counts other posts than the reader returned");
        }
    } catch (const storage::ImportError&) {
        // A clear refusal (not an export, damaged compressed data): what bad input should get.
    }
    return 0;
}
