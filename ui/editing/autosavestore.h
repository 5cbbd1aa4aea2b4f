#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <memory>
#include <optional>

#include "engine/scenario/scenario.h"

class QLockFile;

namespace ui {

/// Unsaved work found in the autosave folder, left by a window that is no longer running.
struct AutosaveEntry {
    QString file;          ///< The autosave file.
    QString originalPath;  ///< The scenario's own file ("" = a preset or a new scenario).
    QString name;          ///< What the window called it (file name or title).
    QDateTime time;        ///< When it was written (local time).
    engine::Scenario scenario;
};

/// The autosave folder: one file per running window (`<key>.autosave`), each next to a lock
/// (`<key>.lock`, a QLockFile) that the window holds while it runs, so that a file whose lock
/// can be taken belongs to a window that crashed or was killed. Files are written atomically
/// (QSaveFile). The folder is PROSPECT_AUTOSAVE_DIR if set, else "autosave" in the per-user
/// application data folder. Nothing is created on disk before the first write().
class AutosaveStore {
public:
    /// `folder` "" = defaultFolder().
    explicit AutosaveStore(const QString& folder = {});
    ~AutosaveStore();
    AutosaveStore(const AutosaveStore&) = delete;
    AutosaveStore& operator=(const AutosaveStore&) = delete;

    /// PROSPECT_AUTOSAVE_DIR, else <AppDataLocation>/autosave.
    static QString defaultFolder();
    const QString& folder() const { return m_folder; }
    /// This window's autosave file (it may not exist yet).
    QString filePath() const;

    /// Writes `scenario` as this window's unsaved work, made at `time` (now; tests choose);
    /// returns an error message or "".
    QString write(const engine::Scenario& scenario, const QString& originalPath,
                  const QString& name, const QDateTime& time = QDateTime::currentDateTimeUtc());
    /// Removes this window's autosave file (after a save, a discard or a clean close).
    void remove();

    /// The autosaves of windows that are no longer running, newest first (then by name). Each one
    /// found is claimed (its lock taken) until release() or discard(), so that two windows starting
    /// at once do not both offer it. Unreadable files are left alone and not listed.
    QList<AutosaveEntry> findOrphans();
    /// Gives back the claim on `entry` and leaves its file for a later start.
    void release(const AutosaveEntry& entry);
    /// Deletes `entry`'s file (restored or discarded) and its lock.
    void discard(const AutosaveEntry& entry);

private:
    /// Takes this window's lock (first write only); an error message or "".
    QString lock();
    static std::optional<AutosaveEntry> read(const QString& file);

    QString m_folder;
    QString m_key;
    std::unique_ptr<QLockFile> m_lock;
    struct Claim;
    QList<std::shared_ptr<Claim>> m_claims;
};

}  // namespace ui
