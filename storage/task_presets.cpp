// The built-in task presets, parsed once from the JSON embedded at build time so the CLI needs no
// resource files at run time.
#include <nlohmann/json.hpp>

#include "storage/task_schema.h"

namespace sentinela::storage {

extern const char* const kTaskPresetsJson;

namespace {

std::vector<TaskPreset> parsePresets() {
    const auto root = nlohmann::json::parse(kTaskPresetsJson);
    std::vector<TaskPreset> presets;
    for (const auto& t : root.at("tasks")) {
        TaskPreset preset;
        preset.schema.name = t.at("name").get<std::string>();
        preset.schema.kind = t.at("kind").get<std::string>();
        preset.schema.multiLabel = t.at("multiLabel").get<bool>();
        for (const auto& l : t.at("labels")) {
            preset.schema.labels.push_back(
                    {l.at("name").get<std::string>(), l.at("colour").get<std::string>(),
                     l.at("key").get<std::string>(), l.at("flagged").get<bool>(),
                     l.at("description").get<std::string>()});
        }
        for (const auto& [label, terms] : t.at("keywords").items()) {
            for (const auto& term : terms) {
                preset.keywords.push_back({label, term.get<std::string>()});
            }
        }
        presets.push_back(std::move(preset));
    }
    return presets;
}

}  // namespace

const std::vector<TaskPreset>& builtinTaskPresets() {
    static const std::vector<TaskPreset> presets = parsePresets();  // thread-safe init
    return presets;
}

}  // namespace sentinela::storage
