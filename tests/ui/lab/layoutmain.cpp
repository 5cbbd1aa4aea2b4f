// The layout test's main: offscreen, on three screens of the sizes a lecture hall's projector or
// a laptop may have (1024x768, 1280x800, 1920x1080 device pixels, side by side), at the scale
// QT_SCALE_FACTOR gives (ctest runs it at 1 and at 1.5).
#include <gtest/gtest.h>

#include <QApplication>
#include <QFile>
#include <QTemporaryDir>

int main(int argc, char** argv) {
    const QTemporaryDir dir;
    if (!dir.isValid())
        return 1;
    QFile config(dir.filePath("screens.json"));
    if (!config.open(QIODevice::WriteOnly))
        return 1;
    config.write(R"({"windowFrameMargins": false, "screens": [
        {"name": "1024x768", "x": 0, "y": 0, "width": 1024, "height": 768,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "1280x800", "x": 1024, "y": 0, "width": 1280, "height": 800,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1},
        {"name": "1920x1080", "x": 2304, "y": 0, "width": 1920, "height": 1080,
         "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})");
    config.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config.fileName()));
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(dir.filePath("config")));
    qputenv("PROSPECT_AUTOSAVE_DIR", QFile::encodeName(dir.filePath("autosave")));
    ::testing::InitGoogleTest(&argc, argv);
    QApplication app(argc, argv);
    return RUN_ALL_TESTS();
}
