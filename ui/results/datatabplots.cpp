// DataTab's drawing: the live curves, the summary plot of the figure, the image strip and the
// confusion matrices (datatab.cpp holds the rest).
#include <qcustomplot.h>
#include <QComboBox>
#include <algorithm>
#include <cmath>

#include "engine/report/format.h"
#include "ui/results/confusionview.h"
#include "ui/results/datarunstate.h"
#include "ui/results/datatab.h"
#include "ui/results/imagestrip.h"
#include "ui/results/resultplots.h"
#include "ui/views/palette.h"
#include "ui/views/plotfit.h"

namespace ui {

namespace ex = engine::experiments;

namespace {

QString ruleText(int r) {
    return QString::fromLatin1(engine::ruleName(ex::LearningRules[r]));
}

QString alphaText(double alpha) {
    return QString::fromStdString(engine::report::formatNumber(alpha));
}

bool logAxis(ex::DataProtocol p) {
    return p != ex::DataProtocol::Depth;
}

/// Shows lo .. hi on the summary's x axis with a margin (a factor on a log axis).
void setSpan(QCPAxis* x, bool log, double lo, double hi) {
    x->setRange(log ? lo / 1.6 : lo - 0.8, log ? hi * 1.6 : hi + 0.8);
}

/// A label longer than fits beside the summary plot's height, split at the space nearest its
/// middle.
QString twoLines(QString label) {
    if (label.size() <= 32)
        return label;
    const int middle = static_cast<int>(label.size()) / 2;
    const int before = static_cast<int>(label.lastIndexOf(' ', middle));
    const int after = static_cast<int>(label.indexOf(' ', middle));
    const int at = before < 0                                       ? after
                   : after < 0 || middle - before <= after - middle ? before
                                                                    : after;
    if (at >= 0)
        label[at] = '\n';
    return label;
}

/// Removes the plottables drawn in `rect`.
void clearRect(QCustomPlot* plot, QCPAxisRect* rect) {
    for (int i = plot->plottableCount() - 1; i >= 0; --i)
        if (plot->plottable(i)->keyAxis()->axisRect() == rect)
            plot->removePlottable(i);
}

/// Continual: the epochs in which `task` is trained, shaded; drift: the changes of the labels.
void markSchedule(QCustomPlot* plot, QCPAxisRect* rect, const ex::DataPlan& plan, int task) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    if (plan.phaseEpochs > 0) {
        for (int start = task * plan.phaseEpochs; start < plan.epochs;
             start += 2 * plan.phaseEpochs) {
            auto* band = new QCPItemRect(plot);
            band->setClipAxisRect(rect);
            for (QCPItemPosition* p : {band->topLeft, band->bottomRight})
                p->setAxes(x, y);
            band->topLeft->setCoords(start + 0.5, 1.0);
            band->bottomRight->setCoords(start + plan.phaseEpochs + 0.5, 0.0);
            band->setPen(Qt::NoPen);
            band->setBrush(QColor(0, 0, 0, 22));
            band->setLayer(QStringLiteral("grid"));
        }
    }
    if (plan.driftPeriod > 0)
        for (int start = 0; start < plan.epochs; start += plan.driftPeriod) {
            auto* line = new QCPItemStraightLine(plot);
            line->setClipAxisRect(rect);
            for (QCPItemPosition* p : {line->point1, line->point2})
                p->setAxes(x, y);
            line->point1->setCoords(start + 0.5, 0.0);
            line->point2->setCoords(start + 0.5, 1.0);
            line->setPen(QPen(QColor(90, 90, 90), 1.0, Qt::DotLine));
            line->setLayer(QStringLiteral("grid"));
        }
}

/// One run's curve: thin and translucent, dashed for BP, solid for PC.
QCPGraph* thinCurve(QCPAxisRect* rect, int r, const std::vector<double>& errors) {
    auto* g = new QCPGraph(rect->axis(QCPAxis::atBottom), rect->axis(QCPAxis::atLeft));
    QVector<double> keys, values;
    for (size_t e = 0; e < errors.size(); ++e) {
        keys << static_cast<double>(e + 1);
        values << errors[e];
    }
    g->setData(keys, values, true);
    QColor c = palette::ruleColor(r);
    c.setAlpha(r == 0 ? 120 : 100);
    g->setPen(QPen(c, 1.0, r == 0 ? Qt::DashLine : Qt::SolidLine));
    return g;
}

}  // namespace

