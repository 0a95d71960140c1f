#include "storage/readers/byte_source.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <vector>

#include "storage/import_report.h"
#include "storage/readers/decompress.h"

namespace sentinela::storage::readers {
namespace {

struct CloseFile {
    void operator()(std::FILE* f) const { std::fclose(f); }
};

class FileSource : public ByteSource {
public:
    FileSource(std::FILE* file, std::filesystem::path name) : file_(file), name_(std::move(name)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        std::size_t n = std::fread(buffer, 1, size, file_.get());
        if (n == 0 && std::ferror(file_.get())) {
            throw ImportError({name_, 0, ""}, std::string("read error: ") + std::strerror(errno),
                              "Check that the file is readable and the disk is healthy.");
        }
        raw_ += static_cast<std::int64_t>(n);
        return n;
    }
    std::int64_t rawBytesRead() const override { return raw_; }
    void seek(std::int64_t offset) override {
        if (fseeko(file_.get(), static_cast<off_t>(offset), SEEK_SET) != 0) {
            throw ImportError(
                    {name_, 0, ""},
                    "cannot seek to byte " + std::to_string(offset) + ": " + std::strerror(errno),
                    "Byte-range splits need a regular file; use --shard I/N instead.");
        }
    }

private:
    std::unique_ptr<std::FILE, CloseFile> file_;
    std::filesystem::path name_;
    std::int64_t raw_ = 0;
};

class StreamSource : public ByteSource {
public:
    explicit StreamSource(std::istream& stream) : stream_(stream) {}
    std::size_t read(char* buffer, std::size_t size) override {
        stream_.read(buffer, static_cast<std::streamsize>(size));
        auto n = static_cast<std::size_t>(stream_.gcount());
        raw_ += static_cast<std::int64_t>(n);
        return n;
    }
    std::int64_t rawBytesRead() const override { return raw_; }

private:
    std::istream& stream_;
    std::int64_t raw_ = 0;
};

// Replays bytes already taken from `inner` (the magic-number peek), then continues with it.
class PrefixedSource : public ByteSource {
public:
    PrefixedSource(std::string prefix, std::unique_ptr<ByteSource> inner)
        : prefix_(std::move(prefix)), inner_(std::move(inner)) {}
    std::size_t read(char* buffer, std::size_t size) override {
        if (offset_ < prefix_.size()) {
            std::size_t n = std::min(size, prefix_.size() - offset_);
            std::memcpy(buffer, prefix_.data() + offset_, n);
            offset_ += n;
            return n;
        }
        return inner_->read(buffer, size);
    }
    std::int64_t rawBytesRead() const override {
        return inner_->rawBytesRead() - static_cast<std::int64_t>(prefix_.size() - offset_);
    }
    void seek(std::int64_t offset) override {
        inner_->seek(offset);
        offset_ = prefix_.size();  // the replayed bytes lie before any offset we seek to
    }

private:
    std::string prefix_;
    std::size_t offset_ = 0;
    std::unique_ptr<ByteSource> inner_;
};

}  // namespace

void ByteSource::seek(std::int64_t offset) {
    throw ImportError(
            {"", 0, ""},
            "cannot seek to byte " + std::to_string(offset) + " of a stream or a compressed file",
            "Byte-range splits need an uncompressed regular file; use --shard I/N.");
}

const char* compressionName(Compression compression) {
    switch (compression) {
        case Compression::kGzip:
            return "gzip";
        case Compression::kZstd:
            return "zstd";
        case Compression::kNone:
            break;
    }
    return "none";
}

Compression detectCompression(std::string_view b) {
    auto byte = [&](std::size_t i) { return static_cast<unsigned char>(b[i]); };
    if (b.size() >= 2 && byte(0) == 0x1f && byte(1) == 0x8b) {
        return Compression::kGzip;
    }
    if (b.size() >= 4 && byte(0) == 0x28 && byte(1) == 0xb5 && byte(2) == 0x2f && byte(3) == 0xfd) {
        return Compression::kZstd;
    }
    return Compression::kNone;
}

std::unique_ptr<ByteSource> openFileSource(const std::filesystem::path& file) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec)) {
        throw ImportError({file, 0, ""}, "is a folder, not an export file",
                          "Name the export file itself, e.g. data/tweets.js.");
    }
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr) {
        throw ImportError({file, 0, ""}, std::string("cannot open: ") + std::strerror(errno),
                          "Check the path and that you may read the file.");
    }
    return std::make_unique<FileSource>(f, file);
}

std::unique_ptr<ByteSource> openStreamSource(std::istream& stream) {
    return std::make_unique<StreamSource>(stream);
}

OpenedInput openDecompressed(std::unique_ptr<ByteSource> raw, const std::string& name) {
    std::string magic(4, '\0');
    std::size_t got = 0;
    while (got < magic.size()) {
        std::size_t n = raw->read(magic.data() + got, magic.size() - got);
        if (n == 0) {
            break;
        }
        got += n;
    }
    magic.resize(got);
    OpenedInput out;
    out.compression = detectCompression(magic);
    auto replay = std::make_unique<PrefixedSource>(std::move(magic), std::move(raw));
    switch (out.compression) {
        case Compression::kGzip:
            out.source = makeGzipSource(std::move(replay), name);
            break;
        case Compression::kZstd:
            out.source = makeZstdSource(std::move(replay), name);
            break;
        case Compression::kNone:
            out.source = std::move(replay);
            break;
    }
    return out;
}

}  // namespace sentinela::storage::readers
