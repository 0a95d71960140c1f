// The bundled demo data (resources/demo/) is consistent: every post id is unique across the
// labeled posts and the X export, the offensive labels name each labeled post once, an X author
// id always belongs to the same account, and no labeled text appears twice.
#include <gtest/gtest.h>
#include <map>
#include <set>

#include "tests/app/cli_fixture.h"

using namespace sentinela::testing;
using nlohmann::json;

namespace {

std::vector<json> readJsonl(const std::filesystem::path& file) {
    std::vector<json> rows;
    for (const auto& line : lines(readText(file))) {
        rows.push_back(json::parse(line));
    }
    return rows;
}

TEST(DemoData, PostIdsAreUniqueAcrossTheLabeledPostsAndTheExport) {
    const auto labeled = readJsonl(demoData() / "labeled_posts.jsonl");
    const auto exported = readJsonl(demoData() / "x_export.jsonl");
    ASSERT_FALSE(labeled.empty());
    ASSERT_FALSE(exported.empty());
    std::map<std::string, std::string> textOfId;
    for (const auto* rows : {&labeled, &exported}) {
        for (const auto& post : *rows) {
            const auto id = post.at("id").get<std::string>();
            const auto [it, inserted] = textOfId.emplace(id, post.at("text").get<std::string>());
            EXPECT_TRUE(inserted) << "id " << id << " is shared by \"" << it->second << "\" and \""
                                  << post.at("text").get<std::string>() << "\"";
        }
    }
}

TEST(DemoData, EveryLabeledPostHasOneOffensiveLabelAndADistinctText) {
    const auto labeled = readJsonl(demoData() / "labeled_posts.jsonl");
    const auto csv = lines(readText(demoData() / "offensive_labels.csv"));
    ASSERT_EQ(csv.front(), "id,label");
    ASSERT_EQ(csv.size(), labeled.size() + 1);
    std::set<std::string> texts;
    for (std::size_t i = 0; i < labeled.size(); ++i) {
        const auto id = labeled[i].at("id").get<std::string>();
        const auto& row = csv[i + 1];
        EXPECT_EQ(row.substr(0, row.find(',')), id);
        const auto label = row.substr(row.find(',') + 1);
        EXPECT_TRUE(label == "offensive" || label == "not-offensive") << row;
        EXPECT_TRUE(texts.insert(labeled[i].at("text").get<std::string>()).second)
                << id << " repeats the text of an earlier post";
    }
}

TEST(DemoData, AnXAuthorIdAlwaysBelongsToTheSameAccount) {
    std::map<std::string, std::string> usernameOf;
    for (const auto& post : readJsonl(demoData() / "x_export.jsonl")) {
        const auto authorId = post.at("author_id").get<std::string>();
        EXPECT_EQ(post.at("author").at("id"), authorId);
        const auto username = post.at("author").at("username").get<std::string>();
        const auto [it, inserted] = usernameOf.emplace(authorId, username);
        EXPECT_EQ(it->second, username) << "author id " << authorId;
    }
}

}  // namespace
