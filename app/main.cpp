// prospect: the lab window, or a headless command (see app/cli.h).
#include <csignal>
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/parallel.h"
#ifdef PROSPECT_WITH_GUI
#include "app/guimain.h"
#include "app/recordcommand.h"
#endif

namespace {

// Ctrl-C asks a running experiment to stop starting runs (it then reports and writes nothing);
// a second Ctrl-C ends the program at once.
extern "C" void onInterrupt(int) {
    app::requestCancel();
    std::signal(SIGINT, SIG_DFL);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
#ifdef PROSPECT_WITH_GUI
    if (app::isGuiCommand(args))
        return app::runGui(argc, argv, args);
    if (app::isRecordCommand(args))
        return app::runRecordCommand(argc, argv, args);
#else
    if (args.empty()) {
        std::cerr << "prospect: this build has no window (configured with PROSPECT_BUILD_GUI=OFF); "
                     "headless commands:\n\n";
        std::cerr << app::usageText();
        return 2;
    }
#endif
    std::signal(SIGINT, onInterrupt);
    return app::runCommandLine(args, std::cout, std::cerr);
}
