// Workspace speed at a million posts: insertPosts into a new workspace and the index builds
// finishImport does (a bare SQLite table is the peer), writePredictions, full-text and filtered
// page latency with counts, queue latency, bytes per post on disk. Prints a Markdown table.
//
//   bench_storage [--posts 1000000] [--batch 10000] [--repeat 9] [--dir /tmp/sentinela-bench]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <functional>
#include <random>
#include <sqlite3.h>
#include <string>
#include <vector>

#include "storage/workspace.h"

namespace {

using Clock = std::chrono::steady_clock;
using sentinela::storage::PageRequest;
using sentinela::storage::PostFilter;
using sentinela::storage::PostRecord;
using sentinela::storage::Queue;
using sentinela::storage::SortKey;
using sentinela::storage::Workspace;

double msSince(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// CPU time of this process: on the shared, overloaded benchmark machine the wall clock mostly
// measures waiting for a core, so every row also reports CPU time (what an idle machine sees).
double cpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct Timer {
    Clock::time_point wall = Clock::now();
    double cpu = cpuMs();
    double wallMs() const { return msSince(wall); }
    double cpuElapsedMs() const { return cpuMs() - cpu; }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[v.size() / 2];
}

// Posts that look like social media text: Zipf-distributed words from common Portuguese and
// English words (accents included) and a long tail of invented ones.
class PostGenerator {
public:
    explicit PostGenerator(std::uint64_t seed) : rng_(seed) {
        const char* common[] = {"não",  "de",     "que",   "o",        "a",       "é",
                                "e",    "você",   "isso",  "muito",    "the",     "to",
                                "and",  "is",     "you",   "it",       "not",     "this",
                                "for",  "with",   "ação",  "governo",  "eleição", "política",
                                "hoje", "amanhã", "bom",   "dia",      "people",  "today",
                                "love", "hate",   "lixo",  "vergonha", "brasil",  "president",
                                "news", "fake",   "vídeo", "notícia",  "também",  "mais",
                                "só",   "já",     "está",  "são",      "coração", "saúde"};
        for (const char* w : common) {
            words_.emplace_back(w);
        }
        const char* syllables[] = {"ba", "ca",  "da",  "fe",  "ge",  "hi",  "jo",  "ku",  "la",
                                   "me", "ni",  "po",  "qua", "ra",  "se",  "ti",  "vu",  "xa",
                                   "zo", "ção", "lhe", "nha", "ter", "pro", "con", "tra", "mente"};
        std::uniform_int_distribution<int> pick(0, std::size(syllables) - 1), count(2, 4);
        while (words_.size() < 60000) {
            std::string w;
            for (int i = count(rng_); i > 0; --i) {
                w += syllables[pick(rng_)];
            }
            words_.push_back(std::move(w));
        }
        double total = 0;
        for (std::size_t i = 0; i < words_.size(); ++i) {
            total += 1.0 / std::pow(static_cast<double>(i + 1), 1.05);
            cumulative_.push_back(total);
        }
        for (auto& c : cumulative_) {
            c /= total;
        }
    }

    const std::string& word(std::size_t rank) const { return words_[rank]; }

    PostRecord next(std::int64_t n) {
        std::uniform_real_distribution<double> u(0, 1);
        std::uniform_int_distribution<int> length(6, 28), author(0, 9999), second(0, 31535999);
        PostRecord p;
        p.source = n % 10 < 6 ? "x" : n % 10 < 9 ? "reddit" : "telegram";
        p.externalId = std::to_string(1000000000 + n);
        p.author = "user" + std::to_string(author(rng_));
        const std::time_t t = 1704067200 + second(rng_);  // during 2024
        std::tm utc{};
        gmtime_r(&t, &utc);
        char date[32];
        std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &utc);
        p.createdAt = date;
        for (int i = length(rng_); i > 0; --i) {
            const auto rank = static_cast<std::size_t>(
                    std::lower_bound(cumulative_.begin(), cumulative_.end(), u(rng_)) -
                    cumulative_.begin());
            p.text += (p.text.empty() ? "" : " ") + words_[std::min(rank, words_.size() - 1)];
        }
        p.language = n % 2 == 0 ? "pt" : "en";
        p.raw = "{\"id\":\"" + p.externalId + "\",\"user\":\"" + p.author + "\"}";
        return p;
    }

private:
    std::mt19937_64 rng_;
    std::vector<std::string> words_;
    std::vector<double> cumulative_;
};

// The peer: the same rows into a bare SQLite table (no indexes, no FTS, no dedup), same
// pragmas and batch transactions. The gap is what the workspace's indexes and search cost.
std::pair<double, double> bareSqlitePostsPerSecond(
        const std::filesystem::path& file, const std::vector<std::vector<PostRecord>>& batches) {
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; CREATE TABLE posts(id "
                 "INTEGER PRIMARY KEY, source, external_id, author, created_at, text, language, "
                 "raw)",
                 nullptr, nullptr, nullptr);
    sqlite3_stmt* s = nullptr;
    sqlite3_prepare_v2(db, "INSERT INTO posts VALUES (NULL,?,?,?,?,?,?,?)", -1, &s, nullptr);
    std::size_t rows = 0;
    const Timer timer;
    for (const auto& batch : batches) {
        sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
        for (const auto& p : batch) {
            const std::string* fields[] = {&p.source, &p.externalId, &p.author, &p.createdAt,
                                           &p.text,   &p.language,   &p.raw};
            for (int i = 0; i < 7; ++i) {
                sqlite3_bind_text(s, i + 1, fields[i]->data(), static_cast<int>(fields[i]->size()),
                                  SQLITE_TRANSIENT);
            }
            sqlite3_step(s);
            sqlite3_reset(s);
        }
        sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
        rows += batch.size();
    }
    const double wall = timer.wallMs() / 1000, cpu = timer.cpuElapsedMs() / 1000;
    sqlite3_finalize(s);
    sqlite3_close(db);
    return {static_cast<double>(rows) / wall, static_cast<double>(rows) / cpu};
}

struct Options {
    std::int64_t posts = 1000000;
    int batch = 10000;
    int repeat = 9;
    std::filesystem::path dir = "/tmp/sentinela-bench";
};

Options parse(int argc, char** argv) {
    Options o;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--posts") {
            o.posts = std::stoll(argv[i + 1]);
        } else if (flag == "--batch") {
            o.batch = std::stoi(argv[i + 1]);
        } else if (flag == "--repeat") {
            o.repeat = std::stoi(argv[i + 1]);
        } else if (flag == "--dir") {
            o.dir = argv[i + 1];
        }
    }
    return o;
}

