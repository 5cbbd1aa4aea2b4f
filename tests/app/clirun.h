#pragma once

// Running the command line in-process, and reading what it wrote, for the app tests.

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli.h"

/// What a command printed and returned.
struct CliResult {
    int code;
    std::string out, err;
};

/// Runs `prospect ARGS` (without the program name) in-process.
inline CliResult runCli(const std::vector<std::string>& args) {
    std::ostringstream out, err;
    const int code = app::runCommandLine(args, out, err);
    return {code, out.str(), err.str()};
}

/// The whole content of a file ("" when it cannot be read).
inline std::string fileText(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// Writes `text` to `path` (test set-up).
inline void writeText(const std::string& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}
