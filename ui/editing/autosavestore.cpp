#include "ui/editing/autosavestore.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QRandomGenerator>
#include <QSaveFile>
#include <QStandardPaths>
#include <algorithm>

#include "engine/scenario/scenariofile.h"

namespace ui {

namespace {

constexpr char Suffix[] = ".autosave";
constexpr char Format[] = "prospect-autosave";
constexpr int Version = 1;

QString lockPath(const QString& folder, const QString& key) {
    return QDir(folder).filePath(key + ".lock");
}

/// A lock that only the process holding it (alive) can keep: no age-based staleness, so a
/// window that runs for days keeps its autosave; a dead holder's lock is taken over.
std::unique_ptr<QLockFile> makeLock(const QString& path) {
    auto lock = std::make_unique<QLockFile>(path);
    lock->setStaleLockTime(0);
    return lock;
}

}  // namespace

struct AutosaveStore::Claim {
    QString file;
    std::unique_ptr<QLockFile> lock;
};

AutosaveStore::AutosaveStore(const QString& folder)
    : m_folder(folder.isEmpty() ? defaultFolder() : folder),
      m_key(QStringLiteral("%1-%2")
                .arg(QCoreApplication::applicationPid())
                .arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'))) {}

AutosaveStore::~AutosaveStore() = default;  // the lock goes; a file left is for the next start

QString AutosaveStore::defaultFolder() {
    const QString env = qEnvironmentVariable("PROSPECT_AUTOSAVE_DIR");
    if (!env.isEmpty())
        return env;
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation))
        .filePath(QStringLiteral("autosave"));
}

QString AutosaveStore::filePath() const {
    return QDir(m_folder).filePath(m_key + Suffix);
}

QString AutosaveStore::lock() {
    if (m_lock)
        return {};
    if (!QDir().mkpath(m_folder))
        return QCoreApplication::translate("ui::AutosaveStore", "cannot create the folder %1")
            .arg(m_folder);
    auto lock = makeLock(lockPath(m_folder, m_key));
    if (!lock->tryLock(0))
        return QCoreApplication::translate("ui::AutosaveStore", "cannot lock %1")
            .arg(lockPath(m_folder, m_key));
    m_lock = std::move(lock);
    return {};
}

QString AutosaveStore::write(const engine::Scenario& scenario, const QString& originalPath,
                             const QString& name, const QDateTime& time) {
    if (QString error = lock(); !error.isEmpty())
        return error;
    QJsonObject o;
    o["format"] = QString::fromLatin1(Format);
    o["version"] = Version;
    o["originalPath"] = originalPath;
    o["name"] = name;
    o["time"] = time.toUTC().toString(Qt::ISODateWithMs);
    o["scenario"] = QString::fromStdString(engine::scenarioToJson(scenario));
    const QByteArray bytes = QJsonDocument(o).toJson(QJsonDocument::Compact);
    QSaveFile file(filePath());
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return QCoreApplication::translate("ui::AutosaveStore", "cannot write %1: %2")
            .arg(filePath(), file.errorString());
    return {};
}

void AutosaveStore::remove() {
    QFile::remove(filePath());
}

std::optional<AutosaveEntry> AutosaveStore::read(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly) || file.size() > 2 * qint64(engine::MaxScenarioFileBytes))
        return std::nullopt;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    const QJsonObject o = doc.object();
    if (o["format"].toString() != QLatin1String(Format) || o["version"].toInt() != Version)
        return std::nullopt;
    const engine::ScenarioResult r =
        engine::parseScenario(o["scenario"].toString().toStdString(), path.toStdString());
    if (!r.scenario)
        return std::nullopt;
    AutosaveEntry e;
    e.file = path;
    e.originalPath = o["originalPath"].toString();
    e.name = o["name"].toString();
    e.time = QDateTime::fromString(o["time"].toString(), Qt::ISODateWithMs).toLocalTime();
    e.scenario = *r.scenario;
    return e;
}

QList<AutosaveEntry> AutosaveStore::findOrphans() {
    QList<AutosaveEntry> found;
    const QDir dir(m_folder);
    const QString own = m_key + Suffix;
    for (const QFileInfo& info : dir.entryInfoList({QString("*") + Suffix}, QDir::Files)) {
        if (info.fileName() == own)
            continue;
        const QString key = info.fileName().chopped(int(qstrlen(Suffix)));
        auto lock = makeLock(lockPath(m_folder, key));
        if (std::any_of(m_claims.begin(), m_claims.end(),
                        [&](const auto& c) { return c->file == info.filePath(); }) ||
            !lock->tryLock(0))
            continue;  // claimed already, or its window still runs
        std::optional<AutosaveEntry> entry = read(info.filePath());
        if (!entry)
            continue;  // not ours to judge: left as it is (the lock goes with `lock`)
        m_claims.append(std::make_shared<Claim>(Claim{info.filePath(), std::move(lock)}));
        found.append(*entry);
    }
    std::sort(found.begin(), found.end(), [](const AutosaveEntry& a, const AutosaveEntry& b) {
        return a.time != b.time ? a.time > b.time : a.file < b.file;
    });
    return found;
}

void AutosaveStore::release(const AutosaveEntry& entry) {
    m_claims.removeIf([&](const auto& c) { return c->file == entry.file; });
}

void AutosaveStore::discard(const AutosaveEntry& entry) {
    QFile::remove(entry.file);
    release(entry);  // unlocking removes the lock file
}

}  // namespace ui
