// Keyboard labeling on the review page and bulk labeling on the posts page, checked against
// what the workspace holds afterwards.
#include "ui/review_page.h"

#include <QLineEdit>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include "storage/workspace.h"
#include "tests/ui/ui_test_support.h"
#include "ui/post_filter_bar.h"
#include "ui/post_table_model.h"
#include "ui/posts_page.h"
#include "ui/workspace_session.h"

using namespace sentinela;

class ReviewPageTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.isValid());
        file_ = dir_.filePath(QString("w%1.sentinela").arg(counter_++));
        ui::testing::createWorkspace(file_.toStdString(), ui::testing::samplePosts(40));
    }

    void labelsWithKeysAndUndoes() {
        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::ReviewPage page;
        page.setSession(&session);
        page.resize(1100, 700);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.activate();
        page.setQueue(storage::Queue::kUnlabeled);
        QTRY_VERIFY_WITH_TIMEOUT(page.currentPost() != nullptr, 10000);
        const std::int64_t first = page.currentPost()->id;
        auto& workspace = session.workspace();
        QVERIFY(workspace.currentLabels(first, "offensive").empty());

        QTest::keyClick(&page, Qt::Key_2);  // "offensive" is key 2 in the preset
        QCOMPARE(workspace.currentLabels(first, "offensive"),
                 std::vector<std::string>{"offensive"});
        QCOMPARE(page.currentIndex(), 1);
        const std::int64_t second = page.currentPost()->id;
        QVERIFY(second != first);

        QTest::keyClick(&page, Qt::Key_1);  // "not-offensive"
        QCOMPARE(workspace.currentLabels(second, "offensive"),
                 std::vector<std::string>{"not-offensive"});
        QCOMPARE(page.currentIndex(), 2);

        // Ctrl+Z takes back the last decision and returns to its post.
        QTest::keyClick(&page, Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(workspace.currentLabels(second, "offensive").empty());
        QCOMPARE(page.currentIndex(), 1);
        QCOMPARE(workspace.currentLabels(first, "offensive"),
                 std::vector<std::string>{"offensive"});

        // K goes back; an earlier decision stays editable.
        QTest::keyClick(&page, Qt::Key_K);
        QCOMPARE(page.currentIndex(), 0);
        QTest::keyClick(&page, Qt::Key_1);
        QCOMPARE(workspace.currentLabels(first, "offensive"),
                 std::vector<std::string>{"not-offensive"});
        QTest::keyClick(&page, Qt::Key_J);
        QCOMPARE(page.currentIndex(), 2);

        // A note lands in the post's history with the decision and who made it.
        QTest::keyClick(&page, Qt::Key_K);
        const std::int64_t noted = page.currentPost()->id;
        page.addNote("sarcasm, check context");
        QTest::keyClick(&page, Qt::Key_2);
        const auto history = workspace.labelHistory(noted);
        QVERIFY(!history.empty());
        QCOMPARE(history.back().note, std::string("sarcasm, check context"));
        QCOMPARE(history.back().analyst, session.analyst());
    }

    void bulkLabelsEveryMatchAndUndoes() {
        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::PostsPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 40, 10000);

        QTest::keyClicks(page.filterBar()->searchBox(), "futebol");
        QTest::keyClick(page.filterBar()->searchBox(), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 14, 10000);  // 0, 3, ..., 39
        QTRY_VERIFY(!page.isBusy());

        page.bulkLabel("offensive");
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 10000);
        storage::PostFilter filter;
        filter.task = "offensive";
        filter.labels = {"offensive"};
        filter.text = "futebol";
        QCOMPARE(session.workspace().countPosts(filter).count, 14);

        page.undoBulk();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isBusy(), 10000);
        // Back to the labels the fixture gave: offensive for even posts of the first half.
        std::int64_t expected = 0;
        for (int i = 0; i < 40; i += 3) {
            expected += (i % 2 == 0 && i < 20) ? 1 : 0;
        }
        QCOMPARE(session.workspace().countPosts(filter).count, expected);
    }

private:
    QTemporaryDir dir_;
    QString file_;
    int counter_ = 0;
};

QTEST_MAIN(ReviewPageTest)
#include "review_page_test.moc"
