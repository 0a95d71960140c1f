// A small, deterministic corpus of pt-BR and English posts for training tokenizers in tests.
#pragma once

#include <string>
#include <vector>

namespace sentinela::nlp::testing {

inline std::vector<std::string> smallCorpus(std::size_t posts = 600) {
    static const char* kWords[] = {
            "não",      "é",        "você",       "muito",    "bom",    "ação",    "governo",
            "política", "eleição",  "vergonha",   "amo",      "odeio",  "isso",    "aquilo",
            "hoje",     "amanhã",   "the",        "people",   "really", "love",    "hate",
            "this",     "that",     "government", "election", "shame",  "amazing", "terrible",
            "obrigado", "parabéns", "absurdo",    "incrível", "what",   "nunca",   "sempre",
            "todos",    "ninguém",  "coração",    "saúde",    "família"};
    static const char* kExtras[] = {
            "😂",          "😍",      "👍🏽", "❤️", "@fulano", "https://t.co/abc",
            "#ForaTodos", "kkkkkk", "!!!",      "R$ 100", "nÃ£o",    "&amp;",
            "?",          "."};
    std::vector<std::string> corpus;
    std::uint32_t state = 12345;
    auto next = [&state](std::uint32_t n) {
        state = state * 1103515245u + 12345u;
        return (state >> 8) % n;
    };
    for (std::size_t p = 0; p < posts; ++p) {
        std::string post;
        const auto words = 3 + next(12);
        for (std::uint32_t w = 0; w < words; ++w) {
            if (!post.empty())
                post += ' ';
            post += next(6) == 0 ? kExtras[next(std::size(kExtras))]
                                 : kWords[next(std::size(kWords))];
        }
        corpus.push_back(post);
    }
    return corpus;
}

}  // namespace sentinela::nlp::testing
