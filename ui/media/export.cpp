#include "ui/media/export.h"

#include "ui/media/tracescsv.h"
#include "ui/views/plotfit.h"

#include <qcustomplot.h>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>

namespace ui {

namespace {

QString saveError(const QSaveFile& file, const QString& path) {
    return QObject::tr("cannot write '%1': %2").arg(path, file.errorString());
}

QString commit(QSaveFile& file, const QString& path) {
    if (!file.commit())
        return saveError(file, path);
    return {};
}

}  // namespace

std::optional<ImageFormat> imageFormatFor(const QString& path) {
    const QString lower = path.toLower();
    if (lower.endsWith(QLatin1String(".png")))
        return ImageFormat::Png;
    if (lower.endsWith(QLatin1String(".svg")))
        return ImageFormat::Svg;
    if (lower.endsWith(QLatin1String(".pdf")))
        return ImageFormat::Pdf;
    return std::nullopt;
}

QString exportImage(const RunLook& look, const History& history, std::size_t index,
                    const RenderSettings& settings, const QString& path) {
    const auto format = imageFormatFor(path);
    if (!format)
        return QObject::tr("'%1': unknown extension; use .png, .svg or .pdf").arg(path);
    if (index >= history.size())
        return QObject::tr("no recorded step %1").arg(index);
    if (*format == ImageFormat::Pdf && !isPlotView(settings.view))
        return QObject::tr(
            "PDF is for single plots (energy, outputs, loss, weights, alignment, landscape)");
    const QSize size = settings.size;
    if (size.width() < 16 || size.height() < 16 || size.width() > 16384 || size.height() > 16384)
        return QObject::tr("image size %1x%2 is outside 16x16 to 16384x16384")
            .arg(size.width())
            .arg(size.height());
    FrameRenderer renderer(look, settings);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return saveError(file, path);
    switch (*format) {
        case ImageFormat::Png: {
            QImageWriter writer(&file, "png");
            if (!writer.write(renderer.render(history, index))) {
                file.cancelWriting();
                return QObject::tr("cannot write '%1': %2").arg(path, writer.errorString());
            }
            return commit(file, path);
        }
        case ImageFormat::Svg: {
            QSvgGenerator svg;
            svg.setOutputDevice(&file);
            const QSize logical = renderer.logicalSize();
            svg.setSize(logical);
            svg.setResolution(96);  // layout pixels at the usual screen density: 1 px = 1/96 in
            svg.setViewBox(QRect(QPoint(0, 0), logical));
            svg.setTitle(settings.title.isEmpty() ? look.title : settings.title);
            svg.setDescription(QStringLiteral("Prospect: %1").arg(recordViewName(settings.view)));
            if (QCustomPlot* plot = renderer.plot();
                plot && settings.title.isEmpty() && !settings.caption) {
                // A single plot as vectors: QCustomPlot paints itself onto the SVG.
                renderer.show(history, index);
                plotfit::fitTo(plot, logical);  // texts fitted to the picture, not the widget
                QCPPainter painter(&svg);
                plot->toPainter(&painter, logical.width(), logical.height());
            } else {
                QPainter painter(&svg);
                renderer.paint(painter, history, index);
            }
            return commit(file, path);
        }
        case ImageFormat::Pdf: {
            file.cancelWriting();  // QCustomPlot writes the PDF itself: into a temporary name
            renderer.show(history, index);
            const QFileInfo info(path);
            const QString temp =
                info.dir().filePath(QStringLiteral(".%1.part").arg(info.fileName()));
            const QSize logical = renderer.logicalSize();
            plotfit::fitTo(renderer.plot(), logical);
            if (!renderer.plot()->savePdf(temp, logical.width(), logical.height(),
                                          QCP::epAllowCosmetic, QStringLiteral("Prospect"),
                                          settings.title.isEmpty() ? look.title : settings.title)) {
                QFile::remove(temp);
                return QObject::tr("cannot write '%1'").arg(path);
            }
            if (std::rename(QFile::encodeName(temp).constData(),
                            QFile::encodeName(path).constData()) != 0) {
                const QString reason = QString::fromLocal8Bit(std::strerror(errno));
                QFile::remove(temp);
                return QObject::tr("cannot write '%1': %2").arg(path, reason);
            }
            return {};
        }
    }
    return {};
}

std::string tracesCsv(const History& history, const RunLook& look, int* rowCount) {
    std::string text;
    TracesCsvWriter writer(look, [&text](std::string_view piece) { text += piece; });
    for (const TrialRecord& r : history.trials())
        writer.addRecord(r);
    for (std::size_t k = 0; k < history.size(); ++k)
        writer.addEnergy(history.at(k));
    writer.finish();
    if (rowCount)
        *rowCount = int(writer.rows());
    return text;
}

QString exportCsv(const History& history, const RunLook& look, const QString& path, int* rows) {
    const std::string text = tracesCsv(history, look, rows);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return saveError(file, path);
    if (file.write(text.data(), qint64(text.size())) != qint64(text.size())) {
        file.cancelWriting();
        return saveError(file, path);
    }
    return commit(file, path);
}

}  // namespace ui
