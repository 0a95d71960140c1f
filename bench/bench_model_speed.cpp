// Speed of the default network shape (embedding 128 -> BiLSTM 128 per direction -> attention
// pooling -> dense; --pooling max|mean|last|attention for another) on tweeteval-offensive posts, at
// 1 and 2 threads, with the same protocol as the PyTorch peer (bench/peers/torch_lstm.py): 3,000
// sampled posts for inference, 640 for training (batch 32, forward + backward + AdamW), median of
// --repeats runs, in wall-clock posts/s and in posts per CPU-second (less sensitive to other
// programs on a shared machine). Also measures the machine's single-precision GEMM rate with Eigen,
// to put the network's GFLOP/s in context. Prints one JSON line per measurement. --wide adds the
// wide branch (model/wide_layer.h, default n-gram options, random weights) to every inference and
// training measurement, and measures the encoding stage with and without its n-grams (normalise +
// encode [+ hash n-grams + tf-idf]).
//   bench_model_speed [DATA_DIR] [--repeats 5] [--tokenizer word|unigram] [--wide] [--pooling P]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <time.h>

#include "model/classifier_impl.h"
#include "model/labeled_texts.h"
#include "model/training_step.h"

namespace {

using namespace sentinela::model;
using nlohmann::json;

struct Timer {
    std::chrono::steady_clock::time_point wall = std::chrono::steady_clock::now();
    double cpu = cpuSeconds();
    static double cpuSeconds() {
        timespec ts{};
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
    }
    double wallSeconds() const {
        return std::chrono::duration<double>(std::chrono::steady_clock::now() - wall).count();
    }
    double cpuElapsed() const { return cpuSeconds() - cpu; }
};

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// GFLOP/s of Eigen's single-precision GEMM at the shape of the input projection (4H x In times
// In x N), one thread.
double gemmGflops() {
    const int m = 512, k = 256, n = 2048;
    Matrix<float> a = Matrix<float>::Random(m, k), b = Matrix<float>::Random(k, n), c(m, n);
    std::vector<double> runs;
    for (int r = 0; r < 7; ++r) {
        Timer t;
        for (int i = 0; i < 10; ++i) {
            c.noalias() = a * b;
        }
        // Per CPU-second: on a shared machine, wall-clock time also counts other programs' turns.
        runs.push_back(10.0 * 2.0 * m * k * n / t.cpuElapsed() / 1e9);
    }
    std::sort(runs.begin(), runs.end());
    return runs.back();  // peak: the least disturbed run
}

// Forward FLOPs per token of the LSTM part (the GEMMs): per direction 2 * 4H * (In + H).
double forwardFlopsPerToken(const NetworkShape& s) {
    const double h = s.config.hiddenSize;
    return s.directions() * 2.0 * 4.0 * h * (s.config.embeddingDim + h);
}

}  // namespace

