// Internal to model/: the constants of the model file layout (documented in model_file.h) shared
// by its writer and reader. Thread-safe (constants and a pure function).
#pragma once

#include <cstdint>
#include <string_view>

namespace sentinela::model::layout {

inline constexpr std::string_view kMagic = "SNTLMODL";
inline constexpr std::size_t kHeaderBytes = 16;           // magic, version, flags
inline constexpr std::size_t kSectionHeaderBytes = 12;    // tag, uint64 payload size
inline constexpr std::size_t kChecksumSectionBytes = 16;  // "CRC3", uint64 4, uint32 crc
inline constexpr std::size_t kMaxNameBytes = 4096;        // labels and tensor names

inline constexpr std::string_view kConfigTag = "CONF";
inline constexpr std::string_view kLabelsTag = "LABL";
inline constexpr std::string_view kTokenizerTag = "TOKN";
inline constexpr std::string_view kTensorTag = "TNSR";
inline constexpr std::string_view kMetadataTag = "META";
inline constexpr std::string_view kChecksumTag = "CRC3";

// zlib's CRC-32 of bytes (any length; zlib's own length type is 32-bit on some platforms).
std::uint32_t crc32Of(std::string_view bytes);

}  // namespace sentinela::model::layout
