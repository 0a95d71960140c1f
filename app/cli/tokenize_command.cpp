#include "app/cli/tokenize_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>

#include "model/model_file.h"
#include "nlp/tokenizer.h"

namespace sentinela::cli {
namespace {

struct TokenizeOptions {
    std::filesystem::path tokenizer;
    bool json = false;
    std::vector<std::string> texts;
};

// One row of output: a token (or, without a tokenizer, a normalized word).
struct Row {
    std::optional<std::int32_t> id;
    std::string piece;
    std::int32_t byteBegin, byteEnd, utf16Begin, utf16End;
};

std::string readFile(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw CommandError(ExitCode::kBadInput, file.string() +
                                                        ": cannot open the tokenizer "
                                                        "file; check the path");
    }
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

// A tokenizer file starts with the tokenizer magic; anything else is read as a model file.
nlp::Tokenizer loadTokenizer(const std::filesystem::path& file) {
    std::string bytes = readFile(file);
    try {
        if (!bytes.starts_with(std::string_view("SNTLTOK\0", 8))) {
            bytes = model::loadModelFile(file).tokenizerBytes;
        }
        return nlp::Tokenizer::fromBytes(bytes);
    } catch (const model::ModelFileError& e) {
        throw CommandError(
                ExitCode::kBadModel,
                std::string(e.what()) + " (--tokenizer takes a tokenizer file or a model file)");
    } catch (const nlp::TokenizerError& e) {
        throw CommandError(ExitCode::kBadModel, file.string() + ": " + e.what());
    }
}

std::vector<Row> rowsOf(const std::string& text,
                        const nlp::Normalizer& normalizer,
                        const nlp::Tokenizer* tokenizer) {
    std::vector<Row> rows;
    if (tokenizer != nullptr) {
        for (const auto& t : tokenizer->encodeWithOffsets(text)) {
            rows.push_back({t.id, tokenizer->piece(t.id), t.byteBegin, t.byteEnd, t.utf16Begin,
                            t.utf16End});
        }
        return rows;
    }
    for (const auto& word : normalizer.words(text)) {
        const auto begin = static_cast<std::int32_t>(word.original.begin);
        const auto end = static_cast<std::int32_t>(word.original.end);
        rows.push_back({std::nullopt, word.text, begin, end, -1, -1});
    }
    return rows;
}

std::string originalOf(const std::string& text, const Row& row) {
    return text.substr(static_cast<std::size_t>(row.byteBegin),
                       static_cast<std::size_t>(row.byteEnd - row.byteBegin));
}

void printJson(const std::string& text,
               const nlp::NormalizedText& normalized,
               const std::vector<Row>& rows) {
    nlohmann::json out{{"text", text},
                       {"normalized", normalized.text},
                       {"invalidSequences", normalized.replacedInvalidSequences},
                       {"tokens", nlohmann::json::array()}};
    for (const auto& row : rows) {
        nlohmann::json token{{"piece", row.piece},
                             {"byteBegin", row.byteBegin},
                             {"byteEnd", row.byteEnd},
                             {"original", originalOf(text, row)}};
        if (row.id) {
            token["id"] = *row.id;
            token["utf16Begin"] = row.utf16Begin;
            token["utf16End"] = row.utf16End;
        }
        out["tokens"].push_back(token);
    }
    // One JSON object per line (JSON Lines); invalid UTF-8 is replaced, never a crash.
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

void printText(const std::string& text,
               const nlp::NormalizedText& normalized,
               const std::vector<Row>& rows) {
    std::cout << "text:       " << text << "\n"
              << "normalized: " << normalized.text << "\n";
    if (normalized.replacedInvalidSequences > 0) {
        std::cout << "repaired:   " << normalized.replacedInvalidSequences
                  << " invalid UTF-8 sequence(s) replaced by U+FFFD\n";
    }
    for (const auto& row : rows) {
        std::cout << "  ";
        if (row.id)
            std::cout << *row.id << "\t";
        std::cout << row.piece << "\t" << row.byteBegin << "-" << row.byteEnd << "\t\""
                  << originalOf(text, row) << "\"\n";
    }
    std::cout << "\n";
}

ExitCode runTokenize(const TokenizeOptions& options) {
    std::optional<nlp::Tokenizer> tokenizer;
    if (!options.tokenizer.empty())
        tokenizer.emplace(loadTokenizer(options.tokenizer));
    const nlp::Normalizer normalizer(tokenizer ? tokenizer->options().normalizer
                                               : nlp::NormalizerOptions{});
    auto show = [&](const std::string& text) {
        const auto normalized = normalizer.applyWithOffsets(text);
        const auto rows = rowsOf(text, normalizer, tokenizer ? &*tokenizer : nullptr);
        if (options.json) {
            printJson(text, normalized, rows);
        } else {
            printText(text, normalized, rows);
        }
    };
    if (options.texts.empty()) {
        for (std::string line; std::getline(std::cin, line);) {
            if (!line.empty() && line.back() == '\r')
                line.pop_back();
            show(line);
        }
    } else {
        for (const auto& text : options.texts) show(text);
    }
    return ExitCode::kOk;
}

}  // namespace

void addTokenizeCommand(CLI::App& app, CommandTable& commands) {
    auto options = std::make_shared<TokenizeOptions>();
    auto* command = app.add_subcommand(
            "tokenize",
            "Show what the model sees: the normalized text and each token with the bytes of the "
            "original text it came from");
    command->add_option("--tokenizer", options->tokenizer,
                        "Tokenizer file or model file whose tokenizer to use; without it the "
                        "normalized words are shown");
    command->add_flag("--json", options->json, "One JSON object per text (JSON Lines)");
    command->add_option("text", options->texts,
                        "Texts to tokenize; without any, each line of stdin is one text");
    commands.add(command, [options] { return runTokenize(*options); });
}

}  // namespace sentinela::cli
