#include "ui/explanation_view.h"

#include <QTextCharFormat>
#include <QTextCursor>
#include <cmath>

namespace sentinela::ui {

namespace {
// The text with "\r\n" made "\n": QTextDocument counts a line break as one position, and the
// spans count "\r\n" as two. Offsets after a "\r" shift by one per "\r" seen before.
QString displayText(const QString& text) {
    QString copy = text;
    copy.replace(QLatin1Char('\r'), QLatin1Char(' '));
    return copy;
}

void format(QTextDocument* document, int begin, int end, const QTextCharFormat& charFormat) {
    const int length = document->characterCount() - 1;
    begin = std::clamp(begin, 0, length);
    end = std::clamp(end, 0, length);
    if (end <= begin) {
        return;
    }
    QTextCursor cursor(document);
    cursor.setPosition(begin);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    cursor.mergeCharFormat(charFormat);
}
}  // namespace

ExplanationView::ExplanationView(QWidget* parent) : QTextBrowser(parent) {
    setObjectName("explanationView");
    setOpenLinks(false);
    setReadOnly(true);
    QFont larger = font();
    larger.setPointSizeF(larger.pointSizeF() * 1.25);
    setFont(larger);
}

void ExplanationView::setPost(const QString& text,
                              const std::vector<storage::KeywordHit>& hits,
                              const std::vector<storage::KeywordRule>& rules) {
    text_ = text;
    highlighted_.clear();
    setPlainText(displayText(text));
    QTextCharFormat underline;
    underline.setUnderlineStyle(QTextCharFormat::SingleUnderline);
    underline.setUnderlineColor(QColor(0x8e, 0x44, 0xad));
    underline.setFontUnderline(true);
    underline.setForeground(QColor(0x6c, 0x2e, 0x8a));
    for (const auto& hit : hits) {
        QTextCharFormat withTip = underline;
        if (hit.rule >= 0 && hit.rule < static_cast<int>(rules.size())) {
            withTip.setToolTip(tr("Dictionary: \"%1\" → %2")
                                       .arg(QString::fromStdString(rules[hit.rule].term),
                                            QString::fromStdString(rules[hit.rule].label)));
        }
        format(document(), hit.utf16Begin, hit.utf16End, withTip);
    }
}

void ExplanationView::setExplanation(const QString& text, const model::Explanation& explanation) {
    if (text != text_) {
        return;  // the analyst moved on before the explanation arrived
    }
    // Intensity follows the log-odds: the same order as the probability's change, but sizes that
    // stay apart when the score is near 0 or 1 (where no single word moves the probability).
    float strongest = 0.0f;
    for (const auto& word : explanation.words) {
        strongest = std::max(strongest, std::fabs(word.logOdds));
    }
    highlighted_.clear();
    if (strongest <= 1e-6f) {
        return;
    }
    for (const auto& word : explanation.words) {
        const float strength = word.logOdds / strongest;
        if (std::fabs(strength) < 0.15f) {
            continue;  // weak attributions would only add noise
        }
        QColor colour = strength > 0 ? QColor(0xe0, 0x6c, 0x3c) : QColor(0x3c, 0x8d, 0xd9);
        colour.setAlphaF(0.15f + 0.7f * std::fabs(strength));
        QTextCharFormat highlight;
        highlight.setBackground(colour);
        // One arg() for all four: a URL's "%2F" must not be taken for a place marker.
        highlight.setToolTip(tr("\"%1\": score %2 without this word (effect %3, log-odds %4)")
                                     .arg(QString::fromStdString(word.text),
                                          QString::number(explanation.scores[explanation.label] -
                                                                  word.attribution,
                                                          'f', 3),
                                          QString::number(word.attribution, 'f', 3),
                                          QString::number(word.logOdds, 'f', 2)));
        format(document(), word.utf16Begin, word.utf16End, highlight);
        highlighted_.push_back({word.utf16Begin, word.utf16End, strength});
    }
}

}  // namespace sentinela::ui
