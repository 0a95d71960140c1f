// `sentinela pretrain INPUT... --out base.encoder [--from ENCODER] [--resume] [--config FILE]
// [--epochs X] [--minutes M]`: pretrains an encoder as a language model on the posts of any
// importable exports, JSON Lines files or workspaces (several at once); `sentinela train
// --encoder` then starts from it. Ctrl-C writes a checkpoint (OUT.checkpoint) that --resume
// continues.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli/command.h"

namespace sentinela::cli {

void addPretrainCommand(CLI::App& app, CommandTable& commands);

}  // namespace sentinela::cli
