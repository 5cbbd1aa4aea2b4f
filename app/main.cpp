// prospect: the command line. Headless sub-commands run here; see app/cli.h.
#include <iostream>
#include <string>
#include <vector>

#include "app/cli.h"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    return app::runCommandLine(args, std::cout, std::cerr);
}
