#include "model/labeled_texts.h"

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

namespace sentinela::model {

LabeledTextsError::LabeledTextsError(const std::filesystem::path& file,
                                     std::int64_t line,
                                     const std::string& field,
                                     const std::string& problem,
                                     const std::string& remedy)
    : std::runtime_error(file.string() + ":" + std::to_string(line) +
                         (field.empty() ? "" : " field " + field) + ": " + problem + ". " +
                         remedy) {}

LabeledTexts readLabeledJsonl(const std::filesystem::path& file,
                              const std::string& textField,
                              const std::string& labelField) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw LabeledTextsError(file, 0, "", "cannot open the file",
                                "Check the path and the permissions");
    }
    LabeledTexts out;
    std::set<std::string, std::less<>> distinct;
    const auto count = [&](const std::string& label, std::int64_t number) {
        if (distinct.insert(label).second && distinct.size() > kMaxLabels) {
            throw LabeledTextsError(file, number, labelField,
                                    "\"" + label.substr(0, 80) + "\" is label number " +
                                            std::to_string(distinct.size()) +
                                            "; a classifier takes at most " +
                                            std::to_string(kMaxLabels),
                                    "Check that the label field names the label, not an id or "
                                    "the text; merge rare labels");
        }
    };
    std::string line;
    std::int64_t number = 0;
    while (std::getline(in, line)) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        nlohmann::json j;
        try {
            j = nlohmann::json::parse(line);
        } catch (const nlohmann::json::parse_error& e) {
            throw LabeledTextsError(file, number, "",
                                    std::string("not valid JSON (") + e.what() + ")",
                                    "Each line must be one JSON object");
        }
        if (!j.is_object()) {
            throw LabeledTextsError(file, number, "", "not a JSON object",
                                    "Each line must be one JSON object");
        }
        auto text = j.find(textField);
        if (text == j.end() || !text->is_string()) {
            throw LabeledTextsError(file, number, textField, "missing or not a string",
                                    "Name the text field with the text field option");
        }
        auto label = j.find(labelField);
        if (label == j.end()) {
            throw LabeledTextsError(file, number, labelField, "missing",
                                    "Every training line needs a label");
        }
        if (label->is_string()) {
            count(label->get_ref<const std::string&>(), number);
            out.add(text->get<std::string>(), label->get<std::string>());
        } else if (label->is_array()) {
            std::vector<std::string> set;
            for (const auto& l : *label) {
                if (!l.is_string()) {
                    throw LabeledTextsError(file, number, labelField,
                                            "an array entry is not a string",
                                            "Multi-label lines list label names as strings");
                }
                set.push_back(l.get<std::string>());
                count(set.back(), number);
            }
            out.add(text->get<std::string>(), std::move(set));
        } else {
            throw LabeledTextsError(file, number, labelField, "neither a string nor an array",
                                    "Give the label name, or an array of names for multi-label");
        }
    }
    return out;
}

}  // namespace sentinela::model
