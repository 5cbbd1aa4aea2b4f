#include <qcustomplot.h>
#include <cmath>
#include <memory>

#include "engine/report/format.h"
#include "ui/results/experimenttabs.h"
#include "ui/results/resultplots.h"
#include "ui/views/palette.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr double LineShift = 0.04;  // stay and switch side by side, so their error bars show

QColor outcomeColor(bool switched) {
    return switched ? palette::seriesColor(2) : palette::seriesColor(4).darker(130);
}

}  // namespace

ReversalTab::ReversalTab(QWidget* parent)
    : ExperimentTab(tr("<b>Human reversal learning.</b> A linear 1-1-2 net values two options; "
                       "the choice is a softmax of the values (inverse temperature 1, as in the "
                       "authors' code); reward +1 with p 0.7 (correct) / 0.4, else −1; only the "
                       "chosen option learns; after 4 correct choices in a row (a reversal does "
                       "not reset the count) the contingency reverses with p 0.25 per trial. "
                       "Each rule starts from the authors' weight spread and seed count. PC's "
                       "value after a punished trial is higher after a switch than after a "
                       "stay: the lines cross, as in humans."),
                    parent) {
    addSettings(ex::reversalOptions());

    m_rects = resultplots::setUp(
        plot(), tr("Reversal learning: value of the chosen option around a punished trial"), 2, 4);
    for (int r = 0; r < 2; ++r) {
        QCPAxisRect* rect = m_rects[static_cast<size_t>(r)];
        resultplots::categoryAxis(rect->axis(QCPAxis::atBottom),
                                  {tr("punished trial"), tr("next trial")});
        rect->axis(QCPAxis::atBottom)
            ->setLabel(
                tr("%1 (%2)").arg(QString::fromLatin1(engine::ruleName(ex::LearningRules[r])),
                                  r == 0 ? tr("dashed") : tr("solid")));
    }
    m_rects[0]
        ->axis(QCPAxis::atLeft)
        ->setLabel(tr("value of the chosen option; mean ± s.e.m. over punished trials"));
    // Both panels share the value scale, so the rules compare at a glance.
    connect(m_rects[0]->axis(QCPAxis::atLeft), qOverload<const QCPRange&>(&QCPAxis::rangeChanged),
            m_rects[1]->axis(QCPAxis::atLeft), qOverload<const QCPRange&>(&QCPAxis::setRange));
}

std::optional<ExperimentTab::Batch> ReversalTab::prepare() {
    ex::ReversalSettings settings;
    if (!readSettings(ex::reversalOptions(), settings))
        return std::nullopt;
    const int after = settings.summaryAfter, bpSeeds = settings.bpSeeds, pcSeeds = settings.pcSeeds;
    return batchOf(ex::reversalJobs(bpSeeds, pcSeeds), ex::runReversalJob, settings.config,
                   [this, after, bpSeeds, pcSeeds](const std::vector<ex::ReversalJob>& jobs) {
                       draw(ex::summariseReversal(jobs, after), after, bpSeeds, pcSeeds);
                   });
}

namespace {

/// "+6.92e-03", "-4.70e-02", or "n/a".
QString signedSci(double v) {
    return QString::fromStdString(engine::report::signedScientificOrNa(v, 2));
}

}  // namespace

void ReversalTab::draw(const ex::ReversalSummary& summary, int summaryAfter, int bpSeeds,
                       int pcSeeds) {
    plot()->clearPlottables();
    QStringList parts;
    double lo = 0.0, hi = 0.0;
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        QCPAxisRect* rect = m_rects[static_cast<size_t>(r)];
        const QString name = QString::fromLatin1(engine::ruleName(rule));
        QStringList cells;
        for (bool switched : {false, true}) {
            const ex::ReversalSummary::Split& split = summary.of(rule, switched);
            const ex::SeedStats at = ex::seedStats(split.atPunish);
            const ex::SeedStats next = ex::seedStats(split.nextTrial);
            // s.e.m. = sd / sqrt(n)
            auto sem = [](const ex::SeedStats& s) {
                return s.n > 0 ? s.sd / std::sqrt(static_cast<double>(s.n)) : 0.0;
            };
            const double shift = switched ? LineShift : -LineShift;
            const QString label = switched ? tr("switch") : tr("stay");
            resultplots::addRuleLine(rect, r, tr("%1, next choice: %2").arg(name, label),
                                     {1 + shift, 2 + shift}, {at.mean, next.mean},
                                     {sem(at), sem(next)}, outcomeColor(switched));
            cells << tr("%1 (n %2) %3 → %4")
                         .arg(label)
                         .arg(at.n)
                         .arg(fixed(at.mean), fixed(next.mean));
            for (double v : {at.mean - sem(at), at.mean + sem(at), next.mean - sem(next),
                             next.mean + sem(next)})
                if (std::isfinite(v)) {
                    lo = std::min(lo, v);
                    hi = std::max(hi, v);
                }
        }
        QString change;
        const auto it = summary.change.find(ex::LearningRules[r]);
        if (it != summary.change.end())
            change = tr("; a punishment moves chosen %1, other %2")
                         .arg(signedSci(ex::seedStats(it->second.chosen).mean),
                              signedSci(ex::seedStats(it->second.unchosen).mean));
        parts << tr("%1: %2%3").arg(name, cells.join(QLatin1String(", ")), change);
    }
    const double span = std::max(hi - lo, 1e-6);
    m_rects[0]->axis(QCPAxis::atLeft)->setRange(lo - 0.08 * span, hi + 0.12 * span);
    QString text = tr("Value of the chosen option at the punished trial → on the next trial, "
                      "mean over the punished trials whose next trial comes after trial %1 "
                      "(BP %2 seeds, PC %3):")
                       .arg(summaryAfter)
                       .arg(bpSeeds)
                       .arg(pcSeeds) +
                   QLatin1Char('\n') + parts.join(QLatin1Char('\n'));
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
