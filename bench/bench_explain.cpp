// Faithfulness and speed of explanations (Classifier::explain, word occlusion at the text level).
//   bench_explain MODEL TEST.jsonl [--label NAME] [--seed N] [--repeats R]
// For every test post the model flags with NAME (default: the second label, "offensive"):
//   - times explain() on one thread (median and p95 over the flagged posts; best of R repeats),
//     as wall-clock and as the thread's CPU time (which a busy machine inflates much less);
//   - removes the 3 words with the largest effect towards the label and, separately, 3 words
//     drawn at random (seeded) from the same post, and compares the two drops of the score.
//     "Largest" by three rankings: the word's effect in log-odds (what the CLI marks and the GUI
//     shades), its effect on the probability (the same order but for ties where the score
//     saturates), and, for comparison, the former method: one subword token occluded at a time in
//     the network's input, the token effects summed per word.
// Posts with 3 words or fewer are counted apart: removing 3 of them removes them all, whichever
// are chosen, so no ranking can differ from chance. Prints one JSON object.
#include <algorithm>
#include <chrono>
#include <ctime>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "model/classifier.h"
#include "model/classifier_impl.h"  // the token-level method scores encoded posts directly
#include "nlp/reader_words.h"

namespace {

using sentinela::model::Classifier;
using sentinela::model::Explanation;
using sentinela::nlp::ReaderWord;

constexpr std::size_t kRemoved = 3;
enum Ranking { kLogOdds, kProbability, kTokenSum, kRandom, kRankings };
const char* const kRankingNames[kRankings] = {"words_log_odds", "words_probability",
                                              "tokens_summed_per_word", "random"};

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

double threadCpuMillis() {
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

// The former explanation: each subword token removed from the network's input in turn (not from
// the text), its effect on the label's probability summed over the tokens that start in a word.
std::vector<double> tokenSumPerWord(const Classifier& classifier,
                                    const std::string& text,
                                    const Explanation& e) {
    const auto& impl = classifier.impl();
    auto tokens = impl.tokenizer.encodeWithOffsets(text);
    tokens.resize(std::min(tokens.size(), static_cast<std::size_t>(impl.maxTokens)));
    std::vector<std::vector<std::int32_t>> posts(tokens.size() + 1);
    for (std::size_t i = 0; i < posts.size(); ++i) {
        for (std::size_t t = 0; t < tokens.size(); ++t) {
            if (t + 1 != i) {
                posts[i].push_back(tokens[t].id);
            }
        }
        if (posts[i].empty()) {
            posts[i].push_back(sentinela::nlp::Tokenizer::kPadId);
        }
    }
    const auto labels = impl.labels.size();
    std::vector<float> scores(posts.size() * labels);
    sentinela::model::scoreEncoded(impl.network, posts, 1, scores);
    std::vector<double> perWord(e.words.size(), 0.0);
    for (std::size_t t = 0; t < tokens.size(); ++t) {
        const double effect = scores[e.label] - scores[(t + 1) * labels + e.label];
        for (std::size_t w = 0; w < e.words.size(); ++w) {
            if (tokens[t].byteBegin >= e.words[w].byteBegin &&
                tokens[t].byteBegin < e.words[w].byteEnd) {
                perWord[w] += effect;
            }
        }
    }
    return perWord;
}

// The 3 words of the largest `effect` (ties: the earlier word).
std::vector<std::size_t> topThree(const std::vector<double>& effect) {
    std::vector<std::size_t> ranked(effect.size());
    std::iota(ranked.begin(), ranked.end(), 0);
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](std::size_t a, std::size_t b) { return effect[a] > effect[b]; });
    return {ranked.begin(), ranked.begin() + kRemoved};
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

struct Comparison {
    double drop[kRankings] = {};
    bool drewTheTop = false;  // the random draw picked the same 3 words as the log-odds ranking
};

// The score drops of one post (more than 3 words) when each ranking's 3 words are removed.
Comparison comparePost(const Classifier& classifier,
                       const std::string& text,
                       const Explanation& e,
                       std::mt19937_64& random) {
    std::vector<double> logOdds, probability;
    for (const auto& word : e.words) {
        logOdds.push_back(word.logOdds);
        probability.push_back(word.attribution);
    }
    std::vector<std::size_t> picked[kRankings];
    picked[kLogOdds] = topThree(logOdds);
    picked[kProbability] = topThree(probability);
    picked[kTokenSum] = topThree(tokenSumPerWord(classifier, text, e));
    std::vector<std::size_t> order(e.words.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), random);
    picked[kRandom].assign(order.begin(), order.begin() + kRemoved);

