// Faithfulness and speed of explanations (Classifier::explain, word occlusion at the text level).
//   bench_explain MODEL TEST.jsonl [--label NAME] [--seed N] [--repeats R]
// For every test post the model flags with NAME (default: the second label, "offensive"):
//   - times explain() on one thread (median and p95 over the flagged posts; best of R repeats),
//     as wall-clock and as the thread's CPU time (which a busy machine inflates much less);
//   - removes the 3 words with the largest attribution (towards the label) and, separately, 3
//     words drawn at random (seeded) from the same post, and compares the two score drops.
//     "Largest" by the log-odds effect (what the CLI marks and the GUI shades) and, as a check,
//     by the probability's change (the same order, except for ties where the score saturates).
// Posts with 3 words or fewer are counted apart: removing 3 of them removes them all, whichever
// are chosen, so top-3 and random-3 cannot differ. Prints one JSON object.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "model/classifier.h"
#include "nlp/reader_words.h"

namespace {

using sentinela::model::Classifier;
using sentinela::model::Explanation;
using sentinela::nlp::ReaderWord;

constexpr std::size_t kRemoved = 3;

std::vector<std::string> readTexts(const std::string& file) {
    std::vector<std::string> texts;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
        }
    }
    return texts;
}

// The text without the words at `indices` of the explanation (any order).
std::string withoutWordsAt(const std::string& text,
                           const Explanation& e,
                           std::vector<std::size_t> indices) {
    std::sort(indices.begin(), indices.end());
    std::vector<ReaderWord> words;
    for (const auto i : indices) {
        const auto& w = e.words[i];
        words.push_back({w.kind, w.byteBegin, w.byteEnd, w.utf16Begin, w.utf16End});
    }
    return sentinela::nlp::withoutWords(text, words);
}

double threadCpuMillis() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

