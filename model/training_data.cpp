#include "model/training_data.h"

#include <algorithm>
#include <atomic>
#include <map>
#include <numeric>
#include <set>
#include <thread>

#include "model/classifier_impl.h"

namespace sentinela::model {

int resolveThreads(int threads) {
    if (threads > 0) {
        return threads;
    }
    return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

std::vector<std::string> resolveLabels(const TrainConfig& config, const LabeledTexts& train) {
    std::vector<std::string> labels = config.labels;
    if (labels.empty()) {
        std::set<std::string> seen;
        for (const auto& set : train.labels) {
            seen.insert(set.begin(), set.end());
        }
        labels.assign(seen.begin(), seen.end());
    }
    if (labels.size() > kMaxLabels) {
        throw TrainError("the training set has " + std::to_string(labels.size()) +
                         " different labels; a classifier takes at most " +
                         std::to_string(kMaxLabels) + ". Merge rare labels");
    }
    const std::size_t needed = config.multiLabel ? 1 : 2;
    if (labels.size() < needed) {
        throw TrainError("the training set has " + std::to_string(labels.size()) +
                         " label(s); a classifier needs at least " + std::to_string(needed) +
                         ". Label examples of every class first");
    }
    return labels;
}

std::vector<std::string> absentLabels(const LabeledTexts& texts,
                                      const std::vector<std::string>& labels) {
    std::set<std::string> present;
    for (const auto& set : texts.labels) {
        present.insert(set.begin(), set.end());
    }
    std::vector<std::string> absent;
    for (const auto& label : labels) {
        if (!present.contains(label)) {
            absent.push_back(label);
        }
    }
    return absent;
}

EncodedSet encodeSet(const nlp::Tokenizer& tokenizer,
                     const LabeledTexts& texts,
                     const std::vector<std::string>& labels,
                     const TrainConfig& config,
                     const std::string& splitName) {
    if (texts.labels.size() != texts.texts.size()) {
        throw TrainError(splitName + ": " + std::to_string(texts.texts.size()) + " texts but " +
                         std::to_string(texts.labels.size()) + " label entries");
    }
    std::map<std::string, int> index;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        index[labels[i]] = static_cast<int>(i);
    }
    const std::size_t count = texts.size();
    const int l = static_cast<int>(labels.size());
    EncodedSet set;
    set.ids.resize(count);
    if (config.multiLabel) {
        set.multiTargets.assign(count * l, 0);
    } else {
        set.targets.resize(count);
    }
    for (std::size_t i = 0; i < count; ++i) {
        const auto& names = texts.labels[i];
        if (!config.multiLabel && names.size() != 1) {
            throw TrainError(splitName + " example " + std::to_string(i + 1) + ": has " +
                             std::to_string(names.size()) +
                             " labels; a single-label task needs exactly one");
        }
        for (const auto& name : names) {
            auto it = index.find(name);
            if (it == index.end()) {
                throw TrainError(splitName + " example " + std::to_string(i + 1) + ": label \"" +
                                 name + "\" is not one of the task's labels (from training)");
            }
            if (config.multiLabel) {
                set.multiTargets[i * l + it->second] = 1;
            } else {
                set.targets[i] = it->second;
            }
        }
    }
    if (config.wide.enabled) {
        set.wide.resize(count);
    }
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        for (std::size_t i = next++; i < count; i = next++) {
            if (config.wide.enabled) {
                encodeWithNgrams(tokenizer, texts.texts[i], config.maxTokens, config.wide.ngrams,
                                 set.ids[i], set.wide[i]);
            } else {
                encodeForNetwork(tokenizer, texts.texts[i], config.maxTokens, set.ids[i]);
            }
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (int t = 1; t < resolveThreads(config.threads); ++t) {
            helpers.emplace_back(work);
        }
        work();
    }
    for (const auto& ids : set.ids) {
        set.tokens += static_cast<std::int64_t>(ids.size());
    }
    return set;
}

std::vector<float> classWeights(const TrainConfig& config, const EncodedSet& train, int labels) {
    std::vector<double> counts(labels, 0.0);
    const double n = static_cast<double>(train.ids.size());
    if (config.multiLabel) {
        for (std::size_t i = 0; i < train.ids.size(); ++i) {
            for (int j = 0; j < labels; ++j) {
                counts[j] += train.multiTargets[i * labels + j];
            }
        }
    } else {
        for (const int t : train.targets) {
            counts[t] += 1.0;
        }
    }
    if (config.classWeighting == ClassWeighting::kNone) {
        return {};
    }
    if (config.multiLabel) {
        // Positive weight per label: negatives / positives, capped so that a label with a handful
        // of positives does not dominate the loss.
        std::vector<float> weights(labels, 1.0f);
        for (int j = 0; j < labels; ++j) {
            if (counts[j] > 0) {
                weights[j] = static_cast<float>(std::clamp((n - counts[j]) / counts[j], 1.0, 10.0));
            }
        }
        return weights;
    }
    const double largest = *std::max_element(counts.begin(), counts.end());
    double smallest = largest;
    for (const double c : counts) {
        if (c > 0) {
            smallest = std::min(smallest, c);
        }
    }
    if (config.classWeighting == ClassWeighting::kAuto && largest < 1.5 * smallest) {
        return {};
    }
    std::vector<float> weights(labels, 1.0f);
    for (int j = 0; j < labels; ++j) {
        if (counts[j] > 0) {
            weights[j] = static_cast<float>(n / (labels * counts[j]));
        }
    }
    return weights;
}

std::vector<std::vector<int>> makeBatches(const EncodedSet& set, int batchSize, Random& random) {
    std::vector<int> order(set.ids.size());
    std::iota(order.begin(), order.end(), 0);
    for (std::size_t i = order.size(); i > 1; --i) {
        std::swap(order[i - 1], order[random.below(i)]);
    }
    const std::size_t pool = static_cast<std::size_t>(batchSize) * 50;
    std::vector<std::vector<int>> batches;
    for (std::size_t begin = 0; begin < order.size(); begin += pool) {
        const std::size_t end = std::min(order.size(), begin + pool);
        std::stable_sort(order.begin() + static_cast<std::ptrdiff_t>(begin),
                         order.begin() + static_cast<std::ptrdiff_t>(end),
                         [&](int a, int b) { return set.ids[a].size() < set.ids[b].size(); });
        for (std::size_t b = begin; b < end; b += batchSize) {
            const std::size_t e = std::min(end, b + batchSize);
            batches.emplace_back(order.begin() + static_cast<std::ptrdiff_t>(b),
                                 order.begin() + static_cast<std::ptrdiff_t>(e));
        }
    }
    for (std::size_t i = batches.size(); i > 1; --i) {
        std::swap(batches[i - 1], batches[random.below(i)]);
    }
    return batches;
}

std::string dataHash(const LabeledTexts& texts) {
    std::uint64_t h = 0xcbf29ce484222325ull;
    auto mix = [&h](std::string_view s) {
        for (const unsigned char c : s) {
            h = (h ^ c) * 0x100000001b3ull;
        }
        h = (h ^ 0xff) * 0x100000001b3ull;  // separator, so ("ab","c") != ("a","bc")
    };
    for (std::size_t i = 0; i < texts.size(); ++i) {
        mix(texts.texts[i]);
        for (const auto& label : texts.labels[i]) {
            mix(label);
        }
    }
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    return hex;
}

}  // namespace sentinela::model
