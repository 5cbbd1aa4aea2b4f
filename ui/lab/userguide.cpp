#include "ui/lab/userguide.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QImage>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBlock>
#include <QTextBrowser>
#include <QTextCursor>
#include <QTextDocument>
#include <QUrl>
#include <QVBoxLayout>
#include <algorithm>
#include <vector>

namespace ui {

UserGuide::UserGuide(QWidget* parent) : QDialog(parent) {
    setObjectName("userGuide");
    setWindowTitle(tr("Prospect user guide"));
    auto* layout = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(true);
    m_browser->viewport()->installEventFilter(this);
    layout->addWidget(m_browser, 1);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(900, 700);
}

QString UserGuide::defaultPath() {
    return QDir::cleanPath(QCoreApplication::applicationDirPath() +
                           QStringLiteral("/../share/prospect/guide/user-guide.md"));
}

QString UserGuide::load(const QString& path) {
    const QFileInfo info(path);
    if (!info.isFile() || !info.isReadable()) {
        const QString message =
            tr("The user guide was not found at %1. It is written by the build and installed "
               "with the program; the same text is in the README's sections on the window.")
                .arg(QDir::toNativeSeparators(path));
        m_browser->setPlainText(message);
        return message;
    }
    m_browser->setSource(QUrl::fromLocalFile(info.absoluteFilePath()),
                         QTextDocument::MarkdownResource);
    fitImages();
    return {};
}

bool UserGuide::eventFilter(QObject* watched, QEvent* event) {
    if (watched == m_browser->viewport() && event->type() == QEvent::Resize)
        fitImages();
    return QDialog::eventFilter(watched, event);
}

void UserGuide::fitImages() {
    QTextDocument* doc = m_browser->document();
    // The viewport less the document's margins, and the scroll bar that a long guide shows.
    const double room = std::max(50.0, m_browser->viewport()->width() - 2 * doc->documentMargin() -
                                           m_browser->verticalScrollBar()->sizeHint().width());
    struct Picture {
        int position = 0, length = 0;
        QTextImageFormat format;
    };
    std::vector<Picture> pictures;
    for (QTextBlock block = doc->begin(); block.isValid(); block = block.next())
        for (auto it = block.begin(); !it.atEnd(); ++it) {
            const QTextFragment fragment = it.fragment();
            if (!fragment.charFormat().isImageFormat())
                continue;
            QTextImageFormat format = fragment.charFormat().toImageFormat();
            const QVariant resource =
                m_browser->loadResource(QTextDocument::ImageResource, QUrl(format.name()));
            QImage image = resource.value<QImage>();
            if (image.isNull())
                image.loadFromData(resource.toByteArray());
            if (image.isNull() || image.width() <= 0)
                continue;
            const double width = std::min<double>(image.width(), room);
            if (format.width() == width)
                continue;
            format.setWidth(width);
            format.setHeight(image.height() * width / image.width());
            pictures.push_back({fragment.position(), fragment.length(), format});
        }
    for (const Picture& p : pictures) {
        QTextCursor cursor(doc);
        cursor.setPosition(p.position);
        cursor.setPosition(p.position + p.length, QTextCursor::KeepAnchor);
        cursor.setCharFormat(p.format);
    }
}

}  // namespace ui
