// Reads the model file (layout in model_file.h). Every length field is checked against the bytes
// that remain before anything is allocated, so a corrupted or hostile file costs at most its own
// size in memory and ends in a ModelFileError with the byte offset, never a crash.
#include <bit>
#include <cctype>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "model/model_file.h"
#include "model/model_file_layout.h"
#include "nlp/utf8.h"

namespace sentinela::model {
namespace {

constexpr const char* kCorruptRemedy =
        "The file is damaged or incomplete: copy it again from where it was made, or retrain the "
        "model";

std::string hex32(std::uint32_t v) {
    char buffer[16];
    std::snprintf(buffer, sizeof buffer, "0x%08x", v);
    return buffer;
}

// Printable rendering of a few raw bytes for "found ..." messages.
std::string shown(std::string_view bytes) {
    std::string out = "\"";
    for (unsigned char c : bytes) {
        if (std::isprint(c) && c != '"' && c != '\\') {
            out += static_cast<char>(c);
        } else {
            char buffer[8];
            std::snprintf(buffer, sizeof buffer, "\\x%02x", c);
            out += buffer;
        }
    }
    return out + "\"";
}

// Reads little-endian fields from [begin, end) of the file; any read past `end` throws with the
// absolute offset and the name of the field that did not fit.
class ByteReader {
public:
    ByteReader(std::string_view file,
               std::size_t begin,
               std::size_t end,
               const std::filesystem::path& path)
        : file_(file), position_(begin), end_(end), path_(path) {}

    std::size_t position() const { return position_; }
    std::size_t remaining() const { return end_ - position_; }

    void need(std::size_t bytes, const std::string& what) const {
        if (bytes > remaining()) {
            fail("expected " + what + " (" + std::to_string(bytes) + " bytes), found only " +
                 std::to_string(remaining()) + " bytes before the end of its section");
        }
    }
    std::string_view bytes(std::size_t count, const std::string& what) {
        need(count, what);
        const std::string_view out = file_.substr(position_, count);
        position_ += count;
        return out;
    }
    std::uint32_t u32(const std::string& what) {
        const std::string_view b = bytes(4, what);
        std::uint32_t v = 0;
        for (int i = 3; i >= 0; --i) {
            v = (v << 8) | static_cast<unsigned char>(b[static_cast<std::size_t>(i)]);
        }
        return v;
    }
    std::uint64_t u64(const std::string& what) {
        const std::uint64_t low = u32(what);
        return low | (static_cast<std::uint64_t>(u32(what)) << 32);
    }
    [[noreturn]] void fail(const std::string& problem,
                           const std::string& remedy = kCorruptRemedy) const {
        throw ModelFileError(path_, static_cast<std::int64_t>(position_), problem, remedy);
    }

private:
    std::string_view file_;
    std::size_t position_;
    std::size_t end_;
    const std::filesystem::path& path_;
};

std::string foreignHint(std::string_view bytes) {
    if (bytes.starts_with("\x89PNG")) {
        return " (this is a PNG image)";
    }
    if (bytes.starts_with("PK")) {
        return " (this looks like a ZIP archive)";
    }
    if (bytes.starts_with("SQLite format")) {
        return " (this is an SQLite database, perhaps a workspace)";
    }
    const auto first = bytes.find_first_not_of(" \t\r\n");
    if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '[')) {
        return " (this looks like JSON text)";
    }
    return "";
}

void checkHeader(std::string_view bytes, const std::filesystem::path& path) {
    const std::string_view head = bytes.substr(0, layout::kMagic.size());
    if (head != layout::kMagic.substr(0, head.size())) {
        throw ModelFileError(
                path, 0,
                "not a Sentinela model: expected the magic bytes \"SNTLMODL\", found " +
                        shown(head) + foreignHint(bytes),
                "Choose a model file saved by Sentinela (sentinela train --output)");
    }
    if (bytes.empty()) {
        throw ModelFileError(path, 0,
                             "the file is empty; expected the magic bytes \"SNTLMODL\" of a "
                             "Sentinela model",
                             "Choose a model file saved by Sentinela (sentinela train --output)");
    }
    if (bytes.size() < layout::kHeaderBytes) {
        throw ModelFileError(path, static_cast<std::int64_t>(bytes.size()),
                             "the file ends inside the 16-byte header, after " +
                                     std::to_string(bytes.size()) + " bytes",
                             kCorruptRemedy);
    }
    ByteReader header(bytes, 0, bytes.size(), path);
    header.bytes(layout::kMagic.size(), "magic");
    const std::uint32_t version = header.u32("format version");
    if (version > kModelFormatVersion) {
        throw ModelFileError(path, 8,
                             "this model was written by a newer Sentinela (format " +
                                     std::to_string(version) + "); this build reads up to format " +
                                     std::to_string(kModelFormatVersion),
                             "Upgrade Sentinela");
    }
    if (version == 0) {
        throw ModelFileError(path, 8, "format version 0 does not exist", kCorruptRemedy);
    }
    const std::uint32_t flags = header.u32("flags");
    if (flags != 0) {
        throw ModelFileError(path, 12, "expected flags 0 in a format-1 file, found " + hex32(flags),
                             kCorruptRemedy);
    }
}

