// The explanation view highlights whole words (model::Explanation::words) at their UTF-16 spans:
// warm for words that push towards the label, cool against it, intensity by size, weak words
// left plain; the tooltip gives the score without the word; a late explanation for another text
// is ignored.
// With SENTINELA_SCREENSHOT_DIR set (run under xvfb-run), saves the view as
// explanation_view.png there.
#include "ui/explanation_view.h"

#include <QDir>
#include <QTextBlock>
#include <QTextCursor>
#include <QtTest>

using namespace sentinela;

namespace {

// The explanation of `text` with these words (found in order) and attributions.
model::Explanation explanationOf(const QString& text,
                                 const std::vector<std::pair<QString, float>>& words) {
    model::Explanation e;
    e.scores = {0.1f, 0.9f};
    e.label = 1;
    int from = 0;
    for (const auto& [word, attribution] : words) {
        const int at = text.indexOf(word, from);
        model::WordAttribution a;
        a.text = word.toStdString();
        a.utf16Begin = at;
        a.utf16End = at + static_cast<int>(word.size());
        a.attribution = attribution;
        a.logOdds = 10.0f * attribution;  // the view shades by log-odds
        e.words.push_back(a);
        from = a.utf16End;
    }
    return e;
}

// The background of the character at UTF-16 position `at` (the format of [at, at + 1)).
QBrush backgroundAt(QTextDocument* document, int at) {
    QTextCursor cursor(document);
    cursor.setPosition(at + 1);  // charFormat() is the format of the character before the cursor
    return cursor.charFormat().background();
}

}  // namespace

class ExplanationViewTest : public QObject {
    Q_OBJECT
private slots:
    void highlightsWholeWordsByTheirEffect() {
        ui::ExplanationView view;
        view.resize(560, 140);
        const QString text = QString::fromUtf8("shut up ugly 😡, nobody likes you #loser ação");
        view.setPost(text, {}, {});
        view.setExplanation(text, explanationOf(text, {{"shut", 0.05f},
                                                       {"up", 0.01f},
                                                       {"ugly", 0.40f},
                                                       {QString::fromUtf8("😡"), 0.12f},
                                                       {"nobody", 0.20f},
                                                       {"likes", -0.10f},
                                                       {"you", 0.02f},
                                                       {"#loser", 0.30f},
                                                       {QString::fromUtf8("ação"), -0.3f}}));
        // Weak words (under 0.15 of the strongest) stay plain; the rest are whole words.
        QStringList shown;
        for (const auto& h : view.highlighted()) {
            shown << text.mid(h.begin, h.end - h.begin);
        }
        QCOMPARE(shown, QStringList({"ugly", QString::fromUtf8("😡"), "nobody", "likes", "#loser",
                                     QString::fromUtf8("ação")}));
        QCOMPARE(view.highlighted().front().strength, 1.0f);
        QVERIFY(view.highlighted()[3].strength < 0);  // "likes": against the label

        auto* document = view.document();
        const int ugly = text.indexOf("ugly");
        const QColor strong = backgroundAt(document, ugly).color();
        const QColor weaker = backgroundAt(document, text.indexOf("nobody")).color();
        const QColor against = backgroundAt(document, text.indexOf("likes")).color();
        QCOMPARE(backgroundAt(document, ugly + 3).color(),
                 strong);  // the whole word, last letter too
        QCOMPARE(backgroundAt(document, ugly + 4).style(), Qt::NoBrush);  // not the space after
        QCOMPARE(backgroundAt(document, text.indexOf("shut")).style(), Qt::NoBrush);
        QVERIFY(strong.alphaF() > weaker.alphaF());  // intensity by size
        QVERIFY(strong.red() > strong.blue());       // warm: towards the label
        QVERIFY(against.blue() > against.red());     // cool: against it
        const int last = text.indexOf(QString::fromUtf8("ação"));
        QCOMPARE(backgroundAt(document, last + 3).style(), Qt::SolidPattern);

        const QString shots = qEnvironmentVariable("SENTINELA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            view.show();
            QTest::qWait(200);
            QDir().mkpath(shots);
            QVERIFY(view.grab().save(QDir(shots).filePath("explanation_view.png")));
        }
    }

    void tooltipGivesTheScoreWithoutTheWord() {
        ui::ExplanationView view;
        const QString text = "see https://x.com/a%2Fb now";
        view.setPost(text, {}, {});
        view.setExplanation(text,
                            explanationOf(text, {{"see", 0.01f}, {"https://x.com/a%2Fb", 0.5f}}));
        QTextCursor cursor(view.document());
        cursor.setPosition(text.indexOf("https") + 1);
        QCOMPARE(cursor.charFormat().toolTip(),
                 QString("\"https://x.com/a%2Fb\": score 0.400 without this word (effect 0.500, "
                         "log-odds 5.00)"));
    }

    void ignoresAnExplanationOfAnotherText() {
        ui::ExplanationView view;
        view.setPost("first post", {}, {});
        view.setExplanation("second post", explanationOf("second post", {{"second", 0.5f}}));
        QVERIFY(view.highlighted().empty());
        QCOMPARE(backgroundAt(view.document(), 0).style(), Qt::NoBrush);
    }

    void aFlatExplanationHighlightsNothing() {
        ui::ExplanationView view;
        const QString text = "nothing matters";
        view.setPost(text, {}, {});
        view.setExplanation(text, explanationOf(text, {{"nothing", 0.0f}, {"matters", 0.0f}}));
        QVERIFY(view.highlighted().empty());
    }
};

QTEST_MAIN(ExplanationViewTest)
#include "explanation_view_test.moc"
