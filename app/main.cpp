// prospect: the lab window, or a headless command (see app/cli.h).
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"
#ifdef PROSPECT_WITH_GUI
#include "app/guimain.h"
#endif

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
#ifdef PROSPECT_WITH_GUI
    if (app::isGuiCommand(args))
        return app::runGui(argc, argv, args);
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
