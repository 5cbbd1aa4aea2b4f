#include "ui/views/captions.h"

#include <QLocale>

#include "ui/views/networkview.h"

namespace ui {

QString phaseCaption(const engine::Snapshot& s) {
    const bool pc = s.rule == engine::Rule::PC;
    const QString who = pc ? QStringLiteral("PC") : QStringLiteral("BP");
    if (s.status == engine::Status::Diverged)
        return QObject::tr("%1: stopped - the run diverged").arg(who);
    if (s.status == engine::Status::BadTrial)
        return QObject::tr("%1: stopped - bad trial").arg(who);
    switch (s.phase) {
        case engine::Phase::Idle:
            if (s.layers.empty() || s.layers.front().x.cols() == 0)
                return QObject::tr("%1: ready - press Space to play or → to step").arg(who);
            return QObject::tr("%1: before trial 1 - feed-forward pass, loss %2 (Space plays)")
                .arg(who)
                .arg(shortNumber(s.loss));
        case engine::Phase::Initialise:
            return QObject::tr(
                       "PC: trial %1 - feed-forward pass, output pinned to the target (energy %2)")
                .arg(s.trial)
                .arg(shortNumber(s.energy));
        case engine::Phase::Relax:
            return QObject::tr("PC: relaxing, iteration %1/%2 - energy %3, weights unchanged")
                .arg(s.iteration)
                .arg(s.iterations)
                .arg(shortNumber(s.energy));
        case engine::Phase::Forward:
            return QObject::tr("BP: trial %1 - forward pass, loss %2")
                .arg(s.trial)
                .arg(shortNumber(s.loss));
        case engine::Phase::Backward:
            return QObject::tr("BP: backward pass - errors δ sent back layer by layer");
        case engine::Phase::Update:
            return pc ? QObject::tr("PC: weights consolidate the relaxed activity (trial %1 done)")
                            .arg(s.trial)
                      : QObject::tr("BP: weights changed by α·δ·f(a) (trial %1 done)").arg(s.trial);
    }
    return {};
}

QStringList qtNames(const std::vector<std::string>& names) {
    QStringList out;
    for (const std::string& n : names)
        out << QString::fromStdString(n);
    return out;
}

QString statusText(const Frame& f) {
    auto part = [](const engine::Snapshot& s) {
        QString t = QStringLiteral("%1 trial %2 · %3")
                        .arg(s.rule == engine::Rule::PC ? "PC" : "BP")
                        .arg(s.trial)
                        .arg(engine::phaseName(s.phase));
        if (s.rule == engine::Rule::PC && s.phase != engine::Phase::Idle)
            t += QStringLiteral(" %1/%2 · F %3")
                     .arg(s.iteration)
                     .arg(s.iterations)
                     .arg(shortNumber(s.energy));
        t += QStringLiteral(" · loss %1").arg(shortNumber(s.loss));
        return t;
    };
    QString speed;
    if (f.running)
        speed = QObject::tr(" · %1 steps/s").arg(QLocale().toString(f.stepsPerSecond, 'f', 0));
    return part(*f.bp) + QStringLiteral("   |   ") + part(*f.pc) + speed;
}

}  // namespace ui
