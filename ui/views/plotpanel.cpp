#include "ui/views/plotpanel.h"

#include <qcustomplot.h>
#include <QHBoxLayout>
#include <QTabWidget>
#include <algorithm>
#include <cmath>

#include "ui/views/palette.h"

namespace ui {

namespace {

constexpr int MarkerLimit = 40;  // markers only while points are few enough to read
constexpr int MaxOutputs = 3;    // more output lines than this become unreadable
constexpr size_t MaxPlotPoints = 1500;

QCustomPlot* makePlot(const QString& title, const QString& x, const QString& y, QWidget* parent) {
    auto* plot = new QCustomPlot(parent);
    plot->setMinimumSize(220, 160);
    plot->plotLayout()->insertRow(0);
    auto* t = new QCPTextElement(plot, title, QFont(plot->font().family(), 9, QFont::Bold));
    plot->plotLayout()->addElement(0, 0, t);
    plot->xAxis->setLabel(x);
    plot->yAxis->setLabel(y);
    plot->legend->setVisible(true);
    QFont lf = plot->font();
    lf.setPointSizeF(7.5);
    plot->legend->setFont(lf);
    plot->legend->setBrush(QColor(255, 255, 255, 200));
    plot->legend->setRowSpacing(-3);
    plot->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    plot->setNoAntialiasingOnDrag(true);
    return plot;
}

void styleRule(QCPGraph* g, int rule, const QColor& color, int points) {
    QPen pen(color, rule == 0 ? 1.4 : 1.8);
    pen.setStyle(rule == 0 ? Qt::DashLine : Qt::SolidLine);
    g->setPen(pen);
    const bool markers = points <= MarkerLimit;
    g->setScatterStyle(
        markers ? QCPScatterStyle(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle,
                                  color, rule == 0 ? 6 : 5)
                : QCPScatterStyle());
}

// Trials are whole numbers: ticks at integer steps (1, 2, 5, 10, ... apart).
void integerTicks(QCPAxis* axis) {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    axis->setTicker(ticker);
}

// Moves the legend out of the axis rect into a strip between title and plot, laid out in
// `columns` columns, so it never hides data.
void legendAbove(QCustomPlot* plot, int columns) {
    plot->axisRect()->insetLayout()->take(plot->legend);
    plot->plotLayout()->insertRow(1);
    plot->plotLayout()->addElement(1, 0, plot->legend);
    plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    plot->legend->setWrap(columns);
    plot->legend->setBorderPen(Qt::NoPen);
    plot->legend->setMargins(QMargins(2, 0, 2, 0));
    plot->plotLayout()->setRowStretchFactor(1, 0.001);
}

}  // namespace

PlotPanel::PlotPanel(QWidget* parent) : QWidget(parent) {
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    m_energy = makePlot(tr("Energy during this trial (PC): F = Σ Eₗ, Eₗ = ½‖εₗ‖²"),
                        tr("inference iteration"), tr("energy"), this);
    m_outputs =
        makePlot(tr("Outputs before each trial (dotted: target)"), tr("trial"), tr("output"), this);
    m_tabs = new QTabWidget(this);
    m_loss = makePlot(tr("Loss per trial"), tr("trial"), tr("loss ½‖y − μᴸ‖²"), m_tabs);
    m_weights = makePlot(tr("Weights after each trial"), tr("trial"), tr("weight"), m_tabs);
    m_alignment = makePlot(tr("Target alignment of each step"), tr("trial"),
                           tr("cos(Δoutput, target − output)"), m_tabs);
    m_landscape = makePlot(tr("Loss landscape and weight paths"), tr("w1"), tr("w2"), m_tabs);
    m_updateMark = new QCPItemStraightLine(m_energy);
    m_updateMark->setPen(QPen(QColor(200, 40, 90), 1.0, Qt::DashLine));
    m_updateMark->setVisible(false);
    auto* updateLabel = new QCPItemText(m_energy);
    updateLabel->setText(tr("weights updated →"));
    updateLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignTop);
    updateLabel->position->setParentAnchor(nullptr);
    updateLabel->position->setTypeX(QCPItemPosition::ptAxisRectRatio);
    updateLabel->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
    updateLabel->position->setCoords(0.98, 0.02);
    updateLabel->setColor(QColor(200, 40, 90));
    updateLabel->setFont(QFont(font().family(), 7));
    updateLabel->setVisible(false);
    m_updateLabel = updateLabel;
    for (QCustomPlot* plot : {m_outputs, m_loss, m_weights, m_alignment})
        integerTicks(plot->xAxis);
    legendAbove(m_outputs, 2);
    legendAbove(m_energy, 4);
    legendAbove(m_landscape, 3);
    legendAbove(m_weights, 4);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (auto* plot = qobject_cast<QCustomPlot*>(m_tabs->widget(index)))
            plot->replot(QCustomPlot::rpQueuedReplot);
    });
    m_tabs->addTab(m_loss, tr("Loss"));
    m_tabs->addTab(m_weights, tr("Weights"));
    m_tabs->addTab(m_alignment, tr("Alignment"));
    m_tabs->addTab(m_landscape, tr("Landscape"));
    row->addWidget(m_energy, 1);
    row->addWidget(m_outputs, 1);
    row->addWidget(m_tabs, 1);
}

