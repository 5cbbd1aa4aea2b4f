#include <qcustomplot.h>
#include <memory>

#include "ui/results/experimenttabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr double BarWidth = 0.34;

}  // namespace

FearTab::FearTab(QWidget* parent)
    : ExperimentTab(tr("<b>Rat fear conditioning</b> (overshadowing released by extinction). "
                       "Light and noise each drive one hidden unit of a linear net whose output "
                       "is fear. N+: noise → shock. LN+: light and noise → shock. LN+L−: then "
                       "the light alone, no shock. PC raises fear to the noise after the light "
                       "is extinguished, as rats do; BP cannot tell LN+ from LN+L−."),
                    parent) {
    addSettings(ex::fearOptions());

    m_rect = resultplots::setUp(plot(), tr("Rat fear conditioning: fear to the noise alone"), 1, 4)
                 .front();
    QStringList groups;
    for (ex::FearGroup g : ex::fearGroups())
        groups << QString::fromLatin1(ex::fearGroupName(g));
    resultplots::categoryAxis(m_rect->axis(QCPAxis::atBottom), groups);
    m_rect->axis(QCPAxis::atBottom)
        ->setLabel(tr("group (N+ noise→shock · LN+ light+noise→shock · LN+L− then light alone)"));
    m_rect->axis(QCPAxis::atLeft)
        ->setLabel(tr("fear to the noise (output for input (0, 1)); bars: mean ± sd over seeds"));
}

std::optional<ExperimentTab::Batch> FearTab::prepare() {
    ex::FearSettings settings;
    if (!readSettings(ex::fearOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    return batchOf(ex::fearJobs(seeds), ex::runFearJob, settings.config,
                   [this, seeds](const std::vector<ex::FearJob>& jobs) {
                       draw(ex::summariseFear(jobs), seeds);
                   });
}

void FearTab::draw(const ex::FearSummary& summary, int seeds) {
    plot()->clearPlottables();
    const std::vector<ex::FearGroup> groups = ex::fearGroups();
    QStringList parts;
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        const QString name = QString::fromLatin1(engine::ruleName(rule));
        QVector<double> keys, means, sds;
        QStringList cells;
        for (size_t k = 0; k < groups.size(); ++k) {
            const ex::SeedStats s = summary.stats(rule, groups[k]);
            keys << static_cast<double>(k + 1);
            means << s.mean;
            sds << s.sd;
            cells << tr("%1 %2 (%3)")
                         .arg(QString::fromLatin1(ex::fearGroupName(groups[k])), fixed(s.mean),
                              fixed(s.sd));
        }
        const double offset = (r == 0 ? -0.5 : 0.5) * BarWidth;
        resultplots::addRuleBars(m_rect, r, tr("%1 mean ± sd").arg(name), keys, offset, BarWidth,
                                 means, sds);
        for (size_t k = 0; k < groups.size(); ++k)
            resultplots::addSeedPoints(m_rect, r, tr("%1 seeds").arg(name), keys[k] + offset,
                                       BarWidth * 0.6, summary.values.at({rule, groups[k]}),
                                       k == 0);
        parts << tr("%1: %2").arg(name, cells.join(QLatin1String(", ")));
    }
    resultplots::fitValueAxis(m_rect, true);
    QString text = tr("Fear to the noise, mean (sd) over %n seed(s):", nullptr, seeds) +
                   QLatin1Char('\n') + parts.join(QLatin1Char('\n')) + QLatin1Char('\n') +
                   tr("LN+L− minus LN+ (effect of extinguishing the light): BP %1, PC %2.")
                       .arg(fixed(summary.extinctionEffect(engine::Rule::BP)),
                            fixed(summary.extinctionEffect(engine::Rule::PC)));
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
