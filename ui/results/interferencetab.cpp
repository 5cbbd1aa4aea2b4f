#include <qcustomplot.h>
#include <algorithm>

#include "engine/report/format.h"
#include "ui/results/figureplots.h"
#include "ui/results/figuretabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

/// "(0.6400, 0.8000)": a prediction (sound, smell) as the summaries print it.
QString pair(double sound, double smell) {
    return QStringLiteral("(%1, %2)")
        .arg(QString::fromStdString(engine::report::fixed(sound)),
             QString::fromStdString(engine::report::fixed(smell)));
}

}  // namespace

InterferenceTab::InterferenceTab(QWidget* parent)
    : ExperimentTab(tr("<b>Fig. 1 / 3a: the bear and the river.</b> A linear 1-1-2 net with "
                       "every weight 1 predicts the sound of the river and the smell of the "
                       "salmon (both 1). Now the river is silent: target (0, 1). Each point is "
                       "the prediction before a trial. BP lowers the smell along with the sound "
                       "(interference); PC heads almost straight to the target."),
                    parent) {
    addSettings(ex::interferenceOptions());
    m_rect =
        resultplots::setUp(plot(), tr("Fig. 1 / 3a: predictions before each trial"), 1, 4).front();
    m_rect->axis(QCPAxis::atBottom)->setLabel(tr("sound of the river, output 0 (target 0)"));
    m_rect->axis(QCPAxis::atLeft)->setLabel(tr("smell of the salmon, output 1 (target 1)"));
}

std::optional<ExperimentTab::Batch> InterferenceTab::prepare() {
    ex::InterferenceSettings settings;
    if (!readSettings(ex::interferenceOptions(), settings))
        return std::nullopt;
    return batchOf(
        ex::bearJobs({settings.pc.alpha}, settings.trials), ex::runBearJob, settings.pc,
        [this](const std::vector<ex::BearJob>& jobs) { draw(ex::summariseBearRuns(jobs, false)); });
}

void InterferenceTab::draw(const ex::BearRuns& runs) {
    plot()->clearPlottables();
    const ex::BearSummary& bear = runs.runs.front();
    double lowest = 1.0;
    for (int r = 0; r < 2; ++r) {
        const ex::BearCurve& c = bear.of(ex::LearningRules[r]);
        const QString name = QString::fromLatin1(engine::ruleName(ex::LearningRules[r]));
        figureplots::addRulePath(m_rect, r, name, QVector<double>(c.sound.begin(), c.sound.end()),
                                 QVector<double>(c.smell.begin(), c.smell.end()));
        for (double v : c.smell)
            lowest = std::min(lowest, v);
    }
    figureplots::addPoint(m_rect, tr("start (1, 1)"), 1.0, 1.0, figureplots::Marker::Square,
                          QColor(110, 110, 110));
    figureplots::addPoint(m_rect, tr("target (0, 1)"), 0.0, 1.0, figureplots::Marker::Star,
                          Qt::black);
    // Sound from 0 to 1 as in the paper's panel; smell from just under the lowest value to 1.
    m_rect->axis(QCPAxis::atBottom)->setRange(-0.05, 1.08);
    const double span = std::max(1.0 - lowest, 0.05);
    m_rect->axis(QCPAxis::atLeft)->setRange(lowest - 0.08 * span, 1.0 + 0.12 * span);

    QStringList parts;
    for (int r = 0; r < 2; ++r) {
        const ex::BearCurve& c = bear.of(ex::LearningRules[r]);
        QString part = tr("%1 lowest smell %2 at trial %3")
                           .arg(QString::fromLatin1(engine::ruleName(ex::LearningRules[r])),
                                fixed(c.lowestSmell.value))
                           .arg(c.lowestSmell.at + 1);
        if (c.sound.size() > 1)
            part += tr(", after one trial %1").arg(pair(c.sound[1], c.smell[1]));
        parts << part;
    }
    QString text = tr("Interference = the lowest smell prediction (its target stayed 1), α %1:")
                       .arg(QString::fromStdString(engine::report::formatNumber(bear.alpha))) +
                   QLatin1Char('\n') + parts.join(QStringLiteral("; ")) + QLatin1Char('.');
    text += divergenceNote(runs.problems);
    setResult(text, runs.csv);
}

}  // namespace ui
