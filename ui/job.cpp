#include "ui/job.h"

#include <QDateTime>
#include <QMetaObject>
#include <exception>

namespace sentinela::ui {

void Progress::report(double fraction, const QString& text) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool done = fraction >= 1.0;
    if (!done && now - lastReportMs_.load(std::memory_order_relaxed) < 40) {
        return;
    }
    lastReportMs_.store(now, std::memory_order_relaxed);
    // The latest report waits under the mutex; one queued notification per batch of reports.
    std::lock_guard lock(job_.mutex_);
    const bool notify = !job_.progress_.has_value();
    job_.progress_ = {fraction, text};
    if (notify) {
        QMetaObject::invokeMethod(&job_, "deliverProgress", Qt::QueuedConnection);
    }
}

Job::Job(QObject* parent) : QObject(parent) {}

Job::~Job() {
    if (worker_.joinable()) {
        worker_.request_stop();
        worker_.join();
    }
}

bool Job::start(Work work) {
    if (running_) {
        return false;
    }
    if (worker_.joinable()) {
        worker_.join();  // the previous work returned; its thread may still be ending
    }
    running_ = true;
    dropResult_ = false;
    worker_ = std::jthread([this, work = std::move(work)](std::stop_token token) {
        Progress progress(*this);
        Continuation continuation;
        QString error;
        try {
            continuation = work(token, progress);
        } catch (const std::exception& e) {
            error = QString::fromStdString(e.what());
        } catch (...) {
            error = tr("An unexpected error stopped the task.");
        }
        {
            std::lock_guard lock(mutex_);
            continuation_ = std::move(continuation);
            error_ = std::move(error);
        }
        // If the Job is being destroyed, its destructor is waiting for this thread, and the
        // queued notification is dropped with the object.
        QMetaObject::invokeMethod(this, "deliverResult", Qt::QueuedConnection);
    });
    return true;
}

void Job::requestStop() {
    if (running_) {
        dropResult_ = true;
    }
    worker_.request_stop();
}

void Job::cancel() {
    worker_.request_stop();
}

void Job::deliverProgress() {
    std::optional<std::pair<double, QString>> progress;
    {
        std::lock_guard lock(mutex_);
        progress.swap(progress_);
    }
    if (progress) {
        emit progressed(progress->first, progress->second);
    }
}

void Job::deliverResult() {
    Continuation continuation;
    QString error;
    {
        std::lock_guard lock(mutex_);
        continuation = std::move(continuation_);
        error = std::move(error_);
        continuation_ = nullptr;
        error_.clear();
    }
    complete(continuation, error);
}

void Job::complete(const Continuation& continuation, const QString& error) {
    running_ = false;
    if (dropResult_) {
        emit canceled();
    } else if (!error.isEmpty()) {
        emit failed(error);
    } else {
        if (continuation) {
            try {
                continuation();
            } catch (const std::exception& e) {
                emit failed(QString::fromStdString(e.what()));
                emit finished();
                return;
            }
        }
        emit succeeded();
    }
    emit finished();
}

}  // namespace sentinela::ui