void DataTab::setUpPlot() {
    const int curvePanels = m_protocol == ex::DataProtocol::Continual ? 2 : 1;
    const auto rects = resultplots::setUp(
        m_plot,
        tr("%1 (%2): test error while learning, and the figure's summary")
            .arg(QString::fromStdString(m_info.name), QString::fromStdString(m_info.paper)),
        curvePanels + 1, 4);
    m_curveRects.assign(rects.begin(), rects.begin() + curvePanels);
    m_summaryRect = rects.back();
    const QString word = m_protocol == ex::DataProtocol::Online ? tr("iteration") : tr("epoch");
    for (int t = 0; t < curvePanels; ++t) {
        QCPAxisRect* rect = m_curveRects[static_cast<size_t>(t)];
        rect->axis(QCPAxis::atBottom)->setLabel(word);
        if (curvePanels == 1) {
            rect->axis(QCPAxis::atLeft)->setLabel(tr("test error"));
        } else {
            // Shorter forms for a narrow panel (a projector's scale factor): the task stays.
            const QChar task(t == 0 ? 'A' : 'B');
            plotfit::setTexts(rect->axis(QCPAxis::atLeft),
                              {tr("test error, task %1 (shaded: %1 trained)").arg(task),
                               tr("task %1 error (shaded: trained)").arg(task),
                               tr("task %1 test error").arg(task)});
        }
        rect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
        if (auto* grid = qobject_cast<QCPLayoutGrid*>(rect->layout()))
            grid->setColumnStretchFactor(t, 1.5);
    }
    const char* setting = ex::dataSettingName(m_protocol);
    m_summaryRect->axis(QCPAxis::atBottom)
        ->setLabel(*setting ? QString::fromLatin1(setting) : tr("learning rate α"));
    m_summaryRect->axis(QCPAxis::atLeft)->setLabel(tr("score (best rate)"));
    // Before the first result: the span of the paper's grid (depths, batch sizes, images per
    // class or learning rates), so that an empty log axis is not drawn over [0, 5].
    QCPAxis* x = m_summaryRect->axis(QCPAxis::atBottom);
    const bool log = logAxis(m_protocol);
    if (log) {
        x->setScaleType(QCPAxis::stLogarithmic);
        x->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
    }
    const ex::DataPlanRead paper = ex::readDataPlan(
        m_protocol,
        [this](const std::string& name) {
            for (const ex::DataOptionInfo& o : m_info.options)
                if (o.name == name)
                    return o.defaultText;
            return std::string();
        },
        "");
    if (paper.plan) {
        const bool bySetting = *paper.plan->settingName() != '\0';
        double lo = INFINITY, hi = -INFINITY;
        for (const ex::DataCell& c : paper.plan->cells) {
            lo = std::min(lo, bySetting ? c.setting : c.alpha);
            hi = std::max(hi, bySetting ? c.setting : c.alpha);
        }
        if (std::isfinite(lo))
            setSpan(x, log, lo, hi);
    }
    m_summaryRect->axis(QCPAxis::atLeft)->setRange(0.0, 1.0);
}

