#include "model/versions.h"

#include <gtest/gtest.h>

TEST(ModelVersions, NamesEigen) {
    EXPECT_EQ(sentinela::model::eigenVersion().substr(0, 3), "3.4");
}
