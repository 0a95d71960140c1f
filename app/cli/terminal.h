// Small facts about the terminal, for colour and layout decisions. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sentinela::cli {

// True when standard output is a terminal and NO_COLOR (https://no-color.org) is unset.
bool stdoutWantsColour();

// ANSI styles; each returns the text wrapped in the escape sequences, or unchanged when !colour.
std::string bold(std::string_view text, bool colour);
std::string dim(std::string_view text, bool colour);
// A background shade for a token's weight in [-1, 1]: red for pushing towards the predicted
// label, blue against it, stronger for larger |weight| (256-colour palette).
std::string highlight(std::string_view text, double weight, bool colour);

// Makes a one-line excerpt of a post for tables: newlines and tabs become spaces, and texts
// longer than `maxChars` code points end in "…".
std::string oneLine(std::string_view text, std::size_t maxChars);

}  // namespace sentinela::cli
