#include "ui/screenshot_runner.h"

#include <QDir>
#include <QPixmap>

#include "ui/main_window.h"
#include "ui/page.h"

namespace sentinela::ui {

namespace {
constexpr int kPollMs = 100;
constexpr int kSettleMs = 600;     // lets charts animate and views lay out
constexpr int kMaxWaitMs = 30000;  // a page that never finishes loading is shot as it is
}  // namespace

ScreenshotRunner::ScreenshotRunner(MainWindow& window, QString directory, QObject* parent)
    : QObject(parent), window_(window), directory_(std::move(directory)) {
    timer_.setInterval(kPollMs);
    connect(&timer_, &QTimer::timeout, this, &ScreenshotRunner::step);
}

void ScreenshotRunner::start() {
    QDir().mkpath(directory_);
    page_ = -1;
    waitedMs_ = kMaxWaitMs;  // forces the first step to move to page 0
    timer_.start();
}

void ScreenshotRunner::step() {
    Page* current = window_.page(page_);
    if (current != nullptr) {
        waitedMs_ += kPollMs;
        const bool ready = !current->isBusy() && waitedMs_ >= kSettleMs;
        if (!ready && waitedMs_ < kMaxWaitMs) {
            return;
        }
        const QString file =
                QDir(directory_).filePath(MainWindow::pageKey(page_) + QStringLiteral(".png"));
        if (!window_.grab().save(file)) {
            ++failures_;
            qWarning("screenshot: could not write %s", qPrintable(file));
        }
    }
    ++page_;
    waitedMs_ = 0;
    if (page_ >= MainWindow::kPageCount) {
        timer_.stop();
        emit done(failures_);
        return;
    }
    window_.showPage(page_);
}

}  // namespace sentinela::ui
