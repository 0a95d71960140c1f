// The model file: one binary file holding everything a trained classifier needs (configuration,
// labels, tokenizer, weights, training metadata), checked on load so that a truncated, corrupted,
// foreign or newer file gives a ModelFileError that says where and what to do, never a crash.
//
// Layout (every integer little-endian; format version 1):
//   offset 0   8 bytes  magic "SNTLMODL"
//   offset 8   uint32   format version (kModelFormatVersion)
//   offset 12  uint32   reserved flags, 0
//   offset 16  sections, each: 4-byte ASCII tag, uint64 payload size, payload
//       "CONF" configuration JSON text (UTF-8, an object)
//       "LABL" uint32 count, then per label: uint32 size, UTF-8 bytes
//       "TOKN" tokenizer bytes (opaque, nlp::Tokenizer::toBytes)
//       "TNSR" one per tensor: uint32 name size, name, uint32 rows, uint32 cols,
//              rows*cols float32 in column-major order (Eigen's default)
//       "META" training metadata JSON text (an object)
//   last 16 bytes: tag "CRC3", uint64 4, uint32 CRC-32 (zlib crc32) of every byte before "CRC3"
// CONF, LABL, TOKN and META appear exactly once; sections with an unknown tag are skipped, so a
// later version-1 writer may add optional sections. An incompatible change bumps the format
// version; the loader dispatches on it, so the version-1 reader stays when version 2 appears.
//
// Thread-safety: the functions share no state; concurrent loads and saves of different files are
// safe. saveModelFile writes a temporary file beside the target and renames it over the target,
// so readers see either the old or the new file, never half of one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::model {

inline constexpr std::uint32_t kModelFormatVersion = 1;

// "<file>: byte <offset>: <problem>. <remedy>"
class ModelFileError : public std::runtime_error {
public:
    ModelFileError(std::filesystem::path file,
                   std::int64_t byteOffset,
                   std::string problem,
                   std::string remedy);
    const std::filesystem::path& file() const { return file_; }
    std::int64_t byteOffset() const { return byteOffset_; }  // -1 when not about a position
    const std::string& problem() const { return problem_; }
    const std::string& remedy() const { return remedy_; }

private:
    std::filesystem::path file_;
    std::int64_t byteOffset_;
    std::string problem_;
    std::string remedy_;
};

struct Tensor {
    std::string name;  // unique within a file, e.g. "lstm.forward.wx"
    std::int64_t rows = 0;
    std::int64_t cols = 0;
    std::vector<float> data;  // rows * cols values, column-major
};

struct ModelFile {
    std::uint32_t formatVersion = kModelFormatVersion;  // as read; saving always writes the current
    std::string configJson = "{}";                      // JSON object text
    std::vector<std::string> labels;                    // non-empty, unique
    std::string tokenizerBytes;
    std::vector<Tensor> tensors;
    std::string metadataJson = "{}";  // JSON object text: data hash, metrics, date, seed, ...

    const Tensor* findTensor(std::string_view name) const;  // nullptr when absent
};

// Throws ModelFileError (offset -1) when the model is not savable (invalid JSON, an empty or
// duplicate label or tensor name, data.size() != rows * cols, a dimension over 2^32-1) or the
// file cannot be written (then the target file is left as it was).
void saveModelFile(const std::filesystem::path& file, const ModelFile& model);

// Throws ModelFileError for an unreadable, foreign, newer-format, truncated or corrupted file.
ModelFile loadModelFile(const std::filesystem::path& file);

// The same in memory; `file` only names the source in error messages.
std::string serializeModelFile(const ModelFile& model);
ModelFile parseModelFile(std::string_view bytes, const std::filesystem::path& file);

}  // namespace sentinela::model
