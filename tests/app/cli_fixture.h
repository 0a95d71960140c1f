// Shared set-up for the CLI end-to-end tests: the demo data, a tiny training configuration that
// trains in about a second, and helpers to read what the CLI wrote.
#pragma once

#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/run_process.h"
#include "tests/support/test_paths.h"

namespace sentinela::testing {

inline std::filesystem::path demoData() {
    return sourceDir() / "resources" / "demo";
}

inline std::string readText(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

inline void writeText(const std::filesystem::path& file, const std::string& text) {
    std::ofstream(file, std::ios::binary) << text;
}

inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> result;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            result.push_back(line);
        }
    }
    return result;
}

// A few seconds of training at most: tiny network, word vocabulary, three epochs.
inline std::filesystem::path writeTinyConfig(const std::filesystem::path& dir) {
    const auto file = dir / "tiny.json";
    writeText(file, R"({"tokenizer": {"kind": "word", "vocabularySize": 3000, "wordMinCount": 1},
                       "network": {"embeddingDim": 16, "hiddenSize": 16},
                       "maxTokens": 48, "epochs": 3, "batchSize": 32, "threads": 2})");
    return file;
}

// The demo posts as {"text", "label"} JSON Lines for the offensive task, split by position.
inline void writeOffensiveJsonl(const std::filesystem::path& train,
                                const std::filesystem::path& val) {
    const auto posts = lines(readText(demoData() / "labeled_posts.jsonl"));
    const auto labels = lines(readText(demoData() / "offensive_labels.csv"));
    std::ofstream trainOut(train), valOut(val);
    for (std::size_t i = 0; i < posts.size(); ++i) {
        const auto post = nlohmann::json::parse(posts[i]);
        const auto label = labels[i + 1].substr(labels[i + 1].find(',') + 1);
        const nlohmann::json row{{"text", post["text"]}, {"label", label}};
        (i % 5 == 0 ? valOut : trainOut) << row.dump() << "\n";
    }
}

// A test with a fresh temp folder holding a new workspace, made by `sentinela init`.
class CliWorkspaceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = makeTempDir();
        workspace_ = (dir_ / "w.sentinela").string();
        ASSERT_EQ(runCli({"init", workspace_}).exitCode, 0);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path dir_;
    std::string workspace_;
};

// A test suite that trains the tiny offensive model from the demo posts once, in a temporary
// folder of its own (dir_), into model_.
class TinyModelSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new std::filesystem::path(makeTempDir());
        writeOffensiveJsonl(*dir_ / "train.jsonl", *dir_ / "val.jsonl");
        model_ = (*dir_ / "m.model").string();
        const auto trained = runCli({"train", "--train", (*dir_ / "train.jsonl").string(), "--val",
                                     (*dir_ / "val.jsonl").string(), "--config",
                                     writeTinyConfig(*dir_).string(), "--out", model_});
        ASSERT_EQ(trained.exitCode, 0) << trained.err;
    }
    static void TearDownTestSuite() {
        std::filesystem::remove_all(*dir_);
        delete dir_;
    }
    static inline std::filesystem::path* dir_ = nullptr;
    static inline std::string model_;
};

}  // namespace sentinela::testing
