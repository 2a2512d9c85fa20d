// SPDX-License-Identifier: MIT
#pragma once

#include <QFileSystemWatcher>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace graft {

// Tells when a watched file was saved, by any editor. Editors that save by
// writing a temporary file and renaming it over the original replace the inode,
// which drops an inotify watch: the directory is watched too, and the file is
// watched again as soon as it reappears. Bursts of events become one `saved`.
class FileWatcher : public QObject
{
    Q_OBJECT
public:
    explicit FileWatcher(QObject *parent = nullptr);

    void watch(const QString &filePath);
    void unwatchAll();
    QStringList watchedFiles() const { return QStringList(m_files.begin(), m_files.end()); }

Q_SIGNALS:
    void saved(const QString &filePath);

private:
    void onFileChanged(const QString &path);
    void onDirectoryChanged(const QString &directory);
    void schedule(const QString &path);
    void flush();

    QFileSystemWatcher m_watcher;
    QSet<QString> m_files;
    QSet<QString> m_pending;
    QTimer m_debounce;
};

} // namespace graft
