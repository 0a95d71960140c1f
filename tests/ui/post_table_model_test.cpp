// PostTableModel over a real workspace: lazy pages arrive from the loader thread, searching and
// filtering restart the query, replies of an older query are dropped, all under
// QAbstractItemModelTester.
#include "ui/post_table_model.h"

#include <QAbstractItemModelTester>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/ui/ui_test_support.h"

using namespace sentinela;
using sentinela::ui::PostTableModel;

class PostTableModelTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.isValid());
        file_ = std::filesystem::path(dir_.filePath("w.sentinela").toStdString());
        if (!std::filesystem::exists(file_)) {
            ui::testing::createWorkspace(file_, ui::testing::samplePosts(650));
        }
    }

    void loadsCountAndPagesLazily() {
        PostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(file_);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 650, 10000);
        // Row 600 lives on page 3: asking for it shows a placeholder and fetches the page.
        const QModelIndex far = model.index(600, PostTableModel::kText);
        QVERIFY(!model.data(far, PostTableModel::kLoadedRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(model.data(far, PostTableModel::kLoadedRole).toBool(), 10000);
        QVERIFY(model.data(far).toString().contains("#600"));
        QTRY_VERIFY(!model.isLoading());
    }

    void searchAndFiltersRestartTheQuery() {
        PostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(file_);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 650, 10000);

        storage::PostFilter filter;
        filter.task = "offensive";
        filter.text = "futebol";
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 217, 10000);  // every third post, 0..648
        QTRY_VERIFY(model.data(model.index(0, 0), PostTableModel::kLoadedRole).toBool());
        for (int row = 0; row < 20; ++row) {
            QVERIFY(model.data(model.index(row, PostTableModel::kText))
                            .toString()
                            .contains("futebol"));
        }

        filter.text.clear();
        filter.unlabeled = true;
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 406,
                                  10000);  // second half + i%4==3 of the first

        filter.unlabeled = false;
        filter.labels = {"offensive"};
        model.setFilter(filter);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 163, 10000);  // even posts of the first half
        QTRY_VERIFY(model.data(model.index(0, 0), PostTableModel::kLoadedRole).toBool());
        QCOMPARE(model.data(model.index(0, PostTableModel::kLabel), PostTableModel::kLabelsRole)
                         .toStringList(),
                 QStringList{"offensive"});
    }

    void olderRepliesAreDropped() {
        PostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(file_);
        storage::PostFilter filter;
        filter.task = "offensive";
        // Three queries in a row without waiting: only the last one's rows may show.
        filter.text = "idiota";
        model.setFilter(filter);
        filter.text = "cinema";
        model.setFilter(filter);
        filter.text = "futebol cinema";
        model.setFilter(filter);
        QTRY_VERIFY_WITH_TIMEOUT(!model.isLoading(), 10000);
        QTest::qWait(200);  // any stale reply would have arrived by now
        QVERIFY(model.rowCount() > 0);
        for (int row = 0; row < model.rowCount(); ++row) {
            const QString text = model.data(model.index(row, PostTableModel::kText)).toString();
            QVERIFY2(text.contains("futebol") && text.contains("cinema"), qPrintable(text));
        }
    }

    void sortsByDate() {
        PostTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setWorkspace(file_);
        model.sort(PostTableModel::kDate, Qt::DescendingOrder);
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 650, 10000);
        QTRY_VERIFY(model.data(model.index(0, 0), PostTableModel::kLoadedRole).toBool());
        QVERIFY(model.postAt(0)->createdAt >= model.postAt(1)->createdAt);
        QVERIFY(model.postAt(0)->createdAt.starts_with("2024-03-28"));
    }

private:
    QTemporaryDir dir_;
    std::filesystem::path file_;
};

QTEST_MAIN(PostTableModelTest)
#include "post_table_model_test.moc"
