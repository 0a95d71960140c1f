// Parses one JSON record, leniently where real exports are known to be broken and strict
// elsewhere: when strict parsing fails, it retries after (1) turning invalid UTF-8 into U+FFFD,
// (2) reading "\xNN" escapes (Telegram Desktop writes them; JSON has none) as "\u00NN", and
// (3) escaping raw control characters inside strings. Only if the repaired text still fails is
// the record rejected, with the parser's reason. Internal to storage/.
// Thread-safety: pure function.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace sentinela::storage::readers {

struct LenientParse {
    bool ok = false;
    bool repaired = false;  // parsed only after one of the repairs above
    std::string problem;    // why it failed: "syntax error at line 1, column 17: ..."
};

LenientParse parseJsonLeniently(const std::string& text, nlohmann::json& out);

}  // namespace sentinela::storage::readers
