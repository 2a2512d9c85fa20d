// SPDX-License-Identifier: MIT
#include "session/inotifywatch.h"

#include <QFileInfo>
#include <QSocketNotifier>

#ifdef Q_OS_LINUX
#include <sys/inotify.h>
#include <unistd.h>
#endif

namespace graft {

InotifyWatch::InotifyWatch(QObject *parent)
    : QObject(parent)
{
#ifdef Q_OS_LINUX
    m_fd = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (m_fd >= 0) {
        m_notifier = new QSocketNotifier(m_fd, QSocketNotifier::Read, this);
        connect(m_notifier, &QSocketNotifier::activated, this, &InotifyWatch::onReadable);
    }
#endif
}

InotifyWatch::~InotifyWatch()
{
#ifdef Q_OS_LINUX
    if (m_fd >= 0)
        ::close(m_fd);
#endif
}

void InotifyWatch::watch(const QString &filePath)
{
#ifdef Q_OS_LINUX
    if (m_fd < 0)
        return;
    m_files.insert(filePath);
    const QString directory = QFileInfo(filePath).absolutePath();
    if (m_watchByDirectory.contains(directory))
        return;
    const int wd = ::inotify_add_watch(m_fd, QFile::encodeName(directory).constData(), IN_CLOSE_WRITE | IN_MOVED_TO);
    if (wd >= 0) {
        m_watchByDirectory.insert(directory, wd);
        m_directoryByWatch.insert(wd, directory);
    }
#else
    Q_UNUSED(filePath);
#endif
}

void InotifyWatch::clear()
{
#ifdef Q_OS_LINUX
    for (auto it = m_directoryByWatch.constBegin(); it != m_directoryByWatch.constEnd(); ++it)
        ::inotify_rm_watch(m_fd, it.key());
#endif
    m_directoryByWatch.clear();
    m_watchByDirectory.clear();
    m_files.clear();
}

void InotifyWatch::onReadable()
{
#ifdef Q_OS_LINUX
    alignas(inotify_event) char buffer[16 * 1024];
    for (;;) {
        const ssize_t length = ::read(m_fd, buffer, sizeof buffer);
        if (length <= 0)
            return; // EAGAIN: all read
        for (ssize_t offset = 0; offset < length;) {
            const auto *event = reinterpret_cast<const inotify_event *>(buffer + offset);
            offset += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
            if (event->len == 0)
                continue;
            const QString path = m_directoryByWatch.value(event->wd) + QLatin1Char('/') + QFile::decodeName(event->name);
            if (m_files.contains(path))
                Q_EMIT fileWritten(path);
        }
    }
#endif
}

} // namespace graft
