// Helpers for the QTest suites of ui/: a fresh workspace filled with posts through the public
// storage API, and a temp folder per test. GUI thread only.
#pragma once

#include <QString>
#include <QTemporaryDir>
#include <filesystem>
#include <string>
#include <vector>

namespace sentinela::ui::testing {

struct FixturePost {
    std::string text;
    std::string author;
    std::string label;  // for the "offensive" task; empty = unlabeled
};

// Posts with a predictable mix: every third mentions "futebol", half are labeled.
std::vector<FixturePost> samplePosts(int count);

// Creates `file` as a workspace (built-in tasks) holding `posts`; labels go to "offensive".
void createWorkspace(const std::filesystem::path& file, const std::vector<FixturePost>& posts);

// The tests/ui/data folder of the source tree.
QString dataDir();

}  // namespace sentinela::ui::testing
