#include "storage/versions.h"

#include <gtest/gtest.h>

TEST(StorageVersions, NamesTheLoadedSqlite) {
    EXPECT_EQ(sentinela::storage::sqliteVersion().substr(0, 2), "3.");
}
