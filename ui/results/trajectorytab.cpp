#include <qcustomplot.h>
#include <algorithm>

#include "ui/results/figureplots.h"
#include "ui/results/figuretabs.h"
#include "ui/results/resultplots.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

constexpr int LandscapeCells = 200;  // per axis
constexpr int LossLevels = 12;       // bands of the colour scale: they read as contour lines

}  // namespace

TrajectoryTab::TrajectoryTab(QWidget* parent)
    : ExperimentTab(tr("<b>Weight trajectories over the loss landscape</b> (energy-landscape "
                       "figure). Input 1 → two hidden units through the trainable weights "
                       "(w1, w2), both 0 at first → outputs through a fixed diagonal (1, 2); "
                       "target (1, 1), so the solution is (1, 0.5). BP's first steps have the "
                       "same length as PC's, yet BP zig-zags in w2 while PC heads almost "
                       "straight to the solution."),
                    parent) {
    addSettings(ex::trajectoryOptions());
    m_rect = resultplots::setUp(plot(),
                                tr("The 1-2-2 net: weights before each trial, over the loss"), 1, 3)
                 .front();
    m_rect->axis(QCPAxis::atBottom)->setLabel(tr("w1 (input → hidden 1)"));
    m_rect->axis(QCPAxis::atLeft)->setLabel(tr("w2 (input → hidden 2)"));
    m_scale = new QCPColorScale(plot());
    m_scale->setType(QCPAxis::atRight);
    m_scale->axis()->setLabel(tr("loss ½‖y − ŷ‖²"));
    m_scale->axis()->setLabelFont(QFont(plot()->font().family(), 9));
    m_scale->setBarWidth(12);
    // Right of the panel, in the row resultplots::setUp() made for the panels.
    auto* row = qobject_cast<QCPLayoutGrid*>(m_rect->layout());
    Q_ASSERT(row);
    row->addElement(0, 1, m_scale);
    auto* margins = new QCPMarginGroup(plot());
    m_rect->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
    m_scale->setMarginGroup(QCP::msTop | QCP::msBottom, margins);
}

std::optional<ExperimentTab::Batch> TrajectoryTab::prepare() {
    ex::TrajectorySettings settings;
    if (!readSettings(ex::trajectoryOptions(), settings))
        return std::nullopt;
    std::vector<ex::TrajectoryJob> jobs{{settings.trials, {}}};
    return batchOf(std::move(jobs), ex::runTrajectoryJob, settings.config,
                   [this](const std::vector<ex::TrajectoryJob>& done) {
                       draw(ex::summariseTrajectories(done.front()));
                   });
}

void TrajectoryTab::drawLandscape(double w1Lo, double w1Hi, double w2Lo, double w2Hi) {
    m_map = new QCPColorMap(m_rect->axis(QCPAxis::atBottom), m_rect->axis(QCPAxis::atLeft));
    m_map->data()->setSize(LandscapeCells, LandscapeCells);
    m_map->data()->setRange(QCPRange(w1Lo, w1Hi), QCPRange(w2Lo, w2Hi));
    for (int x = 0; x < LandscapeCells; ++x)
        for (int y = 0; y < LandscapeCells; ++y) {
            double w1 = 0.0, w2 = 0.0;
            m_map->data()->cellToCoord(x, y, &w1, &w2);
            m_map->data()->setCell(x, y, ex::trajectoryLoss(w1, w2));
        }
    // Light bands, low loss lightest, so the paths stay the strongest marks.
    QCPColorGradient gradient;
    gradient.setColorStopAt(0.0, QColor(252, 252, 250));
    gradient.setColorStopAt(0.5, QColor(198, 208, 220));
    gradient.setColorStopAt(1.0, QColor(122, 136, 158));
    gradient.setLevelCount(LossLevels);
    m_map->setColorScale(m_scale);  // first: the scale passes its own gradient to the map
    m_map->setGradient(gradient);
    m_map->setInterpolate(true);  // smooth band edges
    m_map->rescaleDataRange(true);
    m_map->setName(tr("loss (colour scale)"));
    m_map->removeFromLegend();
}

void TrajectoryTab::draw(const ex::TrajectorySummary& summary) {
    plot()->clearPlottables();
    // The landscape covers both paths and the solution, with a margin.
    double w1Lo = 0.0, w1Hi = 1.0, w2Lo = 0.0, w2Hi = 0.5;
    for (const auto* rows : {&summary.bp, &summary.pc})
        for (const ex::WeightRow& r : *rows) {
            w1Lo = std::min(w1Lo, r.w1);
            w1Hi = std::max(w1Hi, r.w1);
            w2Lo = std::min(w2Lo, r.w2);
            w2Hi = std::max(w2Hi, r.w2);
        }
    const double m1 = 0.12 * (w1Hi - w1Lo), m2 = 0.12 * (w2Hi - w2Lo);
    drawLandscape(w1Lo - m1, w1Hi + m1, w2Lo - m2, w2Hi + m2);
    for (int r = 0; r < 2; ++r) {
        QVector<double> w1, w2;
        for (const ex::WeightRow& row : summary.of(ex::LearningRules[r])) {
            w1 << row.w1;
            w2 << row.w2;
        }
        figureplots::addRulePath(
            m_rect, r, QString::fromLatin1(engine::ruleName(ex::LearningRules[r])), w1, w2);
    }
    figureplots::addPoint(m_rect, tr("solution (1, 0.5)"), 1.0, 0.5, figureplots::Marker::Star,
                          Qt::black);
    m_rect->axis(QCPAxis::atBottom)->setRange(w1Lo - m1, w1Hi + m1);
    m_rect->axis(QCPAxis::atLeft)->setRange(w2Lo - m2, w2Hi + m2);

    auto point = [this](const ex::WeightRow& r) {
        return QStringLiteral("(%1, %2)").arg(fixed(r.w1), fixed(r.w2));
    };
    QString text = tr("Path length in (w1, w2): BP %1, PC %2.")
                       .arg(fixed(summary.bpPath), fixed(summary.pcPath));
    if (summary.bp.size() > 1 && summary.pc.size() > 1)
        text += tr(" First step: BP %1, PC %2. Before the last trial (%3): BP %4, PC %5.")
                    .arg(point(summary.bp[1]), point(summary.pc[1]))
                    .arg(summary.bp.back().trial)
                    .arg(point(summary.bp.back()), point(summary.pc.back()));
    text += divergenceNote(summary.problems);
    setResult(text, summary.csv);
}

}  // namespace ui
