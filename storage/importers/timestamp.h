// Dates as exports write them, normalised to ISO 8601 UTC ("2024-03-12T14:05:09Z"): epoch
// seconds or milliseconds (number or string, Reddit's created_utc), ISO 8601 with or without a
// zone (X API, Mastodon, Telegram), the classic Twitter form "Wed Oct 10 20:19:24 +0000 2018"
// (X archive), and "2024-03-12 14:05:09" from spreadsheets. Internal to storage/.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sentinela::storage::importers {

// Seconds since 1970-01-01T00:00:00Z for a proleptic Gregorian date and time; nullopt when a
// field is out of range (month 13, 31 April, hour 24...).
std::optional<std::int64_t> epochFromCivil(
        int year, int month, int day, int hour, int minute, int second);
// "2024-03-12T14:05:09Z".
std::string isoFromEpoch(std::int64_t epochSeconds);

// Any of the forms above, plus spreadsheet dates with slashes ("12/03/2024 14:05", "3/12/24"):
// day first when `dayFirst` unless the numbers rule it out (a first number above 12 is a day; a
// second one above 12 is a day too). Times without a zone are local times `localOffsetMinutes`
// ahead of UTC. nullopt when the text is not a date this function knows.
std::optional<std::string> normalizeTimestamp(std::string_view text,
                                              int localOffsetMinutes = 0,
                                              bool dayFirst = true);

}  // namespace sentinela::storage::importers
