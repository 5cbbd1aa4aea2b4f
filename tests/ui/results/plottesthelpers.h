#pragma once

// Small helpers for the results window's tests: find what a plot holds and run a tab.

#include <qcustomplot.h>
#include <QPushButton>
#include <QTest>
#include <vector>

#include "ui/results/experimenttab.h"
#include "waitfor.h"

namespace plottest {

/// Every plottable of type T in the plot, in the order they were added.
template <typename T>
std::vector<T*> plottables(QCustomPlot* plot) {
    std::vector<T*> out;
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (auto* p = qobject_cast<T*>(plot->plottable(i)))
            out.push_back(p);
    return out;
}

/// The plottable called `name`, or null.
inline QCPAbstractPlottable* named(QCustomPlot* plot, const QString& name) {
    for (int i = 0; i < plot->plottableCount(); ++i)
        if (plot->plottable(i)->name() == name)
            return plot->plottable(i);
    return nullptr;
}

/// Clicks Run and waits for the end of the run; false when it did not end in time.
inline bool runAndWait(ui::ExperimentTab* tab, int ms = 30000) {
    QTest::mouseClick(tab->runButton(), Qt::LeftButton);
    return waitFor([&] { return !tab->running(); }, ms);
}

/// The points of a curve, in their order.
inline std::vector<std::pair<double, double>> points(const QCPCurve* curve) {
    std::vector<std::pair<double, double>> out;
    for (auto it = curve->data()->constBegin(); it != curve->data()->constEnd(); ++it)
        out.push_back({it->key, it->value});
    return out;
}

}  // namespace plottest
