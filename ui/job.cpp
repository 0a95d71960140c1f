#include "ui/job.h"

#include <QDateTime>
#include <QMetaObject>
#include <QtConcurrent>
#include <exception>

namespace sentinela::ui {

void Progress::report(double fraction, const QString& text) {
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const bool done = fraction >= 1.0;
    if (!done && now - lastReportMs_.load(std::memory_order_relaxed) < 40) {
        return;
    }
    lastReportMs_.store(now, std::memory_order_relaxed);
    // Emitted from the worker thread: Qt queues it to the receivers on the GUI thread.
    emit job_.progressed(fraction, text);
}

Job::Job(QObject* parent) : QObject(parent) {}

Job::~Job() {
    stop_.request_stop();
    future_.waitForFinished();
}

bool Job::start(Work work) {
    if (running_) {
        return false;
    }
    running_ = true;
    dropResult_ = false;
    stop_ = std::stop_source{};
    future_ = QtConcurrent::run([this, work = std::move(work), token = stop_.get_token()] {
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
        // Hop back to the GUI thread. If the Job is being destroyed, its destructor is waiting
        // for this function to return, and the queued call is dropped with the object.
        QMetaObject::invokeMethod(
                this,
                [this, continuation = std::move(continuation), error] {
                    complete(continuation, error);
                },
                Qt::QueuedConnection);
    });
    return true;
}

void Job::requestStop() {
    if (running_) {
        dropResult_ = true;
    }
    stop_.request_stop();
}

void Job::cancel() {
    stop_.request_stop();
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
