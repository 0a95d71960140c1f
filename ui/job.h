// Background work for the GUI: runs one library call on a thread of its own with a
// std::stop_token and reports back to the GUI thread. The work returns a continuation that is run
// on the GUI thread (where it may touch widgets and models), so results travel by value. ~Job
// requests stop and waits, so work never outlives its Job.
//
// Why a std::jthread and a mutex rather than Qt's thread pool and queued lambdas: Debian's Qt is
// not built with ThreadSanitizer, so hand-offs made inside Qt are invisible to it and every value
// passed through them reads as a data race. Here the thread start, the join and the mutex that
// passes results are all visible; Qt only carries a notification without data (a queued call of
// a method by name), so `scripts/test-tsan.sh --all` checks the GUI's workers for real.
//
// Thread-safety: start(), requestStop() and the destructor on the GUI thread; the Progress
// object given to the work may be called from the worker thread.
#pragma once

#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <stop_token>
#include <thread>
#include <utility>

namespace sentinela::ui {

// Handed to the work; thread-safe. Throttles to ~25 signals a second so a fast loop cannot flood
// the GUI event queue.
class Progress {
public:
    explicit Progress(class Job& job) : job_(job) {}
    // fraction in [0, 1], or a negative value for "unknown" (busy indicator).
    void report(double fraction, const QString& text = {});

private:
    Job& job_;
    std::atomic<qint64> lastReportMs_{-1000};
};

class Job : public QObject {
    Q_OBJECT
public:
    // The continuation runs on the GUI thread after the work returns normally and was not stopped.
    using Continuation = std::function<void()>;
    using Work = std::function<Continuation(std::stop_token, Progress&)>;

    explicit Job(QObject* parent = nullptr);
    ~Job() override;  // requests stop and waits for the work to return

    // Starts `work`; a Job runs one work at a time (returns false if one is running).
    bool start(Work work);
    // Stops the work and drops its result: emits canceled(), the continuation never runs.
    void requestStop();
    // The analyst's "Stop": the work sees its stop token fire, and whatever it returns (a
    // partial import report, the best model so far) still reaches the GUI through its
    // continuation and succeeded().
    void cancel();
    bool isRunning() const { return running_; }

signals:
    void progressed(double fraction, const QString& text);
    void succeeded();
    // The work threw; `message` is the library error's text, which says where and what to do.
    void failed(const QString& message);
    void canceled();
    // Always emitted last, after succeeded/failed/canceled.
    void finished();

private:
    friend class Progress;
    // Run on the GUI thread by the worker's queued notifications.
    Q_INVOKABLE void deliverProgress();
    Q_INVOKABLE void deliverResult();
    void complete(const Continuation& continuation, const QString& error);

    std::jthread worker_;
    std::mutex mutex_;  // guards the three below, written by the worker, taken by the GUI thread
    std::optional<std::pair<double, QString>> progress_;  // latest report not yet delivered
    Continuation continuation_;
    QString error_;
    bool dropResult_ = false;  // GUI thread only, as running_
    bool running_ = false;
};

}  // namespace sentinela::ui