PlotPanel::~PlotPanel() = default;

QList<QCustomPlot*> PlotPanel::plots() const {
    return {m_energy, m_outputs, m_loss, m_weights, m_alignment, m_landscape};
}

void PlotPanel::setRun(const engine::Network& initial, const engine::Trial& trial,
                       const QString& preferredTab, const QStringList& outputNames) {
    m_layers = static_cast<int>(initial.depth());
    m_outputsCount = static_cast<int>(initial.size(initial.depth()));
    for (QCustomPlot* plot : plots()) {
        plot->clearGraphs();
        plot->clearPlottables();
        plot->xAxis->setRange(0, 1);  // nothing of the previous run's scale survives
        plot->yAxis->setRange(0, 1);
    }
    m_map = nullptr;
    m_paths[0] = m_paths[1] = nullptr;
    m_weightNames.clear();
    for (const auto& [l, i, j] : trackedSynapses(initial))
        m_weightNames << QStringLiteral("W%1[%2,%3]").arg(l).arg(i).arg(j);

    // Energy: total F and one line per layer.
    QCPGraph* total = m_energy->addGraph();
    total->setName(tr("total F"));
    total->setPen(QPen(Qt::black, 2.2));
    for (int l = 1; l <= m_layers; ++l) {
        QCPGraph* g = m_energy->addGraph();
        g->setName(l == m_layers ? tr("E%1 (output)").arg(l) : tr("E%1").arg(l));
        g->setPen(QPen(palette::seriesColor(l - 1), 1.4));
    }
    // Outputs: per output, BP and PC, and the target.
    const int shown = std::min(m_outputsCount, MaxOutputs);
    for (int k = 0; k < shown; ++k) {
        for (int rule = 0; rule < 2; ++rule) {
            QCPGraph* g = m_outputs->addGraph();
            g->setName(QStringLiteral("%1 %2").arg(
                rule == 0 ? "BP" : "PC",
                k < outputNames.size() ? outputNames[k] : tr("output %1").arg(k)));
            styleRule(g, rule, palette::seriesColor(k), 0);
        }
        QCPGraph* t = m_outputs->addGraph();
        t->setName(tr("target %1").arg(k));
        t->removeFromLegend();
        t->setPen(QPen(palette::seriesColor(k).lighter(130), 1.0, Qt::DotLine));
        t->setLineStyle(QCPGraph::lsStepLeft);
    }
    for (int rule = 0; rule < 2; ++rule) {
        QCPGraph* g = m_loss->addGraph();
        g->setName(rule == 0 ? tr("BP") : tr("PC"));
        styleRule(g, rule, palette::ruleColor(rule), 0);
        QCPGraph* a = m_alignment->addGraph();
        a->setName(rule == 0 ? tr("BP") : tr("PC"));
        styleRule(a, rule, palette::ruleColor(rule), 0);
    }
    m_alignment->yAxis->setRange(-1.05, 1.05);
    for (QCustomPlot* plot : plots())
        plot->replot();

    buildLandscape(initial, trial);
    m_tabs->setTabEnabled(3, hasLandscape());
    int tab = 0;
    if (preferredTab == "weights")
        tab = 1;
    else if (preferredTab == "alignment")
        tab = 2;
    else if (preferredTab == "landscape" && hasLandscape())
        tab = 3;
    m_tabs->setCurrentIndex(tab);
}

