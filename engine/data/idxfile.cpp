#include "engine/data/idxfile.h"

#include <zlib.h>

#include <algorithm>
#include <memory>
#include <sstream>

namespace engine::data {

namespace {

struct GzCloser {
    void operator()(gzFile f) const { gzclose(f); }
};
using GzHandle = std::unique_ptr<std::remove_pointer_t<gzFile>, GzCloser>;

// Reads up to `size` bytes; returns how many were read, and sets `zlibError` when zlib reported
// a corrupt stream (a clean end of file is not an error here).
std::uint64_t readBytes(gzFile file, std::uint8_t* out, std::uint64_t size,
                        std::string& zlibError) {
    std::uint64_t done = 0;
    while (done < size) {
        // gzread takes an unsigned int: read in chunks of 1 MiB.
        const auto chunk = static_cast<unsigned>(std::min<std::uint64_t>(size - done, 1u << 20));
        const int got = gzread(file, out + done, chunk);
        if (got <= 0) {
            int code = Z_OK;
            const char* message = gzerror(file, &code);
            // Z_BUF_ERROR is zlib's "unexpected end of file" of a truncated gzip stream: the caller
            // reports it as truncation.
            if (got < 0 || (code != Z_OK && code != Z_BUF_ERROR))
                zlibError = message ? message : "unknown zlib error";
            break;
        }
        done += static_cast<std::uint64_t>(got);
    }
    return done;
}

std::string hex(std::uint32_t v) {
    std::ostringstream s;
    s << "0x" << std::hex;
    s.width(8);
    s.fill('0');
    s << v;
    return s.str();
}

}  // namespace

std::optional<IdxFile> readIdxFile(const std::string& path, int rank, std::uint64_t maxBytes,
                                   std::string& error) {
    GzHandle file(gzopen(path.c_str(), "rb"));
    if (!file) {
        error = "cannot be opened";
        return std::nullopt;
    }
    std::string zlibError;
    std::uint8_t header[4];
    if (readBytes(file.get(), header, 4, zlibError) != 4) {
        error = zlibError.empty() ? "is truncated: it ends before its 4-byte magic number"
                                  : "is not a readable gzip file (zlib: " + zlibError + ")";
        return std::nullopt;
    }
    const std::uint32_t magic = (std::uint32_t(header[0]) << 24) |
                                (std::uint32_t(header[1]) << 16) | (std::uint32_t(header[2]) << 8) |
                                header[3];
    const std::uint32_t expected = 0x00000800u | static_cast<std::uint32_t>(rank);
    if (magic != expected) {
        error = "has the magic number " + hex(magic) + ", expected " + hex(expected) +
                " (an IDX file of unsigned bytes with " + std::to_string(rank) +
                " dimension(s)): not the right file, or damaged";
        return std::nullopt;
    }

    IdxFile idx;
    std::uint64_t total = 1;
    for (int d = 0; d < rank; ++d) {
        std::uint8_t b[4];
        if (readBytes(file.get(), b, 4, zlibError) != 4) {
            error = zlibError.empty() ? "is truncated: it ends inside its header"
                                      : "is damaged (zlib: " + zlibError + ")";
            return std::nullopt;
        }
        const std::uint32_t size = (std::uint32_t(b[0]) << 24) | (std::uint32_t(b[1]) << 16) |
                                   (std::uint32_t(b[2]) << 8) | b[3];
        idx.dims.push_back(size);
        // Each factor is below 2^32 and the running product is capped, so this cannot overflow.
        total *= size;
        if (total > maxBytes) {
            error = "declares more data than a FashionMNIST file can hold (dimension " +
                    std::to_string(d + 1) + " is " + std::to_string(size) + "): damaged header";
            return std::nullopt;
        }
    }
    if (total == 0) {
        error = "declares no data (a dimension is 0)";
        return std::nullopt;
    }

    // Grown as the data arrives: a damaged header that declares far more than the file holds
    // costs no more memory than the file's data.
    constexpr std::uint64_t Chunk = 1u << 20;
    std::uint64_t got = 0;
    while (got < total && zlibError.empty()) {
        const std::uint64_t want = std::min(Chunk, total - got);
        idx.bytes.resize(static_cast<size_t>(got + want));
        const std::uint64_t n = readBytes(file.get(), idx.bytes.data() + got, want, zlibError);
        got += n;
        if (n < want)
            break;
    }
    idx.bytes.resize(static_cast<size_t>(got));
    if (!zlibError.empty()) {
        error = "is damaged (zlib: " + zlibError + ")";
        return std::nullopt;
    }
    if (got != total) {
        error = "is truncated: its header declares " + std::to_string(total) +
                " data bytes, the file has " + std::to_string(got);
        return std::nullopt;
    }
    std::uint8_t extra = 0;
    if (readBytes(file.get(), &extra, 1, zlibError) != 0 || !zlibError.empty()) {
        error = zlibError.empty() ? "has more data than its header declares"
                                  : "is damaged after its data (zlib: " + zlibError + ")";
        return std::nullopt;
    }
    return idx;
}

}  // namespace engine::data
