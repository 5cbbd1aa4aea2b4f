// GUI tests run offscreen with a real QApplication.
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>
#include <cstring>

int main(int argc, char** argv) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Settings the window writes (recent files) go to a directory of this run only: never the
    // user's, never shared with tests running in parallel.
    const QTemporaryDir config;
    if (config.isValid()) {
        qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
        // Autosaves of the windows the tests leave modified, likewise.
        qputenv("PROSPECT_AUTOSAVE_DIR", QFile::encodeName(config.path() + "/autosave"));
    }
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
