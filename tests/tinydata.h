#pragma once

// A tiny stand-in for FashionMNIST written as the four IDX files (plain, not gzip'd) into a
// folder, for tests of the dataset experiments' command and window: 28 x 28 images, ten classes,
// each class a bright horizontal band at its own height over faint noise, so both rules learn it
// within a few epochs.

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace tinydata {

inline void putU32(std::vector<std::uint8_t>& b, std::uint32_t v) {
    for (int shift = 24; shift >= 0; shift -= 8)
        b.push_back(static_cast<std::uint8_t>(v >> shift));
}

inline void writeIdx(const std::filesystem::path& path, const std::vector<std::uint32_t>& dims,
                     const std::vector<std::uint8_t>& data) {
    std::vector<std::uint8_t> b = {0, 0, 8, static_cast<std::uint8_t>(dims.size())};
    for (std::uint32_t d : dims)
        putU32(b, d);
    b.insert(b.end(), data.begin(), data.end());
    std::ofstream f(path, std::ios::binary);
    f.write(reinterpret_cast<const char*>(b.data()), static_cast<std::streamsize>(b.size()));
}

/// Writes train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and
/// t10k-labels-idx1-ubyte into `folder`: `trainPerClass` and `testPerClass` images of each class,
/// the classes interleaved (0, 1, ..., 9, 0, 1, ...).
inline void write(const std::filesystem::path& folder, int trainPerClass, int testPerClass) {
    std::uint32_t state = 12345;  // a small LCG: the same files on every machine
    const auto noise = [&state](int range) {
        state = state * 1664525u + 1013904223u;
        return static_cast<int>((state >> 16) % static_cast<std::uint32_t>(range));
    };
    const auto split = [&](int perClass, const std::string& images, const std::string& labels) {
        std::vector<std::uint8_t> pixels, classes;
        for (int i = 0; i < perClass; ++i)
            for (int c = 0; c < 10; ++c) {
                classes.push_back(static_cast<std::uint8_t>(c));
                for (int row = 0; row < 28; ++row)
                    for (int col = 0; col < 28; ++col) {
                        const bool band = row >= 4 + 2 * c && row < 6 + 2 * c;
                        pixels.push_back(
                            static_cast<std::uint8_t>(band ? 180 + noise(76) : noise(60)));
                    }
            }
        const auto n = static_cast<std::uint32_t>(classes.size());
        writeIdx(folder / images, {n, 28, 28}, pixels);
        writeIdx(folder / labels, {n}, classes);
    };
    split(trainPerClass, "train-images-idx3-ubyte", "train-labels-idx1-ubyte");
    split(testPerClass, "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte");
}

}  // namespace tinydata
