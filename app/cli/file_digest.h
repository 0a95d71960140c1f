// SHA-256 of a file's bytes (OpenSSL's libcrypto), for recording what an encoder was trained on.
// Thread-safe.
#pragma once

#include <filesystem>
#include <string>

namespace sentinela::cli {

// Lower-case hex; throws CommandError(kBadInput) when the file cannot be read.
std::string sha256OfFile(const std::filesystem::path& file);

}  // namespace sentinela::cli
