// `sentinela explain MODEL TEXT...`: which words drove the decision. A word is what a reader sees
// as one (nlp/reader_words.h: "don't", "#ForaTemer", "@ana", a URL, an emoji), and its effect is
// the score minus the score of the text without it. Prints the text with each word shaded by its
// effect (colour only when stdout is a terminal), then the words in text order with their effects,
// the strongest `--top` marked; `--json` gives the words with their spans.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addExplainCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
