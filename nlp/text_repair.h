// Repairs of broken post text as found in real exports. Pure functions: thread-safe.
//
// - toValidUtf8: invalid UTF-8 (truncated exports, binary junk, Latin-1 files read as UTF-8)
//   becomes U+FFFD, one per "maximal subpart" as Unicode recommends (ICU, Python and browsers
//   do the same), and the replacements are counted; nothing is dropped and nothing throws.
// - repairMojibake: UTF-8 that was decoded as Latin-1 or Windows-1252 somewhere on the way and
//   re-encoded ("nÃ£o" for "não", "â€œ" for a curly quote, "ðŸ˜‚" for an emoji), as Facebook
//   and Instagram JSON exports contain. Only sequences that decode to valid UTF-8 are fixed, so
//   correct text, Portuguese or English, is left unchanged; double mojibake is undone too.
// - decodeHtmlEntities: "&amp;" "&gt;" "&quot;" "&#39;" "&#x1F600;" "&atilde;"... as Reddit and
//   X dumps contain. Entities need their ';'; unknown ones are kept as written. Numeric
//   references to NUL, surrogates or beyond U+10FFFF become U+FFFD, 128-159 follow HTML5
//   (Windows-1252).
// - repairText: the three in the order the normalizer uses: UTF-8, mojibake, entities.
#pragma once

#include <string>
#include <string_view>

namespace sentinela::nlp {

std::string toValidUtf8(std::string_view bytes, int* replacedCount = nullptr);
std::string repairMojibake(std::string_view utf8);
std::string decodeHtmlEntities(std::string_view utf8);
std::string repairText(std::string_view bytes, int* replacedCount = nullptr);

}  // namespace sentinela::nlp
