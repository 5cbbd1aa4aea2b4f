#include <qcustomplot.h>
#include <QCheckBox>
#include <algorithm>

#include "engine/report/format.h"
#include "ui/results/figureplots.h"
#include "ui/results/figuretabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr int MarkersPerPath = 12;  // more would hide the paths of the many trials

}  // namespace

LrSweepTab::LrSweepTab(QWidget* parent)
    : ExperimentTab(tr("<b>Fig. 3d: the bear net at several learning rates.</b> The same "
                       "output-space paths as Fig. 3a, one per learning rate α (darker = the "
                       "first α listed). However small α gets, BP's path still bends down: "
                       "its interference does not go away. PC's paths stay near the top."),
                    parent) {
    addSettings(ex::lrSweepOptions());
    m_rect = resultplots::setUp(plot(), tr("Fig. 3d: predictions before each trial, per α"), 1, 5)
                 .front();
    m_rect->axis(QCPAxis::atBottom)->setLabel(tr("sound of the river, output 0 (target 0)"));
    m_rect->axis(QCPAxis::atLeft)->setLabel(tr("smell of the salmon, output 1 (target 1)"));
    m_leaveOut = new QCheckBox(tr("Leave out α ≥ 0.5, as the paper's panel"), this);
    m_leaveOut->setChecked(true);
    m_leaveOut->setToolTip(
        tr("The paper plots α below 0.5 only; the summary and the CSV keep "
           "every rate that ran."));
    addPlotControl(m_leaveOut);
    connect(m_leaveOut, &QCheckBox::toggled, this, [this] {
        if (m_last)
            draw(*m_last, m_lastTrials);
    });
}

bool LrSweepTab::leavesOutLargeRates() const {
    return m_leaveOut->isChecked();
}

void LrSweepTab::setLeavesOutLargeRates(bool on) {
    m_leaveOut->setChecked(on);
}

std::optional<ExperimentTab::Batch> LrSweepTab::prepare() {
    ex::LrSweepSettings settings;
    if (!readSettings(ex::lrSweepOptions(), settings))
        return std::nullopt;
    const int trials = settings.trials;
    return batchOf(ex::bearJobs(settings.alphas, trials), ex::runBearJob, settings.pc,
                   [this, trials](const std::vector<ex::BearJob>& jobs) {
                       m_last = ex::summariseBearRuns(jobs, true);
                       m_lastTrials = trials;
                       draw(*m_last, trials);
                   });
}

void LrSweepTab::draw(const ex::BearRuns& runs, int trials) {
    plot()->clearPlottables();
    std::vector<const ex::BearSummary*> shown;
    for (const ex::BearSummary& run : runs.runs)
        if (!leavesOutLargeRates() || run.alpha < LargeRate)
            shown.push_back(&run);
    const int steps = static_cast<int>(shown.size());
    const int every = std::max(1, trials / MarkersPerPath);
    double lowest = 1.0;
    QStringList parts;
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        for (int k = 0; k < steps; ++k) {
            const ex::BearSummary& run = *shown[static_cast<size_t>(k)];
            const ex::BearCurve& c = run.of(rule);
            const QString alpha = QString::fromStdString(engine::report::formatNumber(run.alpha));
            figureplots::addRulePath(
                m_rect, r, tr("%1 α %2").arg(QString::fromLatin1(engine::ruleName(rule)), alpha),
                QVector<double>(c.sound.begin(), c.sound.end()),
                QVector<double>(c.smell.begin(), c.smell.end()),
                figureplots::ruleShade(r, k, steps), every);
            for (double v : c.smell)
                lowest = std::min(lowest, v);
        }
    }
    for (const ex::BearSummary& run : runs.runs)
        parts << tr("α %1: BP %2, PC %3")
                     .arg(QString::fromStdString(engine::report::formatNumber(run.alpha)),
                          fixed(run.bp.lowestSmell.value), fixed(run.pc.lowestSmell.value));
    figureplots::addPoint(m_rect, tr("target (0, 1)"), 0.0, 1.0, figureplots::Marker::Star,
                          Qt::black);
    m_rect->axis(QCPAxis::atBottom)->setRange(-0.05, 1.08);
    const double span = std::max(1.0 - lowest, 0.05);
    m_rect->axis(QCPAxis::atLeft)->setRange(lowest - 0.08 * span, 1.0 + 0.12 * span);
    QString text =
        tr("Interference (the lowest smell prediction) over %n trial(s) per α%1:", nullptr, trials)
            .arg(steps < static_cast<int>(runs.runs.size()) ? tr(" (α ≥ 0.5 ran but is not drawn)")
                                                            : QString()) +
        QLatin1Char('\n') + parts.join(QStringLiteral(" · ")) + QLatin1Char('.');
    text += divergenceNote(runs.problems);
    setResult(text, runs.csv);
}

}  // namespace ui
