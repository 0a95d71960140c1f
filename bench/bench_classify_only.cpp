// Inference-only throughput of a model file: texts already in memory, scored with
// Classifier::predictBatch on every core (tokenizing + network, no parsing, no writing). The
// denominator of `scan`'s end-to-end efficiency in bench/bench_scan.sh.
//   bench_classify_only MODEL TEXTS.txt [THREADS]   (one text per line)
// Prints one JSON object: posts, seconds, posts_per_second.
#include <algorithm>
#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "model/classifier.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: bench_classify_only MODEL TEXTS.txt [THREADS]\n";
        return 2;
    }
    const auto classifier = sentinela::model::Classifier::load(argv[1]);
    std::vector<std::string> texts;
    std::ifstream in(argv[2]);
    for (std::string line; std::getline(in, line);) {
        texts.push_back(std::move(line));
    }
    const int threads =
            argc > 3 ? std::stoi(argv[3])
                     : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    // Chunks like the scan's batches, so both measure the same per-call overheads.
    constexpr std::size_t kChunk = 4096;
    const auto start = std::chrono::steady_clock::now();
    double checksum = 0;
    for (std::size_t begin = 0; begin < texts.size(); begin += kChunk) {
        const std::size_t end = std::min(texts.size(), begin + kChunk);
        const auto scores = classifier.predictBatch(
                std::span<const std::string>(texts.data() + begin, end - begin), threads);
        checksum += scores.back().back();
    }
    const double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::cout << "{\"posts\": " << texts.size() << ", \"threads\": " << threads
              << ", \"seconds\": " << seconds
              << ", \"posts_per_second\": " << static_cast<double>(texts.size()) / seconds
              << ", \"checksum\": " << checksum << "}\n";
    return 0;
}
