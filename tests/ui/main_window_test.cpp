// The main window: opens a workspace given as a path, remembers it in the recent files,
// switches pages, and reports a file that is not a workspace in a dialog instead of crashing.
#include "ui/main_window.h"

#include <QListWidget>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/ui/ui_test_support.h"
#include "ui/page.h"
#include "ui/recent_files.h"
#include "ui/workspace_session.h"

using namespace sentinela;

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void opensWithTitle() {
        ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QString("Sentinela"));
        QVERIFY(window.session() == nullptr);
    }

    void opensAWorkspaceAndRemembersIt() {
        QTemporaryDir dir;
        const QString file = dir.filePath("demo.sentinela");
        ui::testing::createWorkspace(file.toStdString(), ui::testing::samplePosts(30));
        ui::RecentFiles::clear();
        ui::MainWindow window;
        window.show();
        QVERIFY(window.openWorkspace(file));
        QVERIFY(window.session() != nullptr);
        QVERIFY(window.windowTitle().startsWith("demo.sentinela"));
        QCOMPARE(ui::RecentFiles::list().value(0), QFileInfo(file).absoluteFilePath());
        QCOMPARE(window.currentPage(), int(ui::MainWindow::kDashboard));
        for (int page = 0; page < ui::MainWindow::kPageCount; ++page) {
            window.showPage(page);
            QCOMPARE(window.currentPage(), page);
            QTRY_VERIFY_WITH_TIMEOUT(!window.page(page)->isBusy(), 15000);
        }
        window.closeWorkspace();
        QVERIFY(window.session() == nullptr);
    }

    void reportsAForeignFile() {
        QTemporaryDir dir;
        const QString file = dir.filePath("notes.sentinela");
        QFile text(file);
        QVERIFY(text.open(QIODevice::WriteOnly));
        text.write("these are my notes, not a database\n");
        text.close();
        ui::MainWindow window;
        window.show();
        QVERIFY(!window.openWorkspace(file));
        QVERIFY(window.session() == nullptr);
        auto* dialog = window.findChild<QMessageBox*>("errorDialog");
        QVERIFY(dialog != nullptr);
        QVERIFY(dialog->text().contains("notes.sentinela"));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
