#include "ui/views/landscapeplot.h"

#include <qcustomplot.h>
#include <cmath>

#include "ui/views/plotfit.h"

namespace ui {

namespace {

constexpr int GridCells = 90;  // per weight

}  // namespace

LandscapePlot::LandscapePlot(QCustomPlot* plot) : m_plot(plot) {
    m_scale = plotfit::addColourScale(plot, tr("log₁₀ loss"));
}

bool LandscapePlot::setRun(const engine::Network& initial, const engine::Trial& trial,
                           const NeuronNames& names) {
    m_map = nullptr;
    m_paths[0] = m_paths[1] = nullptr;
    m_weights.reset();
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
    if (trainable.size() != 2 || trainable[0].layer < 0 || trainable[1].layer < 0)
        return false;
    m_weights = std::make_pair(trainable[0], trainable[1]);
    const auto [a, b] = *m_weights;
    const double a0 = initial.weight(a.layer)(a.post, a.pre),
                 b0 = initial.weight(b.layer)(b.post, b.pre);
    const QCPRange ra(a0 - 0.5, a0 + 1.5), rb(b0 - 0.5, b0 + 1.5);
    m_map = new QCPColorMap(m_plot->xAxis, m_plot->yAxis);
    m_map->data()->setSize(GridCells, GridCells);
    m_map->data()->setRange(ra, rb);
    engine::Network probe = initial;
    engine::Matrix wa = initial.weight(a.layer), wb;
    for (int x = 0; x < GridCells; ++x)
        for (int y = 0; y < GridCells; ++y) {
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
    m_map->setInterpolate(false);
    m_map->setName(tr("log₁₀ loss (bands)"));
    m_map->removeFromLegend();  // the colour scale says what the greys mean
    m_map->setColorScale(m_scale);
    m_map->rescaleDataRange(true);
    for (int rule = 0; rule < 2; ++rule) {
        m_paths[rule] = new QCPCurve(m_plot->xAxis, m_plot->yAxis);
        m_paths[rule]->setName(rule == 0 ? tr("BP path") : tr("PC path"));
    }
    m_plot->xAxis->setLabel(tr("w1 = w(%1)").arg(names.synapse(a.layer, a.post, a.pre)));
    m_plot->yAxis->setLabel(tr("w2 = w(%1)").arg(names.synapse(b.layer, b.post, b.pre)));
    m_plot->xAxis->setRange(ra);
    m_plot->yAxis->setRange(rb);
    return true;
}

void LandscapePlot::showPaths(const Frame& first, const std::vector<TrialRecord>& trials,
                              const std::vector<size_t>& picked) {
    // Each rule's path from the initial weights through the weights after every trial (the two
    // tracked weights are exactly the two trainable ones, in the same order).
    if (!m_weights || !m_paths[0])
        return;
    const auto [a, b] = *m_weights;
    for (int rule = 0; rule < 2; ++rule) {
        const engine::Snapshot& s0 = first.of(rule == 0 ? engine::Rule::BP : engine::Rule::PC);
        QVector<double> t{0.0}, wa{s0.weights[size_t(a.layer)](a.post, a.pre)},
            wb{s0.weights[size_t(b.layer)](b.post, b.pre)};
        for (size_t i : picked) {  // downsampled like the other series
            const TrialRecord& r = trials[i];
            if (r.weights[rule].size() < 2)
                break;
            t << double(r.trial);
            wa << r.weights[rule][0];
            wb << r.weights[rule][1];
        }
        m_paths[rule]->setData(t, wa, wb);
    }
}

void LandscapePlot::style(const Look& look, int markerLimit) {
    // Greys in bands (contour-like levels); darker in presentation mode, where a projector
    // washes pale greys out.
    QCPColorGradient gradient(QCPColorGradient::gpGrayscale);
    gradient.setLevelCount(14);
    gradient.setColorStopAt(0.0, QColor(250, 250, 250));
    gradient.setColorStopAt(1.0,
                            look.isPresentation() ? QColor(105, 105, 105) : QColor(150, 150, 150));
    m_scale->setGradient(gradient);
    if (m_map)
        m_map->setGradient(gradient);
    for (int rule = 0; rule < 2; ++rule) {
        if (!m_paths[rule])
            continue;
        const QColor c = look.ruleColor(rule);
        m_paths[rule]->setPen(QPen(c, look.stroke(2.0), rule == 0 ? Qt::DashLine : Qt::SolidLine));
        m_paths[rule]->setScatterStyle(
            int(m_paths[rule]->dataCount()) <= markerLimit
                ? QCPScatterStyle(rule == 0 ? QCPScatterStyle::ssCross : QCPScatterStyle::ssCircle,
                                  c, look.px(6))
                : QCPScatterStyle());
    }
}

}  // namespace ui
