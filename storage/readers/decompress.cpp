#include "storage/readers/decompress.h"

#include <vector>
#include <zlib.h>
#include <zstd.h>

#include "storage/import_report.h"

namespace sentinela::storage::readers {
namespace {

constexpr std::size_t kInputChunkBytes = 1 << 17;

ImportError corrupt(const std::string& name, const std::string& kind, const std::string& detail) {
    return ImportError({name, 0, ""},
                       "the " + kind + " data is corrupt or truncated (" + detail + ")",
                       "Re-download or re-extract the export; posts before the damage were kept.");
}

class GzipSource : public ByteSource {
public:
    GzipSource(std::unique_ptr<ByteSource> in, std::string name)
        : in_(std::move(in)), name_(std::move(name)), input_(kInputChunkBytes) {
        // 15 + 32: zlib or gzip header, detected automatically.
        if (inflateInit2(&stream_, 15 + 32) != Z_OK) {
            throw corrupt(name_, "gzip", "cannot initialise zlib");
        }
    }
    ~GzipSource() override { inflateEnd(&stream_); }

    std::size_t read(char* buffer, std::size_t size) override {
        stream_.next_out = reinterpret_cast<Bytef*>(buffer);
        stream_.avail_out = static_cast<uInt>(size);
        while (stream_.avail_out == size && !finished_) {
            bool endOfInput = false;
            if (stream_.avail_in == 0) {
                std::size_t n = in_->read(reinterpret_cast<char*>(input_.data()), input_.size());
                if (n == 0 && atMemberStart_) {
                    finished_ = true;
                    break;
                }
                endOfInput = n == 0;
                stream_.next_in = input_.data();
                stream_.avail_in = static_cast<uInt>(n);
            }
            atMemberStart_ = false;
            int rc = inflate(&stream_, Z_NO_FLUSH);
            if (rc == Z_STREAM_END) {
                // Another gzip member may follow (concatenated .gz files are valid gzip).
                inflateReset(&stream_);
                atMemberStart_ = true;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
                throw corrupt(name_, "gzip", stream_.msg != nullptr ? stream_.msg : "inflate");
            } else if (endOfInput && stream_.avail_out == size) {
                throw corrupt(name_, "gzip", "unexpected end of file");
            }
        }
        return size - stream_.avail_out;
    }
    std::int64_t rawBytesRead() const override {
        return in_->rawBytesRead() - static_cast<std::int64_t>(stream_.avail_in);
    }

private:
    std::unique_ptr<ByteSource> in_;
    std::string name_;
    std::vector<Bytef> input_;
    z_stream stream_{};
    bool finished_ = false;
    bool atMemberStart_ = true;
};

struct FreeDStream {
    void operator()(ZSTD_DStream* s) const { ZSTD_freeDStream(s); }
};

class ZstdSource : public ByteSource {
public:
    ZstdSource(std::unique_ptr<ByteSource> in, std::string name)
        : in_(std::move(in)), name_(std::move(name)), input_(ZSTD_DStreamInSize()) {
        stream_.reset(ZSTD_createDStream());
        if (!stream_) {
            throw corrupt(name_, "zstd", "cannot create a decompression stream");
        }
        // Pushshift dumps use a 2 GiB window; the default limit (128 MiB) would refuse them.
        ZSTD_DCtx_setParameter(stream_.get(), ZSTD_d_windowLogMax, 31);
    }

    std::size_t read(char* buffer, std::size_t size) override {
        ZSTD_outBuffer out{buffer, size, 0};
        while (out.pos == 0) {
            bool endOfInput = false;
            if (in_buffer_.pos == in_buffer_.size) {
                std::size_t n = in_->read(input_.data(), input_.size());
                if (n == 0 && lastResult_ == 0) {
                    return 0;  // every frame complete: a clean end
                }
                endOfInput = n == 0;
                in_buffer_ = {input_.data(), n, 0};
            }
            // Called even without new input: the decoder may still hold output to flush.
            std::size_t rc = ZSTD_decompressStream(stream_.get(), &out, &in_buffer_);
            if (ZSTD_isError(rc)) {
                throw corrupt(name_, "zstd", ZSTD_getErrorName(rc));
            }
            lastResult_ = rc;
            if (endOfInput && out.pos == 0) {
                throw corrupt(name_, "zstd", "unexpected end of file");
            }
        }
        return out.pos;
    }
    std::int64_t rawBytesRead() const override {
        return in_->rawBytesRead() - static_cast<std::int64_t>(in_buffer_.size - in_buffer_.pos);
    }

private:
    std::unique_ptr<ByteSource> in_;
    std::string name_;
    std::vector<char> input_;
    ZSTD_inBuffer in_buffer_{nullptr, 0, 0};
    std::unique_ptr<ZSTD_DStream, FreeDStream> stream_;
    std::size_t lastResult_ = 0;
};

}  // namespace

std::unique_ptr<ByteSource> makeGzipSource(std::unique_ptr<ByteSource> compressed,
                                           const std::string& name) {
    return std::make_unique<GzipSource>(std::move(compressed), name);
}

std::unique_ptr<ByteSource> makeZstdSource(std::unique_ptr<ByteSource> compressed,
                                           const std::string& name) {
    return std::make_unique<ZstdSource>(std::move(compressed), name);
}

}  // namespace sentinela::storage::readers
