#include "tests/support/test_paths.h"

#include <atomic>
#include <gtest/gtest.h>
#include <string>
#include <unistd.h>

namespace sentinela::testing {

std::filesystem::path sourceDir() {
    return SENTINELA_SOURCE_DIR;
}
std::filesystem::path sharedDataDir() {
    return SENTINELA_SHARED_DATA_DIR;
}
bool hasSharedData() {
    return std::filesystem::exists(sharedDataDir() / "tweeteval-offensive" / "train.jsonl");
}
std::filesystem::path cliPath() {
    return SENTINELA_CLI_PATH;
}

std::filesystem::path makeTempDir() {
    static std::atomic<int> counter{0};
    std::string name =
            "sentinela-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++);
    if (const auto* info = ::testing::UnitTest::GetInstance()->current_test_info()) {
        name += std::string("-") + info->name();
    }
    for (char& c : name) {
        if (c == '/') {
            c = '_';
        }
    }
    auto dir = std::filesystem::temp_directory_path() / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

}  // namespace sentinela::testing
