#include "app/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include "engine/report/outputfile.h"

namespace app {

namespace {

// Only async-signal-safe calls: unlink() (inside removeTemporariesNow), write(), _exit(),
// sigaction() and raise().
extern "C" void onTerminatingSignal(int signal) {
    engine::report::removeTemporariesNow();
    if (signal == SIGINT) {
        static const char message[] = "\nprospect: interrupted\n";
        [[maybe_unused]] const ssize_t n = ::write(STDERR_FILENO, message, sizeof message - 1);
        ::_exit(130);
    }
    struct sigaction fallback {};
    fallback.sa_handler = SIG_DFL;
    sigemptyset(&fallback.sa_mask);
    ::sigaction(signal, &fallback, nullptr);
    ::raise(signal);
}

}  // namespace

void installInterruptHandlers() {
    struct sigaction action {};
    action.sa_handler = onTerminatingSignal;
    sigemptyset(&action.sa_mask);
    // The handler ends the program; a second signal meanwhile waits rather than re-enters.
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        sigaddset(&action.sa_mask, s);
    for (int s : {SIGINT, SIGTERM, SIGHUP})
        ::sigaction(s, &action, nullptr);
}

}  // namespace app