void DataTab::drawCurves() {
    for (QCPAxisRect* rect : m_curveRects)
        clearRect(m_plot, rect);
    m_plot->clearItems();
    if (!m_state)
        return;
    const ex::DataPlan& plan = m_state->plan;
    const int setting = shownSetting();
    const std::vector<LiveGrid::Cell> cells = m_state->live.snapshot();
    for (size_t t = 0; t < m_curveRects.size(); ++t) {
        m_curveRects[t]->axis(QCPAxis::atBottom)->setRange(0.5, plan.epochs + 0.5);
        markSchedule(m_plot, m_curveRects[t], plan, static_cast<int>(t));
    }
    bool named[2] = {false, false};
    for (std::size_t k : cellsAt(plan, setting)) {
        const int r = plan.cells[k].rule == engine::Rule::BP ? 0 : 1;
        for (size_t t = 0; t < cells[k].errors.size() && t < m_curveRects.size(); ++t) {
            QCPGraph* g = thinCurve(m_curveRects[t], r, cells[k].errors[t]);
            if (named[r]) {
                g->removeFromLegend();
            } else {
                g->setName(tr("%1: one run (rate, seed)").arg(ruleText(r)));
                named[r] = true;
            }
        }
    }
    if (!m_state->complete) {
        resultplots::showLegend(m_plot);
        return;
    }
    // The best rate's mean over the seeds, bold, on top.
    const ex::DataSummary summary = ex::summariseData(plan.metric, plan.cells, m_state->results);
    for (int r = 0; r < 2; ++r) {
        const ex::DataSummary::Row* row = summary.row(ex::LearningRules[r], setting);
        const ex::DataSummary::Rate* best = row ? row->bestRate() : nullptr;
        if (!best)
            continue;
        const auto curve =
            meanCurve(plan, m_state->results, ex::LearningRules[r], setting, best->alpha);
        for (size_t t = 0; t < curve.size() && t < m_curveRects.size(); ++t) {
            QVector<double> keys, values;
            for (size_t e = 0; e < curve[t].size(); ++e) {
                keys << static_cast<double>(e + 1);
                values << curve[t][e];
            }
            QCPGraph* g = resultplots::addRuleLine(
                m_curveRects[t], r,
                tr("%1: best α %2, mean of %n seed(s)", nullptr, static_cast<int>(best->stats.n))
                    .arg(ruleText(r), alphaText(best->alpha)),
                keys, values, {}, {});
            g->setScatterSkip(std::max(0, static_cast<int>(keys.size()) / 32 - 1));
            if (t > 0)
                g->removeFromLegend();
        }
    }
    resultplots::showLegend(m_plot);
}

void DataTab::drawStrip(const std::vector<LiveGrid::Cell>& cells) {
    if (!m_state)
        return;
    const ex::DataPlan& plan = m_state->plan;
    const std::vector<std::size_t> candidates = cellsAt(plan, shownSetting());
    for (int r = 0; r < 2; ++r) {
        const int k = bestLiveCell(plan, cells, candidates, ex::LearningRules[r]);
        if (k < 0) {
            m_strip->setPredictions(r, {}, {}, {});
            continue;
        }
        const ex::DataCell& cell = plan.cells[static_cast<size_t>(k)];
        const LiveGrid::Cell& live = cells[static_cast<size_t>(k)];
        QStringList predicted;
        std::vector<bool> correct;
        for (size_t i = 0; i < m_state->strip.size() && i < live.predicted.size(); ++i) {
            const int truth = m_state->data->test.label(m_state->strip[i]);
            const int c = predictedClass(plan, cell, live.predictedEpoch, truth, live.predicted[i]);
            predicted << shortClassName(c);
            correct.push_back(c == truth);
        }
        m_strip->setPredictions(r, predicted, correct,
                                tr("%1: α %2, seed %3, %4 %5 (its run with the lowest error now)")
                                    .arg(ruleText(r), alphaText(cell.alpha))
                                    .arg(cell.seed)
                                    .arg(QString::fromLatin1(plan.epochWord()))
                                    .arg(live.predictedEpoch));
    }
}

