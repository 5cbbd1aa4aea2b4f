#include "app/atomicfile.h"

namespace app {

std::optional<std::string> writeFileAtomically(const std::string& path,
                                               const std::string& contents) {
    return engine::report::writeOutputFile(path, contents);
}

std::optional<int> openOutput(const std::string& command, const std::string& option,
                              const std::string& path, engine::report::OutputFile& file,
                              std::ostream& err) {
    if (path.empty()) {
        err << "prospect " << command << ": --" << option << ": give a file name\n";
        return 2;
    }
    if (auto error = file.open(path)) {
        err << "prospect " << command << ": " << *error << "\n";
        return 1;
    }
    return std::nullopt;
}

}  // namespace app
