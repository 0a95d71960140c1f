// Writes the model file (layout in model_file.h): validates the model, serializes it in memory,
// then writes a temporary file beside the target, fsyncs it and renames it over the target.
#include <atomic>
#include <bit>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <nlohmann/json.hpp>
#include <set>
#include <unistd.h>
#include <zlib.h>

#include "model/model_file.h"
#include "model/model_file_layout.h"
#include "nlp/utf8.h"

namespace sentinela::model {
namespace {

class ByteWriter {
public:
    void u32(std::uint32_t v) {
        for (int i = 0; i < 4; ++i) {
            out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
        }
    }
    void u64(std::uint64_t v) {
        for (int i = 0; i < 8; ++i) {
            out_.push_back(static_cast<char>((v >> (8 * i)) & 0xFFu));
        }
    }
    void bytes(std::string_view b) { out_.append(b); }
    void sizedString(std::string_view s) {
        u32(static_cast<std::uint32_t>(s.size()));
        bytes(s);
    }
    void floats(const std::vector<float>& values) {
        if constexpr (std::endian::native == std::endian::little) {
            if (!values.empty()) {  // data() of an empty vector may be null
                out_.append(reinterpret_cast<const char*>(values.data()),
                            values.size() * sizeof(float));
            }
        } else {
            for (float v : values) {
                u32(std::bit_cast<std::uint32_t>(v));
            }
        }
    }
    // A section is its tag, a uint64 size patched in by endSection, and the payload.
    void beginSection(std::string_view tag) {
        bytes(tag);
        sizeAt_ = out_.size();
        u64(0);
    }
    void endSection() {
        std::uint64_t size = out_.size() - sizeAt_ - 8;
        for (int i = 0; i < 8; ++i, size >>= 8) {
            out_[sizeAt_ + static_cast<std::size_t>(i)] = static_cast<char>(size & 0xFFu);
        }
    }
    std::string& result() { return out_; }

private:
    std::string out_;
    std::size_t sizeAt_ = 0;
};

[[noreturn]] void invalid(const std::string& problem) {
    throw ModelFileError({}, -1, "cannot save this model: " + problem,
                         "this is a bug in the code that built the model; please report it");
}

void checkJsonObject(const std::string& text, const char* what) {
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
        invalid(std::string(what) + " is not a JSON object");
    }
}

void validate(const ModelFile& model) {
    checkJsonObject(model.configJson, "the configuration");
    checkJsonObject(model.metadataJson, "the training metadata");
    if (model.labels.empty()) {
        invalid("it has no labels");
    }
    std::set<std::string_view> seen;
    for (const std::string& label : model.labels) {
        if (label.empty() || label.size() > layout::kMaxNameBytes || !seen.insert(label).second) {
            invalid("label '" + label + "' is empty, too long or repeated");
        }
        if (!nlp::utf8::isValid(label)) {
            invalid("a label is not valid UTF-8");
        }
    }
    seen.clear();
    constexpr std::int64_t kMaxDim = std::numeric_limits<std::uint32_t>::max();
    for (const Tensor& t : model.tensors) {
        if (t.name.empty() || t.name.size() > layout::kMaxNameBytes ||
            !seen.insert(t.name).second) {
            invalid("tensor name '" + t.name + "' is empty, too long or repeated");
        }
        if (t.rows < 0 || t.cols < 0 || t.rows > kMaxDim || t.cols > kMaxDim ||
            static_cast<std::uint64_t>(t.rows) * static_cast<std::uint64_t>(t.cols) !=
                    t.data.size()) {
            invalid("tensor '" + t.name + "' is " + std::to_string(t.rows) + " x " +
                    std::to_string(t.cols) + " but holds " + std::to_string(t.data.size()) +
                    " values");
        }
    }
}

void writeAll(int fd, const std::string& bytes) {
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            throw std::system_error(errno, std::generic_category());
        }
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

std::string serializeModelFile(const ModelFile& model) {
    validate(model);
    ByteWriter w;
    w.bytes(layout::kMagic);
    w.u32(kModelFormatVersion);
    w.u32(0);  // flags, reserved
    w.beginSection(layout::kConfigTag);
    w.bytes(model.configJson);
    w.endSection();
    w.beginSection(layout::kLabelsTag);
    w.u32(static_cast<std::uint32_t>(model.labels.size()));
    for (const std::string& label : model.labels) {
        w.sizedString(label);
    }
    w.endSection();
    w.beginSection(layout::kTokenizerTag);
    w.bytes(model.tokenizerBytes);
    w.endSection();
    for (const Tensor& t : model.tensors) {
        w.beginSection(layout::kTensorTag);
        w.sizedString(t.name);
        w.u32(static_cast<std::uint32_t>(t.rows));
        w.u32(static_cast<std::uint32_t>(t.cols));
        w.floats(t.data);
        w.endSection();
    }
    w.beginSection(layout::kMetadataTag);
    w.bytes(model.metadataJson);
    w.endSection();
    const std::uint32_t checksum = layout::crc32Of(w.result());
    w.beginSection(layout::kChecksumTag);
    w.u32(checksum);
    w.endSection();
    return std::move(w.result());
}

void saveModelFile(const std::filesystem::path& file, const ModelFile& model) {
    std::string bytes;
    try {
        bytes = serializeModelFile(model);
    } catch (const ModelFileError& e) {
        throw ModelFileError(file, -1, e.problem(), e.remedy());
    }
    static std::atomic<unsigned> counter{0};
    std::filesystem::path temporary = file;
    temporary += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter++);
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw ModelFileError(file, -1,
                             "cannot create " + temporary.string() + ": " + std::strerror(errno),
                             "check that the folder exists and is writable");
    }
    bool open = true;
    try {
        writeAll(fd, bytes);
        if (::fsync(fd) != 0) {
            throw std::system_error(errno, std::generic_category());
        }
        open = false;  // close releases the descriptor even when it reports an error
        if (::close(fd) != 0) {
            throw std::system_error(errno, std::generic_category(), "close");
        }
        std::filesystem::rename(temporary, file);
    } catch (const std::exception& e) {
        if (open) {
            ::close(fd);
        }
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw ModelFileError(file, -1, std::string("cannot write the model: ") + e.what(),
                             "check free disk space and permissions; the previous file is intact");
    }
}

}  // namespace sentinela::model