QString PlotPanel::currentTab() const {
    static const char* const names[] = {"loss", "weights", "alignment", "landscape"};
    const int i = m_tabs->currentIndex();
    return i >= 0 && i < 4 ? QString::fromLatin1(names[i]) : QStringLiteral("loss");
}

void PlotPanel::buildLandscape(const engine::Network& initial, const engine::Trial& trial) {
    m_landscapeWeights.reset();
    std::vector<WeightIndex> trainable;
    for (engine::Index l = 1; l <= initial.depth(); ++l) {
        if (!initial.trainable(l))
            continue;
        for (engine::Index i = 0; i < initial.size(l); ++i)
            for (engine::Index j = 0; j < initial.size(l - 1); ++j)
                if (!initial.hasMask(l) || initial.spec().weight(l).mask(i, j) != 0.0)
                    trainable.push_back({int(l), int(i), int(j)});
        if (initial.hasBias(l))
            trainable.push_back({-1, 0, 0});  // a bias learns too: no 2-D landscape
    }
    if (trainable.size() != 2 || trainable[0].layer < 0 || trainable[1].layer < 0) {
        m_landscape->replot();
        return;
    }
    m_landscapeWeights = std::make_pair(trainable[0], trainable[1]);
    const auto [a, b] = *m_landscapeWeights;
    const double a0 = initial.weight(a.layer)(a.post, a.pre),
                 b0 = initial.weight(b.layer)(b.post, b.pre);
    const QCPRange ra(a0 - 0.5, a0 + 1.5), rb(b0 - 0.5, b0 + 1.5);
    const int n = 90;
    m_map = new QCPColorMap(m_landscape->xAxis, m_landscape->yAxis);
    m_map->data()->setSize(n, n);
    m_map->data()->setRange(ra, rb);
    engine::Network probe = initial;
    engine::Matrix wa = initial.weight(a.layer), wb;
    for (int x = 0; x < n; ++x)
        for (int y = 0; y < n; ++y) {
            double va, vb;
            m_map->data()->cellToCoord(x, y, &va, &vb);
            wa = probe.weight(a.layer);
            wa(a.post, a.pre) = va;
            probe.setWeight(a.layer, wa);
            wb = probe.weight(b.layer);
            wb(b.post, b.pre) = vb;
            probe.setWeight(b.layer, wb);
            // log scale so the valley floor shows; the banded gradient draws contour-like levels.
            m_map->data()->setCell(x, y, std::log10(engine::trialLoss(probe, trial) + 1e-4));
        }
    QCPColorGradient gradient(QCPColorGradient::gpGrayscale);
    gradient.setLevelCount(14);
    gradient.setColorStopAt(0.0, QColor(250, 250, 250));
    gradient.setColorStopAt(1.0, QColor(150, 150, 150));
    m_map->setGradient(gradient);
    m_map->setInterpolate(false);
    m_map->rescaleDataRange(true);
    m_map->setName(tr("log₁₀ loss (bands)"));
    for (int rule = 0; rule < 2; ++rule) {
        m_paths[rule] = new QCPCurve(m_landscape->xAxis, m_landscape->yAxis);
        m_paths[rule]->setName(rule == 0 ? tr("BP path") : tr("PC path"));
        QPen pen(palette::ruleColor(rule), 2.0, rule == 0 ? Qt::DashLine : Qt::SolidLine);
        m_paths[rule]->setPen(pen);
        m_paths[rule]->setScatterStyle(
            QCPScatterStyle(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle,
                            palette::ruleColor(rule), 6));
    }
    m_landscape->xAxis->setLabel(tr("w1 = W%1[%2,%3]").arg(a.layer).arg(a.post).arg(a.pre));
    m_landscape->yAxis->setLabel(tr("w2 = W%1[%2,%3]").arg(b.layer).arg(b.post).arg(b.pre));
    m_landscape->xAxis->setRange(ra);
    m_landscape->yAxis->setRange(rb);
    m_landscape->replot();
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
        QCPGraph* loss = m_loss->graph(rule);
        loss->setData(series.xs, series.values([&](const TrialRecord& r) { return r.loss[rule]; }),
                      true);
        styleRule(loss, rule, palette::ruleColor(rule), series.points());
        QCPGraph* alignment = m_alignment->graph(rule);
        alignment->setData(series.xs,
                           series.values([&](const TrialRecord& r) { return r.alignment[rule]; }),
                           true);
        styleRule(alignment, rule, palette::ruleColor(rule), series.points());
    }
    showWeights(series);
    fitRanges(series);
    showPaths(frame, history, series);
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
        for (int rule = 0; rule < 2; ++rule) {
            QCPGraph* g = m_outputs->graph(3 * k + rule);
            g->setData(series.xs, series.values([&](const TrialRecord& r) {
                return size_t(k) < r.output[rule].size() ? r.output[rule][size_t(k)] : NAN;
            }),
                       true);
            styleRule(g, rule, palette::seriesColor(k), series.points());
        }
        m_outputs->graph(3 * k + 2)->setData(series.xs, series.values([&](const TrialRecord& r) {
            return size_t(k) < r.target.size() ? r.target[size_t(k)] : NAN;
        }),
                                             true);
    }
}

