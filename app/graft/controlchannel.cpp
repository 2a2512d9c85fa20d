// SPDX-License-Identifier: MIT
#include "controlchannel.h"

#include <QJsonDocument>
#include <QSocketNotifier>

#include <cerrno>
#include <fcntl.h>
#include <unistd.h>

namespace graft {

namespace {
// An `apply` may carry a whole file as its source; 128 MB is far beyond any
// script we accept (64 MB) yet stops a runaway producer from exhausting memory.
constexpr qsizetype kMaxLineBytes = 128 * 1024 * 1024;
} // namespace

ControlChannel::ControlChannel(int fd, QObject *parent)
    : QObject(parent)
    , m_fd(fd)
    , m_notifier(new QSocketNotifier(fd, QSocketNotifier::Read, this))
{
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    connect(m_notifier, &QSocketNotifier::activated, this, &ControlChannel::onReadable);
}

void ControlChannel::onReadable()
{
    char chunk[64 * 1024];
    for (;;) {
        const ssize_t n = ::read(m_fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break; // EAGAIN: all read for now
        if (n == 0) {
            m_notifier->setEnabled(false);
            if (!m_buffer.trimmed().isEmpty())
                takeLine(std::exchange(m_buffer, {}));
            Q_EMIT closed();
            return;
        }
        m_buffer.append(chunk, n);
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            if (std::exchange(m_discardingOversizedLine, false))
                continue;
            takeLine(line);
        }
        if (m_buffer.size() > kMaxLineBytes) {
            m_buffer.clear();
            if (!m_discardingOversizedLine)
                Q_EMIT malformed(QStringLiteral("command longer than %1 MB ignored").arg(kMaxLineBytes >> 20));
            m_discardingOversizedLine = true;
        }
    }
}

void ControlChannel::takeLine(const QByteArray &line)
{
    if (line.trimmed().isEmpty())
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError) {
        Q_EMIT malformed(QStringLiteral("not JSON (%1 at offset %2)").arg(error.errorString()).arg(error.offset));
        return;
    }
    if (!document.isObject()) {
        Q_EMIT malformed(QStringLiteral("a command must be a JSON object"));
        return;
    }
    Q_EMIT command(document.object());
}

} // namespace graft