double percentile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const auto at = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[at];
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_explain MODEL TEST.jsonl [--label NAME] [--seed N] "
                     "[--repeats R]\n";
        return 2;
    }
    std::string labelName;
    std::uint64_t seed = 1;
    int repeats = 1;
    for (int i = 3; i + 1 < argc; i += 2) {
        const std::string flag = argv[i];
        if (flag == "--label") {
            labelName = argv[i + 1];
        } else if (flag == "--seed") {
            seed = std::stoull(argv[i + 1]);
        } else if (flag == "--repeats") {
            repeats = std::max(1, std::stoi(argv[i + 1]));
        }
    }
    const auto classifier = Classifier::load(argv[1]);
    const auto& labels = classifier.labels();
    int label = labels.size() > 1 ? 1 : 0;
    if (!labelName.empty()) {
        label = static_cast<int>(std::find(labels.begin(), labels.end(), labelName) -
                                 labels.begin());
        if (label >= static_cast<int>(labels.size())) {
            std::cerr << "bench_explain: the model has no label '" << labelName << "'\n";
            return 2;
        }
    }
    const auto texts = readTexts(argv[2]);
    const auto scores = classifier.predictBatch(std::span<const std::string>(texts), 1);

    std::mt19937_64 random(seed);
    std::vector<double> millis, cpuMillis, topDrops, randomDrops, topProbabilityDrops;
    int flagged = 0, shortPosts = 0, topWins = 0, topProbabilityWins = 0, ties = 0, sameWords = 0;
    std::size_t wordsTotal = 0;
    for (std::size_t p = 0; p < texts.size(); ++p) {
        const auto decided = classifier.decide(scores[p]);
        if (std::find(decided.begin(), decided.end(), label) == decided.end()) {
            continue;
        }
        ++flagged;
        Explanation e;
        double best = 1e30, bestCpu = 1e30;
        for (int r = 0; r < repeats; ++r) {
            const auto start = std::chrono::steady_clock::now();
            const double startCpu = threadCpuMillis();
            e = classifier.explain(texts[p], label);
            bestCpu = std::min(bestCpu, threadCpuMillis() - startCpu);
            best = std::min(best, std::chrono::duration<double, std::milli>(
                                          std::chrono::steady_clock::now() - start)
                                          .count());
        }
        millis.push_back(best);
        cpuMillis.push_back(bestCpu);
        wordsTotal += e.words.size();
        if (e.words.size() <= kRemoved) {
            ++shortPosts;
            continue;
        }
        std::vector<std::size_t> order(e.words.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        std::shuffle(order.begin(), order.end(), random);  // the random draw
        const std::vector<std::size_t> drawn(order.begin(), order.begin() + kRemoved);
        // Top 3 by log-odds (the GUI's and CLI's order) and by the probability's change: the same
        // order in exact arithmetic, but the probability ties when the score is saturated.
        auto topBy = [&](auto effect) {
            std::vector<std::size_t> ranked(order.size());
            for (std::size_t i = 0; i < ranked.size(); ++i) {
                ranked[i] = i;
            }
            std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
                return effect(e.words[a]) > effect(e.words[b]);
            });
            return std::vector<std::size_t>(ranked.begin(), ranked.begin() + kRemoved);
        };
        const auto top = topBy([](const auto& w) { return w.logOdds; });
        const auto topProbability = topBy([](const auto& w) { return w.attribution; });
        const std::vector<std::string> edited = {withoutWordsAt(texts[p], e, top),
                                                 withoutWordsAt(texts[p], e, drawn),
                                                 withoutWordsAt(texts[p], e, topProbability)};
        const auto editedScores = classifier.predictBatch(std::span<const std::string>(edited), 1);
        const double base = e.scores[label];
        const double topDrop = base - editedScores[0][label];
        const double randomDrop = base - editedScores[1][label];
        const double topProbabilityDrop = base - editedScores[2][label];
        topDrops.push_back(topDrop);
        randomDrops.push_back(randomDrop);
        topProbabilityDrops.push_back(topProbabilityDrop);
        topWins += topDrop > randomDrop ? 1 : 0;
        topProbabilityWins += topProbabilityDrop > randomDrop ? 1 : 0;
        ties += topDrop == randomDrop ? 1 : 0;
        sameWords += std::is_permutation(top.begin(), top.end(), drawn.begin()) ? 1 : 0;
    }
    auto mean = [](const std::vector<double>& v) {
        double sum = 0;
        for (const double x : v) {
            sum += x;
        }
        return v.empty() ? 0.0 : sum / static_cast<double>(v.size());
    };
    const auto compared = static_cast<double>(topDrops.size());
    nlohmann::json out{
            {"posts", texts.size()},
            {"label", labels[label]},
            {"flagged", flagged},
            {"short_posts_excluded", shortPosts},
            {"compared", topDrops.size()},
            {"top3_beats_random3_share", compared > 0 ? topWins / compared : 0.0},
            {"ties", ties},
            {"random3_drew_the_top3", sameWords},
            {"top3_by_probability_beats_random3_share",
             compared > 0 ? topProbabilityWins / compared : 0.0},
            {"mean_drop_top3_by_probability", mean(topProbabilityDrops)},
            {"mean_drop_top3", mean(topDrops)},
            {"mean_drop_random3", mean(randomDrops)},
            {"mean_words_per_post", flagged > 0 ? static_cast<double>(wordsTotal) / flagged : 0.0},
            {"explain_ms_median", millis.empty() ? 0.0 : percentile(millis, 0.5)},
            {"explain_ms_p95", millis.empty() ? 0.0 : percentile(millis, 0.95)},
            {"explain_ms_max",
             millis.empty() ? 0.0 : *std::max_element(millis.begin(), millis.end())},
            {"explain_cpu_ms_median", cpuMillis.empty() ? 0.0 : percentile(cpuMillis, 0.5)},
            {"explain_cpu_ms_p95", cpuMillis.empty() ? 0.0 : percentile(cpuMillis, 0.95)},
            {"explain_cpu_ms_max",
             cpuMillis.empty() ? 0.0 : *std::max_element(cpuMillis.begin(), cpuMillis.end())},
            {"seed", seed},
            {"repeats", repeats}};
    std::cout << out.dump(2) << "\n";
    return 0;
}
