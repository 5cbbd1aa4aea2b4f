#include "ui/lab/runtoolbar.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include "ui/simulation/simulationcontroller.h"

namespace ui {

namespace {

/// The entries of the granularity box: the three of Granularity, then "N trials".
constexpr int NTrialsEntry = 3;

}  // namespace

RunToolBar::RunToolBar(SimulationController* controller, const Actions& actions, QWidget* parent)
    : QToolBar(tr("Run"), parent), m_controller(controller), m_actions(actions) {
    setMovable(false);
    addAction(actions.reset);
    addAction(actions.reseed);
    m_seed = new QLabel(this);
    m_seed->setObjectName("seedLabel");
    m_seed->setToolTip(
        tr("Seed of the initial weights and samples; Re-randomise picks the next one"));
    m_extras << addWidget(m_seed) << addSeparator();
    addAction(actions.play);
    addAction(actions.step);
    addStepControls();
    addSeparator();
    addSpeedControls();
    m_extras << addSeparator();
    addRunUntil();
}

void RunToolBar::setCompact(bool compact) {
    if (compact == m_compact)
        return;
    m_compact = compact;
    for (QAction* a : m_extras)
        a->setVisible(!compact);
    // The window's own actions leave the bar rather than hide: a hidden action's key is dead.
    if (compact) {
        removeAction(m_actions.reset);
        removeAction(m_actions.reseed);
    } else {
        QAction* first = actions().value(0);
        insertAction(first, m_actions.reset);
        insertAction(first, m_actions.reseed);
    }
}

void RunToolBar::addStepControls() {
    m_granularity = new QComboBox(this);
    m_granularity->setObjectName("granularity");
    m_granularity->addItems({tr("inference iteration"), tr("phase"), tr("trial"), tr("N trials")});
    m_granularity->setCurrentIndex(int(Granularity::Phase));
    m_granularity->setToolTip(
        tr("How far Step (Right) goes; Shift+Right always steps one inference iteration"));
    addWidget(m_granularity);
    m_stepCount = new QSpinBox(this);
    m_stepCount->setRange(1, 100000);
    m_stepCount->setValue(10);
    m_stepCount->setToolTip(tr("N for \"N trials\""));
    m_stepCount->setEnabled(false);
    connect(m_granularity, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_stepCount->setEnabled(i == NTrialsEntry); });
    addWidget(m_stepCount);
}

void RunToolBar::addSpeedControls() {
    addWidget(new QLabel(tr(" Speed "), this));
    m_speed = new QComboBox(this);
    m_speed->setObjectName("speed");
    for (int level = 0; level < SpeedLevels; ++level)
        m_speed->addItem(QStringLiteral("%1 · %2").arg(level).arg(speedName(level)));
    m_speed->setCurrentIndex(DefaultSpeedLevel);
    m_speed->setToolTip(
        tr("0 pause · 1 slow motion · 2 normal · 3 fast · 4 maximum · 5 lecture: "
           "about a trial per 2 s, the relaxation slow where it moves, the update "
           "held (keys 0-5)"));
    connect(m_speed, &QComboBox::currentIndexChanged, m_controller,
            &SimulationController::setSpeed);
    // The controller changes the speed too (Play while paused picks the default, lecture speed).
    connect(m_controller, &SimulationController::speedChanged, this, [this](int level) {
        if (m_speed->currentIndex() == level)
            return;
        const QSignalBlocker block(m_speed);
        m_speed->setCurrentIndex(level);
    });
    addWidget(m_speed);
}

void RunToolBar::addRunUntil() {
    auto* until = new QPushButton(tr("Run until"), this);
    until->setToolTip(tr(
        "Play until the number of further trials is reached or both losses are below the value"));
    m_extras << addWidget(until);
    m_untilTrials = new QSpinBox(this);
    m_untilTrials->setRange(0, 10'000'000);
    m_untilTrials->setValue(64);
    m_untilTrials->setSuffix(tr(" trials"));
    m_untilTrials->setSpecialValueText(tr("no trial limit"));
    m_extras << addWidget(m_untilTrials);
    m_untilLoss = new QDoubleSpinBox(this);
    m_untilLoss->setDecimals(4);
    m_untilLoss->setRange(0.0, 1e6);
    m_untilLoss->setSingleStep(0.001);
    m_untilLoss->setPrefix(tr("or loss < "));
    m_untilLoss->setSpecialValueText(tr("no loss goal"));
    m_extras << addWidget(m_untilLoss);
    connect(until, &QPushButton::clicked, this,
            [this] { m_controller->runUntil(m_untilTrials->value(), m_untilLoss->value()); });
}

void RunToolBar::step(bool oneIteration) {
    const int entry = oneIteration ? int(Granularity::Iteration) : m_granularity->currentIndex();
    if (entry == NTrialsEntry)
        m_controller->step(Granularity::Trial, m_stepCount->value());
    else
        m_controller->step(static_cast<Granularity>(entry));
}

void RunToolBar::setSpeed(int level) {
    m_speed->setCurrentIndex(level);
}

void RunToolBar::showSeed(std::uint64_t seed) {
    m_seed->setText(tr(" seed %1 ").arg(seed));
}

}  // namespace ui
