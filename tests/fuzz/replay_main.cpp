// Replays saved fuzz inputs through a target without libFuzzer: `fuzz_x DIR_OR_FILE...`. Used by
// ctest (every corpus file, every run) and to reproduce a crash a fuzzer found under gdb.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/fuzz_target.h"

namespace {

int replayFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::string bytes{std::istreambuf_iterator<char>(in), {}};
    return LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()),
                                  bytes.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::filesystem::path> files;
    for (int i = 1; i < argc; ++i) {
        const std::filesystem::path path = argv[i];
        if (std::filesystem::is_directory(path)) {
            for (const auto& entry : std::filesystem::recursive_directory_iterator(path)) {
                if (entry.is_regular_file()) {
                    files.push_back(entry.path());
                }
            }
        } else if (std::filesystem::is_regular_file(path)) {
            files.push_back(path);
        } else {
            // A target whose fuzzing kept nothing beyond its seeds has no corpus folder yet.
            std::cerr << path.string() << ": no such file or folder, skipped\n";
        }
    }
    for (const auto& file : files) {
        std::cout << file.string() << std::endl;  // shown when it aborts (ctest keeps output)
        replayFile(file);
    }
    std::cout << "replayed " << files.size() << " inputs\n";
    return files.empty() ? 2 : 0;
}
