// Shared set-up for the workspace tests: a fresh workspace file in a temp dir, and post makers.
#pragma once

#include <filesystem>
#include <gtest/gtest.h>
#include <memory>
#include <string>
#include <vector>

#include "storage/workspace.h"
#include "tests/support/test_paths.h"

namespace sentinela::storage::testing {

inline PostRecord makePost(std::string externalId,
                           std::string text,
                           std::string author = "alice",
                           std::string createdAt = "2024-03-01T12:00:00Z",
                           std::string source = "x") {
    PostRecord p;
    p.source = std::move(source);
    p.externalId = std::move(externalId);
    p.author = std::move(author);
    p.createdAt = std::move(createdAt);
    p.text = std::move(text);
    p.raw = "{\"raw\":true}";
    return p;
}

class WorkspaceTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = sentinela::testing::makeTempDir();
        file_ = dir_ / "test.sentinela";
        ws_ = std::make_unique<Workspace>(file_);
    }
    void TearDown() override {
        ws_.reset();
        std::filesystem::remove_all(dir_);
    }

    // Imports posts in one batch and returns the new posts' ids in order (duplicates excluded).
    std::vector<std::int64_t> importPosts(const std::vector<PostRecord>& posts,
                                          const std::string& labelTask = {}) {
        PageRequest newest;
        newest.sort = SortKey::kId;
        newest.descending = true;
        newest.limit = 1;
        const auto before = ws_->findPosts({}, newest);
        const auto importId = ws_->startImport("test.jsonl", "jsonl", labelTask);
        ws_->insertPosts(importId, posts);
        ws_->finishImport(importId, {});
        PageRequest after;
        after.sort = SortKey::kId;
        after.limit = static_cast<int>(posts.size());
        after.afterId = before.empty() ? 0 : before.front().id;
        std::vector<std::int64_t> ids;
        for (const auto& row : ws_->findPosts({}, after)) {
            ids.push_back(row.id);
        }
        return ids;
    }

    Workspace& ws() { return *ws_; }

    std::filesystem::path dir_, file_;
    std::unique_ptr<Workspace> ws_;
};

}  // namespace sentinela::storage::testing
