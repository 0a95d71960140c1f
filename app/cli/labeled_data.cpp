#include "app/cli/labeled_data.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <vector>

#include "app/cli/command.h"
#include "app/cli/shard.h"
#include "storage/workspace.h"

namespace sentinela::cli {

void requireReadableFile(const std::filesystem::path& file, const std::string& what) {
    std::error_code error;
    if (!std::filesystem::exists(file, error)) {
        throw CommandError(ExitCode::kBadInput,
                           what + " '" + file.string() + "' does not exist. Check the path.");
    }
    if (std::filesystem::is_directory(file, error)) {
        throw CommandError(ExitCode::kBadInput,
                           what + " '" + file.string() + "' is a directory, not a file.");
    }
    if (!std::ifstream(file)) {
        throw CommandError(ExitCode::kBadInput,
                           what + " '" + file.string() + "' cannot be read (permissions?).");
    }
}

model::LabeledTexts labeledFromWorkspace(const std::filesystem::path& workspace,
                                         const std::string& task) {
    requireReadableFile(workspace, "workspace");
    storage::WorkspaceOptions openOptions;
    openOptions.installPresets = false;
    openOptions.readOnly = true;
    storage::Workspace store(workspace, openOptions);
    const auto schema = store.task(task);
    if (!schema) {
        std::string names;
        for (const auto& known : store.tasks()) {
            names += (names.empty() ? "" : ", ") + known.name;
        }
        throw CommandError(ExitCode::kBadInput, "workspace '" + workspace.string() +
                                                        "' has no task '" + task +
                                                        "'. Its tasks: " + names + ".");
    }
    storage::PostFilter filter;
    filter.task = task;
    for (const auto& label : schema->labels) {
        filter.labels.push_back(label.name);
    }
    model::LabeledTexts labeled;
    storage::PageRequest page;
    page.sort = storage::SortKey::kId;
    page.limit = 5000;
    for (;;) {
        const auto rows = store.findPosts(filter, page);
        for (const auto& row : rows) {
            if (row.labels.empty()) {
                continue;
            }
            if (schema->multiLabel) {
                labeled.add(row.text, row.labels);
            } else {
                labeled.add(row.text, row.labels.front());
            }
        }
        if (rows.size() < static_cast<std::size_t>(page.limit)) {
            break;
        }
        page.afterId = rows.back().id;
    }
    if (labeled.size() == 0) {
        throw CommandError(ExitCode::kBadInput,
                           "task '" + task + "' has no labeled posts in '" + workspace.string() +
                                   "'. Label some first: sentinela label " + workspace.string() +
                                   " --from labels.csv --task " + task);
    }
    return labeled;
}

namespace {

// Identical texts hash alike: moves the cut `count` (the first `count` keys go to validation) out
// of a run of equal keys, forwards, unless that takes every post, then backwards. Only a label
// whose posts all share one text ends with nothing in validation.
std::size_t keepIdenticalTextsTogether(
        const std::vector<std::pair<std::uint64_t, std::size_t>>& keyed, std::size_t count) {
    auto inRun = [&](std::size_t cut) {
        return cut > 0 && cut < keyed.size() && keyed[cut].first == keyed[cut - 1].first;
    };
    std::size_t forward = count;
    while (inRun(forward)) {
        ++forward;
    }
    if (forward < keyed.size() || keyed.size() < 2) {
        return forward;
    }
    std::size_t backward = count;
    while (inRun(backward)) {
        --backward;
    }
    return backward;
}

}  // namespace

std::pair<model::LabeledTexts, model::LabeledTexts> splitTrainVal(const model::LabeledTexts& all,
                                                                  double valFraction,
                                                                  const std::string& seed) {
    // Group by the first label (multi-label posts by their first label; unlabeled ones together).
    std::map<std::string, std::vector<std::size_t>> byLabel;
    for (std::size_t i = 0; i < all.size(); ++i) {
        byLabel[all.labels[i].empty() ? std::string() : all.labels[i].front()].push_back(i);
    }
    std::vector<bool> isVal(all.size(), false);
    for (auto& [label, indices] : byLabel) {
        std::vector<std::pair<std::uint64_t, std::size_t>> keyed;
        for (const auto i : indices) {
            keyed.emplace_back(stableHash(seed + '\0' + all.texts[i]), i);
        }
        std::sort(keyed.begin(), keyed.end());
        auto count =
                static_cast<std::size_t>(static_cast<double>(keyed.size()) * valFraction + 0.5);
        // A label with two or more posts has at least one on each side: training needs it, and
        // a validation split without it makes the epoch selection's macro-F1 meaningless.
        if (count == 0 && keyed.size() >= 2 && valFraction > 0) {
            count = 1;
        }
        if (keyed.size() >= 2 && count >= keyed.size()) {
            count = keyed.size() - 1;
        }
        count = keepIdenticalTextsTogether(keyed, count);
        for (std::size_t k = 0; k < count && k < keyed.size(); ++k) {
            isVal[keyed[k].second] = true;
        }
    }
    model::LabeledTexts train, val;
    for (std::size_t i = 0; i < all.size(); ++i) {
        (isVal[i] ? val : train).add(all.texts[i], all.labels[i]);
    }
    return {std::move(train), std::move(val)};
}

}  // namespace sentinela::cli
