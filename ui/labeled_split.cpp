#include "ui/labeled_split.h"

#include <nlohmann/json.hpp>
#include <sstream>

namespace sentinela::ui {

LabeledSplit readLabeledSplit(storage::Workspace& workspace,
                              const std::string& task,
                              double trainFraction,
                              double valFraction) {
    storage::LabeledExportOptions options;
    options.task = task;
    options.format = storage::ExportFormat::kJsonl;
    options.split = true;
    options.trainFraction = trainFraction;
    options.valFraction = valFraction;
    std::stringstream jsonl;
    workspace.exportLabeled(options, jsonl);

    LabeledSplit split;
    std::string line;
    while (std::getline(jsonl, line)) {
        if (line.empty()) {
            continue;
        }
        const auto record = nlohmann::json::parse(line);
        std::vector<std::string> labels;
        if (record.contains("labels")) {
            labels = record.at("labels").get<std::vector<std::string>>();
        } else {
            labels.push_back(record.at("label").get<std::string>());
        }
        const std::string which = record.value("split", "train");
        model::LabeledTexts& target = which == "val"    ? split.val
                                      : which == "test" ? split.test
                                                        : split.train;
        target.add(record.at("text").get<std::string>(), std::move(labels));
    }
    return split;
}

}  // namespace sentinela::ui
