#include "app/cli/model_scoring.h"

#include <algorithm>
#include <string_view>
#include <thread>

#include "app/cli/command.h"

namespace sentinela::cli {
namespace {

constexpr std::size_t kChunkPosts = 2048;  // small enough to notice Ctrl-C quickly

int indexOf(const model::Classifier& classifier, const std::string& label) {
    const auto& labels = classifier.labels();
    const auto it = std::find(labels.begin(), labels.end(), label);
    return it == labels.end() ? -1 : static_cast<int>(it - labels.begin());
}

std::string labelList(const model::Classifier& classifier) {
    std::string list;
    for (const auto& label : classifier.labels()) {
        list += (list.empty() ? "" : ", ") + label;
    }
    return list;
}

int requireLabel(const model::Classifier& classifier, const std::string& label, std::size_t post) {
    const int index = indexOf(classifier, label);
    if (index < 0) {
        throw CommandError(ExitCode::kBadInput,
                           "post " + std::to_string(post + 1) + " has label '" + label +
                                   "', which the model does not know (its labels: " +
                                   labelList(classifier) + "). Is this data for another task?");
    }
    return index;
}

}  // namespace

std::vector<std::uint8_t> ScoredLabeled::goldOf(int label) const {
    std::vector<std::uint8_t> column(posts());
    for (std::size_t i = 0; i < column.size(); ++i) {
        column[i] = multiLabel ? goldSet[i * labelCount + label] : (gold[i] == label ? 1 : 0);
    }
    return column;
}

std::vector<float> ScoredLabeled::scoresOf(int label) const {
    std::vector<float> column(posts());
    for (std::size_t i = 0; i < column.size(); ++i) {
        column[i] = scores[i * labelCount + label];
    }
    return column;
}

ScoredLabeled scoreLabeled(const model::Classifier& classifier,
                           const model::LabeledTexts& labeled,
                           std::stop_token stop) {
    ScoredLabeled scored;
    scored.labelCount = classifier.labels().size();
    scored.multiLabel = classifier.multiLabel();
    for (std::size_t i = 0; i < labeled.size(); ++i) {
        if (scored.multiLabel) {
            std::vector<std::uint8_t> row(scored.labelCount, 0);
            for (const auto& label : labeled.labels[i]) {
                row[requireLabel(classifier, label, i)] = 1;
            }
            scored.goldSet.insert(scored.goldSet.end(), row.begin(), row.end());
        } else {
            if (labeled.labels[i].size() != 1) {
                throw CommandError(ExitCode::kBadInput,
                                   "post " + std::to_string(i + 1) + " has " +
                                           std::to_string(labeled.labels[i].size()) +
                                           " labels; this model expects exactly one");
            }
            scored.gold.push_back(requireLabel(classifier, labeled.labels[i].front(), i));
        }
    }
    const int threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
    scored.scores.reserve(labeled.size() * scored.labelCount);
    for (std::size_t begin = 0; begin < labeled.size() && !stop.stop_requested();
         begin += kChunkPosts) {
        const std::size_t end = std::min(labeled.size(), begin + kChunkPosts);
        const std::span<const std::string> chunk(labeled.texts.data() + begin, end - begin);
        for (const auto& row : classifier.predictBatch(chunk, threads)) {
            scored.scores.insert(scored.scores.end(), row.begin(), row.end());
        }
    }
    return scored;
}

model::Metrics computeScoredMetrics(const model::Classifier& classifier,
                                    const ScoredLabeled& scored,
                                    std::optional<float> binaryThreshold) {
    if (scored.multiLabel) {
        return model::computeMultiLabelMetrics(classifier.labels(), scored.goldSet, scored.scores,
                                               classifier.thresholds());
    }
    model::MetricsOptions options;
    if (classifier.labels().size() == 2) {
        options.binaryThreshold = binaryThreshold ? *binaryThreshold : classifier.thresholds()[1];
    }
    return model::computeMetrics(classifier.labels(), scored.gold, scored.scores, options);
}

std::vector<int> defaultFlagLabels(const model::Classifier& classifier) {
    const auto& labels = classifier.labels();
    if (classifier.multiLabel()) {
        std::vector<int> all(labels.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            all[i] = static_cast<int>(i);
        }
        return all;
    }
    if (labels.size() == 2) {
        return {1};
    }
    static constexpr std::string_view kBenign[] = {"neutral", "none", "other", "positive",
                                                   "clean",   "safe", "ok",    "normal"};
    std::vector<int> flagged;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        const std::string_view name = labels[i];
        const bool benign =
                name.starts_with("not-") || name.starts_with("non-") ||
                std::find(std::begin(kBenign), std::end(kBenign), name) != std::end(kBenign);
        if (!benign) {
            flagged.push_back(static_cast<int>(i));
        }
    }
    if (flagged.empty()) {
        for (std::size_t i = 1; i < labels.size(); ++i) {
            flagged.push_back(static_cast<int>(i));
        }
    }
    return flagged;
}

std::vector<int> labelIndices(const model::Classifier& classifier,
                              const std::vector<std::string>& names) {
    std::vector<int> indices;
    for (const auto& name : names) {
        const int index = indexOf(classifier, name);
        if (index < 0) {
            throw CommandError(ExitCode::kUsage, "the model has no label '" + name +
                                                         "' (its labels: " + labelList(classifier) +
                                                         ")");
        }
        indices.push_back(index);
    }
    return indices;
}

}  // namespace sentinela::cli
