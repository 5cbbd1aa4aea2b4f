#include "ui/results/plotexport.h"

#include <qcustomplot.h>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QObject>
#include <QSaveFile>
#include <QTemporaryDir>

#include "engine/report/table.h"

namespace ui {

QString writeFileAtomically(const QString& path, const QByteArray& bytes) {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    if (file.write(bytes) != bytes.size() || !file.commit())
        return QObject::tr("Cannot write %1: %2").arg(path, file.errorString());
    return {};
}

QString savePlotFile(QCustomPlot* plot, const QString& path, int width, int height) {
    // QCustomPlot writes to a file name: render into a temporary folder, then move the bytes into
    // place with QSaveFile so a failed export never leaves a broken file under the chosen name.
    QTemporaryDir dir;
    if (!dir.isValid())
        return QObject::tr("Cannot create a temporary folder: %1").arg(dir.errorString());
    const bool pdf =
        QFileInfo(path).suffix().compare(QLatin1String("pdf"), Qt::CaseInsensitive) == 0;
    const QString temp =
        dir.filePath(pdf ? QStringLiteral("plot.pdf") : QStringLiteral("plot.png"));
    const bool ok =
        pdf ? plot->savePdf(temp, width, height) : plot->savePng(temp, width, height, 2.0);
    if (!ok)
        return QObject::tr("Cannot render the plot as %1")
            .arg(pdf ? QStringLiteral("PDF") : QStringLiteral("PNG"));
    QFile rendered(temp);
    if (!rendered.open(QIODevice::ReadOnly))
        return QObject::tr("Cannot read the rendered plot: %1").arg(rendered.errorString());
    return writeFileAtomically(path, rendered.readAll());
}

QString saveCsvTable(const engine::report::TextTable& csv, const QString& path) {
    if (csv.header.empty())
        return QObject::tr("Nothing to save: run the experiment first");
    return writeFileAtomically(path, QByteArray::fromStdString(engine::report::csvText(csv)));
}

QString askPlotPath(QWidget* parent) {
    QString filter;
    QString path = QFileDialog::getSaveFileName(
        parent, QObject::tr("Save plot"), QString(),
        QObject::tr("PNG image (*.png);;PDF document (*.pdf)"), &filter);
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path +=
            filter.contains(QLatin1String("pdf")) ? QStringLiteral(".pdf") : QStringLiteral(".png");
    return path;
}

QString askCsvPath(QWidget* parent) {
    QString path = QFileDialog::getSaveFileName(parent, QObject::tr("Save CSV"), QString(),
                                                QObject::tr("CSV table (*.csv)"));
    if (!path.isEmpty() && QFileInfo(path).suffix().isEmpty())
        path += QStringLiteral(".csv");
    return path;
}

}  // namespace ui
