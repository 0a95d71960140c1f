// The built-in presets: label names match the shared datasets, the illegal-content categories
// carry their legal basis, every starter keyword points at a label of its task.
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>

#include "storage/keyword_matcher.h"
#include "storage/task_schema.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage {
namespace {

const TaskPreset& preset(const std::string& name) {
    for (const auto& p : builtinTaskPresets()) {
        if (p.schema.name == name) {
            return p;
        }
    }
    throw std::runtime_error("no preset " + name);
}

std::vector<std::string> names(const TaskSchema& task) {
    std::vector<std::string> out;
    for (const auto& l : task.labels) {
        out.push_back(l.name);
    }
    return out;
}

std::set<std::string> datasetLabels(const std::string& dataset) {
    std::set<std::string> labels;
    std::ifstream in(sentinela::testing::sharedDataDir() / dataset / "val.jsonl");
    for (std::string line; std::getline(in, line);) {
        labels.insert(nlohmann::json::parse(line).at("label").get<std::string>());
    }
    return labels;
}

TEST(TaskPresets, SentimentAndOffensiveMatchTheSharedDatasets) {
    EXPECT_EQ(names(preset("sentiment").schema),
              (std::vector<std::string>{"negative", "neutral", "positive"}));
    EXPECT_EQ(names(preset("offensive").schema),
              (std::vector<std::string>{"not-offensive", "offensive"}));
    if (!sentinela::testing::hasSharedData()) {
        GTEST_SKIP() << "shared datasets not present";
    }
    const auto sentiment = names(preset("sentiment").schema);
    EXPECT_EQ(datasetLabels("tweeteval-sentiment"),
              std::set<std::string>(sentiment.begin(), sentiment.end()));
    const auto offensive = names(preset("offensive").schema);
    EXPECT_EQ(datasetLabels("hatebr"), std::set<std::string>(offensive.begin(), offensive.end()));
    EXPECT_EQ(datasetLabels("tweeteval-offensive"),
              std::set<std::string>(offensive.begin(), offensive.end()));
}

TEST(TaskPresets, IllegalContentCitesBrazilianLaw) {
    const auto& task = preset("illegal-content").schema;
    EXPECT_TRUE(task.multiLabel);
    EXPECT_EQ(task.labels.size(), 15u);
    const struct {
        const char* label;
        const char* citation;
    } kCases[] = {
            {"honour", "arts. 138-140"},
            {"threat", "art. 147"},
            {"incitement", "arts. 286-287"},
            {"self-harm", "art. 122"},
            {"trafficking", "art. 149-A"},
            {"fraud", "art. 171"},
            {"anti-democratic", "14.197/2021"},
            {"discrimination", "7.716/1989"},
            {"terrorism", "13.260/2016"},
            {"child-sexual-exploitation", "240-241-D"},
            {"drugs", "11.343/2006"},
            {"weapons", "10.826/2003"},
            {"violence-against-women", "14.188/2021"},
    };
    for (const auto& c : kCases) {
        SCOPED_TRACE(c.label);
        const int index = task.labelIndex(c.label);
        ASSERT_GE(index, 0);
        EXPECT_NE(task.labels[static_cast<std::size_t>(index)].description.find(c.citation),
                  std::string::npos);
        EXPECT_TRUE(task.labels[static_cast<std::size_t>(index)].flagged);
    }
    EXPECT_FALSE(task.labels[static_cast<std::size_t>(task.labelIndex("none"))].flagged);
}

TEST(TaskPresets, KeysAreUniqueAndKeywordsPointAtLabels) {
    for (const auto& p : builtinTaskPresets()) {
        SCOPED_TRACE(p.schema.name);
        std::set<std::string> keys;
        for (const auto& l : p.schema.labels) {
            EXPECT_TRUE(keys.insert(l.key).second) << "duplicate key " << l.key;
            EXPECT_EQ(l.colour.size(), 7u);
        }
        for (const auto& k : p.keywords) {
            EXPECT_GE(p.schema.labelIndex(k.label), 0) << k.label;
            EXPECT_FALSE(foldForMatching(k.term).empty());
        }
    }
    EXPECT_GE(preset("illegal-content").keywords.size(), 13u * 4);
}

}  // namespace
}  // namespace sentinela::storage
