#include "ui/main_window.h"

#include <QtTest>

class MainWindowTest : public QObject {
    Q_OBJECT
private slots:
    void opensWithTitle() {
        sentinela::ui::MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), QString("Sentinela"));
    }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
