// `sentinela tokenize [--tokenizer FILE] [--json] [TEXT...]`: shows what the model sees for each
// text (or each line of stdin when no TEXT is given): the normalized text, then every token with
// its id, its piece and the bytes of the ORIGINAL text it came from. FILE is a tokenizer
// (Tokenizer::toBytes) or a model file; without one, the tokens are the normalized words.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addTokenizeCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
