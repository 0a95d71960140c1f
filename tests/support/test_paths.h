// Where tests find their inputs: the source tree, the shared datasets and the built CLI.
#pragma once

#include <filesystem>

namespace sentinela::testing {

std::filesystem::path sourceDir();
// ../shared/data beside the checkout; tests that need it call GTEST_SKIP() when it is absent.
std::filesystem::path sharedDataDir();
bool hasSharedData();
std::filesystem::path cliPath();
// A fresh, empty folder under the system temp dir, unique to this test; removed by the caller.
std::filesystem::path makeTempDir();

}  // namespace sentinela::testing