int main(int argc, char** argv) {
    std::filesystem::path dir = "../shared/data/tweeteval-offensive";
    int repeats = 5;
    std::string tokenizerKind = "word";
    bool withWide = false;
    TrainConfig config;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--wide") {
            withWide = true;
        } else if (a == "--repeats" && i + 1 < argc) {
            repeats = std::stoi(argv[++i]);
        } else if (a == "--tokenizer" && i + 1 < argc) {
            tokenizerKind = argv[++i];
        } else if (a == "--pooling" && i + 1 < argc) {
            config.network.pooling = poolingFromString(argv[++i]);
        } else {
            dir = a;
        }
    }
    try {
        const auto data = readLabeledJsonl(dir / "train.jsonl");
        config.task = "offensive";
        config.tokenizer.kind = tokenizerKind == "word" ? sentinela::nlp::VocabularyKind::kWord
                                                        : sentinela::nlp::VocabularyKind::kUnigram;
        auto tokenizer = sentinela::nlp::Tokenizer::train(data.texts, config.tokenizer);
        const std::vector<std::string> labels = {"not-offensive", "offensive"};
        // Same sample sizes as the torch peer: 3,000 posts to score, 640 to train on.
        Random pick(7);
        std::vector<std::size_t> order(data.size());
        for (std::size_t i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        for (std::size_t i = order.size(); i > 1; --i) {
            std::swap(order[i - 1], order[pick.below(i)]);
        }
        LabeledTexts sample;
        for (std::size_t i = 0; i < 3000; ++i) {
            sample.add(data.texts[order[i]], data.labels[order[i]]);
        }
        config.wide.enabled = withWide;
        EncodedSet encoded = encodeSet(tokenizer, sample, labels, config, "sample");
        const double meanTokens = double(encoded.tokens) / double(encoded.ids.size());
        std::unique_ptr<WideLayer<float>> wide;
        if (withWide) {
            wide = std::make_unique<WideLayer<float>>(
                    config.wide.ngrams, 2, fitIdf(encoded.wide, config.wide.ngrams.buckets));
            Random init(5);
            for (Eigen::Index i = 0; i < wide->weights().size(); ++i) {
                wide->weights().data()[i] = float(init.uniformDouble() - 0.5);
            }
            for (auto& features : encoded.wide) {
                applyTfidf(wide->idf(), features);
            }
            // The encoding stage, one thread: what the wide branch adds before the network.
            for (const bool ngrams : {false, true}) {
                std::vector<std::int32_t> ids;
                SparseFeatures features;
                std::vector<double> cpu;
                for (int r = 0; r < repeats; ++r) {
                    Timer t;
                    for (const auto& text : sample.texts) {
                        if (ngrams) {
                            encodeWithNgrams(tokenizer, text, config.maxTokens, config.wide.ngrams,
                                             ids, features);
                            applyTfidf(wide->idf(), features);
                        } else {
                            encodeForNetwork(tokenizer, text, config.maxTokens, ids);
                        }
                    }
                    cpu.push_back(double(sample.size()) / t.cpuElapsed());
                }
                std::printf("%s\n", json{{"measure", ngrams ? "encode_with_ngrams" : "encode"},
                                         {"threads", 1},
                                         {"posts_per_cpu_second", std::round(median(cpu))}}
                                            .dump()
                                            .c_str());
            }
        }

        NetworkShape shape;
        shape.config = config.network;
        shape.vocabularySize = tokenizer.vocabularySize();
        shape.labels = 2;
        Network<float> network(shape);
        network.initialize(1);
        const double peak = gemmGflops();
        std::printf("%s\n", json{{"measure", "eigen_sgemm_1_thread_per_cpu_second"},
                                 {"shape", "512x256 * 256x2048"},
                                 {"gflops", std::round(peak * 10) / 10}}
                                    .dump()
                                    .c_str());
        const json common = {{"peer", "sentinela"},
                             {"pooling", toString(config.network.pooling)},
                             {"wide", withWide},
                             {"tokenizer", tokenizerKind},
                             {"mean_tokens", std::round(meanTokens * 10) / 10}};
        for (int threads : {1, 2}) {
            for (int chunk : {64, 128, 256}) {
                std::vector<float> scores(encoded.ids.size() * 2);
                // warm-up
                scoreEncoded(network, wide.get(), encoded.ids, encoded.wide, threads, scores, {},
                             chunk);
                std::vector<double> wall, cpu;
                for (int r = 0; r < repeats; ++r) {
                    Timer t;
                    scoreEncoded(network, wide.get(), encoded.ids, encoded.wide, threads, scores,
                                 {}, chunk);
                    wall.push_back(double(encoded.ids.size()) / t.wallSeconds());
                    cpu.push_back(double(encoded.ids.size()) / t.cpuElapsed());
                }
                const double flops = forwardFlopsPerToken(shape) * double(encoded.tokens);
                json line = common;
                line["mode"] = "inference";
                line["threads"] = threads;
                line["batch"] = chunk;
                line["posts_per_second"] = std::round(median(wall));
                line["posts_per_cpu_second"] = std::round(median(cpu));
                line["gflops_per_cpu_second"] =
                        std::round(flops * median(cpu) / double(encoded.ids.size()) / 1e8) / 10;
                std::printf("%s\n", line.dump().c_str());
                std::fflush(stdout);
            }
        }
        EncodedSet trainSet;
        for (std::size_t i = 0; i < 640; ++i) {
            trainSet.ids.push_back(encoded.ids[i]);
            trainSet.targets.push_back(encoded.targets[i]);
            trainSet.tokens += static_cast<std::int64_t>(encoded.ids[i].size());
            if (withWide) {
                trainSet.wide.push_back(encoded.wide[i]);
            }
        }
        for (int threads : {1, 2}) {
            config.threads = threads;
            Network<float> trained(shape);
            trained.initialize(1);
            TrainingStep step(config, trainSet, {}, trained, wide.get());
            Random shuffle(3);
            std::int64_t globalStep = 0;
            for (const auto& batch : makeBatches(trainSet, config.batchSize, shuffle)) {
                step.run(batch, globalStep++, 1e-3f);  // warm-up epoch
            }
            std::vector<double> wall, cpu;
            for (int r = 0; r < repeats; ++r) {
                const auto batches = makeBatches(trainSet, config.batchSize, shuffle);
                Timer t;
                for (const auto& batch : batches) {
                    step.run(batch, globalStep++, 1e-3f);
                }
                wall.push_back(double(trainSet.ids.size()) / t.wallSeconds());
                cpu.push_back(double(trainSet.ids.size()) / t.cpuElapsed());
            }
            // Backward is about twice the forward's GEMM work.
            const double flops = 3.0 * forwardFlopsPerToken(shape) * double(trainSet.tokens);
            json line = common;
            line["mode"] = "training";
            line["threads"] = threads;
            line["batch"] = config.batchSize;
            line["posts_per_second"] = std::round(median(wall));
            line["posts_per_cpu_second"] = std::round(median(cpu));
            line["epoch_seconds_tweeteval_offensive"] =
                    std::round(11916.0 / median(wall) * 10) / 10;
            line["gflops_per_cpu_second"] =
                    std::round(flops * median(cpu) / double(trainSet.ids.size()) / 1e8) / 10;
            std::printf("%s\n", line.dump().c_str());
            std::fflush(stdout);
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_model_speed: " << e.what() << "\n";
        return 1;
    }
}
