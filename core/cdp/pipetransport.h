// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/transport.h"
#include "protocol/framing.h"

class QSocketNotifier;

namespace graft {

// Framed messages over two pipes shared with a child process. The write side is
// non-blocking with its own buffer, so a runtime that stops reading (a runaway
// loop, a pause) never blocks the caller: the GUI must not wait on the program.
class PipeTransport final : public Transport
{
    Q_OBJECT
public:
    explicit PipeTransport(QObject *parent = nullptr);
    ~PipeTransport() override;

    // Creates a fresh pair of pipes; returns false with `error` set on failure.
    bool open(QString *error);
    // The descriptors the child must inherit as its protocol input and output.
    int childReadFd() const { return m_childReadFd; }
    int childWriteFd() const { return m_childWriteFd; }
    // Call in the parent once the child has started: closes the child's ends.
    void closeChildEnds();
    void close();

    void send(const QByteArray &json) override;
    bool isOpen() const override { return m_readFd >= 0; }
    qsizetype pendingWriteBytes() const { return m_outgoing.size() - m_outgoingOffset; }

private:
    void onReadable();
    void onWritable();
    void flush();

    int m_readFd = -1;       // ours: runtime -> app
    int m_writeFd = -1;      // ours: app -> runtime
    int m_childReadFd = -1;  // child's: app -> runtime
    int m_childWriteFd = -1; // child's: runtime -> app
    QSocketNotifier *m_readNotifier = nullptr;
    QSocketNotifier *m_writeNotifier = nullptr;
    protocol::FrameDecoder m_decoder;
    QByteArray m_outgoing;
    qsizetype m_outgoingOffset = 0;
};

} // namespace graft
