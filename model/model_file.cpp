// The parts of the model file shared by its writer and reader: the error type, tensor look-up and
// the checksum.
#include "model/model_file.h"

#include <algorithm>
#include <zlib.h>

#include "model/model_file_layout.h"

namespace sentinela::model {
namespace {

std::string describe(const std::filesystem::path& file,
                     std::int64_t byteOffset,
                     const std::string& problem,
                     const std::string& remedy) {
    std::string text = file.empty() ? std::string("model") : file.string();
    if (byteOffset >= 0) {
        text += ": byte " + std::to_string(byteOffset);
    }
    text += ": " + problem + ".";
    if (!remedy.empty()) {
        text += " " + remedy + ".";
    }
    return text;
}

}  // namespace

ModelFileError::ModelFileError(std::filesystem::path file,
                               std::int64_t byteOffset,
                               std::string problem,
                               std::string remedy)
    : std::runtime_error(describe(file, byteOffset, problem, remedy)),
      file_(std::move(file)),
      byteOffset_(byteOffset),
      problem_(std::move(problem)),
      remedy_(std::move(remedy)) {}

const Tensor* ModelFile::findTensor(std::string_view name) const {
    const auto it = std::find_if(tensors.begin(), tensors.end(),
                                 [&](const Tensor& t) { return t.name == name; });
    return it == tensors.end() ? nullptr : &*it;
}

namespace layout {

std::uint32_t crc32Of(std::string_view bytes) {
    uLong crc = crc32(0L, Z_NULL, 0);
    // crc32_z takes a size_t length, so multi-gigabyte inputs need no chunking.
    crc = crc32_z(crc, reinterpret_cast<const Bytef*>(bytes.data()), bytes.size());
    return static_cast<std::uint32_t>(crc);
}

}  // namespace layout
}  // namespace sentinela::model
