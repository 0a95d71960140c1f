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
    std::vector<std::string> words;  // the text, possibly unquoted: joined with spaces
    std::string label;
    int top = 3;
    bool json = false;
};

// Shades and marks follow the log-odds: they rank the words as the probability does, and their
// sizes stay apart when the score is saturated (0.9999 and no word moves it by 0.001).
float strongestEffect(const model::Explanation& explanation) {
    float strongest = 0.0f;
    for (const auto& word : explanation.words) {
        strongest = std::max(strongest, std::abs(word.logOdds));
    }
    return strongest;
}

// Whether each word is among the `top` of largest |effect| in log-odds (ties: the earlier word).
std::vector<bool> topWords(const model::Explanation& explanation, int top) {
    std::vector<std::size_t> order(explanation.words.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return std::abs(explanation.words[a].logOdds) > std::abs(explanation.words[b].logOdds);
    });
    std::vector<bool> marked(order.size(), false);
    for (std::size_t i = 0; i < order.size() && i < static_cast<std::size_t>(top); ++i) {
        marked[order[i]] = true;
    }
    return marked;
}

// The original text with each word shaded by its effect, scaled so the strongest word gets the
// strongest shade. Bytes between words (spaces, punctuation) stay plain.
std::string highlightedText(const std::string& text, const model::Explanation& explanation) {
    const float strongest = strongestEffect(explanation);
    std::string out;
    std::size_t position = 0;
    for (const auto& word : explanation.words) {
        const auto begin = static_cast<std::size_t>(word.byteBegin);
        out += text.substr(position, begin - position);
        const double weight = strongest > 0 ? word.logOdds / strongest : 0.0;
        out += highlight(word.text, weight, true);
        position = static_cast<std::size_t>(word.byteEnd);
    }
    out += text.substr(position);
    return out;
}

void printWordsJson(const std::string& text,
                    const model::Classifier& classifier,
                    const model::Explanation& explanation,
                    const std::vector<bool>& top) {
    const auto& labels = classifier.labels();
    nlohmann::json out{{"text", text}, {"label", labels[explanation.label]}};
    for (std::size_t i = 0; i < labels.size(); ++i) {
        out["scores"][labels[i]] = explanation.scores[i];
    }
    out["words"] = nlohmann::json::array();
    for (std::size_t i = 0; i < explanation.words.size(); ++i) {
        const auto& word = explanation.words[i];
        out["words"].push_back({{"text", word.text},
                                {"kind", nlp::wordKindName(word.kind)},
                                {"byte_begin", word.byteBegin},
                                {"byte_end", word.byteEnd},
                                {"utf16_begin", word.utf16Begin},
                                {"utf16_end", word.utf16End},
                                {"attribution", word.attribution},
                                {"log_odds", word.logOdds},
                                {"top", static_cast<bool>(top[i])}});
    }
    out["words_not_explained"] = explanation.wordsNotExplained;
    printJson(out);
}

void printWordsText(const std::string& text,
                    const std::string& label,
                    const model::Explanation& explanation,
                    const std::vector<bool>& top) {
    const bool colour = stdoutWantsColour();
    char score[32];
    std::snprintf(score, sizeof score, "%.3f", explanation.scores[explanation.label]);
    std::cout << bold(label, colour) << " " << score << "\n\n"
              << (colour ? highlightedText(text, explanation) : text) << "\n\n"
              << "effect of each word on the '" << label << "' score (* = the "
              << std::count(top.begin(), top.end(), true) << " strongest):\n"
              << dim("  score minus score without the word, and the same in log-odds (readable "
                     "when the score is near 0 or 1)",
                     colour)
              << "\n";
    for (std::size_t i = 0; i < explanation.words.size(); ++i) {
        const auto& word = explanation.words[i];
        char effect[48];
        std::snprintf(effect, sizeof effect, "%+.3f  %+6.2f", word.attribution, word.logOdds);
        const auto shown = oneLine(word.text, 40);
        std::cout << (top[i] ? "* " : "  ") << effect << "  "
                  << highlight(shown, top[i] ? (word.logOdds > 0 ? 1.0 : -1.0) : 0.0,
                               colour && top[i])
                  << "\n";
    }
    if (explanation.wordsNotExplained > 0) {
        std::cout << dim("(" + std::to_string(explanation.wordsNotExplained) +
                                 " words not explained: past the model's token limit or the "
                                 "limit of words per explanation)",
                         colour)
                  << "\n";
    }
}

ExitCode runExplain(const ExplainOptions& options) {
    requireReadableFile(options.model, "model file");
    const auto classifier = model::Classifier::load(options.model);
    std::optional<int> label;
    if (!options.label.empty()) {
        label = labelIndices(classifier, {options.label}).front();
    }
    std::string text;
    for (const auto& part : options.words) {
        text += (text.empty() ? "" : " ") + part;
    }
    const auto explanation = classifier.explain(text, label);
    const auto top = topWords(explanation, options.top);
    if (options.json) {
        printWordsJson(text, classifier, explanation, top);
    } else {
        printWordsText(text, classifier.labels()[explanation.label], explanation, top);
    }
    return ExitCode::kOk;
}

}  // namespace

void addExplainCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<ExplainOptions>();
    auto* cmd = app.add_subcommand(
            "explain",
            "Show which words drove a model's decision on a text: each word's effect is the score "
            "minus the score of the text without it (red: towards the label, blue: against it; "
            "colours only on a terminal).\n"
            "  sentinela explain offensive.model \"cala a boca seu idiota\"");
    cmd->add_option("model", options->model, "Model file")->required();
    cmd->add_option("text", options->words,
                    "Text to explain (several arguments are joined with spaces)")
            ->required();
    cmd->add_option("--label", options->label, "Label to explain (default: the top label)");
    cmd->add_option("--top", options->top, "How many of the strongest words to mark")
            ->capture_default_str()
            ->check(CLI::NonNegativeNumber);
    cmd->add_flag("--json", options->json, "Print the explanation as JSON (words and spans)");
    commands.add(cmd, [options] { return runExplain(*options); });
}

}  // namespace sentinela::cli
