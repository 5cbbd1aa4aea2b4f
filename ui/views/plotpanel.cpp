#include "ui/views/plotpanel.h"

#include <qcustomplot.h>
#include <QHBoxLayout>
#include <QTabBar>
#include <QTabWidget>
#include <algorithm>
#include <cmath>

#include "ui/views/landscapeplot.h"
#include "ui/views/palette.h"
#include "ui/views/plotfit.h"

namespace ui {

namespace {

constexpr int MarkerLimit = 40;      // markers only while points are few enough to read
constexpr int MaxOutputs = 3;        // more output lines than this become unreadable
constexpr int MaxWeightEntries = 4;  // tracked weights named in the legend; more get a tooltip
constexpr size_t MaxPlotPoints = 1500;
/// Smallest plot widget, in normal-mode pixels (scaled with the text): the axis rect keeps
/// room for a few ticks and their labels.
constexpr int MinPlotWidth = 200;
constexpr int MinPlotHeight = 150;
/// Smallest data area of a plot, in normal-mode pixels (scaled with the text): the plot asks
/// the window for the height its title, legend and axes take on top of this.
constexpr QSize MinAxisRect(120, 70);
/// Legend-only graphs: "BP" and "PC" (the rules' line styles), "target" (dotted) and "colour"
/// (what a colour stands for, ColourIndex).
const char* const StyleEntry = "prospectStyleEntry";
const char* const ColourIndex = "prospectColourIndex";

// Trials are whole numbers: ticks at integer steps (1, 2, 5, 10, ... apart).
void integerTicks(QCPAxis* axis) {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

QString ruleName(int rule) {
    return rule == 0 ? QStringLiteral("BP") : QStringLiteral("PC");
}

/// The marker of output k in the outputs plot (the rules are told apart by colour and dash).
QCPScatterStyle::ScatterShape outputShape(int k) {
    static const QCPScatterStyle::ScatterShape shapes[] = {
        QCPScatterStyle::ssDisc, QCPScatterStyle::ssTriangle, QCPScatterStyle::ssSquare};
    return shapes[static_cast<unsigned>(k) % 3];
}

}  // namespace

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent) {
    m_row = new QHBoxLayout(this);
    m_row->setContentsMargins(0, 0, 0, 0);
    m_energy = plotfit::makePlot(tr("Energy during this PC trial"), tr("inference iteration"),
                                 tr("energy Eₗ = ½‖εₗ‖²"), this);
    m_outputs = plotfit::makePlot(tr("Outputs before each trial"), tr("trial"), tr("output"), this);
    m_tabs = new QTabWidget(this);
    m_tabs->setUsesScrollButtons(true);
    m_loss = plotfit::makePlot(tr("Loss per trial"), tr("trial"), tr("loss ½‖y − μᴸ‖²"), m_tabs);
    m_weights =
        plotfit::makePlot(tr("Weights after each trial"), tr("trial"), tr("weight"), m_tabs);
    m_alignment = plotfit::makePlot(tr("Target alignment of each step"), tr("trial"),
                                    tr("cos(Δoutput, target − output)"), m_tabs);
    m_landscape =
        plotfit::makePlot(tr("Loss landscape and weight paths"), tr("w1"), tr("w2"), m_tabs);
    m_land = std::make_unique<LandscapePlot>(m_landscape);
    // Shorter forms of the titles and labels, for narrow plots (the tooltip has the full ones).
    plotfit::setTexts(plotfit::title(m_energy), {tr("Energy during this PC trial"),
                                                 tr("Energy, this PC trial"), tr("Energy")});
    plotfit::setTexts(m_energy->yAxis, {tr("energy Eₗ = ½‖εₗ‖²"), tr("energy")});
    plotfit::setTexts(plotfit::title(m_outputs),
                      {tr("Outputs before each trial"), tr("Outputs per trial"), tr("Outputs")});
    plotfit::setTexts(plotfit::title(m_alignment), {tr("Target alignment of each step"),
                                                    tr("Target alignment"), tr("Alignment")});
    plotfit::setTexts(m_alignment->yAxis, {tr("cos(Δoutput, target − output)"),
                                           tr("cos(Δy, y* − y)"), tr("alignment")});
    plotfit::setTexts(plotfit::title(m_landscape), {tr("Loss landscape and weight paths"),
                                                    tr("Loss landscape"), tr("Landscape")});
    plotfit::setTexts(m_loss->yAxis, {tr("loss ½‖y − μᴸ‖²"), tr("loss")});
    m_updateMark = new QCPItemStraightLine(m_energy);
    m_updateMark->setVisible(false);
    m_updateLabel = new QCPItemText(m_energy);
    m_updateLabel->setText(tr("weights updated →"));
    m_updateLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    m_updateLabel->position->setParentAnchor(nullptr);
    m_updateLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    m_updateLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    m_updateLabel->position->setCoords(0.98, 0.02);
    m_updateLabel->setVisible(false);
    m_updateLabel->setLayer(QStringLiteral("axes"));  // over the curves, on its white ground
    for (QCustomPlot* plot : {m_outputs, m_loss, m_weights, m_alignment})
        integerTicks(plot->xAxis);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (auto* plot = qobject_cast<QCustomPlot*>(m_tabs->widget(index)))
            plot->replot(QCustomPlot::rpQueuedReplot);
        updateStretch();
    });
    m_tabs->addTab(m_loss, tr("Loss"));
    m_tabs->addTab(m_weights, tr("Weights"));
    m_tabs->addTab(m_alignment, tr("Alignment"));
    m_tabs->addTab(m_landscape, tr("Landscape"));
    m_row->addWidget(m_energy, 1);
    m_row->addWidget(m_outputs, 1);
    m_row->addWidget(m_tabs, 1);
    setLook(Look());
}

