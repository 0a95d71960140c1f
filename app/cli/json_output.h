// `--json` output: one pretty-printed JSON document on stdout (or stderr when stdout carries
// data, as with `scan --out -`). Not thread-safe (writes to a std::ostream).
#pragma once

#include <iostream>
#include <nlohmann/json.hpp>

namespace sentinela::cli {

inline void printJson(const nlohmann::json& document, std::ostream& out = std::cout) {
    // Invalid UTF-8 in a post must not abort the report: replace it rather than throw.
    out << document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    out.flush();
}

}  // namespace sentinela::cli
