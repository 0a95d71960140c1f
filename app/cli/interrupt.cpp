#include "app/cli/interrupt.h"

#include <csignal>
#include <pthread.h>
#include <thread>
#include <unistd.h>

#include "app/cli/command.h"

namespace sentinela::cli {
namespace {

std::stop_source& stopSource() {
    static std::stop_source source;
    return source;
}

sigset_t interruptSignals() {
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    return signals;
}

void watchSignals(sigset_t signals) {
    for (int count = 0;; ++count) {
        int signal = 0;
        if (sigwait(&signals, &signal) != 0) {
            return;
        }
        if (count > 0) {
            static const char kMessage[] = "\nsentinela: interrupted again, exiting now\n";
            [[maybe_unused]] const auto written =
                    write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
            _exit(130);
        }
        static const char kMessage[] =
                "\nsentinela: stopping cleanly (press Ctrl-C again to exit at once)\n";
        [[maybe_unused]] const auto written = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
        stopSource().request_stop();
    }
}

}  // namespace

void installInterruptHandler() {
    const sigset_t signals = interruptSignals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // inherited by every thread created later
    std::thread(watchSignals, signals).detach();
}

std::stop_token interruptToken() {
    return stopSource().get_token();
}

bool interrupted() {
    return stopSource().stop_requested();
}

void throwIfInterrupted() {
    if (interrupted()) {
        throw CommandError(ExitCode::kInterrupted, "interrupted; outputs left consistent");
    }
}

}  // namespace sentinela::cli
