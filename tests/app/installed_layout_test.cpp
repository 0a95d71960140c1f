// The CLI as a package installs it (PREFIX/bin/sentinela, data in PREFIX/share/sentinela) reads the
// base encoder and the demo data installed beside it, not the source tree it was built from.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include "tests/app/cli_fixture.h"

namespace sentinela::testing {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class InstalledLayout : public ::testing::Test {
protected:
    void SetUp() override {
        // The environment overrides the installed data; these tests are about the fallback.
        unsetenv("SENTINELA_ENCODER");
        unsetenv("SENTINELA_DEMO_DATA");
        std::filesystem::create_directories(prefix_ / "bin");
        // A copy, not a link: the CLI finds its data from /proc/self/exe, which resolves links.
        std::filesystem::copy_file(cliPath(), binary_);
        std::filesystem::permissions(binary_, std::filesystem::perms::owner_all);
    }
    void TearDown() override { std::filesystem::remove_all(prefix_); }

    std::filesystem::path data(const std::string& name) {
        const auto dir = prefix_ / "share" / "sentinela" / name;
        std::filesystem::create_directories(dir);
        return dir;
    }

    const std::filesystem::path prefix_ = makeTempDir();
    const std::filesystem::path binary_ = prefix_ / "bin" / "sentinela";
};

TEST_F(InstalledLayout, VersionNamesTheEncoderInstalledBesideTheBinary) {
    const auto installed = data("encoders") / "base.encoder";
    std::filesystem::create_symlink(sourceDir() / "resources" / "encoders" / "base.encoder",
                                    installed);
    const auto r = runProcess(binary_.string(), {"--version"});
    ASSERT_EQ(r.exitCode, 0) << r.err;
    EXPECT_THAT(r.out, HasSubstr("(" + installed.string() + ")"));
}

TEST_F(InstalledLayout, DemoReadsTheDemoDataInstalledBesideTheBinary) {
    // One post and no offensive_labels.csv: the demo imports the installed file, then stops at
    // the label step, which is enough to see which data it read.
    const auto installed = data("demo");
    const auto posts = lines(readText(demoData() / "labeled_posts.jsonl"));
    writeText(installed / "labeled_posts.jsonl", posts.front() + "\n");
    const auto r = runProcess(binary_.string(), {"demo", (prefix_ / "run").string()});
    EXPECT_NE(r.exitCode, 0);
    EXPECT_THAT(r.out, HasSubstr((installed / "labeled_posts.jsonl").string()));
    EXPECT_THAT(r.out, Not(HasSubstr((demoData() / "labeled_posts.jsonl").string())));
}

TEST_F(InstalledLayout, DemoDataNamedByTheUserIsTheOnlyFolderTried) {
    data("demo");  // installed data exists, but the user asked for another folder
    const auto missing = prefix_ / "no-such-folder";
    const auto r = runProcess(binary_.string(),
                              {"demo", (prefix_ / "run").string(), "--data", missing.string()});
    EXPECT_EQ(r.exitCode, 3) << r.out;
    EXPECT_THAT(r.err, HasSubstr(missing.string()));
    EXPECT_THAT(r.err, HasSubstr("give --data DIR"));
    EXPECT_THAT(r.out, Not(HasSubstr("$ sentinela init")));
}

}  // namespace
}  // namespace sentinela::testing
