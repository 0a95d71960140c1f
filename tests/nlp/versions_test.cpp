#include "nlp/versions.h"

#include <gtest/gtest.h>

TEST(NlpVersions, NameTheLinkedLibraries) {
    EXPECT_EQ(sentinela::nlp::icuVersion().substr(0, 2), "72");
    EXPECT_FALSE(sentinela::nlp::sentencepieceVersion().empty());
}
