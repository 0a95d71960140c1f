#include "app/cli/predict_command.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <nlohmann/json.hpp>
#include <thread>

#include "app/cli/interrupt.h"
#include "app/cli/labeled_data.h"
#include "app/cli/terminal.h"
#include "model/classifier.h"

namespace sentinela::cli {
namespace {

struct PredictOptions {
    std::filesystem::path model;
    std::vector<std::string> texts;
    bool json = false;
};

void printPrediction(const model::Classifier& classifier,
                     const std::string& text,
                     const std::vector<float>& scores,
                     bool json) {
    const auto& labels = classifier.labels();
    const auto decided = classifier.decide(scores);
    if (json) {
        nlohmann::json out{{"text", text}, {"labels", nlohmann::json::array()}};
        for (const int index : decided) {
            out["labels"].push_back(labels[index]);
        }
        for (std::size_t i = 0; i < labels.size(); ++i) {
            out["scores"][labels[i]] = scores[i];
        }
        std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        return;
    }
    const bool colour = stdoutWantsColour();
    std::string decidedNames;
    for (const int index : decided) {
        decidedNames += (decidedNames.empty() ? "" : "+") + labels[index];
    }
    std::string scoreText;
    for (std::size_t i = 0; i < labels.size(); ++i) {
        char score[64];
        std::snprintf(score, sizeof score, "%s %.3f", labels[i].c_str(), scores[i]);
        scoreText += (i == 0 ? "" : "  ") + std::string(score);
    }
    std::cout << bold(decidedNames, colour) << "\t" << dim(scoreText, colour) << "\t"
              << oneLine(text, 100) << "\n";
}

ExitCode runPredict(const PredictOptions& options) {
    requireReadableFile(options.model, "model file");
    const auto classifier = model::Classifier::load(options.model);
    std::vector<std::string> texts;
    for (const auto& text : options.texts) {
        if (text == "-") {
            for (std::string line; std::getline(std::cin, line) && !interrupted();) {
                texts.push_back(line);
            }
        } else {
            texts.push_back(text);
        }
    }
    throwIfInterrupted();
    const auto scores = classifier.predictBatch(
            std::span<const std::string>(texts),
            static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
    for (std::size_t i = 0; i < texts.size(); ++i) {
        printPrediction(classifier, texts[i], scores[i], options.json);
    }
    return ExitCode::kOk;
}

}  // namespace

void addPredictCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<PredictOptions>();
    auto* cmd = app.add_subcommand(
            "predict",
            "Classify texts: the decided label and every label's score, one line per text "
            "(tab-separated; --json: one JSON object per line).\n"
            "  sentinela predict offensive.model \"que jogo lindo\" \"cala a boca\"\n"
            "  cut -f2 posts.tsv | sentinela predict offensive.model - --json");
    cmd->add_option("model", options->model, "Model file")->required();
    cmd->add_option("text", options->texts, "Texts to classify; - reads one text per stdin line")
            ->required();
    cmd->add_flag("--json", options->json, "One JSON object per text");
    commands.add(cmd, [options] { return runPredict(*options); });
}

}  // namespace sentinela::cli
