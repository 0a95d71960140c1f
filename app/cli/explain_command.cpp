#include "app/cli/explain_command.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>

#include "app/cli/json_output.h"
#include "app/cli/labeled_data.h"
#include "app/cli/model_scoring.h"
#include "app/cli/terminal.h"
#include "model/classifier.h"

namespace sentinela::cli {
namespace {

struct ExplainOptions {
    std::filesystem::path model;
    std::string text, label;
    int top = 8;
    bool json = false;
};

// The original text with each token's span shaded by its attribution, scaled so the strongest
// token gets the strongest shade. Bytes between tokens (spaces, dropped characters) stay plain.
std::string highlightedText(const std::string& text, const model::Explanation& explanation) {
    float strongest = 0.0f;
    for (const auto& token : explanation.tokens) {
        strongest = std::max(strongest, std::abs(token.attribution));
    }
    std::string out;
    std::int32_t position = 0;
    const auto size = static_cast<std::int32_t>(text.size());
    for (const auto& token : explanation.tokens) {
        const auto begin = std::clamp(token.byteBegin, position, size);
        const auto end = std::clamp(token.byteEnd, begin, size);
        out += text.substr(position, begin - position);
        const double weight = strongest > 0 ? token.attribution / strongest : 0.0;
        out += highlight(std::string_view(text).substr(begin, end - begin), weight, true);
        position = end;
    }
    out += text.substr(position);
    return out;
}

ExitCode runExplain(const ExplainOptions& options) {
    requireReadableFile(options.model, "model file");
    const auto classifier = model::Classifier::load(options.model);
    std::optional<int> label;
    if (!options.label.empty()) {
        label = labelIndices(classifier, {options.label}).front();
    }
    const auto explanation = classifier.explain(options.text, label);
    const auto& labels = classifier.labels();
    const std::string explained = labels[explanation.label];

    auto ranked = explanation.tokens;
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) {
        return std::abs(a.attribution) > std::abs(b.attribution);
    });
    if (ranked.size() > static_cast<std::size_t>(options.top)) {
        ranked.resize(options.top);
    }
    if (options.json) {
        nlohmann::json out{{"text", options.text}, {"label", explained}};
        for (std::size_t i = 0; i < labels.size(); ++i) {
            out["scores"][labels[i]] = explanation.scores[i];
        }
        out["tokens"] = nlohmann::json::array();
        for (const auto& token : explanation.tokens) {
            out["tokens"].push_back({{"piece", token.piece},
                                     {"text", options.text.substr(token.byteBegin,
                                                                  token.byteEnd - token.byteBegin)},
                                     {"byte_begin", token.byteBegin},
                                     {"byte_end", token.byteEnd},
                                     {"attribution", token.attribution}});
        }
        printJson(out);
        return ExitCode::kOk;
    }
    const bool colour = stdoutWantsColour();
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", explanation.scores[explanation.label]);
    std::cout << bold(explained, colour) << " " << score << "\n\n"
              << (colour ? highlightedText(options.text, explanation) : options.text) << "\n\n"
              << "tokens that moved the '" << explained
              << "' score most (score minus score without the token):\n";
    for (const auto& token : ranked) {
        char line[64];
        std::snprintf(line, sizeof line, "  %+.3f  ", token.attribution);
        const auto original = options.text.substr(token.byteBegin, token.byteEnd - token.byteBegin);
        std::cout << line << highlight(original, token.attribution > 0 ? 1.0 : -1.0, colour)
                  << dim("  (" + token.piece + ")", colour) << "\n";
    }
    return ExitCode::kOk;
}

}  // namespace

void addExplainCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ExplainOptions>();
    auto* cmd = app.add_subcommand(
            "explain",
            "Show which tokens drove a model's decision on a text (red: towards the label, "
            "blue: against it; colours only on a terminal).\n"
            "  sentinela explain offensive.model \"cala a boca seu idiota\"");
    cmd->add_option("model", options->model, "Model file")->required();
    cmd->add_option("text", options->text, "Text to explain")->required();
    cmd->add_option("--label", options->label, "Label to explain (default: the top label)");
    cmd->add_option("--top", options->top, "How many tokens to list")
            ->capture_default_str()
            ->check(CLI::PositiveNumber);
    cmd->add_flag("--json", options->json, "Print the explanation as JSON");
    commands.add(cmd, [options] { return runExplain(*options); });
}

}  // namespace sentinela::cli