void checkChecksum(std::string_view bytes, const std::filesystem::path& path) {
    if (bytes.size() < layout::kHeaderBytes + layout::kChecksumSectionBytes) {
        throw ModelFileError(
                path, static_cast<std::int64_t>(bytes.size()),
                "the file ends right after its header (" + std::to_string(bytes.size()) + " bytes)",
                kCorruptRemedy);
    }
    const std::size_t at = bytes.size() - layout::kChecksumSectionBytes;
    ByteReader trailer(bytes, at, bytes.size(), path);
    const std::string_view tag = trailer.bytes(4, "checksum tag");
    const std::uint64_t size = trailer.u64("checksum size");
    if (tag != layout::kChecksumTag || size != 4) {
        throw ModelFileError(path, static_cast<std::int64_t>(at),
                             "expected the checksum section \"CRC3\" in the last 16 bytes, found " +
                                     shown(bytes.substr(at, 12)) +
                                     "; the file is truncated or was not fully written",
                             kCorruptRemedy);
    }
    const std::uint32_t stored = trailer.u32("checksum");
    const std::uint32_t computed = layout::crc32Of(bytes.substr(0, at));
    if (stored != computed) {
        throw ModelFileError(path, static_cast<std::int64_t>(at + 12),
                             "checksum mismatch: the file says " + hex32(stored) +
                                     " but its bytes give " + hex32(computed),
                             kCorruptRemedy);
    }
}

std::string jsonObject(ByteReader& section, const char* what) {
    const std::size_t at = section.position();
    std::string text(section.bytes(section.remaining(), what));
    const auto parsed = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!parsed.is_object()) {
        throw ModelFileError({}, static_cast<std::int64_t>(at),
                             std::string("expected ") + what + " as a JSON object", kCorruptRemedy);
    }
    return text;
}

std::vector<std::string> readLabels(ByteReader& section) {
    const std::uint32_t count = section.u32("label count");
    if (count == 0 || count > section.remaining() / 4) {  // each label takes at least 4 bytes
        section.fail("label count " + std::to_string(count) + " does not fit in " +
                     std::to_string(section.remaining()) + " bytes");
    }
    std::vector<std::string> labels;
    labels.reserve(count);
    std::set<std::string_view> seen;
    for (std::uint32_t i = 0; i < count; ++i) {
        const std::string what = "label " + std::to_string(i);
        const std::uint32_t size = section.u32(what + " size");
        const std::string_view label = section.bytes(size, what);
        if (label.empty() || label.size() > layout::kMaxNameBytes || !seen.insert(label).second) {
            section.fail(what + " is empty, too long or repeated: " + shown(label.substr(0, 64)));
        }
        if (!nlp::utf8::isValid(label)) {
            section.fail(what + " is not valid UTF-8: " + shown(label.substr(0, 64)));
        }
        labels.emplace_back(label);
    }
    return labels;
}

Tensor readTensor(ByteReader& section) {
    Tensor t;
    const std::uint32_t nameSize = section.u32("tensor name size");
    if (nameSize == 0 || nameSize > layout::kMaxNameBytes) {
        section.fail("tensor name size " + std::to_string(nameSize) + " is outside 1.." +
                     std::to_string(layout::kMaxNameBytes));
    }
    t.name = section.bytes(nameSize, "tensor name");
    t.rows = section.u32("rows of tensor '" + t.name + "'");
    t.cols = section.u32("columns of tensor '" + t.name + "'");
    const auto count = static_cast<std::uint64_t>(t.rows) * static_cast<std::uint64_t>(t.cols);
    if (count > section.remaining() / sizeof(float)) {
        section.fail("tensor '" + t.name + "' is " + std::to_string(t.rows) + " x " +
                     std::to_string(t.cols) + " float32 values but only " +
                     std::to_string(section.remaining()) + " bytes remain in its section");
    }
    const std::string_view raw = section.bytes(count * sizeof(float), "tensor data");
    t.data.resize(count);
    if constexpr (std::endian::native == std::endian::little) {
        if (count > 0) {  // an empty vector's data() may be null, which memcpy must not get
            std::memcpy(t.data.data(), raw.data(), raw.size());
        }
    } else {
        for (std::size_t i = 0; i < count; ++i) {
            std::uint32_t bits = 0;
            std::memcpy(&bits, raw.data() + 4 * i, 4);
            bits = (bits >> 24) | ((bits >> 8) & 0xFF00u) | ((bits << 8) & 0xFF0000u) |
                   (bits << 24);
            t.data[i] = std::bit_cast<float>(bits);
        }
    }
    return t;
}

