// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>

class QSocketNotifier;

namespace graft {

// Linux only: tells the moment a watched file was written and closed, or renamed
// into place. QFileSystemWatcher reports every modification, so a save would have
// to be waited out (a write may still be under way); IN_CLOSE_WRITE and
// IN_MOVED_TO mark a finished save. Directories are watched, so a file replaced
// by a rename stays watched.
class InotifyWatch : public QObject
{
    Q_OBJECT
public:
    explicit InotifyWatch(QObject *parent = nullptr);
    ~InotifyWatch() override;

    bool isValid() const { return m_fd >= 0; }
    void watch(const QString &filePath);
    void clear();

Q_SIGNALS:
    void fileWritten(const QString &filePath);

private:
    void onReadable();

    int m_fd = -1;
    QSocketNotifier *m_notifier = nullptr;
    QHash<int, QString> m_directoryByWatch;
    QHash<QString, int> m_watchByDirectory;
    QSet<QString> m_files;
};

} // namespace graft
