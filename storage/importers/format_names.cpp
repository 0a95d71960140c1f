// The canonical format names of storage/importer.h, and their aliases.
#include <array>
#include <cctype>
#include <utility>

#include "storage/importer.h"

namespace sentinela::storage {
namespace {

constexpr std::array<std::pair<ImportFormat, std::string_view>, 13> kNames = {{
        {ImportFormat::kAuto, "auto"},
        {ImportFormat::kCsv, "csv"},
        {ImportFormat::kTsv, "tsv"},
        {ImportFormat::kJsonLines, "jsonl"},
        {ImportFormat::kJsonArray, "json"},
        {ImportFormat::kXApi, "x-api"},
        {ImportFormat::kXArchive, "x-archive"},
        {ImportFormat::kReddit, "reddit"},
        {ImportFormat::kMastodon, "mastodon"},
        {ImportFormat::kTelegram, "telegram"},
        {ImportFormat::kFacebook, "facebook"},
        {ImportFormat::kInstagram, "instagram"},
        {ImportFormat::kWhatsApp, "whatsapp"},
}};

constexpr std::array<std::pair<std::string_view, ImportFormat>, 9> kAliases = {{
        {"ndjson", ImportFormat::kJsonLines},
        {"json-lines", ImportFormat::kJsonLines},
        {"twitter", ImportFormat::kXApi},
        {"x", ImportFormat::kXApi},
        {"tweets.js", ImportFormat::kXArchive},
        {"twitter-archive", ImportFormat::kXArchive},
        {"pushshift", ImportFormat::kReddit},
        {"activitypub", ImportFormat::kMastodon},
        {"meta", ImportFormat::kFacebook},
}};

}  // namespace

std::string_view formatName(ImportFormat format) {
    for (const auto& [f, name] : kNames) {
        if (f == format) {
            return name;
        }
    }
    return "auto";
}

std::optional<ImportFormat> parseFormatName(std::string_view name) {
    std::string lower(name);
    for (char& c : lower) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    for (const auto& [f, canonical] : kNames) {
        if (lower == canonical) {
            return f;
        }
    }
    for (const auto& [alias, f] : kAliases) {
        if (lower == alias) {
            return f;
        }
    }
    return std::nullopt;
}

std::vector<ImportFormat> allFormats() {
    std::vector<ImportFormat> formats;
    for (const auto& [f, name] : kNames) {
        if (f != ImportFormat::kAuto) {
            formats.push_back(f);
        }
    }
    return formats;
}

}  // namespace sentinela::storage
