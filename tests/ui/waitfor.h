#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <functional>

/// Processes events until `done` holds or `ms` pass; returns whether it held.
inline bool waitFor(const std::function<bool()>& done, int ms = 10000) {
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > ms)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
    return true;
}
