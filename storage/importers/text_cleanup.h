// Makes post text from an export valid, readable UTF-8 before it is stored: bytes that are not
// UTF-8 are read as Windows-1252 (old pt-BR spreadsheets), mojibake is repaired, and Meta's
// "each UTF-8 byte as \u00XX" JSON encoding is undone exactly. Counts repairs in the report.
// Internal. Thread-safety: pure functions (the report is the caller's).
#pragma once

#include <string>
#include <string_view>

#include "storage/import_report.h"

namespace sentinela::storage::importers {

// Each byte as its Windows-1252 character (undefined bytes 0x81, 0x8d... as U+FFFD).
std::string decodeWindows1252(std::string_view bytes);
// Facebook/Instagram exports: a string whose code points are all below U+0100 and whose code
// points, read back as bytes, form valid UTF-8 is re-encoded that way ("nÃ£o" -> "não",
// "ð\u009f\u0098\u0082" -> 😂). Any other string is returned unchanged.
std::string undoLatin1Escapes(std::string_view utf8);

// True if `utf8` holds a sequence that UTF-8-read-as-Latin-1/Windows-1252 produces: a character
// U+00C2..U+00F4 (a lead byte) followed by one that stands for a continuation byte. Correct
// Portuguese ("ação": U+00E7 U+00E3) never matches, so the costly repair runs only where needed.
bool mayBeMojibake(std::string_view utf8);
// nlp::decodeHtmlEntities, skipped when there is no '&' (most posts).
std::string decodeEntities(std::string_view utf8);

// Invalid UTF-8 -> Windows-1252; with `repairMojibake`, nlp::repairMojibake. Counts a change in
// report.textRepaired.
std::string cleanText(std::string_view text, bool repairMojibake, ImportReport& report);

}  // namespace sentinela::storage::importers