void row(const char* what, double wall, double cpu, const char* unit, const char* target = "") {
    std::printf("| %s | %.2f %s | %.2f %s | %s |\n", what, wall, unit, cpu, unit, target);
}

}  // namespace

int main(int argc, char** argv) {
    const auto options = parse(argc, argv);
    std::filesystem::remove_all(options.dir);
    std::filesystem::create_directories(options.dir);

    PostGenerator generator(42);
    std::vector<std::vector<PostRecord>> batches;
    for (std::int64_t n = 0; n < options.posts; n += options.batch) {
        auto& batch = batches.emplace_back();
        for (std::int64_t i = n; i < std::min(options.posts, n + options.batch); ++i) {
            batch.push_back(generator.next(i));
        }
    }
    std::printf("posts: %lld, batch: %d, repeat: %d, SQLite %s\n\n",
                static_cast<long long>(options.posts), options.batch, options.repeat,
                sqlite3_libversion());
    std::printf("| measurement | median (wall) | median (CPU) | target |\n|---|---:|---:|---|\n");

    const auto bare = bareSqlitePostsPerSecond(options.dir / "bare.sqlite", batches);
    const auto file = options.dir / "bench.sentinela";
    Workspace ws(file);
    std::vector<double> batchRates, batchCpuRates;
    const Timer importTimer;
    const auto importId = ws.startImport("generated", "bench", "");
    for (const auto& batch : batches) {
        const Timer timer;
        ws.insertPosts(importId, batch);
        const auto n = static_cast<double>(batch.size());
        batchRates.push_back(n / (timer.wallMs() / 1000));
        batchCpuRates.push_back(n / (timer.cpuElapsedMs() / 1000));
    }
    const auto total = static_cast<double>(options.posts);
    const double insertWallMs = importTimer.wallMs(), insertCpuMs = importTimer.cpuElapsedMs();
    batches.clear();
    // What finishImport does, timed step by step: the date and author indexes that startImport
    // dropped (an import into an empty workspace), then the search index.
    const Timer buildTimer;
    ws.ensureIndexes();
    const double buildWallMs = buildTimer.wallMs(), buildCpuMs = buildTimer.cpuElapsedMs();
    const Timer indexTimer;
    ws.updateSearchIndex();
    const double indexWallMs = indexTimer.wallMs(), indexCpuMs = indexTimer.cpuElapsedMs();
    ws.finishImport(importId, {});
    row("insertPosts, posts/s, median batch", median(batchRates), median(batchCpuRates), "posts/s",
        "> 100,000");
    row("insertPosts, posts/s, whole import", total / (insertWallMs / 1000),
        total / (insertCpuMs / 1000), "posts/s", "");
    row("ensureIndexes (date and author indexes, built after the insert), posts/s",
        total / (buildWallMs / 1000), total / (buildCpuMs / 1000), "posts/s");
    row("updateSearchIndex (full text), posts/s", total / (indexWallMs / 1000),
        total / (indexCpuMs / 1000), "posts/s");
    const double allWallMs = insertWallMs + buildWallMs + indexWallMs;
    const double allCpuMs = insertCpuMs + buildCpuMs + indexCpuMs;
    row("insert + indexes + search index together, posts/s", total / (allWallMs / 1000),
        total / (allCpuMs / 1000), "posts/s", "> 100,000");
    row("peer: bare SQLite table (no index, no FTS), posts/s", bare.first, bare.second, "posts/s");

    // Predictions for every post, then a few thousand human labels.
    const auto model = ws.registerModel({"bench", "offensive", "", "", "{}", {}}, "bench");
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<float> score(0, 1);
    std::vector<double> predictionRates, predictionCpuRates;
    for (std::int64_t first = 1; first <= options.posts; first += options.batch) {
        std::vector<sentinela::storage::Prediction> predictions;
        for (std::int64_t id = first; id < std::min(options.posts + 1, first + options.batch);
             ++id) {
            const float s = score(rng) * score(rng);
            predictions.push_back({id, {1 - s, s}});
        }
        const Timer timer;
        ws.writePredictions(model, predictions);
        const auto n = static_cast<double>(predictions.size());
        predictionRates.push_back(n / (timer.wallMs() / 1000));
        predictionCpuRates.push_back(n / (timer.cpuElapsedMs() / 1000));
    }
    row("writePredictions, predictions/s, median batch", median(predictionRates),
        median(predictionCpuRates), "/s");
    std::vector<double> labelMs, labelCpuMs;
    for (int i = 0; i < 2000; ++i) {
        const Timer timer;
        ws.setLabel(1 + (i * 7919) % options.posts, "offensive",
                    i % 3 == 0 ? "offensive" : "not-offensive", "bench");
        labelMs.push_back(timer.wallMs());
        labelCpuMs.push_back(timer.cpuElapsedMs());
    }
    row("setLabel, one post", median(labelMs), median(labelCpuMs), "ms");

    auto measure = [&](const char* what, const char* target, const std::function<void()>& query) {
        query();  // warm the page cache
        std::vector<double> times, cpuTimes;
        for (int i = 0; i < options.repeat; ++i) {
            const Timer timer;
            query();
            times.push_back(timer.wallMs());
            cpuTimes.push_back(timer.cpuElapsedMs());
        }
        row(what, median(times), median(cpuTimes), "ms", target);
    };
    auto pageAndCount = [&](PostFilter filter, PageRequest page, std::int64_t cap = 0) {
        return [&ws, filter, page, cap] {
            ws.findPosts(filter, page);
            ws.countPosts(filter, cap);
        };
    };
    PageRequest first50;
    first50.limit = 50;
    PageRequest newest = first50;
    newest.sort = SortKey::kDate;
    newest.descending = true;
    PostFilter f;

    f.text = "nao";  // very common, accent-folded
    measure("full text \"nao\" (common): page of 50 + exact count", "< 50",
            pageAndCount(f, first50));
    measure("full text \"nao\": page of 50 + count capped at 10,000", "< 50",
            pageAndCount(f, first50, 10000));
    f.text = generator.word(2000);  // a mid-frequency word
    measure("full text, mid-frequency word: page + exact count", "< 50", pageAndCount(f, first50));
    f.text = generator.word(40000);  // a rare word
    measure("full text, rare word: page + exact count", "< 50", pageAndCount(f, first50));
    f.text = "\"governo de\"";
    measure("full text phrase: page + exact count", "< 50", pageAndCount(f, first50, 10000));

    f = {};
    f.author = "user1234";
    measure("author filter, newest first: page + count", "< 10", pageAndCount(f, newest));
    f = {};
    f.source = "telegram";
    f.createdFrom = "2024-06-01";
    f.createdTo = "2024-06-08";
    measure("source + one-week date range, newest first: page + count", "< 10",
            pageAndCount(f, newest));
    f = {};
    f.createdFrom = "2024-06-01";
    f.createdTo = "2024-06-02";
    measure("one-day date range, newest first: page + count", "< 10", pageAndCount(f, newest));
    measure("all posts, newest first: page only", "< 10", [&] { ws.findPosts({}, newest); });
    f = {};
    f.task = "offensive";
    f.labels = {"offensive"};
    measure("human label filter: page + count", "< 10", pageAndCount(f, first50));
    f.labels = {};
    f.queue = Queue::kFlagged;
    measure("flagged queue: page of 50", "< 10", [&] { ws.findPosts(f, first50); });
    measure("flagged queue: count capped at 10,000", "", [&] { ws.countPosts(f, 10000); });
    f.queue = Queue::kUncertain;
    measure("uncertain queue: page of 50", "< 10", [&] { ws.findPosts(f, first50); });
    f.queue = Queue::kUnlabeled;
    measure("unlabeled queue: page of 50", "< 10", [&] { ws.findPosts(f, first50); });
    f.queue = Queue::kDisagreements;
    measure("disagreements queue: page of 50", "< 10", [&] { ws.findPosts(f, first50); });
    f.queue = Queue::kNone;
    f.minScore = 0.9;
    measure("score >= 0.9: page + count", "< 10", pageAndCount(f, first50));
    PageRequest keyset = first50;
    keyset.sort = SortKey::kId;
    keyset.afterId = options.posts / 2;
    measure("keyset page in the middle (by id)", "< 10", [&] { ws.findPosts({}, keyset); });
    PageRequest deep = first50;
    deep.sort = SortKey::kId;
    deep.offset = options.posts / 2;
    measure("offset page in the middle (by id)", "", [&] { ws.findPosts({}, deep); });
    measure("count all posts", "", [&] { ws.countPosts({}); });
    measure("stats()", "", [&] { ws.stats(); });

    // Size on disk after folding the WAL back into the main file.
    sqlite3* db = nullptr;
    sqlite3_open(file.c_str(), &db);
    sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    const auto bytes = std::filesystem::file_size(file);
    const double perPost = static_cast<double>(bytes) / static_cast<double>(options.posts);
    row("bytes per post on disk (posts, FTS, indexes, 1 prediction, raw)", perPost, perPost,
        "bytes");
    return 0;
}
