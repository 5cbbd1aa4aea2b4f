#include <qcustomplot.h>
#include <algorithm>
#include <cmath>

#include "ui/results/figuretabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

ProspectiveIndexTab::ProspectiveIndexTab(QWidget* parent)
    : ExperimentTab(tr("<b>The prospective index per layer.</b> One PC learning step in a deep "
                       "net: does each layer's activity after learning move toward the activity "
                       "PC inferred before learning? The index is the cosine between the two "
                       "moves: 1 = exactly toward it. At the output it is the target "
                       "alignment. For PC it is close to 1 in every layer."),
                    parent) {
    addSettings(ex::prospectiveIndexOptions());
    m_rect = resultplots::setUp(plot(), tr("PC's prospective index in every layer"), 1, 2).front();
    m_rect->axis(QCPAxis::atBottom)->setLabel(tr("layer (the last is the output)"));
    m_rect->axis(QCPAxis::atLeft)->setLabel(tr("prospective index; mean ± sd over seeds"));
}

std::optional<ExperimentTab::Batch> ProspectiveIndexTab::prepare() {
    ex::ProspectiveIndexSettings settings;
    if (!readSettings(ex::prospectiveIndexOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    return batchOf(ex::prospectiveIndexJobs(settings.depth, seeds), ex::runProspectiveIndexJob,
                   settings.config,
                   [this, seeds](const std::vector<ex::ProspectiveIndexJob>& jobs) {
                       draw(ex::summariseProspectiveIndex(jobs), seeds);
                   });
}

void ProspectiveIndexTab::draw(const ex::ProspectiveIndexSummary& summary, int seeds) {
    plot()->clearPlottables();
    const int depth = static_cast<int>(summary.stats.size());
    QVector<double> layers, means, sds;
    QStringList labels, cells;
    double lowest = 0.0;
    for (int l = 1; l <= depth; ++l) {
        const ex::SeedStats& s = summary.stats[static_cast<size_t>(l - 1)];
        labels << QString::number(l);
        cells << tr("%1: %2 (%3)").arg(l).arg(fixed(s.mean, 3), fixed(s.sd, 3));
        if (!std::isfinite(s.mean))
            continue;
        layers << l;
        means << s.mean;
        sds << s.sd;
        lowest = std::min(lowest, s.mean - s.sd);
    }
    resultplots::categoryAxis(m_rect->axis(QCPAxis::atBottom), labels);
    resultplots::addRuleLine(m_rect, 1, tr("PC mean ± sd"), layers, means, sds, {});
    m_rect->axis(QCPAxis::atLeft)->setRange(std::min(0.0, lowest - 0.02), 1.05);
    QString text = tr("Prospective index per layer, mean (sd) over %n seed(s):", nullptr, seeds) +
                   QLatin1Char('\n') + cells.join(QStringLiteral(" · ")) + QLatin1Char('.');
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
