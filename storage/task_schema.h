// A labelling task: what the analyst decides about each post (its label set), and the built-in
// presets (sentiment, offensive, illegal content under Brazilian law) with their starter keyword
// dictionaries. Plain value types; the preset functions are thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace sentinela::storage {

struct LabelDefinition {
    std::string name;         // stable identifier, e.g. "offensive"; never renamed once used
    std::string colour;       // "#rrggbb", for the GUI
    std::string key;          // keyboard shortcut in the labelling view, e.g. "1"
    bool flagged = false;     // a label that needs attention; its score is the "flag score"
    std::string description;  // one line for the analyst (legal basis for illegal content)
};

struct TaskSchema {
    // The most labels a task takes: a post's predicted labels are stored as the bits of one
    // signed 64-bit integer, which the review queues filter on (model/labeled_texts.h holds a
    // classifier to the same limit).
    static constexpr std::size_t kMaxLabels = 63;

    std::int64_t id = 0;  // assigned by the workspace
    std::string name;     // unique in a workspace, e.g. "offensive"
    std::string kind;     // "sentiment", "offensive", "illegal-content" or "custom"
    bool multiLabel = false;
    std::vector<LabelDefinition> labels;  // order is the model's output order

    // Index of the label called `name`, or -1.
    int labelIndex(const std::string& name) const;
};

// A starter dictionary entry: a term (word or phrase) or a prefix pattern ending in '*'.
struct PresetKeyword {
    std::string label;
    std::string term;
};

struct TaskPreset {
    TaskSchema schema;
    std::vector<PresetKeyword> keywords;  // Portuguese and English starters
};

// The built-in presets, parsed from the JSON embedded in the library (resources/presets/*.json
// are the readable copies). Names: "sentiment", "offensive", "illegal-content".
const std::vector<TaskPreset>& builtinTaskPresets();

}  // namespace sentinela::storage