PlotPanel::~PlotPanel() = default;

bool PlotPanel::hasLandscape() const {
    return m_land->has();
}

QCPColorScale* PlotPanel::colourScale() const {
    return m_land->colourScale();
}

QList<QCustomPlot*> PlotPanel::plots() const {
    return {m_energy, m_outputs, m_loss, m_weights, m_alignment, m_landscape};
}

void PlotPanel::setLook(const Look& look) {
    m_look = look;
    for (QCustomPlot* plot : plots()) {
        plotfit::applyLook(plot, look);
        plot->setMinimumSize(look.px(MinPlotWidth), look.px(MinPlotHeight));
        plotfit::setMinimumAxisRect(plot, MinAxisRect * look.scale());
    }
    m_tabs->tabBar()->setFont(look.font(Look::Text::Small));
    m_updateLabel->setFont(look.font(Look::Text::Small));
    m_updateLabel->setColor(look.plasticityColor());
    m_updateLabel->setBrush(QColor(255, 255, 255, 220));  // readable over the curves
    m_updateLabel->setPadding(QMargins(2, 0, 2, 0));
    m_updateMark->setPen(QPen(m_updateLabel->color(), look.stroke(1.0), Qt::DashLine));
    styleGraphs(m_points);
    for (QCustomPlot* plot : plots())
        plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::updateStretch() {
    // A map and many weight lines need width more than the others.
    const int tab = m_tabs->currentIndex();
    m_row->setStretch(2, tab == 1 || tab == 3 ? 2 : 1);
}

void PlotPanel::styleRule(QCPGraph* g, int rule, const QColor& color, int points) const {
    QPen pen(color, m_look.stroke(rule == 0 ? 1.4 : 1.8));
    pen.setStyle(rule == 0 ? Qt::DashLine : Qt::SolidLine);
    g->setPen(pen);
    const bool markers = points <= MarkerLimit;
    QCPScatterStyle marker(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle, color,
                           m_look.px(rule == 0 ? 6 : 5));
    marker.setPen(QPen(color, m_look.stroke(1.0)));
    g->setScatterStyle(markers ? marker : QCPScatterStyle());
}

void PlotPanel::addStyleEntries(QCustomPlot* plot, const QStringList& colours, bool target) {
    // Line style says the rule, colour says what: a legend of n + 3 short entries rather than
    // 2n long ones.
    for (int rule = 0; rule < 2; ++rule) {
        QCPGraph* g = plot->addGraph();
        g->setName(ruleName(rule));
        g->setProperty(StyleEntry, ruleName(rule));
    }
    for (int k = 0; k < colours.size(); ++k) {
        QCPGraph* g = plot->addGraph();
        g->setName(colours[k]);
        g->setProperty(StyleEntry, QStringLiteral("colour"));
        g->setProperty(ColourIndex, k);
    }
    if (target) {
        QCPGraph* t = plot->addGraph();
        t->setName(tr("target"));
        t->setProperty(StyleEntry, QStringLiteral("target"));
    }
}

void PlotPanel::styleGraphs(int points) {
    m_points = points;
    for (QCustomPlot* plot : plots())
        for (int i = 0; i < plot->graphCount(); ++i) {
            QCPGraph* g = plot->graph(i);
            const QString entry = g->property(StyleEntry).toString();
            if (entry == QLatin1String("target"))
                g->setPen(QPen(m_look.text(), m_look.stroke(1.2), Qt::DotLine));
            else if (entry == QLatin1String("colour"))
                g->setPen(
                    QPen(m_look.seriesColor(g->property(ColourIndex).toInt()), m_look.stroke(3.0)));
            else if (!entry.isEmpty())
                styleRule(g, entry == QLatin1String("BP") ? 0 : 1, m_look.text(), 0);
        }
    if (m_energy->graphCount() == m_layers + 1) {
        m_energy->graph(0)->setPen(QPen(m_look.text(), m_look.stroke(2.2)));
        for (int l = 1; l <= m_layers; ++l)
            m_energy->graph(l)->setPen(QPen(m_look.seriesColor(l - 1), m_look.stroke(1.4)));
    }
    styleOutputs(points);
    for (QCustomPlot* plot : {m_loss, m_alignment})
        for (int rule = 0; rule < 2 && plot->graphCount() >= 2; ++rule)
            styleRule(plot->graph(rule), rule, m_look.ruleColor(rule), points);
    for (int w = 0; w < m_tracked; ++w)
        for (int rule = 0; rule < 2; ++rule)
            styleRule(m_weights->graph(2 * w + rule), rule, m_look.seriesColor(w), points);
    m_land->style(m_look, MarkerLimit);
}

void PlotPanel::styleOutputs(int points) {
    // Colour and dash say the rule, as in every plot; the marker says the output. Markers stay
    // on long runs, thinned to about MarkerLimit per line.
    const int shown = std::min(m_outputsCount, MaxOutputs);
    const int skip = points > MarkerLimit ? points / MarkerLimit : 0;
    for (int k = 0; k < shown && m_outputs->graphCount() >= 3 * shown; ++k) {
        for (int rule = 0; rule < 2; ++rule) {
            QCPGraph* g = m_outputs->graph(3 * k + rule);
            const QColor c = m_look.ruleColor(rule);
            styleRule(g, rule, c, 0);
            QCPScatterStyle marker(outputShape(k), c, m_look.px(rule == 0 ? 6 : 5));
            marker.setPen(QPen(c, m_look.stroke(1.0)));
            if (rule == 0)
                marker.setBrush(Qt::white);  // BP's hollow, PC's filled where they overlap
            g->setScatterStyle(marker);
            g->setScatterSkip(skip);
        }
        QCPGraph* t = m_outputs->graph(3 * k + 2);
        const QColor grey = m_look.isPresentation() ? QColor(60, 60, 60) : QColor(120, 120, 120);
        t->setPen(QPen(grey, m_look.stroke(1.0), Qt::DotLine));
        t->setScatterStyle(QCPScatterStyle(outputShape(k), grey, m_look.px(4)));
        t->setScatterSkip(skip);
    }
    for (int i = 0; i < m_outputs->graphCount(); ++i) {
        QCPGraph* g = m_outputs->graph(i);
        const QString entry = g->property(StyleEntry).toString();
        if (entry == QLatin1String("BP") || entry == QLatin1String("PC")) {
            const int rule = entry == QLatin1String("BP") ? 0 : 1;
            styleRule(g, rule, m_look.ruleColor(rule), 0);
            g->setScatterStyle(QCPScatterStyle());
        } else if (entry == QLatin1String("output")) {
            g->setPen(Qt::NoPen);
            g->setScatterStyle(QCPScatterStyle(outputShape(g->property(ColourIndex).toInt()),
                                               m_look.text(), m_look.px(6)));
        }
    }
}

void PlotPanel::addOutputEntries(const QStringList& outputs) {
    for (int rule = 0; rule < 2; ++rule) {
        QCPGraph* g = m_outputs->addGraph();
        g->setName(ruleName(rule));
        g->setProperty(StyleEntry, ruleName(rule));
    }
    for (int k = 0; k < outputs.size(); ++k) {
        QCPGraph* g = m_outputs->addGraph();
        g->setName(outputs[k]);
        g->setProperty(StyleEntry, QStringLiteral("output"));
        g->setProperty(ColourIndex, k);
    }
    QCPGraph* t = m_outputs->addGraph();
    t->setName(tr("target"));
    t->setProperty(StyleEntry, QStringLiteral("target"));
}

void PlotPanel::setRun(const engine::Network& initial, const engine::Trial& trial,
                       const QString& preferredTab, const QStringList& outputNames,
                       const NeuronNames& givenNames) {
    const NeuronNames names = givenNames.depth() == initial.depth()
                                  ? givenNames
                                  : NeuronNames::of(initial.spec(), {}, outputNames);
    m_layers = static_cast<int>(initial.depth());
    m_outputsCount = static_cast<int>(initial.size(initial.depth()));
    for (QCustomPlot* plot : plots()) {
        plot->clearGraphs();
        plot->clearPlottables();
        plot->xAxis->setRange(0, 1);  // nothing of the previous run's scale survives
        plot->yAxis->setRange(0, 1);
    }
    m_tracked = 0;
    m_weightNames.clear();
    for (const auto& [l, i, j] : trackedSynapses(initial))
        m_weightNames << names.synapse(l, i, j);

    // Energy: total F and one line per layer.
    m_energy->addGraph()->setName(tr("total F"));
    for (int l = 1; l <= m_layers; ++l)
        m_energy->addGraph()->setName(l == m_layers ? tr("E%1 (output)").arg(l) : tr("E%1").arg(l));
    // Outputs: per output, BP and PC, and the target (one legend entry for every target).
    const int shown = std::min(m_outputsCount, MaxOutputs);
    QStringList outputs;
    for (int k = 0; k < shown; ++k) {
        outputs << names.neuron(m_layers, k);
        for (int rule = 0; rule < 2; ++rule)
            m_outputs->addGraph()->setName(QStringLiteral("%1 %2").arg(ruleName(rule), outputs[k]));
        QCPGraph* t = m_outputs->addGraph();
        t->setName(tr("target %1").arg(outputs[k]));
        t->setLineStyle(QCPGraph::lsStepLeft);
    }
    for (int g = 0; g < m_outputs->graphCount(); ++g)
        m_outputs->graph(g)->removeFromLegend();
    addOutputEntries(outputs);
    for (int rule = 0; rule < 2; ++rule) {
        m_loss->addGraph()->setName(ruleName(rule));
        m_alignment->addGraph()->setName(ruleName(rule));
    }
    m_alignment->yAxis->setRange(-1.05, 1.05);
    m_land->setRun(initial, trial, names);
    for (QCustomPlot* plot : {m_energy, m_outputs, m_loss, m_alignment, m_landscape})
        plotfit::showLegend(plot, true);
    plotfit::showLegend(m_weights, false);  // until the first trial says how many weights
    styleGraphs(0);
    for (QCustomPlot* plot : plots())
        plot->replot();
    m_tabs->setTabEnabled(3, hasLandscape());
    if (!showTab(preferredTab))
        m_tabs->setCurrentIndex(0);
    updateStretch();
}

bool PlotPanel::showTab(const QString& name) {
    const QStringList names = {"loss", "weights", "alignment", "landscape"};
    const int tab = static_cast<int>(names.indexOf(name));
    if (tab < 0 || (tab == 3 && !hasLandscape()))
        return false;
    m_tabs->setCurrentIndex(tab);
    return true;
}

QString PlotPanel::currentTab() const {
    static const char* const names[] = {"loss", "weights", "alignment", "landscape"};
    const int i = m_tabs->currentIndex();
    return i >= 0 && i < 4 ? QString::fromLatin1(names[i]) : QStringLiteral("loss");
}

PlotPanel::TrialSeries::TrialSeries(const Frame& frame, const History& history)
    : trials(history.trials()) {
    // Per-trial series up to the frame's trial (the timeline may show the past).
    const std::int64_t upTo = frame.pc->trialComplete ? frame.pc->trial : frame.pc->trial - 1;
    const size_t end = static_cast<size_t>(
        std::upper_bound(trials.begin(), trials.end(), upTo,
                         [](std::int64_t v, const TrialRecord& r) { return v < r.trial; }) -
        trials.begin());
    // At most MaxPlotPoints points per series (every k-th trial, always the last): a plot a few
    // hundred pixels wide shows no more, and the window stays fast with long runs.
    const size_t stride = std::max<size_t>(1, (end + MaxPlotPoints - 1) / MaxPlotPoints);
    for (size_t i = 0; i < end; i += stride)
        picked.push_back(i);
    if (end > 0 && picked.back() != end - 1)
        picked.push_back(end - 1);
    xs.reserve(points());
    for (size_t i : picked)
        xs << double(trials[i].trial);
}

void PlotPanel::showFrame(const FramePtr& frame, const History& history) {
    if (!frame)
        return;
    showEnergy(*frame);
    const TrialSeries series(*frame, history);
    showOutputs(series);
    for (int rule = 0; rule < 2; ++rule) {
        m_loss->graph(rule)->setData(
            series.xs, series.values([&](const TrialRecord& r) { return r.loss[rule]; }), true);
        m_alignment->graph(rule)->setData(
            series.xs, series.values([&](const TrialRecord& r) { return r.alignment[rule]; }),
            true);
    }
    showWeights(series);
    fitRanges(series);
    // The first frame of a run is taken before any update, so it holds the initial weights.
    m_land->showPaths(history.empty() ? *frame : *history.at(0), series.trials, series.picked);
    styleGraphs(series.points());
    for (QCustomPlot* plot : plots())
        if (plot->isVisible())
            plot->replot(QCustomPlot::rpQueuedReplot);
}

void PlotPanel::showEnergy(const Frame& frame) {
    // Energy during the current PC trial.
    if (m_energy->graphCount() != m_layers + 1)
        return;
    const engine::Matrix& trace = frame.pc->energyTrace;
    for (int c = 0; c <= m_layers; ++c) {
        QVector<double> xs, ys;
        for (engine::Index k = 0; c < trace.cols() && k < trace.rows(); ++k) {
            xs << double(k);
            ys << trace(k, c);
        }
        m_energy->graph(c)->setData(xs, ys, true);  // empty before the first trial
    }
    // The last point of a finished trial comes after the weight update: mark it.
    const bool updated = frame.pc->phase == engine::Phase::Update;
    m_updateMark->setVisible(updated);
    m_updateLabel->setVisible(updated);
    m_updateMark->point1->setCoords(frame.pc->iterations, 0);
    m_updateMark->point2->setCoords(frame.pc->iterations, 1);
    m_energy->xAxis->setRange(0, std::max<double>(frame.pc->iterations, 1));
    double top = 0;
    for (engine::Index k = 0; k < trace.rows(); ++k)
        top = std::max(top, trace(k, 0));
    m_energy->yAxis->setRange(0, top > 0 ? top * 1.08 : 1.0);
}

void PlotPanel::showOutputs(const TrialSeries& series) {
    const int shown = std::min(m_outputsCount, MaxOutputs);
    for (int k = 0; k < shown; ++k) {
        for (int rule = 0; rule < 2; ++rule)
            m_outputs->graph(3 * k + rule)
                ->setData(series.xs, series.values([&](const TrialRecord& r) {
                    return size_t(k) < r.output[rule].size() ? r.output[rule][size_t(k)] : NAN;
                }),
                          true);
        m_outputs->graph(3 * k + 2)->setData(series.xs, series.values([&](const TrialRecord& r) {
            return size_t(k) < r.target.size() ? r.target[size_t(k)] : NAN;
        }),
                                             true);
    }
}

void PlotPanel::showWeights(const TrialSeries& series) {
    // Created once the number of tracked weights is known. Many weights are named in the
    // tooltip instead of the legend, which shows the rules' line styles.
    const int tracked = series.picked.empty() ? 0 : int(series.trials[0].weights[0].size());
    if (tracked != m_tracked) {
        m_weights->clearGraphs();
        m_tracked = tracked;
        const bool named = tracked <= MaxWeightEntries;
        for (int w = 0; w < tracked; ++w)
            for (int rule = 0; rule < 2; ++rule) {
                QCPGraph* g = m_weights->addGraph();
                g->setName(QStringLiteral("%1 %2").arg(ruleName(rule), m_weightNames.value(w)));
                g->removeFromLegend();
            }
        addStyleEntries(m_weights, named ? m_weightNames.mid(0, tracked) : QStringList(), false);
        plotfit::setToolTip(
            m_weights, named ? QString()
                             : tr("Tracked weights, in the order of the colours: %1")
                                   .arg(m_weightNames.mid(0, tracked).join(QStringLiteral(", "))));
        plotfit::showLegend(m_weights, tracked > 0);
    }
    for (int w = 0; w < tracked; ++w)
        for (int rule = 0; rule < 2; ++rule)
            m_weights->graph(2 * w + rule)
                ->setData(series.xs, series.values([&](const TrialRecord& r) {
                    return size_t(w) < r.weights[rule].size() ? r.weights[rule][size_t(w)] : NAN;
                }),
                          true);
}

void PlotPanel::fitRanges(const TrialSeries& series) {
    const double right = std::max(1.0, series.xs.isEmpty() ? 1.0 : series.xs.back());
    for (QCustomPlot* plot : {m_outputs, m_loss, m_weights, m_alignment}) {
        plot->xAxis->setRange(0, right + 0.5);
        if (plot == m_alignment)
            continue;  // a cosine: always -1..1
        bool found = false;
        QCPRange r;
        for (int g = 0; g < plot->graphCount(); ++g) {
            bool ok = false;
            const QCPRange gr = plot->graph(g)->getValueRange(ok);
            if (ok)
                r = found ? QCPRange(std::min(r.lower, gr.lower), std::max(r.upper, gr.upper)) : gr;
            found = found || ok;
        }
        if (found) {
            const double pad = std::max(0.05 * r.size(), 1e-3);
            plot->yAxis->setRange(r.lower - pad, r.upper + pad);
        }
    }
}

}  // namespace ui
