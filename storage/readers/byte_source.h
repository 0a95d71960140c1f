// Raw byte sources for the importers: a file, a std::istream (stdin for `sentinela scan -`), and
// transparent gzip / zstd decompression detected from the first bytes (magic numbers), so every
// reader above sees plain text and constant memory. Internal to storage/.
// Thread-safety: a source is used by one thread at a time.
#pragma once

#include <cstdint>
#include <filesystem>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

namespace sentinela::storage::readers {

class ByteSource {
public:
    virtual ~ByteSource() = default;
    // Reads up to `size` bytes into `buffer`; returns 0 only at the end. Throws ImportError.
    virtual std::size_t read(char* buffer, std::size_t size) = 0;
    // Bytes consumed from the underlying file or stream (compressed bytes), for progress.
    virtual std::int64_t rawBytesRead() const = 0;
    // Moves to byte `offset` of the input, for byte-range splits. Only a plain file can: the
    // default (streams, decompressors) throws ImportError, since a range of a gzip or zstd stream
    // cannot be decoded without what comes before it.
    virtual void seek(std::int64_t offset);
};

enum class Compression { kNone, kGzip, kZstd };
const char* compressionName(Compression compression);
// Decides from the first bytes: 1f 8b = gzip, 28 b5 2f fd = zstd, anything else = none.
Compression detectCompression(std::string_view firstBytes);

// Throws ImportError (with the file name) when the file cannot be opened.
std::unique_ptr<ByteSource> openFileSource(const std::filesystem::path& file);
// Borrows `stream`; it must outlive the source.
std::unique_ptr<ByteSource> openStreamSource(std::istream& stream);

struct OpenedInput {
    std::unique_ptr<ByteSource> source;  // decompressed bytes
    Compression compression = Compression::kNone;
};
// Peeks the magic bytes of `raw` and wraps it in the matching decompressor. `name` is used in
// error messages (file name or "<stdin>").
OpenedInput openDecompressed(std::unique_ptr<ByteSource> raw, const std::string& name);

}  // namespace sentinela::storage::readers
