// Internal: recognisers for what the normalizer replaces or keeps whole, run over the NFKC code
// points of a post at position `at`. Each returns how many code points the match covers, or 0.
// Pure functions: thread-safe.
#pragma once

#include <cstddef>
#include <span>

#include "nlp/code_points.h"

namespace sentinela::nlp {

using CodePoints = std::span<const CodePoint>;

// "https://...", "http://...", "www.x.y...", and bare "domain.tld/path" ("t.co/abc",
// "bit.ly/x"); up to the next space, without trailing sentence punctuation.
std::size_t matchUrl(CodePoints text, std::size_t at);
// "local@domain.tld" (ASCII, as in practice), without a trailing '.'.
std::size_t matchEmail(CodePoints text, std::size_t at);
// "@name" (letters, digits, '_', inner '.') and the Mastodon form "@name@server.social".
std::size_t matchMention(CodePoints text, std::size_t at);
// "42", "3.14", "1.000,50", "10:30", "12/05/2024": digits joined by . , : / between digits.
std::size_t matchNumber(CodePoints text, std::size_t at);
// One emoji: a pictograph with its variation selector, skin tone and ZWJ-joined parts
// ("👩🏽‍💻"), a flag (two regional indicators, or a tag sequence), or a keycap
// ("1️⃣").
std::size_t matchEmoji(CodePoints text, std::size_t at);

}  // namespace sentinela::nlp
