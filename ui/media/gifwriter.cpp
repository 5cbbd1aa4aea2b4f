#include "ui/media/gifwriter.h"

#include <fcntl.h>
#include <gif_lib.h>
#include <unistd.h>
#include <QFile>
#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <unordered_map>

namespace ui {

namespace {

struct Entry {
    std::uint32_t rgb;
    std::uint32_t count;
};

int channel(std::uint32_t rgb, int axis) {
    return int((rgb >> (16 - 8 * axis)) & 0xff);
}

// Colours of the image with their pixel counts (runs of equal pixels are counted at once).
std::vector<Entry> histogram(const QImage& img) {
    std::unordered_map<std::uint32_t, std::uint32_t> counts;
    counts.reserve(4096);
    for (int y = 0; y < img.height(); ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        int x = 0;
        while (x < img.width()) {
            const std::uint32_t c = line[x] & 0xffffffu;
            int run = 1;
            while (x + run < img.width() && (line[x + run] & 0xffffffu) == c)
                ++run;
            counts[c] += std::uint32_t(run);
            x += run;
        }
    }
    std::vector<Entry> entries;
    entries.reserve(counts.size());
    for (const auto& [rgb, n] : counts)
        entries.push_back({rgb, n});
    std::sort(entries.begin(), entries.end(),
              [](const Entry& a, const Entry& b) { return a.rgb < b.rgb; });
    return entries;
}

struct Box {
    std::size_t begin, end;  // range in the entry vector
    std::uint64_t pixels;
    int axis;   // longest axis (0 = R, 1 = G, 2 = B)
    int range;  // its extent
};

Box makeBox(const std::vector<Entry>& e, std::size_t begin, std::size_t end) {
    int lo[3] = {255, 255, 255}, hi[3] = {0, 0, 0};
    std::uint64_t pixels = 0;
    for (std::size_t i = begin; i < end; ++i) {
        pixels += e[i].count;
        for (int a = 0; a < 3; ++a) {
            lo[a] = std::min(lo[a], channel(e[i].rgb, a));
            hi[a] = std::max(hi[a], channel(e[i].rgb, a));
        }
    }
    Box b{begin, end, pixels, 0, hi[0] - lo[0]};
    for (int a = 1; a < 3; ++a)
        if (hi[a] - lo[a] > b.range) {
            b.axis = a;
            b.range = hi[a] - lo[a];
        }
    return b;
}

}  // namespace

std::vector<std::uint32_t> medianCutPalette(const QImage& image, int maxColors) {
    const QImage img = image.convertToFormat(QImage::Format_RGB32);
    std::vector<Entry> e = histogram(img);
    std::vector<std::uint32_t> palette;
    if (e.size() <= std::size_t(maxColors)) {
        for (const Entry& x : e)
            palette.push_back(x.rgb);
        return palette;
    }
    std::vector<Box> boxes{makeBox(e, 0, e.size())};
    while (boxes.size() < std::size_t(maxColors)) {
        // Split the box with the most pixels times extent: big, spread-out boxes first.
        std::size_t pick = boxes.size();
        double best = 0.0;
        for (std::size_t i = 0; i < boxes.size(); ++i) {
            const double score = double(boxes[i].pixels) * double(boxes[i].range);
            if (boxes[i].end - boxes[i].begin > 1 && score > best) {
                best = score;
                pick = i;
            }
        }
        if (pick == boxes.size())
            break;
        const Box b = boxes[pick];
        std::stable_sort(e.begin() + std::ptrdiff_t(b.begin), e.begin() + std::ptrdiff_t(b.end),
                         [axis = b.axis](const Entry& x, const Entry& y) {
                             return channel(x.rgb, axis) < channel(y.rgb, axis);
                         });
        // Weighted median, keeping both halves non-empty.
        std::uint64_t acc = 0;
        std::size_t cut = b.begin + 1;
        for (std::size_t i = b.begin; i < b.end - 1; ++i) {
            acc += e[i].count;
            cut = i + 1;
            if (2 * acc >= b.pixels)
                break;
        }
        boxes[pick] = makeBox(e, b.begin, cut);
        boxes.push_back(makeBox(e, cut, b.end));
    }
    for (const Box& b : boxes) {
        const auto most =
            std::max_element(e.begin() + std::ptrdiff_t(b.begin), e.begin() + std::ptrdiff_t(b.end),
                             [](const Entry& x, const Entry& y) { return x.count < y.count; });
        palette.push_back(most->rgb);
    }
    return palette;
}

int nearestIndex(const std::vector<std::uint32_t>& palette, std::uint32_t rgb) {
    int best = 0;
    long bestDistance = -1;
    for (std::size_t i = 0; i < palette.size(); ++i) {
        const long dr = channel(rgb, 0) - channel(palette[i], 0),
                   dg = channel(rgb, 1) - channel(palette[i], 1),
                   db = channel(rgb, 2) - channel(palette[i], 2);
        const long d = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
        if (bestDistance < 0 || d < bestDistance) {
            bestDistance = d;
            best = int(i);
            if (d == 0)
                break;
        }
    }
    return best;
}

GifWriter::GifWriter() = default;

GifWriter::~GifWriter() {
    if (m_gif) {
        int error = 0;
        EGifCloseFile(m_gif, &error);
    }
}

int GifWriter::delayCs(int k, int fps) {
    const auto end = [fps](int frame) { return int(std::lround(100.0 * frame / fps)); };
    return end(k + 1) - end(k);
}

QString GifWriter::gifError(const char* what) const {
    const int code = m_gif ? m_gif->Error : 0;
    // giflib reports write failures as E_GIF_ERR_WRITE_FAILED; errno says why (e.g. a full disk).
    QString reason = QString::fromLocal8Bit(GifErrorString(code) ? GifErrorString(code) : "");
    if (code == E_GIF_ERR_WRITE_FAILED && errno != 0)
        reason += QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
    return QObject::tr("cannot %1 '%2': %3").arg(QLatin1String(what), m_path, reason);
}

QString GifWriter::open(const QString& path, QSize size, int fps) {
    if (m_gif) {
        int error = 0;
        EGifCloseFile(m_gif, &error);
        m_gif = nullptr;
    }
    m_frames = 0;
    m_previous = QImage();
    m_path = path;
    if (size.width() < 1 || size.height() < 1 || size.width() > 65535 || size.height() > 65535)
        return QObject::tr("GIF frames must be 1 to 65535 pixels wide and high");
    if (fps < 1 || fps > 100)
        return QObject::tr("GIF frame rate must be 1 to 100 (delays are in 1/100 s)");
    m_size = size;
    m_fps = fps;
    // Our own descriptor: EGifOpenFileName would create the file with mode 0600.
    const int fd = ::open(QFile::encodeName(path).constData(), O_WRONLY | O_CREAT | O_TRUNC, 0666);
    if (fd < 0)
        return QObject::tr("cannot write '%1': %2")
            .arg(path, QString::fromLocal8Bit(std::strerror(errno)));
    int error = 0;
    m_gif = EGifOpenFileHandle(fd, &error);
    if (!m_gif) {
        ::close(fd);
        return QObject::tr("cannot start the GIF '%1': %2")
            .arg(path, QString::fromLocal8Bit(GifErrorString(error)));
    }
    EGifSetGifVersion(m_gif, true);
    errno = 0;
    if (EGifPutScreenDesc(m_gif, size.width(), size.height(), 8, 0, nullptr) == GIF_ERROR)
        return gifError("write");
    // NETSCAPE2.0 application extension: loop forever (count 0).
    static const GifByteType loop[3] = {1, 0, 0};
    if (EGifPutExtensionLeader(m_gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 11, "NETSCAPE2.0") == GIF_ERROR ||
        EGifPutExtensionBlock(m_gif, 3, loop) == GIF_ERROR ||
        EGifPutExtensionTrailer(m_gif) == GIF_ERROR)
        return gifError("write");
    return {};
}

namespace {

/// The rectangle in which `now` differs from `previous` (same size); a single pixel when
/// nothing changed, so that the frame and its delay are kept.
QRect changedRect(const QImage& now, const QImage& previous) {
    int top = now.height(), bottom = -1, left = now.width(), right = -1;
    for (int y = 0; y < now.height(); ++y) {
        const auto* a = reinterpret_cast<const QRgb*>(now.constScanLine(y));
        const auto* b = reinterpret_cast<const QRgb*>(previous.constScanLine(y));
        if (std::memcmp(a, b, std::size_t(now.width()) * sizeof(QRgb)) == 0)
            continue;
        top = std::min(top, y);
        bottom = y;
        for (int x = 0; x < now.width(); ++x)
            if (a[x] != b[x]) {
                left = std::min(left, x);
                right = std::max(right, x);
            }
    }
    return bottom < 0 ? QRect(0, 0, 1, 1) : QRect(QPoint(left, top), QPoint(right, bottom));
}

/// giflib's colour map of `palette`, padded to a power-of-two size (null when out of memory).
ColorMapObject* colourMap(const std::vector<std::uint32_t>& palette) {
    int mapSize = 2;
    while (mapSize < int(palette.size()))
        mapSize *= 2;
    std::vector<GifColorType> colors(std::size_t(mapSize), GifColorType{0, 0, 0});
    for (std::size_t i = 0; i < palette.size(); ++i)
        colors[i] =
            GifColorType{GifByteType(channel(palette[i], 0)), GifByteType(channel(palette[i], 1)),
                         GifByteType(channel(palette[i], 2))};
    return GifMakeMapObject(mapSize, colors.data());
}

/// Writes the pixels of `img` as indices into `palette`, line by line; false on a write error.
bool writePixels(GifFileType* gif, const QImage& img, const std::vector<std::uint32_t>& palette) {
    std::unordered_map<std::uint32_t, GifByteType> index;
    std::vector<GifByteType> line(std::size_t(img.width()));
    for (int y = 0; y < img.height(); ++y) {
        const auto* px = reinterpret_cast<const QRgb*>(img.constScanLine(y));
        std::uint32_t last = 0xffffffffu;
        GifByteType lastIndex = 0;
        for (int x = 0; x < img.width(); ++x) {
            const std::uint32_t c = px[x] & 0xffffffu;
            if (c != last) {
                auto it = index.find(c);
                if (it == index.end())
                    it = index.emplace(c, GifByteType(nearestIndex(palette, c))).first;
                last = c;
                lastIndex = it->second;
            }
            line[std::size_t(x)] = lastIndex;
        }
        if (EGifPutLine(gif, line.data(), img.width()) == GIF_ERROR)
            return false;
    }
    return true;
}

}  // namespace

QString GifWriter::write(const QImage& frame) {
    if (QString problem = frameProblem(m_gif != nullptr, frame.size(), m_size, "GIF");
        !problem.isEmpty())
        return problem;
    const QImage full = frame.convertToFormat(QImage::Format_RGB32);
    // Only the rectangle that changed since the previous frame is stored (the rest stays on
    // the canvas: disposal "do not dispose"), with a palette of its own. Recordings change a
    // little at a time, so this makes GIFs several times smaller and faster to write.
    const QRect changed =
        m_previous.isNull() ? QRect(QPoint(0, 0), m_size) : changedRect(full, m_previous);
    m_previous = full;
    const QImage img = full.copy(changed);
    const std::vector<std::uint32_t> palette = medianCutPalette(img);
    ColorMapObject* map = colourMap(palette);
    if (!map)
        return QObject::tr("out of memory while writing the GIF");
    GraphicsControlBlock gcb{};
    gcb.DisposalMode = DISPOSE_DO_NOT;
    gcb.DelayTime = delayCs(m_frames, m_fps);
    gcb.TransparentColor = NO_TRANSPARENT_COLOR;
    GifByteType ext[4];
    EGifGCBToExtension(&gcb, ext);
    errno = 0;
    bool ok = EGifPutExtension(m_gif, GRAPHICS_EXT_FUNC_CODE, 4, ext) != GIF_ERROR &&
              EGifPutImageDesc(m_gif, changed.x(), changed.y(), changed.width(), changed.height(),
                               false, map) != GIF_ERROR;
    GifFreeMapObject(map);
    if (!ok || !writePixels(m_gif, img, palette))
        return gifError("write");
    ++m_frames;
    return {};
}

QString GifWriter::finish() {
    if (!m_gif)
        return QObject::tr("the GIF file is not open");
    int error = 0;
    errno = 0;
    const int result = EGifCloseFile(m_gif, &error);  // frees m_gif even when it fails
    m_gif = nullptr;
    if (result == GIF_ERROR) {
        QString reason = QString::fromLocal8Bit(GifErrorString(error));
        if (errno != 0)
            reason += QStringLiteral(": ") + QString::fromLocal8Bit(std::strerror(errno));
        return QObject::tr("cannot finish '%1': %2").arg(m_path, reason);
    }
    return {};
}

}  // namespace ui
