#include "tests/storage/importers/import_test_support.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <zlib.h>
#include <zstd.h>

#include "tests/support/test_paths.h"

namespace sentinela::storage::testing {

std::filesystem::path fixture(const std::string& name) {
    return sentinela::testing::sourceDir() / "tests" / "storage" / "fixtures" / name;
}

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

void writeFile(const std::filesystem::path& file, const std::string& bytes) {
    std::ofstream out(file, std::ios::binary);
    out << bytes;
}

ReadAll readAll(const std::filesystem::path& file, const ImportOptions& options) {
    ReadAll result;
    auto reader = openPostReader(file, options);
    std::vector<PostRecord> batch;
    while (reader->nextBatch(batch, 3) > 0) {  // small batches: crosses batch boundaries
        for (auto& p : batch) {
            result.posts.push_back(std::move(p));
        }
    }
    result.report = reader->report();
    result.format = reader->format();
    return result;
}

std::string canonical(const ReadAll& result) {
    std::string out;
    for (const auto& p : result.posts) {
        nlohmann::ordered_json j = {{"line", p.line},
                                    {"source", p.source},
                                    {"id", p.externalId},
                                    {"author", p.author},
                                    {"created_at", p.createdAt},
                                    {"language", p.language},
                                    {"label", p.label ? nlohmann::ordered_json(*p.label) : nullptr},
                                    {"text", p.text}};
        out += j.dump() + "\n";
    }
    const ImportReport& r = result.report;
    nlohmann::ordered_json rejected = nlohmann::ordered_json::array();
    for (const auto& line : r.rejectedLines) {
        rejected.push_back({{"line", line.line}, {"reason", line.reason}});
    }
    nlohmann::ordered_json report = {{"format", r.format},
                                     {"read", r.read},
                                     {"posts", r.posts},
                                     {"skipped", r.skipped},
                                     {"skipped_by_reason", r.skippedByReason},
                                     {"rejected", r.rejected},
                                     {"rejected_lines", rejected},
                                     {"dates_not_understood", r.datesNotUnderstood}};
    out += report.dump() + "\n";
    return out;
}

std::string gzipBytes(const std::string& plain) {
    z_stream s{};
    if (deflateInit2(&s, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2");
    }
    std::string out(deflateBound(&s, plain.size()) + 64, '\0');
    s.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(plain.data()));
    s.avail_in = static_cast<uInt>(plain.size());
    s.next_out = reinterpret_cast<Bytef*>(out.data());
    s.avail_out = static_cast<uInt>(out.size());
    deflate(&s, Z_FINISH);
    out.resize(s.total_out);
    deflateEnd(&s);
    return out;
}

std::string zstdBytes(const std::string& plain, int windowLog) {
    ZSTD_CCtx* cctx = ZSTD_createCCtx();
    if (windowLog > 0) {
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_windowLog, windowLog);
    }
    std::string out;
    std::string chunk(ZSTD_CStreamOutSize(), '\0');
    // Feed first, finish with an empty input: the size stays unknown, so zstd cannot shrink the
    // window to fit and the frame header asks for the full window, as real dumps do.
    ZSTD_inBuffer in{plain.data(), plain.size(), 0};
    ZSTD_EndDirective mode = ZSTD_e_continue;
    for (;;) {
        ZSTD_outBuffer o{chunk.data(), chunk.size(), 0};
        std::size_t left = ZSTD_compressStream2(cctx, &o, &in, mode);
        out.append(chunk.data(), o.pos);
        if (ZSTD_isError(left)) {
            throw std::runtime_error(ZSTD_getErrorName(left));
        }
        if (mode == ZSTD_e_continue && in.pos == in.size) {
            mode = ZSTD_e_end;
        } else if (mode == ZSTD_e_end && left == 0) {
            break;
        }
    }
    ZSTD_freeCCtx(cctx);
    return out;
}

}  // namespace sentinela::storage::testing
