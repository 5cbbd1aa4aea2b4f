#include "ui/results/paperfigures.h"

#include <QCoreApplication>
#include <QMenu>

#include "engine/scenario/presets.h"

namespace ui {

namespace {

QString tr(const char* text) {
    return QCoreApplication::translate("ui::PaperFigures", text);
}

}  // namespace

const std::vector<PaperFigure>& paperFigures() {
    static const std::vector<PaperFigure> figures{
        {tr("Fig. 1/3a"), tr("interference: the bear and the river"), "interference", "bear"},
        {tr("Fig. 2"), tr("the energy machine"), {}, "energy-machine"},
        {tr("Fig. 3d"), tr("interference at several learning rates"), "lr-sweep", "lr-comparison"},
        {tr("Fig. 3e"), tr("target alignment against depth"), "target-alignment", "deep-linear"},
        {tr("Prospective index"), tr("PC's prospective index in every layer"), "prospective-index",
         "deep-tanh"},
        {tr("1-2-2 net"), tr("weight trajectories over the loss landscape"), "trajectories-122",
         "trajectories-122"},
        {tr("Less erratic learning"), tr("weight path against final distance"), "erratic",
         "erratic"},
        {tr("Rat fear conditioning"), tr("extinction raises fear to the noise in PC"),
         "fear-conditioning", "fear-conditioning"},
        {tr("Human reversal learning"), tr("value after a punished choice"), "reversal-learning",
         "reversal-learning"},
        {tr("Human sensorimotor learning"), tr("transfer between cues"), "sensorimotor-transfer",
         "sensorimotor-transfer"},
    };
    return figures;
}

void fillPaperMenu(QMenu* menu, const std::function<void(const QString&)>& showFigure,
                   const std::function<void(const QString&)>& loadPreset) {
    bool first = true;
    for (const PaperFigure& f : paperFigures()) {
        if (!first)
            menu->addSeparator();
        first = false;
        if (!f.experiment.isEmpty()) {
            QAction* a = menu->addAction(tr("%1: %2…").arg(f.label, f.title));
            a->setObjectName(QStringLiteral("paperFigure:") + f.experiment);
            a->setToolTip(tr("Opens the results window on this figure; Run draws it."));
            const QString experiment = f.experiment;
            QObject::connect(a, &QAction::triggered, menu,
                             [showFigure, experiment] { showFigure(experiment); });
        }
        const engine::Scenario* preset = engine::findPreset(f.preset.toStdString());
        if (!preset)
            continue;
        QAction* live = menu->addAction(
            f.experiment.isEmpty()
                ? tr("%1: %2, live: %3")
                      .arg(f.label, f.title, QString::fromStdString(preset->title))
                : tr("%1 live: %2").arg(f.label, QString::fromStdString(preset->title)));
        live->setObjectName(QStringLiteral("paperPreset:") + f.preset);
        live->setToolTip(QString::fromStdString(preset->lesson.summary()));
        const QString name = f.preset;
        QObject::connect(live, &QAction::triggered, menu, [loadPreset, name] { loadPreset(name); });
    }
    menu->setToolTipsVisible(true);
}

}  // namespace ui
