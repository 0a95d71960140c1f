// A post's text with the words that drove the model's score highlighted, whole words as a reader
// sees them (model::Explanation::words): background intensity by attribution (warm = pushes
// towards the explained label, cool = away from it), and the task's keyword-dictionary hits
// underlined. Spans are UTF-16 offsets into the original text,
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

    // A highlighted word: [begin, end) in UTF-16, strength in [-1, 1] (the word's effect in
    // log-odds over the strongest one; negative = against the label). Words under 0.15 are left
    // plain.
    struct Highlight {
        int begin = 0, end = 0;
        float strength = 0.0f;
    };
    // What the last setExplanation highlighted, in text order (for tests).
    const std::vector<Highlight>& highlighted() const { return highlighted_; }

private:
    QString text_;
    std::vector<Highlight> highlighted_;
};

}  // namespace sentinela::ui