void readSection(std::string_view tag,
                 ByteReader& section,
                 ModelFile& model,
                 std::set<std::string>& tensorNames) {
    if (tag == layout::kConfigTag) {
        model.configJson = jsonObject(section, "the configuration");
    } else if (tag == layout::kLabelsTag) {
        model.labels = readLabels(section);
    } else if (tag == layout::kTokenizerTag) {
        model.tokenizerBytes = section.bytes(section.remaining(), "tokenizer");
    } else if (tag == layout::kTensorTag) {
        const std::size_t at = section.position();
        Tensor tensor = readTensor(section);
        if (!tensorNames.insert(tensor.name).second) {
            throw ModelFileError({}, static_cast<std::int64_t>(at),
                                 "tensor '" + tensor.name + "' appears twice", kCorruptRemedy);
        }
        model.tensors.push_back(std::move(tensor));
    } else if (tag == layout::kMetadataTag) {
        model.metadataJson = jsonObject(section, "the training metadata");
    } else {
        section.bytes(section.remaining(), "unknown section");  // optional, added later: skip
    }
    if (section.remaining() != 0) {
        section.fail(std::to_string(section.remaining()) +
                     " unexpected bytes at the end of section " + shown(tag));
    }
}

// Format 1. When format 2 appears, this function stays as the reader of older files.
ModelFile parseVersion1(std::string_view bytes, const std::filesystem::path& path) {
    checkChecksum(bytes, path);
    ModelFile model;
    model.formatVersion = 1;
    const std::size_t end = bytes.size() - layout::kChecksumSectionBytes;
    ByteReader sections(bytes, layout::kHeaderBytes, end, path);
    std::set<std::string> seenOnce;
    std::set<std::string> tensorNames;
    while (sections.remaining() > 0) {
        const std::size_t at = sections.position();
        const std::string_view tag = sections.bytes(4, "a section tag");
        const std::uint64_t size = sections.u64("the size of section " + shown(tag));
        if (size > sections.remaining()) {
            throw ModelFileError(path, static_cast<std::int64_t>(at),
                                 "section " + shown(tag) + " says it holds " +
                                         std::to_string(size) + " bytes but only " +
                                         std::to_string(sections.remaining()) + " remain",
                                 kCorruptRemedy);
        }
        if (tag != layout::kTensorTag && !seenOnce.insert(std::string(tag)).second) {
            throw ModelFileError(path, static_cast<std::int64_t>(at),
                                 "section " + shown(tag) + " appears twice", kCorruptRemedy);
        }
        ByteReader section(bytes, sections.position(), sections.position() + size, path);
        try {
            readSection(tag, section, model, tensorNames);
        } catch (const ModelFileError& e) {
            throw ModelFileError(path, e.byteOffset(), e.problem(), e.remedy());
        }
        sections.bytes(size, "section payload");
    }
    for (std::string_view required :
         {layout::kConfigTag, layout::kLabelsTag, layout::kTokenizerTag, layout::kMetadataTag}) {
        if (!seenOnce.contains(std::string(required))) {
            throw ModelFileError(path, static_cast<std::int64_t>(end),
                                 "the required section " + shown(required) + " is missing",
                                 kCorruptRemedy);
        }
    }
    return model;
}

}  // namespace

ModelFile parseModelFile(std::string_view bytes, const std::filesystem::path& file) {
    checkHeader(bytes, file);
    // checkHeader rejected versions above kModelFormatVersion; dispatch on the rest here.
    return parseVersion1(bytes, file);
}

ModelFile loadModelFile(const std::filesystem::path& file) {
    std::error_code error;
    const bool isRegular = std::filesystem::is_regular_file(file, error);
    if (!isRegular) {
        throw ModelFileError(file, -1,
                             error ? "cannot open it: " + error.message()
                                   : std::string("no such file, or not a regular file"),
                             "Check the path; models are saved by `sentinela train --output`");
    }
    std::ifstream in(file, std::ios::binary);
    std::string bytes;
    const std::uintmax_t size = std::filesystem::file_size(file, error);
    if (in && !error) {
        bytes.resize(size);
        in.read(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        bytes.resize(static_cast<std::size_t>(in.gcount()));
    }
    if (error || (!in && !in.eof())) {
        throw ModelFileError(file, -1, "cannot read it: " + std::string(std::strerror(errno)),
                             "Check the file's permissions");
    }
    return parseModelFile(bytes, file);
}

}  // namespace sentinela::model
