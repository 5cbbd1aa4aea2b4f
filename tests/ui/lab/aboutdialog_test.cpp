// Help > About: version, licence, the paper and the libraries' versions.
#include <gtest/gtest.h>

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>

#include "ui/lab/aboutdialog.h"

extern "C" {
#include <libavformat/avformat.h>
}

using namespace ui;

namespace {

QPushButton* button(AboutDialog& dialog, const QString& text) {
    for (QPushButton* b : dialog.findChildren<QPushButton*>())
        if (b->text().remove(QLatin1Char('&')) == text)
            return b;
    return nullptr;
}

}  // namespace

TEST(AboutDialog, ShowsTheProjectVersionLicenceAndPaper) {
    AboutDialog dialog;
    EXPECT_EQ(AboutDialog::version().toStdString(), PROSPECT_EXPECTED_VERSION);
    const QString text = dialog.text();
    EXPECT_TRUE(text.contains(QStringLiteral("Prospect ") + PROSPECT_EXPECTED_VERSION));
    EXPECT_TRUE(text.contains(QLatin1String("GPL-3.0-or-later")));
    EXPECT_TRUE(text.contains(QLatin1String("Nature Neuroscience 27, 348")));
    EXPECT_TRUE(
        text.contains(QLatin1String("href=\"https://doi.org/10.1038/s41593-023-01514-1\"")));
    EXPECT_TRUE(dialog.label()->openExternalLinks());
}

TEST(AboutDialog, ListsEachLibraryWithTheVersionInUse) {
    const QList<LibraryVersion> libraries = AboutDialog::libraryVersions();
    QStringList names;
    for (const LibraryVersion& library : libraries)
        names << library.name;
    EXPECT_EQ(names, (QStringList{"Qt", "Eigen", "QCustomPlot", "FFmpeg", "giflib"}));
    const QRegularExpression versionLike(QStringLiteral("^\\d+\\.\\d+"));
    for (const LibraryVersion& library : libraries)
        EXPECT_TRUE(versionLike.match(library.version).hasMatch())
            << library.name.toStdString() << ": " << library.version.toStdString();
    // Qt as loaded, not as compiled; FFmpeg's packed library version unpacked correctly.
    EXPECT_EQ(libraries[0].version, QString::fromUtf8(qVersion()));
    EXPECT_TRUE(libraries[3].version.startsWith(QString::fromUtf8(av_version_info())));
    EXPECT_TRUE(libraries[3].version.contains(QStringLiteral("libavformat %1.%2.")
                                                  .arg(LIBAVFORMAT_VERSION_MAJOR)
                                                  .arg(LIBAVFORMAT_VERSION_MINOR)))
        << libraries[3].version.toStdString();
    AboutDialog dialog;
    for (const LibraryVersion& library : libraries) {
        EXPECT_TRUE(dialog.text().contains(library.version.toHtmlEscaped()))
            << library.name.toStdString();
    }
}

TEST(AboutDialog, CopiesTheVersionsAndCloses) {
    AboutDialog dialog;
    dialog.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&dialog));
    QApplication::clipboard()->clear();
    QPushButton* copy = button(dialog, QStringLiteral("Copy versions"));
    ASSERT_NE(copy, nullptr);
    QTest::mouseClick(copy, Qt::LeftButton);
    const QString copied = QApplication::clipboard()->text();
    EXPECT_EQ(copied, AboutDialog::versionsText());
    EXPECT_TRUE(copied.startsWith(QStringLiteral("Prospect ") + PROSPECT_EXPECTED_VERSION + "\n"));
    EXPECT_TRUE(copied.contains(QStringLiteral("\nQt ") + qVersion() + "\n"));

    QPushButton* close = dialog.findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Close);
    ASSERT_NE(close, nullptr);
    QTest::mouseClick(close, Qt::LeftButton);
    EXPECT_FALSE(dialog.isVisible());
    EXPECT_EQ(dialog.result(), QDialog::Rejected);
}
