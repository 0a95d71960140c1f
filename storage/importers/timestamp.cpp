#include "storage/importers/timestamp.h"

#include <array>
#include <cctype>
#include <cstdio>

namespace sentinela::storage::importers {
namespace {

// Reads exactly `digits` decimal digits at `pos`; advances `pos`.
bool readDigits(std::string_view s, std::size_t& pos, int digits, int& out) {
    if (pos + digits > s.size()) {
        return false;
    }
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        char c = s[pos + i];
        if (c < '0' || c > '9') {
            return false;
        }
        value = value * 10 + (c - '0');
    }
    pos += digits;
    out = value;
    return true;
}

bool allDigits(std::string_view s) {
    if (s.empty()) {
        return false;
    }
    for (char c : s) {
        if (c < '0' || c > '9') {
            return false;
        }
    }
    return true;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) {
        s.remove_prefix(1);
    }
    while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) {
        s.remove_suffix(1);
    }
    return s;
}

// "1710252309", "1710252309.0", "1710252309123" (milliseconds).
std::optional<std::string> fromEpochText(std::string_view s) {
    std::string_view whole = s.substr(0, s.find('.'));
    if (!allDigits(whole) || whole.size() > 16) {
        return std::nullopt;
    }
    if (whole.size() < s.size() && !allDigits(s.substr(whole.size() + 1))) {
        return std::nullopt;
    }
    std::int64_t value = std::stoll(std::string(whole));
    if (whole.size() >= 12) {
        value /= 1000;  // milliseconds: 13 digits from 2001 on
    }
    return isoFromEpoch(value);
}

// Parses "Z", "+03:00", "-0300", "+03" at `pos`; offset in minutes ahead of UTC.
bool readZone(std::string_view s, std::size_t& pos, int& offsetMinutes) {
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
        offsetMinutes = 0;
        return true;
    }
    if (pos >= s.size() || (s[pos] != '+' && s[pos] != '-')) {
        return false;
    }
    int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int hours = 0;
    int minutes = 0;
    if (!readDigits(s, pos, 2, hours)) {
        return false;
    }
    if (pos < s.size() && s[pos] == ':') {
        ++pos;
    }
    if (pos < s.size()) {
        readDigits(s, pos, 2, minutes);
    }
    offsetMinutes = sign * (hours * 60 + minutes);
    return true;
}

// "2024-03-12T14:05:09.123+03:00", "2024-03-12 14:05", "2024-03-12".
std::optional<std::string> fromIso(std::string_view s, int localOffsetMinutes) {
    std::size_t pos = 0;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!readDigits(s, pos, 4, y) || pos >= s.size() || s[pos++] != '-' ||
        !readDigits(s, pos, 2, mo) || pos >= s.size() || s[pos++] != '-' ||
        !readDigits(s, pos, 2, d)) {
        return std::nullopt;
    }
    int offset = localOffsetMinutes;
    if (pos < s.size() && (s[pos] == 'T' || s[pos] == ' ')) {
        ++pos;
        if (!readDigits(s, pos, 2, h) || pos >= s.size() || s[pos++] != ':' ||
            !readDigits(s, pos, 2, mi)) {
            return std::nullopt;
        }
        if (pos < s.size() && s[pos] == ':') {
            ++pos;
            if (!readDigits(s, pos, 2, sec)) {
                return std::nullopt;
            }
        }
        if (pos < s.size() && (s[pos] == '.' || s[pos] == ',')) {
            ++pos;
            while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
                ++pos;  // fractions of a second are dropped
            }
        }
        while (pos < s.size() && s[pos] == ' ') {
            ++pos;
        }
        if (pos < s.size() && !readZone(s, pos, offset)) {
            if (s.substr(pos) == "UTC" || s.substr(pos) == "GMT") {
                offset = 0;
                pos = s.size();
            } else {
                return std::nullopt;
            }
        }
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    auto epoch = epochFromCivil(y, mo, d, h, mi, sec);
    if (!epoch) {
        return std::nullopt;
    }
    return isoFromEpoch(*epoch - std::int64_t{offset} * 60);
}

