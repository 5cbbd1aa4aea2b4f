#include <qcustomplot.h>
#include <QCheckBox>
#include <cmath>
#include <memory>

#include "engine/report/format.h"
#include "ui/results/experimenttabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr double BarWidth = 0.6;

/// A transfer ratio, or "n/a" when there was no same-cue adaptation to compare with.
QString ratioText(double r) {
    return QString::fromStdString(engine::report::fixedOrNa(r, 3));
}

}  // namespace

SensorimotorTab::SensorimotorTab(QWidget* parent)
    : ExperimentTab(tr("<b>Human sensorimotor learning</b> (COIN paradigm). A linear 2-2-2 net: "
                       "the input is the cue, hidden unit i sees only cue i, the output is the "
                       "force field (P+ or P−). After training cue 1 with P+ and cue 2 with P−, "
                       "each test triplet measures how much one exposure changes the cue-1 "
                       "prediction. In BP a cue-2 exposure adds nothing to it; PC transfers, "
                       "as humans do. Each rule starts from the authors' fit (shared-setting: "
                       "Prospect's earlier one for both). As in the authors' code, each "
                       "training triplet is replaced by its washout block played again; "
                       "training-triplets presents them."),
                    parent) {
    addSettings(ex::sensorimotorOptions());
    m_normalised = new QCheckBox(tr("Normalised (÷ the rule's mean same-cue adaptation)"), this);
    m_normalised->setObjectName("normalised");
    m_normalised->setChecked(true);
    m_normalised->setToolTip(
        tr("On: each rule's values divided by its mean same-cue adaptation, "
           "as the paper scales each rule by one fitted factor, on one "
           "scale. Off: the raw values, each panel on its own scale."));
    addPlotControl(m_normalised);
    connect(m_normalised, &QCheckBox::toggled, this, [this] {
        if (m_last)
            draw(*m_last, m_lastSeeds);
    });

    m_rects =
        resultplots::setUp(plot(), tr("Sensorimotor learning: single-trial adaptation"), 2, 4);
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
    }
    setValueLabel();
}

bool SensorimotorTab::normalised() const {
    return m_normalised->isChecked();
}

void SensorimotorTab::setNormalised(bool on) {
    m_normalised->setChecked(on);
}

void SensorimotorTab::setValueLabel() {
    m_rects[0]
        ->axis(QCPAxis::atLeft)
        ->setLabel(normalised() ? tr("adaptation ÷ the rule's mean same-cue adaptation; mean ± "
                                     "sd over seeds")
                                : tr("raw change of the cue-1 prediction toward the field "
                                     "(each panel its own scale); mean ± sd over seeds"));
}

std::optional<ExperimentTab::Batch> SensorimotorTab::prepare() {
    ex::SensorimotorSettings settings;
    if (!readSettings(ex::sensorimotorOptions(), settings))
        return std::nullopt;
    const int seeds = settings.seeds;
    return batchOf(ex::sensorimotorJobs(seeds), ex::runSensorimotorJob, settings.config,
                   [this, seeds](const std::vector<ex::SensorimotorJob>& jobs) {
                       m_last = ex::summariseSensorimotor(jobs);
                       m_lastSeeds = seeds;
                       draw(*m_last, seeds);
                   });
}

void SensorimotorTab::draw(const ex::SensorimotorSummary& summary, int seeds) {
    plot()->clearPlottables();
    setValueLabel();
    const std::vector<ex::ExposureGroup> groups = ex::exposureGroups();
    const bool norm = normalised();
    QStringList parts;
    for (int r = 0; r < 2; ++r) {
        const engine::Rule rule = ex::LearningRules[r];
        const QString name = QString::fromLatin1(engine::ruleName(rule));
        QVector<double> keys, means, sds;
        QStringList cells;
        for (size_t k = 0; k < groups.size(); ++k) {
            const std::string g = groups[k].name();
            const ex::SeedStats s =
                norm ? summary.normalisedStats(rule, g) : summary.stats(rule, g);
            keys << static_cast<double>(k + 1);
            means << s.mean;
            sds << s.sd;
            cells << tr("%1 %2 (%3)")
                         .arg(QString::fromStdString(g),
                              norm ? fixed(s.mean, 3) : scientific(s.mean),
                              norm ? fixed(s.sd, 3) : scientific(s.sd));
        }
        // One rule per panel: the bars sit on their keys, no sideways offset.
        QCPAxisRect* rect = m_rects[static_cast<size_t>(r)];
        resultplots::addRuleBars(rect, r, tr("%1 mean ± sd").arg(name), keys, 0.0, BarWidth, means,
                                 sds);
        for (size_t k = 0; k < groups.size(); ++k) {
            const std::string g = groups[k].name();
            resultplots::addSeedPoints(
                rect, r, tr("%1 seeds").arg(name), keys[k], BarWidth * 0.6,
                norm ? summary.normalised(rule, g) : summary.values.at({rule, g}), k == 0);
        }
        resultplots::fitValueAxis(rect, true);
        parts << tr("%1: %2; transfer 2+/1+ %3, 2-/1- %4")
                     .arg(name, cells.join(QLatin1String(", ")),
                          ratioText(summary.transfer(rule, '+')),
                          ratioText(summary.transfer(rule, '-')));
    }
    if (norm) {  // one scale for both panels, as in the paper's figure
        QCPAxis* left = m_rects[0]->axis(QCPAxis::atLeft);
        QCPAxis* right = m_rects[1]->axis(QCPAxis::atLeft);
        const QCPRange both(std::min(left->range().lower, right->range().lower),
                            std::max(left->range().upper, right->range().upper));
        left->setRange(both);
        right->setRange(both);
    }
    QString text =
        (norm ? tr("Single-trial adaptation divided by the rule's mean same-cue "
                   "adaptation (BP %1, PC %2), mean (sd) over %n seed(s):",
                   nullptr, seeds)
                    .arg(scientific(summary.sameCueMean(engine::Rule::BP)),
                         scientific(summary.sameCueMean(engine::Rule::PC)))
              : tr("Single-trial adaptation, raw, mean (sd) over %n seed(s):", nullptr, seeds)) +
        QLatin1Char('\n') + parts.join(QLatin1Char('\n'));
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
