// The "Original record" section of the post details on the posts page: collapsed by default,
// expanded it shows the post's JSON line from the export re-indented and copies it byte for
// byte, and a post imported without its record gets an explanation instead.
// With SENTINELA_SCREENSHOT_DIR set (run under xvfb-run), saves the page with the section
// expanded as raw_record_section.png there.
#include "ui/raw_record_section.h"

#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTemporaryDir>
#include <QToolButton>
#include <QtTest>
#include <fstream>
#include <string>

#include "storage/import_into_workspace.h"
#include "storage/workspace.h"
#include "tests/ui/ui_test_support.h"
#include "ui/post_details_view.h"
#include "ui/post_table_model.h"
#include "ui/posts_page.h"
#include "ui/workspace_session.h"

using namespace sentinela;

namespace {

// Line `number` (from 1) of the fixture, as the export has it.
std::string exportLine(int number) {
    std::ifstream in((ui::testing::dataDir() + "/posts_with_bad_lines.jsonl").toStdString());
    std::string line;
    for (int i = 0; i < number && std::getline(in, line); ++i) {
    }
    return line;
}

}  // namespace

class RawRecordSectionTest : public QObject {
    Q_OBJECT
private slots:
    void init() {
        QVERIFY(dir_.isValid());
        file_ = dir_.filePath(QString("w%1.sentinela").arg(counter_++));
        // Three posts stored without a record (as older versions did), then a real JSONL import.
        ui::testing::createWorkspace(file_.toStdString(), ui::testing::samplePosts(3));
        storage::Workspace workspace(file_.toStdString());
        storage::WorkspaceImportOptions options;
        options.labelTask = "offensive";
        options.reader.fields.label = "label";
        const auto report = storage::importIntoWorkspace(
                workspace, (ui::testing::dataDir() + "/posts_with_bad_lines.jsonl").toStdString(),
                options);
        QVERIFY(report.imported >= 2);
    }

    void showsTheRecordOnlyWhenExpanded() {
        ui::WorkspaceSession session(file_);
        session.setTask("offensive");
        ui::PostsPage page;
        page.setSession(&session);
        page.resize(1440, 900);
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        page.activate();
        auto* details = page.findChild<ui::PostDetailsView*>();
        QVERIFY(details != nullptr);
        ui::RawRecordSection* section = details->rawRecordSection();

        select(page, "a2");
        QCOMPARE(details->post()->externalId, std::string("a2"));
        QVERIFY(!section->isExpanded());  // collapsed by default, nothing read
        QVERIFY(section->recordText().isEmpty());

        QTest::mouseClick(section->toggle(), Qt::LeftButton);
        QVERIFY(section->isExpanded());
        QVERIFY(section->findChild<QPlainTextEdit*>()->isReadOnly());
        const QString text = section->recordText();
        QVERIFY2(text.contains("\n  \"author\": \"@beto\""), qPrintable(text));
        QVERIFY(text.contains("\"text\": \"cala a boca seu idiota\""));
        QVERIFY(text.contains("\"label\": \"offensive\""));
        QVERIFY(section->missingText().isEmpty());

        // Copy gives the export's line itself, not the re-indented text.
        QVERIFY(section->copyButton()->isVisible());
        QTest::mouseClick(section->copyButton(), Qt::LeftButton);
        QCOMPARE(QApplication::clipboard()->text(), QString::fromStdString(exportLine(2)));

        // Still expanded, the next post's record replaces the first.
        select(page, "a4");
        QVERIFY(section->recordText().contains("adorei o novo episódio"));
        QVERIFY(!section->recordText().contains("@beto"));

        const QString shots = qEnvironmentVariable("SENTINELA_SCREENSHOT_DIR");
        if (!shots.isEmpty()) {
            select(page, "a2");
            QTest::qWait(300);  // let the layout settle
            QDir().mkpath(shots);
            QVERIFY(page.grab().save(QDir(shots).filePath("raw_record_section.png")));
        }
    }

    void explainsAPostWithoutRecord() {
        ui::WorkspaceSession session(file_);
        ui::PostsPage page;
        page.setSession(&session);
        page.show();
        page.activate();
        ui::RawRecordSection* section = page.findChild<ui::PostDetailsView*>()->rawRecordSection();
        select(page, "p1");
        section->setExpanded(true);
        QVERIFY(section->recordText().isEmpty());
        QVERIFY(!section->copyButton()->isVisible());
        QVERIFY2(section->missingText().contains("No original record"),
                 qPrintable(section->missingText()));

        // Collapsing and expanding again on a post with a record shows it.
        section->setExpanded(false);
        select(page, "a1");
        QVERIFY(section->recordText().isEmpty());
        section->setExpanded(true);
        QVERIFY(section->recordText().contains("que dia lindo para ir à praia"));
        QVERIFY(section->missingText().isEmpty());
    }

private:
    // Selects the post with this external id in the page's table.
    static void select(ui::PostsPage& page, const std::string& externalId) {
        QTRY_COMPARE_WITH_TIMEOUT(page.model()->rowCount(), 8, 10000);
        int row = -1;
        QTRY_VERIFY_WITH_TIMEOUT(
                [&] {
                    for (int r = 0; r < page.model()->rowCount(); ++r) {
                        const auto* post = page.model()->postAt(r);
                        if (post != nullptr && post->externalId == externalId) {
                            row = r;
                            return true;
                        }
                    }
                    return false;
                }(),
                10000);
        page.table()->setCurrentIndex(page.model()->index(row, ui::PostTableModel::kText));
        auto* details = page.findChild<ui::PostDetailsView*>();
        QTRY_VERIFY(details->post() && details->post()->externalId == externalId);
    }

    QTemporaryDir dir_;
    QString file_;
    int counter_ = 0;
};

QTEST_MAIN(RawRecordSectionTest)
#include "raw_record_section_test.moc"
