// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QObject>

class QSocketNotifier;

namespace graft {

// Reads `--control` commands, one JSON object per line, from a descriptor
// (stdin) without blocking the event loop. Lines that are not JSON objects, or
// longer than the limit, become `malformed` and reading goes on.
class ControlChannel : public QObject
{
    Q_OBJECT
public:
    explicit ControlChannel(int fd, QObject *parent = nullptr);

Q_SIGNALS:
    void command(const QJsonObject &command);
    void malformed(const QString &error);
    void closed();

private:
    void onReadable();
    void takeLine(const QByteArray &line);

    int m_fd;
    QSocketNotifier *m_notifier;
    QByteArray m_buffer;
    bool m_discardingOversizedLine = false;
};

} // namespace graft
