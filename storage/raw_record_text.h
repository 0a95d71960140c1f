// How a post's original record (Workspace::rawRecord) reads best to a person: a JSON record is
// re-indented, anything else (a CSV row, chat lines, broken JSON) is shown byte for byte.
// Shared by the GUI's "Original record" section and any other viewer; no Qt, so it is tested
// with GoogleTest. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace sentinela::storage {

// A JSON object or array, re-indented with `indent` spaces per level and one member or element
// per line. Only whitespace between tokens changes: keys keep their order, numbers and string
// escapes keep their exact spelling (a parsed-and-dumped document would sort keys and respell
// 1.50 as 1.5, which misstates the export). Returns `raw` unchanged when it is not valid JSON
// (checked with nlohmann::json::accept, which also rejects invalid UTF-8) or is a bare scalar.
std::string indentJsonRecord(std::string_view raw, int indent = 2);

}  // namespace sentinela::storage
