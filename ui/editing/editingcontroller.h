#pragma once

#include <QObject>
#include <QString>
#include <cstddef>

#include "engine/scenario/scenarioedit.h"
#include "ui/views/networklayout.h"

class QAction;
class QMenu;
class QPoint;
class QWidget;

namespace ui {

class NetworkView;
class ScenarioDocument;
class SimulationController;

/// Value editing in the network views: drags, the wheel, the arrow keys, typed values and the
/// right-click menu, each turned into an undoable edit of the document (an engine::edit
/// function through ScenarioDocument::apply). Inputs and targets are edited in the trial on
/// show. At step 0 a value edit changes the scenario's start (the run restarts, at step 0);
/// once the run has taken a step it is a live edit of the run (ScenarioDocument::applyLive):
/// both rules' current weight, or the trial list and the trial in progress. Structure edits
/// always restart. Knows no window: the lab window attaches its views and passes on the
/// selection.
class EditingController : public QObject {
    Q_OBJECT
public:
    /// `run` tells which trial is on show; `parent` also parents the value dialog and the menu.
    EditingController(ScenarioDocument* doc, const SimulationController* run, QWidget* parent);

    /// Takes the view's drags, wheel turns, double clicks and right clicks, and the Up/Down keys
    /// (Shift: ten times more) while the view has the focus.
    void attach(NetworkView* view);
    /// The selection the arrow keys nudge (the window's, shared by both panes).
    void setSelection(const Selection& selection) { m_selection = selection; }
    const Selection& selection() const { return m_selection; }
    /// An action the menu of the empty space offers (the window's scenario editor toggle).
    void setEditorAction(QAction* action) { m_editorAction = action; }

    /// The input trial that edits of inputs and targets change: the one on show (0 before the
    /// first trial).
    std::size_t editedTrial() const;
    /// The value of a weight, an input or a target (0 for an output without a target). During
    /// a run a weight's value is `rule`'s current one (the rules' weights differ).
    double valueOf(const Selection& target, engine::Rule rule = engine::Rule::PC) const;
    /// True when value edits are live edits of the run (it has taken a step).
    bool editsAreLive() const;
    /// Sets the value of a weight, an input or a target. Consecutive edits with the same
    /// non-empty `mergeKey` are one undo step. False if refused or if `target` has no value.
    bool setValue(const Selection& target, double value, const QString& mergeKey = {});
    /// A vertical drag: `delta` since the press, on the 0.01 grid; `finished` on release ends
    /// its undo step.
    void drag(const Selection& target, double delta, bool finished);
    /// A wheel turn of `delta` (on the 0.01 grid).
    void wheel(const Selection& target, double delta);
    /// Moves the selected value by `delta` (on the 0.01 grid); nothing without a selection.
    void nudge(double delta);
    /// What the value dialog asks for ("Weight h1 → smell:"), or "" when `target` has no value.
    QString valueLabel(const Selection& target) const;
    /// Asks for the value of `target` in a dialog and sets it.
    void askValue(const Selection& target);
    /// Fills `menu` with what can be done to `target` (empty: the network as a whole).
    void fillContextMenu(QMenu& menu, const Selection& target);
    /// The right-click menu of `target` at `globalPos`.
    void showContextMenu(const Selection& target, const QPoint& globalPos);
    /// Re-randomise: the next seed, as an undoable edit.
    void reseed();

signals:
    /// "Edit all weights of W<layer>": the window shows them in the scenario editor.
    void weightsRequested(int layer);
    /// A note or a problem for the status bar.
    void message(QString text, bool problem);

private:
    /// A neuron's name as the window names it (NeuronNames).
    QString nameOf(const NeuronId& n) const;
    void fillSynapseMenu(QMenu& menu, const SynapseId& w);
    void fillNeuronMenu(QMenu& menu, const NeuronId& n);
    void fillOutputItems(QMenu& menu, const NeuronId& n);
    void fillLayerItems(QMenu& menu, int layer);
    /// Applies a structural edit (the run restarts from the edited scenario).
    void run(const QString& text, const engine::edit::Result& result);
    /// A value edit during a run: a live edit (refused while a past step is on show).
    bool setLiveValue(const Selection& target, double value, const QString& mergeKey);
    /// An edit of trial `k` of the list (`what` = "target run = 1"): live during a run, else
    /// an edit of the scenario.
    bool trialEdit(const QString& what, const engine::edit::Result& result, std::size_t k,
                   const QString& mergeKey);
    /// Name of neuron `index` of `layer` as the window names it (NeuronNames: "smell", "h2").
    QString neuronName(int layer, int index) const;
    /// The rule of the view that sent the signal being handled (PC when none).
    engine::Rule senderRule() const;

    ScenarioDocument* m_doc;
    const SimulationController* m_run;
    QWidget* m_parent;
    QAction* m_editorAction = nullptr;
    Selection m_selection;
    bool m_dragActive = false;
    double m_dragBase = 0.0;
    engine::Rule m_nudgeRule = engine::Rule::PC;  // the view whose key is being handled
    // The last live weight edit: until a newer frame arrives, the frame on show does not have
    // it yet, and the wheel and the keys go on from this value.
    QString m_liveKey;
    double m_liveValue = 0.0;
    std::int64_t m_liveSerial = -1;
};

}  // namespace ui
