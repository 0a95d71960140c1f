// Labeled posts for training and evaluation, and a reader for the JSON Lines files the shared
// datasets and `sentinela export` use: one object per line with "text" and "label" (a string, or
// for multi-label tasks an array of strings). Plain data; the reader is thread-safe.
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace sentinela::model {

// The most labels a classifier takes. A workspace stores a post's predicted labels as the bits of
// one 64-bit integer (storage/task_schema.h has the same limit), and each label costs the wide
// branch 12 bytes per n-gram bucket (weights and two Adam moments: 12 MiB at 2^20 buckets), so a
// label field that names an id instead would otherwise exhaust the memory.
inline constexpr std::size_t kMaxLabels = 63;

struct LabeledTexts {
    std::vector<std::string> texts;
    // labels[i] names the label(s) of texts[i]: exactly one for single-label tasks, zero or more
    // for multi-label tasks.
    std::vector<std::vector<std::string>> labels;

    void add(std::string text, std::string label) {
        texts.push_back(std::move(text));
        labels.push_back({std::move(label)});
    }
    void add(std::string text, std::vector<std::string> labelSet) {
        texts.push_back(std::move(text));
        labels.push_back(std::move(labelSet));
    }
    std::size_t size() const { return texts.size(); }
};

// "<file>:<line> field <field>: <problem>. <remedy>"
class LabeledTextsError : public std::runtime_error {
public:
    LabeledTextsError(const std::filesystem::path& file,
                      std::int64_t line,
                      const std::string& field,
                      const std::string& problem,
                      const std::string& remedy);
};

// Reads a JSON Lines file; textField/labelField name the keys. Blank lines are skipped; any other
// malformed line throws LabeledTextsError with its line number (training on silently partial data
// would be worse than stopping), as does the line that brings a label past kMaxLabels.
LabeledTexts readLabeledJsonl(const std::filesystem::path& file,
                              const std::string& textField = "text",
                              const std::string& labelField = "label");

}  // namespace sentinela::model
