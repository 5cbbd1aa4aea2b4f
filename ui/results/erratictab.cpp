#include <qcustomplot.h>
#include <cmath>
#include <memory>

#include "engine/report/format.h"
#include "ui/results/experimenttabs.h"
#include "ui/results/resultplots.h"
#include "ui/views/palette.h"

namespace ui {

namespace ex = engine::experiments;

ErraticTab::ErraticTab(QWidget* parent)
    : ExperimentTab(tr("<b>Less erratic learning.</b> A 32-32-32-32 sigmoid net learns one "
                       "fixed sample for 64 trials. For each weight matrix, the path length is "
                       "the summed length of its steps and the final distance how far it ends "
                       "up from where it started; both are averaged over the three matrices, "
                       "as in the paper. At equal final distance PC's path is shorter: its "
                       "weights head more directly to where they end."),
                    parent) {
    addSettings(ex::erraticOptions());

    m_rect =
        resultplots::setUp(plot(), tr("Less erratic learning: weight path vs final distance"), 1, 3)
            .front();
    m_rect->axis(QCPAxis::atBottom)
        ->setLabel(tr("final distance ‖W_end − W_0‖, mean over the weight matrices"));
    m_rect->axis(QCPAxis::atLeft)
        ->setLabel(tr("path length Σ‖W_k+1 − W_k‖, mean over the weight matrices"));
}

std::optional<ExperimentTab::Batch> ErraticTab::prepare() {
    ex::ErraticSettings settings;
    if (!readSettings(ex::erraticOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    const std::vector<double> alphasPc = settings.alphasPc, alphasBp = settings.alphasBp;
    // From the end: PC's long runs first, so the threads finish together.
    return batchOf(
        ex::erraticJobs(seeds, alphasBp, alphasPc), ex::runErraticJob, settings.config,
        [this, seeds, alphasBp, alphasPc](const std::vector<ex::ErraticJob>& jobs) {
            draw(ex::summariseErratic(jobs, alphasBp, alphasPc), seeds, alphasBp, alphasPc);
        },
        true);
}

void ErraticTab::draw(const ex::ErraticSummary& summary, int seeds,
                      const std::vector<double>& alphasBp, const std::vector<double>& alphasPc) {
    plot()->clearPlottables();
    // Every seed first, then the means, so the means are drawn on top of all the points.
    QVector<double> meanX[2], meanY[2];
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        const QString name = QString::fromLatin1(engine::ruleName(rule));
        const std::vector<double>& alphas = r == 0 ? alphasBp : alphasPc;
        // Every seed at every rate: small translucent markers in the rule's colour.
        QVector<double> x, y;
        for (double a : alphas) {
            const ex::ErraticSummary::Cell& cell = summary.of(rule, a);
            for (size_t i = 0; i < cell.path.size(); ++i)
                if (std::isfinite(cell.path[i]) && std::isfinite(cell.final[i])) {
                    x << cell.final[i];
                    y << cell.path[i];
                }
            meanX[r] << ex::seedStats(cell.final).mean;
            meanY[r] << ex::seedStats(cell.path).mean;
        }
        QColor light = palette::ruleColor(r);
        light.setAlpha(90);
        auto* points = new QCPGraph(m_rect->axis(QCPAxis::atBottom), m_rect->axis(QCPAxis::atLeft));
        points->setName(tr("%1 one seed").arg(name));
        points->setData(x, y);  // not sorted by final distance: let QCustomPlot sort
        points->setLineStyle(QCPGraph::lsNone);
        points->setScatterStyle(
            QCPScatterStyle(r == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssDisc, light, 4));
    }
    for (int r = 0; r < 2; ++r) {
        // Each rate's mean (QCPGraph joins them in order of final distance).
        const QString name = QString::fromLatin1(engine::ruleName(ex::LearningRules[r]));
        QCPGraph* line =
            resultplots::addRuleLine(m_rect, r, tr("%1 mean per α").arg(name), {}, {}, {}, {});
        line->setData(meanX[r], meanY[r]);
        QPen pen = line->pen();
        pen.setWidthF(2.6);
        line->setPen(pen);
        line->setScatterStyle(QCPScatterStyle(
            r == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle, pen.color(), 9));
    }
    plot()->rescaleAxes();
    for (QCPAxis* axis : {m_rect->axis(QCPAxis::atBottom), m_rect->axis(QCPAxis::atLeft)}) {
        const QCPRange r = axis->range();
        axis->setRange(r.lower - 0.05 * r.size(), r.upper + 0.08 * r.size());
    }
    QStringList parts;
    for (const ex::ErraticSummary::Comparison& c : summary.comparisons)
        parts << tr("α %1: final %2, path %3 vs BP %4")
                     .arg(QString::fromStdString(engine::report::formatNumber(c.alpha)),
                          fixed(c.pcFinal, 3), fixed(c.pcPath, 3),
                          c.bpPathAtFinal ? fixed(*c.bpPathAtFinal, 3) : tr("outside BP's range"));
    QString text = tr("PC's mean path against BP's at the same mean final distance (BP "
                      "interpolated between its rates; %n seed(s)):",
                      nullptr, seeds) +
                   QLatin1Char('\n') + parts.join(QStringLiteral(" · ")) + QLatin1Char('.');
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