    std::vector<std::string> edited;
    for (const auto& words : picked) {
        edited.push_back(withoutWordsAt(text, e, words));
    }
    const auto scores = classifier.predictBatch(std::span<const std::string>(edited), 1);
    Comparison c;
    for (int r = 0; r < kRankings; ++r) {
        c.drop[r] = e.scores[e.label] - scores[r][e.label];
    }
    c.drewTheTop = std::is_permutation(picked[kRandom].begin(), picked[kRandom].end(),
                                       picked[kLogOdds].begin());
    return c;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) {
        return 0.0;
    }
    std::sort(values.begin(), values.end());
    return values[static_cast<std::size_t>(p * static_cast<double>(values.size() - 1) + 0.5)];
}

nlohmann::json faithfulness(const std::vector<Comparison>& compared) {
    nlohmann::json out;
    const auto n = static_cast<double>(std::max<std::size_t>(1, compared.size()));
    for (int r = 0; r < kRankings; ++r) {
        double sum = 0;
        int beats = 0, ties = 0;
        for (const auto& c : compared) {
            sum += c.drop[r];
            beats += c.drop[r] > c.drop[kRandom] ? 1 : 0;
            ties += c.drop[r] == c.drop[kRandom] ? 1 : 0;
        }
        out[kRankingNames[r]]["mean_drop"] = sum / n;
        if (r != kRandom) {
            out[kRankingNames[r]]["beats_random_share"] = beats / n;
            out[kRankingNames[r]]["ties_with_random"] = ties;
        }
    }
    // Head to head, on the posts where the two methods pick different words.
    int differ = 0, wordsWin = 0, tokensWin = 0;
    for (const auto& c : compared) {
        if (c.drop[kLogOdds] != c.drop[kTokenSum]) {
            ++differ;
            wordsWin += c.drop[kLogOdds] > c.drop[kTokenSum] ? 1 : 0;
            tokensWin += c.drop[kTokenSum] > c.drop[kLogOdds] ? 1 : 0;
        }
    }
    out["words_vs_tokens"] = {{"posts_where_drops_differ", differ},
                              {"words_log_odds_drops_more", wordsWin},
                              {"tokens_summed_drops_more", tokensWin}};
    return out;
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
    const auto named = std::find(labels.begin(), labels.end(), labelName);
    if (!labelName.empty() && named == labels.end()) {
        std::cerr << "bench_explain: the model has no label '" << labelName << "'\n";
        return 2;
    }
    const int label = labelName.empty() ? (labels.size() > 1 ? 1 : 0)
                                        : static_cast<int>(named - labels.begin());
    const auto texts = readTexts(argv[2]);
    const auto scores = classifier.predictBatch(std::span<const std::string>(texts), 1);

    std::mt19937_64 random(seed);
    std::vector<double> millis, cpuMillis;
    std::vector<Comparison> compared;
    int flagged = 0, shortPosts = 0, drewTheTop = 0;
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
        compared.push_back(comparePost(classifier, texts[p], e, random));
        drewTheTop += compared.back().drewTheTop ? 1 : 0;
    }
    const nlohmann::json out{
            {"posts", texts.size()},
            {"label", labels[label]},
            {"flagged", flagged},
            {"short_posts_excluded", shortPosts},
            {"compared", compared.size()},
            {"random_drew_the_log_odds_top3", drewTheTop},
            {"top3", faithfulness(compared)},
            {"mean_words_per_post", flagged > 0 ? static_cast<double>(wordsTotal) / flagged : 0.0},
            {"explain_ms_median", percentile(millis, 0.5)},
            {"explain_ms_p95", percentile(millis, 0.95)},
            {"explain_ms_max", percentile(millis, 1.0)},
            {"explain_cpu_ms_median", percentile(cpuMillis, 0.5)},
            {"explain_cpu_ms_p95", percentile(cpuMillis, 0.95)},
            {"explain_cpu_ms_max", percentile(cpuMillis, 1.0)},
            {"seed", seed},
            {"repeats", repeats}};
    std::cout << out.dump(2) << "\n";
    return 0;
}
