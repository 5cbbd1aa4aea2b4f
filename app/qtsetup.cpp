#include "app/qtsetup.h"

#include <QApplication>
#include <QFontInfo>
#include <QString>
#include <cstdlib>
#include <iostream>

namespace app {

void installQtMessageFilter() {
    qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& message) {
        if (message.contains(QLatin1String("propagateSizeHints")) ||
            message.contains(QLatin1String("XDG_RUNTIME_DIR")))
            return;
        std::cerr << qPrintable(message) << "\n";
        if (type == QtFatalMsg)
            std::abort();
    });
}

void warnWithoutFonts() {
    if (QFontInfo(QApplication::font()).family().isEmpty())
        std::cerr << "prospect: warning: no fonts found; install fonts-dejavu-core\n";
}

}  // namespace app
