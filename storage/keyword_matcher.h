// Finds keyword-dictionary hits in a post's text, case- and accent-insensitively ("nao" hits
// "NÃO"), on whole words. A term is a word or a phrase; a term whose last word ends in '*' is a
// prefix pattern ("terroris*" hits "terrorista", "terrorismo"). Spans point into the ORIGINAL
// text, in UTF-8 bytes and in UTF-16 code units (for Qt). Built once, then find() is const and
// thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sentinela::storage {

struct KeywordRule {
    std::string label;  // the task label the term points to
    std::string term;
};

struct KeywordHit {
    std::int32_t byteBegin = 0, byteEnd = 0;
    std::int32_t utf16Begin = 0, utf16End = 0;
    std::int32_t rule = 0;  // index into the rules the matcher was built with
};

class KeywordMatcher {
public:
    KeywordMatcher() = default;
    explicit KeywordMatcher(std::vector<KeywordRule> rules);

    // Hits in text order; overlapping hits of different rules are all reported.
    std::vector<KeywordHit> find(std::string_view text) const;
    bool matches(std::string_view text) const;
    const std::vector<KeywordRule>& rules() const { return rules_; }

private:
    struct CompiledRule {
        std::vector<std::string> words;  // folded
        bool prefixLast = false;
    };
    std::vector<KeywordRule> rules_;
    std::vector<CompiledRule> compiled_;
};

// Lower-cases and strips accents from UTF-8 (Latin scripts), for comparisons. Thread-safe.
std::string foldForMatching(std::string_view utf8);

}  // namespace sentinela::storage
