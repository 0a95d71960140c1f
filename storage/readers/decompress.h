// Streaming gzip and zstd decompression as ByteSources. zstd allows a 2 GiB window
// (ZSTD_d_windowLogMax = 31) because Reddit's Pushshift dumps are compressed with --long=31.
// Concatenated gzip members and zstd frames are read to the end. Internal to storage/.
// Thread-safety: one thread at a time per source.
#pragma once

#include <memory>
#include <string>

#include "storage/readers/byte_source.h"

namespace sentinela::storage::readers {

// `name` appears in the ImportError thrown for corrupt or truncated data.
std::unique_ptr<ByteSource> makeGzipSource(std::unique_ptr<ByteSource> compressed,
                                           const std::string& name);
std::unique_ptr<ByteSource> makeZstdSource(std::unique_ptr<ByteSource> compressed,
                                           const std::string& name);

}  // namespace sentinela::storage::readers
