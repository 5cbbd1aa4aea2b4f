#include <qcustomplot.h>
#include <QLineEdit>
#include <algorithm>
#include <cmath>
#include <limits>

#include "ui/results/figureplots.h"
#include "ui/results/figuretabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

TargetAlignmentTab::TargetAlignmentTab(QWidget* parent)
    : ExperimentTab(tr("<b>Fig. 3e: target alignment against depth.</b> Deep linear nets of "
                       "width 64, one sample, one learning step: how straight does the output "
                       "move toward the target (1 = straight at it)? Both rules give 1 with one "
                       "weight layer; with depth BP's alignment falls steeply, PC's stays high. "
                       "Lines: mean over seeds; bands: ± 1 sd."),
                    parent) {
    addSettings(ex::targetAlignmentOptions());
    m_rect =
        resultplots::setUp(plot(), tr("Fig. 3e: target alignment against depth"), 1, 4).front();
    m_rect->axis(QCPAxis::atBottom)->setLabel(tr("number of weight layers"));
    m_rect->axis(QCPAxis::atLeft)->setLabel(tr("target alignment; mean over seeds, band ± 1 sd"));
    showEmptyAxes();
    connect(setting(QStringLiteral("depths")), &QLineEdit::textChanged, this, [this] {
        if (!hasResult())
            showEmptyAxes();
    });
}

void TargetAlignmentTab::showEmptyAxes() {
    std::vector<long long> depths;
    const std::string text = setting(QStringLiteral("depths"))->text().trimmed().toStdString();
    if (ex::readIntegerList(text, 1, std::numeric_limits<int>::max(), depths))
        return;  // a problem: Run will name it
    m_rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.02);
    m_rect->axis(QCPAxis::atBottom)
        ->setRange(0.5, static_cast<double>(*std::max_element(depths.begin(), depths.end())) + 0.5);
    plot()->replot();
}

std::optional<ExperimentTab::Batch> TargetAlignmentTab::prepare() {
    ex::TargetAlignmentSettings settings;
    if (!readSettings(ex::targetAlignmentOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    // From the end: with depths ascending, the deep (slow) nets start first.
    return batchOf(
        ex::targetAlignmentJobs(settings.depths, seeds), ex::runAlignmentJob, settings.config,
        [this, seeds](const std::vector<ex::AlignmentJob>& jobs) {
            draw(ex::summariseTargetAlignment(jobs), seeds);
        },
        true);
}

void TargetAlignmentTab::draw(const ex::TargetAlignmentSummary& summary, int seeds) {
    plot()->clearPlottables();
    // Depth order along the axis, whatever order the depths were given in.
    std::vector<const ex::TargetAlignmentSummary::Row*> rows;
    for (const auto& row : summary.rows)
        rows.push_back(&row);
    std::sort(rows.begin(), rows.end(), [](auto* a, auto* b) { return a->depth < b->depth; });
    double lowest = 0.0, deepest = 1.0;
    for (int r = 0; r < 2; ++r) {
        const bool bp = r == 0;
        const QString name = QString::fromLatin1(engine::ruleName(ex::LearningRules[r]));
        QVector<double> keys, means, lower, upper;
        for (const auto* row : rows) {
            const ex::SeedStats& s = bp ? row->bpStats : row->pcStats;
            if (!std::isfinite(s.mean))
                continue;
            keys << row->depth;
            means << s.mean;
            lower << s.mean - s.sd;
            upper << s.mean + s.sd;
            lowest = std::min(lowest, s.mean - s.sd);
            deepest = std::max(deepest, static_cast<double>(row->depth));
        }
        figureplots::addBand(m_rect, r, tr("%1 ± 1 sd").arg(name), keys, lower, upper);
        resultplots::addRuleLine(m_rect, r, tr("%1 mean").arg(name), keys, means, {}, {});
    }
    // As the paper's panel: alignment from 0 to 1, depth from 1 to the deepest net.
    m_rect->axis(QCPAxis::atLeft)->setRange(std::min(0.0, lowest - 0.02), 1.02);
    m_rect->axis(QCPAxis::atBottom)->setRange(0.5, deepest + 0.5);

    QStringList parts;
    for (const auto* row : {rows.front(), rows.back()})
        parts << tr("depth %1: BP %2 (%3), PC %4 (%5)")
                     .arg(row->depth)
                     .arg(fixed(row->bpStats.mean, 3), fixed(row->bpStats.sd, 3),
                          fixed(row->pcStats.mean, 3), fixed(row->pcStats.sd, 3));
    if (rows.size() == 1)
        parts.removeLast();
    QString text = tr("Target alignment, mean (sd) over %n seed(s):", nullptr, seeds) +
                   QLatin1Char(' ') + parts.join(QStringLiteral("; ")) + QLatin1Char('.');
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
