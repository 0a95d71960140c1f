#include "app/cli/terminal.h"

#include <cmath>
#include <cstdlib>
#include <unistd.h>

namespace sentinela::cli {

bool stdoutWantsColour() {
    return isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
}

std::string bold(std::string_view text, bool colour) {
    return colour ? "\033[1m" + std::string(text) + "\033[0m" : std::string(text);
}

std::string dim(std::string_view text, bool colour) {
    return colour ? "\033[2m" + std::string(text) + "\033[0m" : std::string(text);
}

std::string highlight(std::string_view text, double weight, bool colour) {
    if (!colour || std::abs(weight) < 0.1) {
        return std::string(text);
    }
    // Shades from the 256-colour palette, weakest to strongest.
    static const int kTowards[] = {224, 217, 210, 203, 196};
    static const int kAgainst[] = {189, 153, 117, 75, 33};
    const int level = std::min(4, static_cast<int>(std::abs(weight) * 5));
    const int shade = weight > 0 ? kTowards[level] : kAgainst[level];
    return "\033[30;48;5;" + std::to_string(shade) + "m" + std::string(text) + "\033[0m";
}

std::string oneLine(std::string_view text, std::size_t maxChars) {
    std::string line;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto byte = static_cast<unsigned char>(text[i]);
        const bool startsCodePoint = (byte & 0xC0) != 0x80;
        if (startsCodePoint && ++chars > maxChars) {
            line += "…";
            break;
        }
        line += (text[i] == '\n' || text[i] == '\r' || text[i] == '\t') ? ' ' : text[i];
    }
    return line;
}

}  // namespace sentinela::cli
