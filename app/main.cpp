// prospect: the lab window, or a headless command (see app/cli.h).
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "app/cli.h"
#include "app/interrupt.h"
#ifdef PROSPECT_WITH_GUI
#include "app/guimain.h"
#include "app/recordcommand.h"
#endif

namespace {

int run(int argc, char** argv) {
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
    return app::runCommandLine(args, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
    // Ctrl-C, SIGTERM and SIGHUP remove the temporaries of files being written, in every mode.
    app::installInterruptHandlers();
    // Nothing the commands throw should reach here; if something does, it is said, not a crash.
    try {
        return run(argc, argv);
    } catch (const std::bad_alloc&) {
        std::cerr << "prospect: out of memory\n";
    } catch (const std::exception& e) {
        std::cerr << "prospect: an unexpected error: " << e.what() << "\n";
    } catch (...) {
        std::cerr << "prospect: an unexpected error\n";
    }
    return 1;
}
