// Recognises the first line of a WhatsApp chat export message, in the forms phones write:
//   Android pt-BR  "12/03/2024 14:05 - Maria: texto"
//   iOS            "[12/03/24, 14:05:09] Maria: texto"
//   Android en-US  "3/12/24, 2:05 PM - John: text"  (also "2:05\u202fPM")
// A line that does not start like this continues the previous message. Internal to storage/.
// Thread-safety: pure functions.
#pragma once

#include <string_view>

namespace sentinela::storage::importers {

struct WhatsAppLine {
    int first = 0, second = 0, year = 0;  // date numbers in written order; year with century
    int hour = 0, minute = 0, second_ = 0;
    bool hasAmPm = false;
    std::string_view rest;  // after the date: "Maria: texto", or a system line
};

// True if `line` starts a message; fills `out` (hour already in 24-hour form).
bool parseWhatsAppLine(std::string_view line, WhatsAppLine& out);

}  // namespace sentinela::storage::importers
