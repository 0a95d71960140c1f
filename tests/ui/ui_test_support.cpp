#include "tests/ui/ui_test_support.h"

#include "storage/workspace.h"

namespace sentinela::ui::testing {

std::vector<FixturePost> samplePosts(int count) {
    static const char* kOffensive[] = {"seu idiota, cala a boca", "bando de lixo, que vergonha",
                                       "you are a stupid clown", "que imbecil esse cara"};
    static const char* kFine[] = {"bom dia a todos, que dia lindo", "adorei o show de ontem",
                                  "the weather is nice today", "vamos ao cinema amanhã?"};
    std::vector<FixturePost> posts;
    for (int i = 0; i < count; ++i) {
        const bool offensive = i % 2 == 0;
        FixturePost post;
        post.text = std::string(offensive ? kOffensive[i % 4] : kFine[i % 4]) + " #" +
                    std::to_string(i) + (i % 3 == 0 ? " futebol" : "");
        post.author = "@user" + std::to_string(i % 7);
        if (i % 2 == 0 || i % 4 == 1) {
            post.label = offensive ? "offensive" : "not-offensive";
        }
        if (i >= count / 2) {
            post.label.clear();  // the second half waits for review
        }
        posts.push_back(post);
    }
    return posts;
}

void createWorkspace(const std::filesystem::path& file, const std::vector<FixturePost>& posts) {
    storage::Workspace workspace(file);
    const auto importId = workspace.startImport("fixture.jsonl", "jsonl", "offensive");
    std::vector<storage::PostRecord> records;
    for (std::size_t i = 0; i < posts.size(); ++i) {
        storage::PostRecord record;
        record.source = "fixture";
        record.externalId = "p" + std::to_string(i);
        record.author = posts[i].author;
        record.createdAt = "2024-03-" + std::string(i % 28 < 9 ? "0" : "") +
                           std::to_string(i % 28 + 1) + "T12:00:00Z";
        record.text = posts[i].text;
        record.line = static_cast<std::int64_t>(i + 1);
        if (!posts[i].label.empty()) {
            record.label = posts[i].label;
        }
        records.push_back(record);
    }
    workspace.insertPosts(importId, records);
    storage::ImportTotals totals;
    totals.read = totals.imported = static_cast<std::int64_t>(posts.size());
    workspace.finishImport(importId, totals);
}

QString dataDir() {
    return QStringLiteral(SENTINELA_UI_TEST_DATA_DIR);
}

}  // namespace sentinela::ui::testing
