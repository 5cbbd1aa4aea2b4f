#include <qcustomplot.h>
#include <cmath>
#include <memory>

#include "engine/report/format.h"
#include "ui/results/experimenttabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr double BarWidth = 0.6;

}  // namespace

SensorimotorTab::SensorimotorTab(QWidget* parent)
    : ExperimentTab(tr("<b>Human sensorimotor learning</b> (COIN paradigm). A linear 2-2-2 net: "
                       "the input is the cue, hidden unit i sees only cue i, the output is the "
                       "force field (P+ or P−). After training cue 1 with P+ and cue 2 with P−, "
                       "each test triplet measures how much one exposure changes the cue-1 "
                       "prediction. In BP a cue-2 exposure adds nothing to it; PC transfers, "
                       "as humans do."),
                    parent) {
    addSettings(ex::sensorimotorOptions());

    // One panel per rule, each with its own scale: from small initial weights BP learns far
    // more slowly than PC, and on a shared scale its pattern (same-cue groups only) would vanish.
    m_rects = resultplots::setUp(
        plot(), tr("Sensorimotor learning: single-trial adaptation (each panel its own scale)"), 2,
        4);
    QStringList groups;
    // Short ticks ("1+", "2−"); the axis label says what they stand for.
    for (const ex::ExposureGroup& g : ex::exposureGroups())
        groups << QStringLiteral("%1%2").arg(g.cue).arg(g.field > 0 ? QStringLiteral("+")
                                                                    : QStringLiteral("−"));
    for (int r = 0; r < 2; ++r) {
        QCPAxisRect* rect = m_rects[static_cast<size_t>(r)];
        resultplots::categoryAxis(rect->axis(QCPAxis::atBottom), groups);
        rect->axis(QCPAxis::atBottom)
            ->setLabel(tr("%1: exposure group (cue 1 or 2, field P+ or P−)")
                           .arg(QString::fromLatin1(engine::ruleName(ex::LearningRules[r]))));
        rect->axis(QCPAxis::atLeft)
            ->setLabel(r == 0 ? tr("change of the cue-1 prediction toward the field; mean ± sd "
                                   "over seeds")
                              : QString());
    }
}

std::optional<ExperimentTab::Batch> SensorimotorTab::prepare() {
    ex::SensorimotorSettings settings;
    if (!readSettings(ex::sensorimotorOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    return batchOf(ex::sensorimotorJobs(seeds), ex::runSensorimotorJob, settings.config,
                   [this, seeds](const std::vector<ex::SensorimotorJob>& jobs) {
                       draw(ex::summariseSensorimotor(jobs), seeds);
                   });
}

namespace {

/// A transfer ratio, or "n/a" when there was no same-cue adaptation to compare with.
QString ratioText(double r) {
    return QString::fromStdString(engine::report::fixedOrNa(r, 3));
}

}  // namespace

void SensorimotorTab::draw(const ex::SensorimotorSummary& summary, int seeds) {
    plot()->clearPlottables();
    const std::vector<ex::ExposureGroup> groups = ex::exposureGroups();
    QStringList parts;
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        const QString name = QString::fromLatin1(engine::ruleName(rule));
        QVector<double> keys, means, sds;
        QStringList cells;
        for (size_t k = 0; k < groups.size(); ++k) {
            const ex::SeedStats s = summary.stats(rule, groups[k].name());
            keys << static_cast<double>(k + 1);
            means << s.mean;
            sds << s.sd;
            cells << tr("%1 %2 (%3)")
                         .arg(QString::fromStdString(groups[k].name()), scientific(s.mean, 2),
                              scientific(s.sd, 2));
        }
        // One rule per panel: the bars sit on their keys, no sideways offset.
        QCPAxisRect* rect = m_rects[static_cast<size_t>(r)];
        resultplots::addRuleBars(rect, r, tr("%1 mean ± sd").arg(name), keys, 0.0, BarWidth, means,
                                 sds);
        for (size_t k = 0; k < groups.size(); ++k)
            resultplots::addSeedPoints(rect, r, tr("%1 seeds").arg(name), keys[k], BarWidth * 0.6,
                                       summary.values.at({rule, groups[k].name()}), k == 0);
        resultplots::fitValueAxis(rect, true);
        parts << tr("%1: %2; transfer 2+/1+ %3, 2-/1- %4")
                     .arg(name, cells.join(QLatin1String(", ")),
                          ratioText(summary.transfer(rule, '+')),
                          ratioText(summary.transfer(rule, '-')));
    }
    QString text = tr("Single-trial adaptation, mean (sd) over %n seed(s):", nullptr, seeds) +
                   QLatin1Char('\n') + parts.join(QLatin1Char('\n'));
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
