// Internal: the text repairs of text_repair.h in a form that keeps offsets (see mapped_text.h).
// Each returns false, leaving `out` untouched, when the input needs no change: the common case
// costs one scan and no copy. Thread-safe (pure).
#pragma once

#include <cstdint>
#include <string_view>

#include "nlp/mapped_text.h"

namespace sentinela::nlp {

bool toValidUtf8Mapped(std::string_view bytes, MappedText& out, int* replacedCount);
// One pass over valid UTF-8; call again on the output to undo double mojibake.
bool repairMojibakeMapped(std::string_view utf8, MappedText& out);
bool decodeHtmlEntitiesMapped(std::string_view utf8, MappedText& out);
// Windows-1252 byte for a code point, or -1 (U+0080..U+00FF map to themselves, as in Latin-1).
int windows1252Byte(char32_t cp);
// Code point of a Windows-1252 byte in 0x80..0x9F, or the byte itself (Latin-1 C1 control).
char32_t windows1252CodePoint(unsigned char byte);
// Code point of a named HTML entity ("amp" -> '&'), or 0 when unknown.
char32_t namedEntity(std::string_view name);

// All repairs in order; `out` maps into `bytes`. Returns false when nothing changed.
bool repairTextMapped(std::string_view bytes, MappedText& out, int* replacedCount);

}  // namespace sentinela::nlp
