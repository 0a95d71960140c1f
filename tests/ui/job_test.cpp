// Job: results reach the GUI thread through the continuation, errors become failed(), a stop
// drops the result, cancel() keeps it, and destroying a running Job waits for its work.
#include "ui/job.h"

#include <QtTest>
#include <atomic>
#include <thread>

using sentinela::ui::Job;
using sentinela::ui::Progress;

class JobTest : public QObject {
    Q_OBJECT
private slots:
    void continuationRunsOnTheGuiThread() {
        Job job;
        QSignalSpy succeeded(&job, &Job::succeeded);
        QSignalSpy progressed(&job, &Job::progressed);
        Qt::HANDLE continuationThread = nullptr;
        int value = 0;
        job.start([&](std::stop_token, Progress& progress) -> Job::Continuation {
            progress.report(1.0, "done");
            const int computed = 6 * 7;
            return [&, computed] {
                value = computed;
                continuationThread = QThread::currentThreadId();
            };
        });
        QVERIFY(job.isRunning());
        QTRY_COMPARE(succeeded.count(), 1);
        QCOMPARE(value, 42);
        QCOMPARE(continuationThread, QThread::currentThreadId());
        QCOMPARE(progressed.count(), 1);
        QVERIFY(!job.isRunning());
    }

    void exceptionsBecomeFailed() {
        Job job;
        QSignalSpy failed(&job, &Job::failed);
        job.start([](std::stop_token, Progress&) -> Job::Continuation {
            throw std::runtime_error("file.csv:3: bad. Fix it.");
        });
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(failed.first().first().toString(), QString("file.csv:3: bad. Fix it."));
    }

    void requestStopDropsTheResult() {
        Job job;
        QSignalSpy canceled(&job, &Job::canceled);
        QSignalSpy finished(&job, &Job::finished);
        bool ran = false;
        job.start([&](std::stop_token stop, Progress&) -> Job::Continuation {
            while (!stop.stop_requested()) {
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return [&] { ran = true; };
        });
        job.requestStop();
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(canceled.count(), 1);
        QVERIFY(!ran);
    }

    void cancelKeepsThePartialResult() {
        Job job;
        QSignalSpy succeeded(&job, &Job::succeeded);
        int partial = 0;
        job.start([&](std::stop_token stop, Progress&) -> Job::Continuation {
            int steps = 0;
            while (!stop.stop_requested()) {
                ++steps;
                std::this_thread::sleep_for(std::chrono::milliseconds(1));
            }
            return [&, steps] { partial = std::max(1, steps); };
        });
        QTest::qWait(20);
        job.cancel();
        QTRY_COMPARE(succeeded.count(), 1);
        QVERIFY(partial > 0);
    }

    void destructorStopsAndWaits() {
        std::atomic<bool> returned{false};
        {
            Job job;
            job.start([&](std::stop_token stop, Progress&) -> Job::Continuation {
                while (!stop.stop_requested()) {
                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                }
                returned = true;
                return {};
            });
            QTest::qWait(10);
        }
        QVERIFY(returned.load());
    }
};

QTEST_MAIN(JobTest)
#include "job_test.moc"
