#pragma once

// Reading one IDX file (the format of MNIST and FashionMNIST): a magic number 0x000008NN (unsigned
// bytes, NN dimensions), NN big-endian 32-bit sizes, then the bytes in row-major order. The file
// may be gzip-compressed or plain; zlib reads both.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace engine::data {

/// The contents of an IDX file of unsigned bytes.
struct IdxFile {
    std::vector<std::uint32_t> dims;  ///< Sizes, outermost first (count, rows, cols for images).
    std::vector<std::uint8_t> bytes;  ///< Product of dims bytes, row-major.
};

/// Reads the IDX file at `path` (gzip or plain), which must have `rank` dimensions and at most
/// `maxBytes` data bytes (checked before anything is allocated). On failure returns nothing and
/// sets `error` to one sentence about the problem (without the path: the caller adds it).
std::optional<IdxFile> readIdxFile(const std::string& path, int rank, std::uint64_t maxBytes,
                                   std::string& error);

}  // namespace engine::data
