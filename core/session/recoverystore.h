// SPDX-License-Identifier: MIT
#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <vector>

class QLockFile;

namespace graft {

// An unsaved buffer kept by an instance of Graft that did not exit cleanly.
struct RecoveredBuffer
{
    QString filePath;
    QString text;
    QDateTime savedAt;
};

// Copies of unsaved editor buffers on disk, so that a crash, a kill or a power cut
// loses at most the last second of typing.
//
// Each running instance owns one folder under the recovery root, created at its
// first store() and held by a QLockFile. A clean exit deletes the folder. A
// folder whose lock can be taken belongs to an instance that died: its buffers
// are "orphans", offered back on the next start. QLockFile decides that the
// owner died (its pid is gone, or the machine rebooted); a live instance keeps
// its folder however long it runs, so two windows never take each other's work.
class RecoveryStore
{
public:
    // `root` is created as needed; defaultRoot() is AppDataLocation/recovery.
    explicit RecoveryStore(const QString &root = defaultRoot());
    // A clean exit: this instance's own folder goes; claimed orphans stay for the next start.
    ~RecoveryStore();

    static QString defaultRoot();
    QString root() const { return m_root; }

    // Writes (atomically) the copy of one buffer, replacing the previous one.
    bool store(const QString &filePath, const QString &text, QString *error = nullptr);
    // The buffer was saved, reverted or closed: no copy is needed any more.
    void remove(const QString &filePath);
    // The files this instance holds copies of.
    QStringList storedFiles() const;

    // Takes the folders of instances that died and returns their buffers, newest
    // copy per file first. The folders stay locked by this instance until
    // discardClaimed() or the end of this instance (then they are offered again).
    QList<RecoveredBuffer> claimOrphans();
    // The user restored or rejected the claimed buffers: delete them.
    void discardClaimed();

private:
    struct Folder;
    bool ensureOwnFolder(QString *error);
    QString copyPath(const QString &filePath) const;

    QString m_root;
    std::unique_ptr<Folder> m_own;
    std::vector<std::unique_ptr<Folder>> m_claimed;
};

} // namespace graft
