// A post's text with the words that drove the model's score highlighted: background intensity
// by attribution (warm = pushes towards the explained label, cool = away from it), and the
// task's keyword-dictionary hits underlined. Spans are UTF-16 offsets into the original text,
// which is what QTextCursor positions count. GUI thread only.
#pragma once

#include <QTextBrowser>
#include <vector>

#include "model/classifier.h"
#include "storage/keyword_matcher.h"

namespace sentinela::ui {

class ExplanationView : public QTextBrowser {
    Q_OBJECT
public:
    explicit ExplanationView(QWidget* parent = nullptr);

    // Plain text with the dictionary hits underlined (no explanation yet).
    void setPost(const QString& text,
                 const std::vector<storage::KeywordHit>& hits,
                 const std::vector<storage::KeywordRule>& rules);
    // Adds the attributions over the text set by setPost (ignored if the text changed since).
    void setExplanation(const QString& text, const model::Explanation& explanation);

    // The spans highlighted by the last setExplanation (for tests): [begin, end) UTF-16.
    const std::vector<std::pair<int, int>>& highlighted() const { return highlighted_; }

private:
    QString text_;
    std::vector<std::pair<int, int>> highlighted_;
};

}  // namespace sentinela::ui
