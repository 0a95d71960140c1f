// Fixed-width text tables of metrics for the terminal (see metrics_table.h).
#include "model/metrics_table.h"

#include <algorithm>
#include <cstdio>

namespace sentinela::model {
namespace {

std::string fixed(double value, int decimals = 3) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

std::string optionalFixed(const std::optional<double>& value) {
    return value ? fixed(*value) : "n/a";
}

std::string padRight(std::string text, std::size_t width) {
    if (text.size() < width) {
        text.append(width - text.size(), ' ');
    }
    return text;
}

std::string padLeft(const std::string& text, std::size_t width) {
    return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::size_t labelWidth(const Metrics& m, std::size_t minimum) {
    std::size_t width = minimum;
    for (const std::string& label : m.labels) {
        width = std::max(width, label.size());
    }
    return width + 2;
}

std::string row(const std::string& name,
                std::size_t nameWidth,
                const std::vector<std::string>& cells,
                std::size_t cellWidth) {
    std::string line = padRight(name, nameWidth);
    for (const std::string& cell : cells) {
        line += padLeft(cell, cellWidth);
    }
    line += '\n';
    return line;
}

}  // namespace

std::string formatMetricsTable(const Metrics& m) {
    constexpr std::size_t kCell = 11;
    const std::size_t nameWidth = labelWidth(m, 9);
    std::vector<std::string> header = {"precision", "recall", "f1", "support"};
    if (m.multiLabel) {
        header.push_back("threshold");
    }
    header.insert(header.end(), {"roc-auc", "pr-auc"});
    std::string out = row("label", nameWidth, header, kCell);
    for (const ClassMetrics& c : m.perClass) {
        std::vector<std::string> cells = {fixed(c.precision), fixed(c.recall), fixed(c.f1),
                                          std::to_string(c.support)};
        if (m.multiLabel) {
            cells.push_back(fixed(c.threshold, 2));
        }
        cells.insert(cells.end(), {optionalFixed(c.rocAuc), optionalFixed(c.prAuc)});
        out += row(c.label, nameWidth, cells, kCell);
    }
    out += row("macro avg", nameWidth,
               {fixed(m.macroPrecision), fixed(m.macroRecall), fixed(m.macroF1),
                std::to_string(m.examples)},
               kCell);
    out += '\n';
    out += (m.multiLabel ? "exact-match accuracy " : "accuracy ") + fixed(m.accuracy) +
           "  micro-F1 " + fixed(m.microF1) + "  macro-F1 " + fixed(m.macroF1) + "  macro recall " +
           fixed(m.macroRecall) + "\n";
    out += "ROC-AUC " + optionalFixed(m.rocAuc) + "  PR-AUC " + optionalFixed(m.prAuc) + "  ECE " +
           fixed(m.expectedCalibrationError) + "  (" + std::to_string(m.examples) + " examples)\n";
    return out;
}

std::string formatConfusionMatrix(const Metrics& m) {
    if (m.multiLabel || m.confusion.empty()) {
        return {};
    }
    const std::size_t nameWidth = labelWidth(m, 11);
    std::size_t cellWidth = 8;
    for (const std::string& label : m.labels) {
        cellWidth = std::max(cellWidth, label.size() + 2);
    }
    std::string out = "confusion matrix (rows: gold, columns: predicted)\n";
    out += row("gold \\ pred", nameWidth, m.labels, cellWidth);
    for (std::size_t g = 0; g < m.confusion.size(); ++g) {
        std::vector<std::string> cells;
        for (std::int64_t count : m.confusion[g]) {
            cells.push_back(std::to_string(count));
        }
        out += row(m.labels[g], nameWidth, cells, cellWidth);
    }
    return out;
}

std::string formatThresholdCurve(const std::vector<CurvePoint>& curve, std::size_t maxRows) {
    constexpr std::size_t kCell = 11;
    std::string out = row("", 0, {"threshold", "flagged", "precision", "recall"}, kCell);
    if (curve.empty() || maxRows == 0) {
        return out;
    }
    const std::size_t rows = std::min(maxRows, curve.size());
    for (std::size_t r = 0; r < rows; ++r) {
        // Spread rows evenly; r = rows - 1 maps to the last point (everything flagged).
        const std::size_t i = rows == 1 ? 0 : r * (curve.size() - 1) / (rows - 1);
        const CurvePoint& p = curve[i];
        out += row("", 0,
                   {fixed(p.threshold, 4), std::to_string(p.flagged), fixed(p.precision),
                    fixed(p.recall)},
                   kCell);
    }
    return out;
}

}  // namespace sentinela::model