void DataTab::drawSummary() {
    clearRect(m_plot, m_summaryRect);
    if (!m_result)
        return;
    const ex::DataPlan& plan = m_result->plan;
    const ex::DataSummary summary = ex::summariseData(plan.metric, plan.cells, m_result->results);
    const bool bySetting = *plan.settingName() != '\0';
    const bool log = logAxis(m_protocol);
    double lo = INFINITY, hi = -INFINITY;
    for (int r = 0; r < 2; ++r) {
        QVector<double> keys, values, errors;
        std::vector<std::pair<double, std::vector<double>>> seeds;
        for (const ex::DataSummary::Row& row : summary.rows) {
            if (row.rule != ex::LearningRules[r])
                continue;
            // By setting: each setting's best rate; by rate: every rate of the one row.
            std::vector<const ex::DataSummary::Rate*> rates;
            if (bySetting) {
                if (row.bestRate())
                    rates.push_back(row.bestRate());
            } else {
                for (const ex::DataSummary::Rate& rate : row.rates)
                    rates.push_back(&rate);
            }
            for (const ex::DataSummary::Rate* rate : rates) {
                const double key = bySetting ? row.setting : rate->alpha;
                keys << key;
                values << rate->stats.mean;
                errors << (rate->stats.n > 1 ? rate->stats.sd : 0.0);
                seeds.push_back({key, rate->scores});
                lo = std::min(lo, key);
                hi = std::max(hi, key);
            }
        }
        resultplots::addRuleLine(m_summaryRect, r,
                                 bySetting ? tr("%1: best rate, mean ± sd").arg(ruleText(r))
                                           : tr("%1: mean ± sd per rate").arg(ruleText(r)),
                                 keys, values, errors, {});
        // Every seed's score, just beside the mean (BP left, PC right).
        for (const auto& [key, scores] : seeds) {
            const double shift = r == 0 ? -1.0 : 1.0;
            const double at = log ? key * (1.0 + 0.06 * shift) : key + 0.15 * shift;
            const double spread = log ? key * 0.06 : 0.15;
            resultplots::addSeedPoints(m_summaryRect, r, tr("%1: one seed").arg(ruleText(r)), at,
                                       spread, scores, &scores == &seeds.front().second);
        }
    }
    // A tick at every value of the grid (settings or rates), written as the command line does.
    QCPAxis* x = m_summaryRect->axis(QCPAxis::atBottom);
    QSharedPointer<QCPAxisTickerText> ticker(new QCPAxisTickerText);
    for (const ex::DataSummary::Row& row : summary.rows)
        for (const ex::DataSummary::Rate& rate : row.rates)
            ticker->addTick(bySetting ? row.setting : rate.alpha,
                            bySetting ? QString::number(row.setting) : alphaText(rate.alpha));
    x->setTicker(ticker);
    x->setSubTicks(false);
    if (std::isfinite(lo))
        setSpan(x, log, lo, hi);
    // The score's name in two lines, or in a narrow panel its first words ("mean test error").
    plotfit::setTexts(m_summaryRect->axis(QCPAxis::atLeft),
                      {twoLines(QString::fromStdString(plan.metric.describe(plan.epochWord()))),
                       QString::fromStdString(plan.metric.name()), tr("score")});
    resultplots::fitValueAxis(m_summaryRect, false);
    // Scores that (nearly) agree still get an axis of a few hundredths: a span of almost nothing
    // has every tick read the same number.
    QCPAxis* y = m_summaryRect->axis(QCPAxis::atLeft);
    if (y->range().size() < 0.05)
        y->setRange(y->range().center() - 0.025, y->range().center() + 0.025);
    resultplots::showLegend(m_plot);
}

void DataTab::drawConfusion() {
    m_confusion->clear();
    if (!m_result)
        return;
    const ex::DataPlan& plan = m_result->plan;
    const int setting = shownSetting();
    const ex::DataSummary summary = ex::summariseData(plan.metric, plan.cells, m_result->results);
    QStringList names;
    for (int c = 0; c < engine::data::ClassCount; ++c)
        names << QString::number(c);
    for (int r = 0; r < 2; ++r) {
        const ex::DataSummary::Row* row = summary.row(ex::LearningRules[r], setting);
        const ex::DataSummary::Rate* best = row ? row->bestRate() : nullptr;
        if (!best)
            continue;
        // The first seed of the best rate.
        for (size_t k = 0; k < plan.cells.size(); ++k) {
            const ex::DataCell& c = plan.cells[k];
            if (c.rule != ex::LearningRules[r] || c.setting != setting || c.alpha != best->alpha)
                continue;
            const ex::DataCellResult& result = m_result->results[k];
            m_confusion->setMatrix(r, classConfusion(plan, c, result), names,
                                   tr("%1: α %2, seed %3, %4 %5")
                                       .arg(ruleText(r), alphaText(c.alpha))
                                       .arg(c.seed)
                                       .arg(QString::fromLatin1(plan.epochWord()))
                                       .arg(result.epochs()));
            break;
        }
    }
}

}  // namespace ui