void PlotPanel::showWeights(const TrialSeries& series) {
    // Created lazily, once the number of tracked weights is known.
    const size_t tracked = series.picked.empty() ? 0 : series.trials[0].weights[0].size();
    if (m_weights->graphCount() != int(2 * tracked)) {
        m_weights->clearGraphs();
        for (size_t w = 0; w < tracked; ++w)
            for (int rule = 0; rule < 2; ++rule) {
                QCPGraph* g = m_weights->addGraph();
                g->setName(QStringLiteral("%1 %2").arg(rule == 0 ? "BP" : "PC",
                                                       m_weightNames.value(int(w))));
            }
    }
    for (size_t w = 0; w < tracked; ++w)
        for (int rule = 0; rule < 2; ++rule) {
            QCPGraph* g = m_weights->graph(int(2 * w) + rule);
            g->setData(series.xs, series.values([&](const TrialRecord& r) {
                return w < r.weights[rule].size() ? r.weights[rule][w] : NAN;
            }),
                       true);
            styleRule(g, rule, palette::seriesColor(int(w)), series.points());
        }
    m_weights->legend->setVisible(tracked <= 4);
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

void PlotPanel::showPaths(const FramePtr& frame, const History& history,
                          const TrialSeries& series) {
    // Each rule's path from the initial weights through the weights after every trial (the two
    // tracked weights are exactly the two trainable ones, in the same order).
    if (!m_landscapeWeights || !m_paths[0])
        return;
    const auto [a, b] = *m_landscapeWeights;
    // The first frame of a run is taken before any update, so it holds the initial weights.
    const FramePtr& first = history.empty() ? frame : history.at(0);
    for (int rule = 0; rule < 2; ++rule) {
        const engine::Snapshot& s0 = first->of(rule == 0 ? engine::Rule::BP : engine::Rule::PC);
        QVector<double> t{0.0}, wa{s0.weights[size_t(a.layer)](a.post, a.pre)},
            wb{s0.weights[size_t(b.layer)](b.post, b.pre)};
        for (size_t i : series.picked) {  // downsampled like the other series
            const TrialRecord& r = series.trials[i];
            if (r.weights[rule].size() < 2)
                break;
            t << double(r.trial);
            wa << r.weights[rule][0];
            wb << r.weights[rule][1];
        }
        m_paths[rule]->setData(t, wa, wb);
        m_paths[rule]->setScatterStyle(
            t.size() <= MarkerLimit
                ? QCPScatterStyle(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle,
                                  palette::ruleColor(rule), 6)
                : QCPScatterStyle());
    }
}

}  // namespace ui
