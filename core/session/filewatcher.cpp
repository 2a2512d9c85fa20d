// SPDX-License-Identifier: MIT
#include "session/filewatcher.h"

#include "session/inotifywatch.h"

#include <QFileInfo>

namespace graft {

namespace {
// QFileSystemWatcher reports every modification: wait long enough to merge
// truncate+write and write+rename into one save.
constexpr int kDebounceMs = 40;
} // namespace

FileWatcher::FileWatcher(QObject *parent)
    : QObject(parent)
    , m_inotify(new InotifyWatch(this))
{
    m_debounce.setSingleShot(true);
    // With inotify, 0 still merges the events that one read of the queue delivers.
    m_debounce.setInterval(m_inotify->isValid() ? 0 : kDebounceMs);
    m_emptyWait.setSingleShot(true);
    m_emptyWait.setInterval(kEmptyFileWaitMs);
    connect(&m_emptyWait, &QTimer::timeout, this, [this] {
        for (const QString &path : std::exchange(m_waitingForContent, {})) {
            if (QFileInfo::exists(path))
                Q_EMIT saved(path); // emptied on purpose
        }
    });
    connect(m_inotify, &InotifyWatch::fileWritten, this, &FileWatcher::schedule);
    connect(&m_debounce, &QTimer::timeout, this, &FileWatcher::flush);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, this, &FileWatcher::onFileChanged);
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &FileWatcher::onDirectoryChanged);
}

void FileWatcher::watch(const QString &filePath)
{
    const QString path = QFileInfo(filePath).absoluteFilePath();
    if (m_files.contains(path))
        return;
    m_files.insert(path);
    if (m_inotify->isValid()) {
        m_inotify->watch(path);
        return;
    }
    m_watcher.addPath(path);
    const QString directory = QFileInfo(path).absolutePath();
    if (!m_watcher.directories().contains(directory))
        m_watcher.addPath(directory);
}

void FileWatcher::unwatchAll()
{
    m_inotify->clear();
    if (!m_watcher.files().isEmpty())
        m_watcher.removePaths(m_watcher.files());
    if (!m_watcher.directories().isEmpty())
        m_watcher.removePaths(m_watcher.directories());
    m_files.clear();
    m_pending.clear();
    m_waitingForContent.clear();
}

void FileWatcher::onFileChanged(const QString &path)
{
    if (m_files.contains(path))
        schedule(path);
}

void FileWatcher::onDirectoryChanged(const QString &directory)
{
    // A rename over a watched file shows up here; so does any other file's change.
    // Only files that lost their watch (replaced inode) need a look.
    const QStringList watched = m_watcher.files();
    for (const QString &path : std::as_const(m_files)) {
        if (QFileInfo(path).absolutePath() == directory && !watched.contains(path) && QFileInfo::exists(path))
            schedule(path);
    }
}

void FileWatcher::schedule(const QString &path)
{
    m_pending.insert(path);
    m_debounce.start();
}

void FileWatcher::flush()
{
    const QSet<QString> pending = std::exchange(m_pending, {});
    const QStringList watched = m_watcher.files();
    for (const QString &path : pending) {
        if (!QFileInfo::exists(path))
            continue; // deleted, or mid-rename: the directory watch brings it back
        if (!m_inotify->isValid() && !watched.contains(path))
            m_watcher.addPath(path);
        if (m_inotify->isValid() && QFileInfo(path).size() == 0) {
            m_waitingForContent.insert(path);
            m_emptyWait.start();
            continue;
        }
        m_waitingForContent.remove(path);
        Q_EMIT saved(path);
    }
}

} // namespace graft
