// libFuzzer target: the FashionMNIST loader (engine/data) on damaged files. The input is split
// in two at the position its first two bytes give: an images file and a labels file, written
// (plain, or gzip'd when they start with the gzip magic) as both the training and the test
// split into a folder of the fuzzer's own, which loadFashionMnist() then reads.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "engine/data/dataset.h"

namespace {

const std::filesystem::path& folder() {
    static const std::filesystem::path path = [] {
        std::string pattern =
            (std::filesystem::temp_directory_path() / "prospect-fuzz-idx-XXXXXX").string();
        if (!mkdtemp(pattern.data()))
            std::abort();
        return std::filesystem::path(pattern);
    }();
    return path;
}

void put(const std::string& name, const std::uint8_t* data, std::size_t size) {
    std::ofstream out(folder() / name, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), std::streamsize(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2)
        return 0;
    const std::size_t split = std::min<std::size_t>(size - 2, std::size_t(data[0]) << 8 | data[1]);
    const std::uint8_t* images = data + 2;
    const std::uint8_t* labels = images + split;
    const std::size_t labelBytes = size - 2 - split;
    put("train-images-idx3-ubyte", images, split);
    put("train-labels-idx1-ubyte", labels, labelBytes);
    put("t10k-images-idx3-ubyte", images, split);
    put("t10k-labels-idx1-ubyte", labels, labelBytes);
    const engine::data::DatasetLoad load = engine::data::loadFashionMnist(folder().string());
    if (load.ok() == !load.error.empty()) {
        std::fprintf(stderr, "fuzz_idx: a load with %s\n",
                     load.ok() ? "an error message" : "neither data nor a message");
        std::abort();
    }
    if (load.ok() &&
        (!load.dataset->train.validate().empty() || !load.dataset->test.validate().empty()))
        std::abort();  // accepted data that is not consistent
    return 0;
}
