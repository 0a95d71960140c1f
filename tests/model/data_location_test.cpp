// Where the shipped data (base encoder, demo posts) is looked for: model/data_location.cpp.
#include "model/data_location.h"

#include <gtest/gtest.h>

#include "tests/support/test_paths.h"

using sentinela::model::currentExecutable;
using sentinela::model::shippedDataDirs;

TEST(DataLocation, AnInstalledBinaryReadsTheDataInstalledBesideItFirst) {
    const auto dirs = shippedDataDirs("demo", "/opt/sentinela/bin/sentinela");
    ASSERT_FALSE(dirs.empty());
    EXPECT_EQ(dirs.front(), "/opt/sentinela/share/sentinela/demo");
}

TEST(DataLocation, OnlyABuildRunInPlaceAlsoReadsItsSourceTree) {
    const auto dirs = shippedDataDirs("encoders", "/build/app/sentinela");
#ifdef SENTINELA_PACKAGE_BUILD
    EXPECT_EQ(dirs.size(), 1u) << "a package build must not compile in its source tree";
#else
    ASSERT_EQ(dirs.size(), 2u);
    EXPECT_EQ(dirs.back(), sentinela::testing::sourceDir() / "resources" / "encoders");
#endif
}

TEST(DataLocation, AnUnknownExecutableAddsNoFolderRelativeToTheWorkingDirectory) {
    for (const auto& dir : shippedDataDirs("demo", "")) {
        EXPECT_TRUE(dir.is_absolute()) << dir << ": a relative folder would depend on the cwd";
    }
}

TEST(DataLocation, CurrentExecutableIsThisTestProgram) {
    EXPECT_EQ(currentExecutable().filename(), "model_tests");
}
