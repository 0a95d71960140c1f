// `sentinela-gui --screenshot-dir DIR`: shows each main page in turn, waits until it has loaded
// its data, saves DIR/<page>.png with QWidget::grab() and quits. Used by scripts/screenshots.sh
// for the README. GUI thread only; driven by timers, never a nested event loop.
#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace sentinela::ui {

class MainWindow;

class ScreenshotRunner : public QObject {
    Q_OBJECT
public:
    ScreenshotRunner(MainWindow& window, QString directory, QObject* parent = nullptr);
    void start();

signals:
    void done(int failures);

private:
    void step();

    MainWindow& window_;
    QString directory_;
    QTimer timer_;
    int page_ = -1;
    int waitedMs_ = 0;
    int failures_ = 0;
};

}  // namespace sentinela::ui
