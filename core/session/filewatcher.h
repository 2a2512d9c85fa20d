// SPDX-License-Identifier: MIT
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace graft {

class InotifyWatch;

// Tells when a watched file was saved, by any editor. On Linux it listens for
// finished writes and renames into place (InotifyWatch), so a save is seen the
// moment the editor closes the file. Elsewhere QFileSystemWatcher reports every
// modification, so bursts are waited out; and since a rename over a watched file
// drops its watch, the directory is watched too and the file re-added when it
// reappears. Either way a burst of events becomes one `saved`.
class FileWatcher : public QObject
{
    Q_OBJECT
public:
    explicit FileWatcher(QObject *parent = nullptr);

    void watch(const QString &filePath);
    void unwatchAll();
    QStringList watchedFiles() const { return QStringList(m_files.begin(), m_files.end()); }

    // inotify reports finished writes: a save is complete when seen. An editor that
    // truncates and writes through two opens closes the file empty first, so an empty
    // file (and only that) waits this long for its content before it counts as saved.
    static constexpr int kEmptyFileWaitMs = 40;

Q_SIGNALS:
    void saved(const QString &filePath);

private:
    void onFileChanged(const QString &path);
    void onDirectoryChanged(const QString &directory);
    void schedule(const QString &path);
    void flush();

    InotifyWatch *m_inotify;      // Linux: finished writes, at once
    QFileSystemWatcher m_watcher; // elsewhere, or if inotify is unavailable
    QSet<QString> m_files;
    QSet<QString> m_pending;
    QTimer m_debounce;
    QSet<QString> m_waitingForContent; // closed empty: maybe the first half of a save
    QTimer m_emptyWait;
};

} // namespace graft
