// Trains the DEFAULT TrainConfig (what `sentinela train` uses with no flags) on one dataset
// folder holding train.jsonl / val.jsonl / test.jsonl, and prints per-epoch validation numbers,
// then the test metrics of the selected epoch, once. Results: docs/benchmarks.md.
//   bench_model_accuracy /work/shared/data/tweeteval-offensive [--set key=value ...]
//       [--train FILE] [--val FILE] [--test FILE]
// --set overrides one TrainConfig field for tuning (JSON value), e.g. --set epochs=8,
// --set network.pooling="attention", --set wide.enabled=true; the task name is the folder name.
// --train/--val/--test replace one split's file (the few-labels draws of bench/draw_labels.py
// have train and val only: test stays the dataset's full test split).
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

#include "model/classifier.h"
#include "model/labeled_texts.h"
#include "model/metrics.h"
#include "model/trainer.h"

namespace {

using namespace sentinela::model;
using nlohmann::json;

void setField(json& config, const std::string& assignment) {
    const auto eq = assignment.find('=');
    if (eq == std::string::npos) {
        throw std::invalid_argument("--set expects key=value, got " + assignment);
    }
    json* node = &config;
    std::string path = assignment.substr(0, eq);
    for (auto dot = path.find('.'); dot != std::string::npos; dot = path.find('.')) {
        node = &(*node)[path.substr(0, dot)];
        path = path.substr(dot + 1);
    }
    (*node)[path] = json::parse(assignment.substr(eq + 1));
}

std::vector<std::int32_t> goldIndices(const LabeledTexts& set,
                                      const std::vector<std::string>& labels) {
    std::vector<std::int32_t> gold;
    for (const auto& l : set.labels) {
        const auto it = std::find(labels.begin(), labels.end(), l.at(0));
        gold.push_back(static_cast<std::int32_t>(it - labels.begin()));
    }
    return gold;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_model_accuracy DATASET_DIR [--set key=value ...]\n";
        return 2;
    }
    try {
        const std::filesystem::path dir = argv[1];
        json overrides = toJson(TrainConfig{});
        overrides["task"] = dir.filename().string();
        std::filesystem::path trainFile = dir / "train.jsonl", valFile = dir / "val.jsonl",
                              testFile = dir / "test.jsonl";
        for (int i = 2; i + 1 < argc; i += 2) {
            const std::string flag = argv[i];
            if (flag == "--set") {
                setField(overrides, argv[i + 1]);
            } else if (flag == "--train") {
                trainFile = argv[i + 1];
            } else if (flag == "--val") {
                valFile = argv[i + 1];
            } else if (flag == "--test") {
                testFile = argv[i + 1];
            } else {
                throw std::invalid_argument("unknown option " + flag +
                                            "; use --set, --train, --val or --test");
            }
        }
        const TrainConfig config = trainConfigFromJson(overrides);
        const auto trainSet = readLabeledJsonl(trainFile);
        const auto val = readLabeledJsonl(valFile);
        const auto test = readLabeledJsonl(testFile);
        std::printf("files: train %s, val %s, test %s\n", trainFile.c_str(), valFile.c_str(),
                    testFile.c_str());
        std::printf("dataset %s: train %zu, val %zu, test %zu; threads %d\n",
                    dir.filename().c_str(), trainSet.size(), val.size(), test.size(),
                    config.threads);
        TrainCallbacks callbacks;
        callbacks.onStage = [](const std::string& s) { std::printf("stage: %s\n", s.c_str()); };
        callbacks.onEpoch = [](const EpochReport& r) {
            std::printf(
                    "epoch %2d  train loss %.4f  val loss %.4f  val %s %.4f  macro-F1 %.4f  "
                    "macro-R %.4f  acc %.4f  %s  %.1f s + %.1f s\n",
                    r.epoch, r.trainLoss, r.valLoss, r.selectedMetricName.c_str(), r.selectedMetric,
                    r.valMetrics.macroF1, r.valMetrics.macroRecall, r.valMetrics.accuracy,
                    r.improved ? "*" : " ", r.epochSeconds, r.validationSeconds);
            std::fflush(stdout);
        };
        const auto start = std::chrono::steady_clock::now();
        const Classifier classifier = sentinela::model::train(config, trainSet, val, {}, callbacks);
        const double seconds =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        const auto scores = classifier.predictBatch(std::span<const std::string>(test.texts), 2);
        std::vector<float> flat;
        for (const auto& s : scores) {
            flat.insert(flat.end(), s.begin(), s.end());
        }
        const Metrics m =
                computeMetrics(classifier.labels(), goldIndices(test, classifier.labels()), flat);
        std::printf("selected epoch %d of %d (val %s %.4f); training %.1f s; vocabulary %d\n",
                    classifier.metadata().bestEpoch, classifier.metadata().epochsRun,
                    classifier.metadata().selectedMetricName.c_str(),
                    classifier.metadata().selectedMetric, seconds,
                    classifier.tokenizer().vocabularySize());
        std::printf("TEST %s: macro-F1 %.2f  macro-recall %.2f  accuracy %.2f\n",
                    dir.filename().c_str(), 100 * m.macroF1, 100 * m.macroRecall, 100 * m.accuracy);
        for (std::size_t c = 0; c < m.perClass.size(); ++c) {
            std::printf("  %-14s P %.3f R %.3f F1 %.3f  support %lld\n",
                        m.perClass[c].label.c_str(), m.perClass[c].precision, m.perClass[c].recall,
                        m.perClass[c].f1, static_cast<long long>(m.perClass[c].support));
        }
        return 0;
    } catch (const std::exception& e) {
        std::cerr << "bench_model_accuracy: " << e.what() << "\n";
        return 1;
    }
}
