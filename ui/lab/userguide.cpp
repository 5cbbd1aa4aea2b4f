#include "ui/lab/userguide.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QTextBrowser>
#include <QUrl>
#include <QVBoxLayout>

namespace ui {

UserGuide::UserGuide(QWidget* parent) : QDialog(parent) {
    setObjectName("userGuide");
    setWindowTitle(tr("Prospect user guide"));
    auto* layout = new QVBoxLayout(this);
    m_browser = new QTextBrowser(this);
    m_browser->setOpenExternalLinks(true);
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
    return {};
}

}  // namespace ui
