#include "app/cli/scan_output.h"

#include <charconv>
#include <nlohmann/json.hpp>

#include "storage/csv_io.h"

namespace sentinela::cli {
namespace {

using storage::writeCsvField;  // RFC 4180 quoting, shared with the workspace's exports

std::string formatScore(float score) {
    char text[16];
    const auto result = std::to_chars(text, text + sizeof text, score, std::chars_format::fixed, 4);
    return std::string(text, result.ptr);
}

class CsvWriter : public ScanSink {
public:
    CsvWriter(std::ostream& out, std::vector<std::string> labels, bool everyPost)
        : out_(out), labels_(std::move(labels)), everyPost_(everyPost) {
        out_ << "id,source,author,created_at,line,flagged";
        for (const auto& label : labels_) {
            out_ << ",";
            writeCsvField(out_, "score_" + label);
        }
        out_ << ",text\n";
    }

    void write(const ScanBatch& batch) override {
        for (std::size_t i = 0; i < batch.posts.size(); ++i) {
            if (!everyPost_ && batch.flagged[i].empty()) {
                continue;
            }
            const auto& post = batch.posts[i];
            writeCsvField(out_, post.externalId);
            out_ << ",";
            writeCsvField(out_, post.source);
            out_ << ",";
            writeCsvField(out_, post.author);
            out_ << ",";
            writeCsvField(out_, post.createdAt);
            out_ << "," << post.line << ",";
            std::string flagged;
            for (const int label : batch.flagged[i]) {
                flagged += (flagged.empty() ? "" : "|") + labels_[label];
            }
            writeCsvField(out_, flagged);
            for (const float score : batch.scores[i]) {
                out_ << "," << formatScore(score);
            }
            out_ << ",";
            writeCsvField(out_, post.text);
            out_ << "\n";
        }
    }

private:
    std::ostream& out_;
    std::vector<std::string> labels_;
    bool everyPost_;
};

class JsonlWriter : public ScanSink {
public:
    JsonlWriter(std::ostream& out, std::vector<std::string> labels, bool everyPost)
        : out_(out), labels_(std::move(labels)), everyPost_(everyPost) {}

    void write(const ScanBatch& batch) override {
        for (std::size_t i = 0; i < batch.posts.size(); ++i) {
            if (!everyPost_ && batch.flagged[i].empty()) {
                continue;
            }
            const auto& post = batch.posts[i];
            nlohmann::ordered_json row{
                    {"id", post.externalId}, {"source", post.source},
                    {"author", post.author}, {"created_at", post.createdAt},
                    {"line", post.line},     {"flagged", nlohmann::json::array()}};
            for (const int label : batch.flagged[i]) {
                row["flagged"].push_back(labels_[label]);
            }
            auto& scores = row["scores"] = nlohmann::ordered_json::object();
            for (std::size_t j = 0; j < labels_.size(); ++j) {
                // Four decimals keep the files small and the values stable across builds.
                scores[labels_[j]] = std::stod(formatScore(batch.scores[i][j]));
            }
            row["text"] = post.text;
            out_ << row.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
        }
    }

private:
    std::ostream& out_;
    std::vector<std::string> labels_;
    bool everyPost_;
};

}  // namespace

ScanOutputFormat outputFormatFor(const std::filesystem::path& file) {
    const auto extension = file.extension().string();
    return extension == ".csv" || extension == ".CSV" ? ScanOutputFormat::kCsv
                                                      : ScanOutputFormat::kJsonl;
}

std::unique_ptr<ScanSink> makePostWriter(std::ostream& out,
                                         ScanOutputFormat format,
                                         const std::vector<std::string>& labels,
                                         bool everyPost) {
    if (format == ScanOutputFormat::kCsv) {
        return std::make_unique<CsvWriter>(out, labels, everyPost);
    }
    return std::make_unique<JsonlWriter>(out, labels, everyPost);
}

}  // namespace sentinela::cli
