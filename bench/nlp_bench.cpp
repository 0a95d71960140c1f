// bench_nlp: normalize + encode throughput of nlp::Tokenizer on real tweets, in posts per second,
// on one thread and on all cores, beside a peer: sentencepiece alone (its built-in NFKC
// normalizer, whole-text Encode) trained on the same posts with the same vocabulary size.
//   build/<dir>/bench/bench_nlp [--benchmark_repetitions=5 --benchmark_report_aggregates_only]
// Reads ../shared/data/tweeteval-offensive/{train,test}.jsonl beside the checkout (skips if
// absent). "train" encodes the posts the tokenizer was trained on (their frequent words are
// cached); "test" encodes unseen posts, the realistic scan case. Results: docs/benchmarks.md.
#include <benchmark/benchmark.h>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <sentencepiece_processor.h>
#include <sentencepiece_trainer.h>
#include <string>
#include <vector>

#include "nlp/tokenizer.h"

namespace {

namespace nlp = sentinela::nlp;

std::filesystem::path dataDir() {
    return std::filesystem::path(SENTINELA_SOURCE_DIR) / ".." / "shared" / "data" /
           "tweeteval-offensive";
}

std::vector<std::string> readTexts(const std::filesystem::path& file) {
    std::vector<std::string> texts;
    std::ifstream in(file);
    for (std::string line; std::getline(in, line);) {
        texts.push_back(nlohmann::json::parse(line).at("text").get<std::string>());
    }
    return texts;
}

struct Fixture {
    std::vector<std::string> train, test;
    std::optional<nlp::Tokenizer> unigram, word;
    sentencepiece::SentencePieceProcessor peer;
};

class VectorSentences : public sentencepiece::SentenceIterator {
public:
    explicit VectorSentences(const std::vector<std::string>& texts) : texts_(texts) {}
    bool done() const override { return i_ >= texts_.size(); }
    void Next() override { ++i_; }
    const std::string& value() const override { return texts_[i_]; }
    sentencepiece::util::Status status() const override { return {}; }

private:
    const std::vector<std::string>& texts_;
    std::size_t i_ = 0;
};

Fixture* fixture() {
    static std::unique_ptr<Fixture> instance = [] {
        auto f = std::make_unique<Fixture>();
        f->train = readTexts(dataDir() / "train.jsonl");
        f->test = readTexts(dataDir() / "test.jsonl");
        nlp::TokenizerOptions options;  // the defaults a classifier trains with
        f->unigram.emplace(nlp::Tokenizer::train(f->train, options));
        options.kind = nlp::VocabularyKind::kWord;
        options.vocabularySize = 20000;
        f->word.emplace(nlp::Tokenizer::train(f->train, options));
        VectorSentences sentences(f->train);
        std::string model;
        const auto status = sentencepiece::SentencePieceTrainer::Train(
                {{"model_type", "unigram"}, {"vocab_size", "8000"}, {"num_threads", "4"}},
                &sentences, &model);
        if (!status.ok() || !f->peer.LoadFromSerializedProto(model).ok()) {
            std::cerr << "bench_nlp: peer training failed: " << status.ToString() << "\n";
            std::exit(1);
        }
        return f;
    }();
    return instance.get();
}

const std::vector<std::string>& postsFor(const benchmark::State& state) {
    return state.range(0) == 0 ? fixture()->train : fixture()->test;
}

// Each iteration handles one post; threads start at different posts.
template <typename Work>
void runOverPosts(benchmark::State& state, Work&& work) {
    const auto& posts = postsFor(state);
    std::size_t i = static_cast<std::size_t>(state.thread_index()) * 7919 % posts.size();
    std::int64_t bytes = 0;
    for (auto _ : state) {
        work(posts[i]);
        bytes += static_cast<std::int64_t>(posts[i].size());
        if (++i == posts.size())
            i = 0;
    }
    state.SetItemsProcessed(state.iterations());
    state.SetBytesProcessed(bytes);
    state.SetLabel(state.range(0) == 0 ? "train posts" : "unseen posts");
}

void normalize(benchmark::State& state) {
    const nlp::Normalizer normalizer;
    std::string out;
    runOverPosts(state, [&](const std::string& post) {
        normalizer.applyInto(post, out);
        benchmark::DoNotOptimize(out.data());
    });
}

void encodeUnigram(benchmark::State& state) {
    std::vector<std::int32_t> ids;
    runOverPosts(state, [&](const std::string& post) {
        fixture()->unigram->encodeIds(post, ids);
        benchmark::DoNotOptimize(ids.data());
    });
}

void encodeWord(benchmark::State& state) {
    std::vector<std::int32_t> ids;
    runOverPosts(state, [&](const std::string& post) {
        fixture()->word->encodeIds(post, ids);
        benchmark::DoNotOptimize(ids.data());
    });
}

void encodeWithOffsets(benchmark::State& state) {
    runOverPosts(state, [&](const std::string& post) {
        auto tokens = fixture()->unigram->encodeWithOffsets(post);
        benchmark::DoNotOptimize(tokens.data());
    });
}

void peerSentencepieceOnly(benchmark::State& state) {
    std::vector<int> ids;
    runOverPosts(state, [&](const std::string& post) {
        ids.clear();
        fixture()->peer.Encode(post, &ids).IgnoreError();
        benchmark::DoNotOptimize(ids.data());
    });
}

void registerAll() {
    const struct {
        const char* name;
        void (*run)(benchmark::State&);
    } kBenchmarks[] = {{"normalize", normalize},
                       {"encode_unigram", encodeUnigram},
                       {"encode_word", encodeWord},
                       {"encode_with_offsets", encodeWithOffsets},
                       {"peer_sentencepiece_only", peerSentencepieceOnly}};
    for (const auto& b : kBenchmarks) {
        // Threads(1): posts/s per core (CPU time). Threads(2) with real time: all cores.
        benchmark::RegisterBenchmark(b.name, b.run)->Arg(0)->Arg(1)->Threads(1);
        benchmark::RegisterBenchmark(b.name, b.run)->Arg(0)->Arg(1)->Threads(2)->UseRealTime();
    }
}

}  // namespace

int main(int argc, char** argv) {
    if (!std::filesystem::exists(dataDir() / "train.jsonl") ||
        !std::filesystem::exists(dataDir() / "test.jsonl")) {
        std::cout << "bench_nlp: skipped, " << dataDir().string() << " is absent\n";
        return 0;
    }
    benchmark::Initialize(&argc, argv);
    fixture();  // train outside the timed loops
    registerAll();
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