int monthFromName(std::string_view name) {
    static constexpr std::array<std::string_view, 12> kMonths = {
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    for (std::size_t i = 0; i < kMonths.size(); ++i) {
        if (name == kMonths[i]) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// "Wed Oct 10 20:19:24 +0000 2018" (Twitter's created_at before API v2).
std::optional<std::string> fromTwitterClassic(std::string_view s) {
    char weekday[4] = {};
    char month[4] = {};
    int d = 0, h = 0, mi = 0, sec = 0, y = 0;
    char sign = '+';
    int zone = 0;
    std::string copy(s);
    if (std::sscanf(copy.c_str(), "%3s %3s %d %d:%d:%d %c%4d %d", weekday, month, &d, &h, &mi, &sec,
                    &sign, &zone, &y) != 9 ||
        (sign != '+' && sign != '-')) {
        return std::nullopt;
    }
    int mo = monthFromName(month);
    auto epoch = epochFromCivil(y, mo, d, h, mi, sec);
    if (mo == 0 || !epoch) {
        return std::nullopt;
    }
    int offset = (zone / 100 * 60 + zone % 100) * (sign == '-' ? -1 : 1);
    return isoFromEpoch(*epoch - std::int64_t{offset} * 60);
}

// "12/03/2024", "12/03/2024 14:05", "3/12/24, 2:05 PM", "12.03.2024 14:05:09".
std::optional<std::string> fromSlashed(std::string_view s, int localOffsetMinutes, bool dayFirst) {
    std::size_t pos = 0;
    int a = 0, b = 0, y = 0, h = 0, mi = 0, sec = 0;
    auto number = [&](int minDigits, int maxDigits, int& out) {
        std::size_t start = pos;
        out = 0;
        while (pos < s.size() && pos - start < static_cast<std::size_t>(maxDigits) &&
               std::isdigit(static_cast<unsigned char>(s[pos]))) {
            out = out * 10 + (s[pos++] - '0');
        }
        return pos - start >= static_cast<std::size_t>(minDigits);
    };
    if (!number(1, 2, a) || pos >= s.size() || (s[pos] != '/' && s[pos] != '.')) {
        return std::nullopt;
    }
    const char separator = s[pos++];
    std::size_t yearStart = 0;
    if (!number(1, 2, b) || pos >= s.size() || s[pos++] != separator ||
        !(yearStart = pos, number(2, 4, y)) || pos - yearStart == 3) {
        return std::nullopt;
    }
    y += pos - yearStart == 2 ? 2000 : 0;
    if (pos < s.size() && s[pos] == ',') {
        ++pos;
    }
    while (pos < s.size() && s[pos] == ' ') {
        ++pos;
    }
    if (pos < s.size()) {
        if (!number(1, 2, h) || pos >= s.size() || s[pos++] != ':' || !number(2, 2, mi)) {
            return std::nullopt;
        }
        if (pos < s.size() && s[pos] == ':' && (++pos, !number(2, 2, sec))) {
            return std::nullopt;
        }
        while (pos < s.size() && s[pos] == ' ') {
            ++pos;
        }
        std::string_view rest = s.substr(pos);
        if (rest == "AM" || rest == "am" || rest == "PM" || rest == "pm") {
            if (h < 1 || h > 12) {
                return std::nullopt;
            }
            h = h % 12 + (rest[0] == 'P' || rest[0] == 'p' ? 12 : 0);
            pos = s.size();
        }
    }
    if (pos != s.size()) {
        return std::nullopt;
    }
    const bool day = a > 12 || (b <= 12 && dayFirst);
    auto epoch = epochFromCivil(y, day ? b : a, day ? a : b, h, mi, sec);
    if (!epoch) {
        return std::nullopt;
    }
    return isoFromEpoch(*epoch - std::int64_t{localOffsetMinutes} * 60);
}

}  // namespace

std::optional<std::int64_t> epochFromCivil(int y, int m, int d, int hour, int minute, int second) {
    static constexpr std::array<int, 12> kDays = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1] || hour < 0 || hour > 23 || minute < 0 ||
        minute > 59 || second < 0 || second > 60 || y < 1 || y > 9999) {
        return std::nullopt;
    }
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) {
        return std::nullopt;
    }
    // Howard Hinnant's days_from_civil.
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    const std::int64_t days = std::int64_t{era} * 146097 + static_cast<std::int64_t>(doe) - 719468;
    return days * 86400 + hour * 3600 + minute * 60 + second;
}

std::string isoFromEpoch(std::int64_t epochSeconds) {
    std::int64_t days = epochSeconds / 86400;
    std::int64_t rest = epochSeconds % 86400;
    if (rest < 0) {
        rest += 86400;
        --days;
    }
    // Howard Hinnant's civil_from_days.
    days += 719468;
    const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const auto doe = static_cast<unsigned>(days - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    const unsigned d = doy - (153 * mp + 2) / 5 + 1;
    const unsigned m = mp < 10 ? mp + 3 : mp - 9;
    const std::int64_t y = static_cast<std::int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0);
    char out[64];
    if (y < 0 || y > 9999) {
        std::snprintf(out, sizeof out, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ",
                      static_cast<long long>(y), m, d, static_cast<long long>(rest / 3600),
                      static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
        return out;
    }
    // Every post of an import passes here: digits by hand, snprintf was ~5 % of an import.
    std::string iso = "0000-00-00T00:00:00Z";
    auto put = [&iso](std::size_t end, std::int64_t value, int digits) {
        for (int i = 1; i <= digits; ++i, value /= 10) {
            iso[end - i] = static_cast<char>('0' + value % 10);
        }
    };
    put(4, y, 4);
    put(7, m, 2);
    put(10, d, 2);
    put(13, rest / 3600, 2);
    put(16, rest / 60 % 60, 2);
    put(19, rest % 60, 2);
    return iso;
}

std::optional<std::string> normalizeTimestamp(std::string_view text,
                                              int localOffsetMinutes,
                                              bool dayFirst) {
    std::string_view s = trim(text);
    if (s.empty()) {
        return std::nullopt;
    }
    if (std::isdigit(static_cast<unsigned char>(s.front())) &&
        s.find('-') == std::string_view::npos) {
        if (auto slashed = fromSlashed(s, localOffsetMinutes, dayFirst)) {
            return slashed;  // "12/03/2024 14:05", "12.03.2024"
        }
        return fromEpochText(s);
    }
    if (auto iso = fromIso(s, localOffsetMinutes)) {
        return iso;
    }
    return fromTwitterClassic(s);
}

}  // namespace sentinela::storage::importers
