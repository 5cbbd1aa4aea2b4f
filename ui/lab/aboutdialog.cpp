#include "ui/lab/aboutdialog.h"

#include <gif_lib.h>
#include <qcustomplot.h>
#include <Eigen/Core>
#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QIcon>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtGlobal>

extern "C" {
#include <libavcodec/avcodec.h>
#include <libavformat/avformat.h>
#include <libavutil/avutil.h>
}

namespace ui {

namespace {

constexpr int IconSizePx = 64;

// FFmpeg packs a library version as major << 16 | minor << 8 | micro.
QString libraryVersion(unsigned packed) {
    return QStringLiteral("%1.%2.%3")
        .arg(AV_VERSION_MAJOR(packed))
        .arg(AV_VERSION_MINOR(packed))
        .arg(AV_VERSION_MICRO(packed));
}

QString aboutText() {
    QString libraries;
    for (const LibraryVersion& library : AboutDialog::libraryVersions())
        libraries += QStringLiteral("<tr><td>%1</td><td>&nbsp;&nbsp;%2</td></tr>")
                         .arg(library.name.toHtmlEscaped(), library.version.toHtmlEscaped());
    return QObject::tr(
               "<h2>Prospect %1</h2>"
               "<p>Backpropagation and prospective configuration, side by side.</p>"
               "<p>Licence: GNU General Public License, version 3 or any later version "
               "(GPL-3.0-or-later). Prospect comes with absolutely no warranty.</p>"
               "<p>The lab follows Y. Song, B. Millidge, T. Salvatori, T. Lukasiewicz, Z. Xu "
               "and R. Bogacz, <i>Inferring neural activity before plasticity as a foundation "
               "for learning beyond backpropagation</i>, Nature Neuroscience 27, 348&ndash;358 "
               "(2024), doi: <a href=\"https://doi.org/10.1038/s41593-023-01514-1\">"
               "10.1038/s41593-023-01514-1</a>.</p>"
               "<p>Libraries in use:</p><table>%2</table>")
        .arg(AboutDialog::version().toHtmlEscaped(), libraries);
}

}  // namespace

AboutDialog::AboutDialog(QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("About Prospect"));
    m_label = new QLabel(aboutText(), this);
    m_label->setTextFormat(Qt::RichText);
    m_label->setWordWrap(true);
    m_label->setOpenExternalLinks(true);
    m_label->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_label->setMinimumWidth(480);

    auto* row = new QHBoxLayout;
    const QIcon icon = QApplication::windowIcon();
    if (!icon.isNull()) {
        auto* picture = new QLabel(this);
        picture->setPixmap(icon.pixmap(IconSizePx, IconSizePx));
        picture->setAlignment(Qt::AlignTop);
        row->addWidget(picture);
    }
    row->addWidget(m_label, 1);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy versions"), QDialogButtonBox::ActionRole);
    copy->setToolTip(tr("Copy Prospect's and the libraries' versions, for a bug report"));
    connect(copy, &QPushButton::clicked, this,
            [] { QApplication::clipboard()->setText(versionsText()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(row);
    layout->addWidget(buttons);
}

QString AboutDialog::version() {
    return QStringLiteral(PROSPECT_VERSION);
}

QList<LibraryVersion> AboutDialog::libraryVersions() {
    const QString ffmpeg =
        QStringLiteral("%1 (libavformat %2, libavcodec %3)")
            .arg(QString::fromUtf8(av_version_info()), libraryVersion(avformat_version()),
                 libraryVersion(avcodec_version()));
    return {
        {QStringLiteral("Qt"), QString::fromUtf8(qVersion())},
        {QStringLiteral("Eigen"), QStringLiteral("%1.%2.%3")
                                      .arg(EIGEN_WORLD_VERSION)
                                      .arg(EIGEN_MAJOR_VERSION)
                                      .arg(EIGEN_MINOR_VERSION)},
        {QStringLiteral("QCustomPlot"), QStringLiteral(QCUSTOMPLOT_VERSION_STR)},
        {QStringLiteral("FFmpeg"), ffmpeg},
        {QStringLiteral("giflib"),
         QStringLiteral("%1.%2.%3").arg(GIFLIB_MAJOR).arg(GIFLIB_MINOR).arg(GIFLIB_RELEASE)},
    };
}

QString AboutDialog::versionsText() {
    QString text = QStringLiteral("Prospect %1\n").arg(version());
    for (const LibraryVersion& library : libraryVersions())
        text += library.name + QLatin1Char(' ') + library.version + QLatin1Char('\n');
    return text;
}

QString AboutDialog::text() const {
    return m_label->text();
}

}  // namespace ui
