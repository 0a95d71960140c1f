// Pins model/model_file*.cpp: round trip, atomic save, clear errors for foreign, newer, truncated
// and corrupted files, and ~5,500 mutants: bit flips and truncations at every section boundary
// (each loads identically or throws ModelFileError), and random length fields with the checksum
// re-fixed (each throws ModelFileError or gives a self-consistent model, never a crash).
#include "model/model_file.h"

#include <fstream>
#include <gtest/gtest.h>
#include <random>
#include <zlib.h>

namespace sentinela::model {
namespace {

namespace fs = std::filesystem;

ModelFile sampleModel() {
    ModelFile model;
    model.configJson = R"({"embedding":128,"hidden":128,"bidirectional":true})";
    model.labels = {"não-ofensivo", "ofensivo"};
    model.tokenizerBytes = std::string("TOKZ\0\x01\xff tokenizer bytes", 23);
    model.tensors.push_back({"embedding", 3, 2, {1.0f, -2.5f, 3.25f, 0.0f, -0.0f, 1e-30f}});
    model.tensors.push_back({"dense.bias", 2, 1, {0.5f, -0.5f}});
    model.tensors.push_back({"empty", 0, 4, {}});
    model.metadataJson = R"({"seed":42,"threads":2,"data_hash":"abc","metrics":{"macro_f1":0.7}})";
    return model;
}

void expectSame(const ModelFile& a, const ModelFile& b) {
    EXPECT_EQ(a.configJson, b.configJson);
    EXPECT_EQ(a.labels, b.labels);
    EXPECT_EQ(a.tokenizerBytes, b.tokenizerBytes);
    EXPECT_EQ(a.metadataJson, b.metadataJson);
    ASSERT_EQ(a.tensors.size(), b.tensors.size());
    for (std::size_t i = 0; i < a.tensors.size(); ++i) {
        EXPECT_EQ(a.tensors[i].name, b.tensors[i].name);
        EXPECT_EQ(a.tensors[i].rows, b.tensors[i].rows);
        EXPECT_EQ(a.tensors[i].cols, b.tensors[i].cols);
        EXPECT_EQ(a.tensors[i].data, b.tensors[i].data);
    }
}

bool same(const ModelFile& a, const ModelFile& b) {
    if (a.configJson != b.configJson || a.labels != b.labels ||
        a.tokenizerBytes != b.tokenizerBytes || a.metadataJson != b.metadataJson ||
        a.tensors.size() != b.tensors.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.tensors.size(); ++i) {
        const Tensor &x = a.tensors[i], &y = b.tensors[i];
        if (x.name != y.name || x.rows != y.rows || x.cols != y.cols || x.data != y.data) {
            return false;
        }
    }
    return true;
}

// Recomputes the trailing CRC so a mutation reaches the section parser instead of the checksum.
void fixChecksum(std::string& bytes) {
    if (bytes.size() < 32) {
        return;
    }
    const std::size_t at = bytes.size() - 4;
    const auto crc = static_cast<std::uint32_t>(
            crc32_z(crc32(0L, Z_NULL, 0), reinterpret_cast<const Bytef*>(bytes.data()), at - 12));
    for (int i = 0; i < 4; ++i) {
        bytes[at + static_cast<std::size_t>(i)] = static_cast<char>((crc >> (8 * i)) & 0xFFu);
    }
}

std::uint64_t readU64(const std::string& bytes, std::size_t at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) {
        v = (v << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    }
    return v;
}

// Offsets where each section starts (and the file's end), walking the layout of model_file.h.
std::vector<std::size_t> sectionStarts(const std::string& bytes) {
    std::vector<std::size_t> starts;
    for (std::size_t at = 16; at < bytes.size(); at += 12 + readU64(bytes, at + 4)) {
        starts.push_back(at);
    }
    starts.push_back(bytes.size());
    return starts;
}

std::uint64_t readField(const std::string& bytes, std::size_t at, int width) {
    return width == 8 ? readU64(bytes, at) : readU64(bytes, at) & 0xFFFFFFFFu;
}

// (offset, width) of every length, count and dimension field in the file.
std::vector<std::pair<std::size_t, int>> lengthFields(const std::string& bytes) {
    std::vector<std::pair<std::size_t, int>> fields;
    const std::vector<std::size_t> starts = sectionStarts(bytes);
    for (std::size_t s = 0; s + 1 < starts.size(); ++s) {
        const std::size_t at = starts[s];
        fields.emplace_back(at + 4, 8);
        const std::string tag = bytes.substr(at, 4);
        std::size_t p = at + 12;
        if (tag == "LABL") {
            const auto count = readField(bytes, p, 4);
            fields.emplace_back(p, 4);
            p += 4;
            for (std::uint64_t i = 0; i < count; ++i) {
                fields.emplace_back(p, 4);
                p += 4 + readField(bytes, p, 4);
            }
        } else if (tag == "TNSR") {
            fields.emplace_back(p, 4);
            p += 4 + readField(bytes, p, 4);
            fields.emplace_back(p, 4);
            fields.emplace_back(p + 4, 4);
        }
    }
    return fields;
}

std::string errorOf(std::string_view bytes) {
    try {
        parseModelFile(bytes, "model.sntl");
    } catch (const ModelFileError& e) {
        return e.what();
    }
    return "";
}

class ModelFileOnDisk : public ::testing::Test {
protected:
    void SetUp() override {
        folder_ = fs::temp_directory_path() /
                  ("sentinela-model-file-" +
                   std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                   ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(folder_);
        fs::create_directories(folder_);
    }
    void TearDown() override { fs::remove_all(folder_); }
    fs::path folder_;
};

TEST_F(ModelFileOnDisk, SavesAndLoadsEveryPart) {
    const fs::path file = folder_ / "model.sntl";
    saveModelFile(file, sampleModel());
    const ModelFile loaded = loadModelFile(file);
    expectSame(loaded, sampleModel());
    EXPECT_EQ(loaded.formatVersion, 1u);
    ASSERT_NE(loaded.findTensor("dense.bias"), nullptr);
    EXPECT_EQ(loaded.findTensor("dense.bias")->data[1], -0.5f);
    EXPECT_EQ(loaded.findTensor("missing"), nullptr);
    std::ifstream in(file, std::ios::binary);
    std::string head(12, '\0');
    in.read(head.data(), 12);
    EXPECT_EQ(head, std::string("SNTLMODL\x01\0\0\0", 12));
}

TEST_F(ModelFileOnDisk, SaveReplacesAtomicallyAndLeavesNoTemporaryFile) {
    const fs::path file = folder_ / "model.sntl";
    saveModelFile(file, sampleModel());
    ModelFile second = sampleModel();
    second.labels = {"neg", "neu", "pos"};
    saveModelFile(file, second);
    EXPECT_EQ(loadModelFile(file).labels, second.labels);
    EXPECT_EQ(std::distance(fs::directory_iterator(folder_), fs::directory_iterator()), 1);

    ModelFile broken = sampleModel();
    broken.tensors[0].data.pop_back();  // 3 x 2 with 5 values
    EXPECT_THROW(saveModelFile(file, broken), ModelFileError);
    EXPECT_EQ(loadModelFile(file).labels, second.labels);  // the old file is intact
    EXPECT_THROW(saveModelFile(folder_ / "no" / "such" / "dir.sntl", sampleModel()),
                 ModelFileError);
    EXPECT_EQ(std::distance(fs::directory_iterator(folder_), fs::directory_iterator()), 1);
}

TEST_F(ModelFileOnDisk, MissingFileAndFolderAreClearErrors) {
    EXPECT_THROW(loadModelFile(folder_ / "absent.sntl"), ModelFileError);
    try {
        loadModelFile(folder_);
        ADD_FAILURE() << "a folder loaded as a model";
    } catch (const ModelFileError& e) {
        EXPECT_EQ(e.file(), folder_);
        EXPECT_NE(std::string(e.what()).find("not a regular file"), std::string::npos) << e.what();
    }
}

TEST_F(ModelFileOnDisk, TruncatedAndForeignFilesOnDiskNameTheFile) {
    const fs::path file = folder_ / "model.sntl";
    saveModelFile(file, sampleModel());
    fs::resize_file(file, fs::file_size(file) - 5);  // a copy that stopped early
    try {
        loadModelFile(file);
        ADD_FAILURE() << "a truncated file loaded";
    } catch (const ModelFileError& e) {
        EXPECT_EQ(e.file(), file);
        EXPECT_NE(e.problem().find("truncated"), std::string::npos) << e.what();
    }
    const fs::path png = folder_ / "picture.png";
    std::ofstream(png, std::ios::binary) << std::string("\x89PNG\r\n\x1a\n", 8) << "rest";
    try {
        loadModelFile(png);
        ADD_FAILURE() << "a PNG loaded";
    } catch (const ModelFileError& e) {
        EXPECT_EQ(e.byteOffset(), 0);
        EXPECT_NE(std::string(e.what()).find("picture.png: byte 0: not a Sentinela model"),
                  std::string::npos)
                << e.what();
    }
}

TEST(ModelFile, RefusesInvalidModelsWhenSaving) {
    const struct {
        const char* why;
        void (*spoil)(ModelFile&);
    } kCases[] = {
            {"config not JSON", [](ModelFile& m) { m.configJson = "{oops"; }},
            {"metadata an array", [](ModelFile& m) { m.metadataJson = "[]"; }},
            {"no labels", [](ModelFile& m) { m.labels.clear(); }},
            {"repeated label",
             [](ModelFile& m) {
                 m.labels = {"a", "a"};
             }},
            {"empty tensor name", [](ModelFile& m) { m.tensors[0].name.clear(); }},
            {"repeated tensor", [](ModelFile& m) { m.tensors[1].name = m.tensors[0].name; }},
            {"negative rows", [](ModelFile& m) { m.tensors[2].rows = -1; }},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        ModelFile model = sampleModel();
        c.spoil(model);
        EXPECT_THROW(serializeModelFile(model), ModelFileError);
    }
}

TEST(ModelFile, ForeignFilesSayWhatTheyAre) {
    const struct {
        const char* why;
        std::string bytes;
        const char* mentions;
    } kCases[] = {
            {"PNG image", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16), "PNG image"},
            {"JSON model description", R"({"labels": ["a", "b"]})", "JSON"},
            {"empty file", "", "expected the magic bytes \"SNTLMODL\""},
            {"truncated magic", "SNTL", "16-byte header"},
            {"header only", std::string("SNTLMODL\x01\0\0\0\0\0\0\0", 16), "ends right after"},
            {"random text", "hello world, this is not a model", "found \"hello wo\""},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.why);
        const std::string error = errorOf(c.bytes);
        EXPECT_NE(error.find(c.mentions), std::string::npos) << error;
        EXPECT_NE(error.find("model.sntl: byte"), std::string::npos) << error;
    }
}

TEST(ModelFile, NewerFormatAsksForAnUpgrade) {
    std::string bytes = serializeModelFile(sampleModel());
    bytes[8] = 2;
    const std::string error = errorOf(bytes);
    EXPECT_NE(
            error.find("written by a newer Sentinela (format 2); this build reads up to format 1"),
            std::string::npos)
            << error;
    EXPECT_NE(error.find("Upgrade Sentinela"), std::string::npos) << error;
}

TEST(ModelFile, CorruptionIsCaughtByTheChecksumWithTheOffset) {
    std::string bytes = serializeModelFile(sampleModel());
    bytes[bytes.size() / 2] ^= 0x10;
    try {
        parseModelFile(bytes, "m.sntl");
        ADD_FAILURE() << "a flipped bit went unnoticed";
    } catch (const ModelFileError& e) {
        EXPECT_EQ(e.byteOffset(), static_cast<std::int64_t>(bytes.size() - 4));
        EXPECT_NE(e.problem().find("checksum mismatch"), std::string::npos) << e.what();
        EXPECT_NE(e.remedy().find("retrain"), std::string::npos) << e.what();
    }
}

TEST(ModelFile, HugeLengthFieldIsRejectedBeforeAllocating) {
    std::string bytes = serializeModelFile(sampleModel());
    const std::vector<std::size_t> starts = sectionStarts(bytes);
    // The first tensor section (index 3): set its rows to 2^32-1 and fix the checksum.
    const std::size_t rowsAt = starts[3] + 12 + 4 + std::string("embedding").size();
    for (int i = 0; i < 4; ++i) {
        bytes[rowsAt + static_cast<std::size_t>(i)] = '\xff';
    }
    fixChecksum(bytes);
    const std::string error = errorOf(bytes);
    EXPECT_NE(error.find("tensor 'embedding' is 4294967295 x 2"), std::string::npos) << error;
}

TEST(ModelFile, UnknownSectionsAreSkipped) {
    std::string bytes = serializeModelFile(sampleModel());
    const std::string extra = std::string("XTRA\x03\0\0\0\0\0\0\0abc", 15);
    bytes.insert(bytes.size() - 16, extra);
    fixChecksum(bytes);
    expectSame(parseModelFile(bytes, "m.sntl"), sampleModel());
}

// Every mutant either throws ModelFileError or parses to the original model; nothing else escapes.
TEST(ModelFile, MutantsLoadIdenticallyOrThrowModelFileError) {
    const ModelFile original = sampleModel();
    const std::string good = serializeModelFile(original);
    const std::vector<std::size_t> starts = sectionStarts(good);
    std::mt19937_64 random(20261126);
    std::vector<std::string> mutants;
    for (std::size_t cut : starts) {  // truncation at, and just around, every section boundary
        for (std::size_t delta : {0, 1, 4, 12}) {
            mutants.push_back(good.substr(0, std::min(good.size(), cut + delta)));
            mutants.push_back(good.substr(0, cut >= delta ? cut - delta : 0));
        }
    }
    for (int i = 0; i < 2500; ++i) {  // bit flips, checksum left stale
        std::string m = good;
        m[random() % m.size()] ^= static_cast<char>(1u << (random() % 8));
        mutants.push_back(std::move(m));
    }
    int rejected = 0, loaded = 0;
    for (const std::string& m : mutants) {
        try {
            const ModelFile result = parseModelFile(m, "mutant.sntl");
            ASSERT_TRUE(same(result, original)) << "a mutant loaded as a different model";
            ++loaded;
        } catch (const ModelFileError& e) {
            ++rejected;
            EXPECT_NE(std::string(e.what()).find("mutant.sntl"), std::string::npos);
        }
    }
    EXPECT_GT(rejected, 2500);
    EXPECT_EQ(rejected + loaded, static_cast<int>(mutants.size()));
}

// Length fields set to random values with a valid checksum reach the parser itself: each mutant
// throws ModelFileError or yields a self-consistent model (a 3 x 2 tensor read as 2 x 3 is a
// different but valid model the checksum cannot know about).
TEST(ModelFile, RandomLengthFieldsNeverCrashOrOverAllocate) {
    const std::string good = serializeModelFile(sampleModel());
    const std::vector<std::pair<std::size_t, int>> fields = lengthFields(good);
    ASSERT_GE(fields.size(), 12u);
    std::mt19937_64 random(5);
    int rejected = 0;
    constexpr int kMutants = 3000;
    for (int i = 0; i < kMutants; ++i) {
        std::string m = good;
        const auto [at, width] = fields[random() % fields.size()];
        const std::uint64_t choices[] = {random(), random() % 64, random() % 0x100000000ull,
                                         readField(good, at, width) + random() % 9 - 4};
        const std::uint64_t value = choices[random() % 4];
        for (int b = 0; b < width; ++b) {
            m[at + static_cast<std::size_t>(b)] = static_cast<char>((value >> (8 * b)) & 0xFF);
        }
        fixChecksum(m);
        try {
            const ModelFile result = parseModelFile(m, "mutant.sntl");
            for (const Tensor& t : result.tensors) {
                ASSERT_EQ(t.data.size(), static_cast<std::size_t>(t.rows * t.cols));
            }
            ASSERT_FALSE(result.labels.empty());
        } catch (const ModelFileError& e) {
            ++rejected;
            EXPECT_GE(e.byteOffset(), 0) << e.what();
        }
    }
    EXPECT_GT(rejected, kMutants * 9 / 10);
}

}  // namespace
}  // namespace sentinela::model
