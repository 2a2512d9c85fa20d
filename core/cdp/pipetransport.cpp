// SPDX-License-Identifier: MIT
#include "cdp/pipetransport.h"

#include <QSocketNotifier>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace graft {

namespace {
void closeFd(int &fd)
{
    if (fd >= 0)
        ::close(fd);
    fd = -1;
}
} // namespace

PipeTransport::PipeTransport(QObject *parent)
    : Transport(parent)
{
}

PipeTransport::~PipeTransport()
{
    close();
}

bool PipeTransport::open(QString *error)
{
    close();
    int toChild[2];
    int fromChild[2];
    // O_CLOEXEC everywhere: only the child that asks for them (by dup2) inherits them.
    if (::pipe2(toChild, O_CLOEXEC) != 0 || ::pipe2(fromChild, O_CLOEXEC) != 0) {
        if (error)
            *error = QStringLiteral("cannot create pipes: %1").arg(QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    m_childReadFd = toChild[0];
    m_writeFd = toChild[1];
    m_readFd = fromChild[0];
    m_childWriteFd = fromChild[1];
    ::fcntl(m_writeFd, F_SETFL, ::fcntl(m_writeFd, F_GETFL) | O_NONBLOCK);
    ::fcntl(m_readFd, F_SETFL, ::fcntl(m_readFd, F_GETFL) | O_NONBLOCK);

    m_decoder = protocol::FrameDecoder();
    m_readNotifier = new QSocketNotifier(m_readFd, QSocketNotifier::Read, this);
    connect(m_readNotifier, &QSocketNotifier::activated, this, &PipeTransport::onReadable);
    m_writeNotifier = new QSocketNotifier(m_writeFd, QSocketNotifier::Write, this);
    m_writeNotifier->setEnabled(false);
    connect(m_writeNotifier, &QSocketNotifier::activated, this, &PipeTransport::onWritable);
    return true;
}

void PipeTransport::closeChildEnds()
{
    closeFd(m_childReadFd);
    closeFd(m_childWriteFd);
}

void PipeTransport::close()
{
    delete m_readNotifier;
    m_readNotifier = nullptr;
    delete m_writeNotifier;
    m_writeNotifier = nullptr;
    closeChildEnds();
    closeFd(m_readFd);
    closeFd(m_writeFd);
    m_outgoing.clear();
    m_outgoingOffset = 0;
}

void PipeTransport::send(const QByteArray &json)
{
    if (m_writeFd < 0)
        return;
    const std::string frame = protocol::encodeFrame(std::string_view(json.constData(), json.size()));
    m_outgoing.append(frame.data(), static_cast<qsizetype>(frame.size()));
    flush();
}

void PipeTransport::flush()
{
    while (m_outgoingOffset < m_outgoing.size()) {
        const ssize_t n = ::write(m_writeFd, m_outgoing.constData() + m_outgoingOffset,
                                  static_cast<size_t>(m_outgoing.size() - m_outgoingOffset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier->setEnabled(true); // the runtime is not reading right now
            return;
        }
        if (n < 0) {
            // EPIPE: the runtime is gone; its exit is reported by the process side.
            m_outgoing.clear();
            m_outgoingOffset = 0;
            return;
        }
        m_outgoingOffset += n;
    }
    m_outgoing.clear();
    m_outgoingOffset = 0;
    if (m_writeNotifier)
        m_writeNotifier->setEnabled(false);
}

void PipeTransport::onWritable()
{
    flush();
}

void PipeTransport::onReadable()
{
    char buffer[64 * 1024];
    bool eof = false;
    for (;;) {
        const ssize_t n = ::read(m_readFd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            break; // EAGAIN: drained for now
        if (n == 0) {
            eof = true;
            break;
        }
        m_decoder.feed(buffer, static_cast<std::size_t>(n));
    }
    std::string payload;
    for (;;) {
        const auto result = m_decoder.next(payload);
        if (result == protocol::FrameDecoder::Result::NeedMore)
            break;
        if (result == protocol::FrameDecoder::Result::Error)
            Q_EMIT protocolError(QString::fromStdString(payload));
        else
            Q_EMIT messageReceived(QByteArray(payload.data(), static_cast<qsizetype>(payload.size())));
        if (m_readFd < 0)
            return; // a receiver closed us
    }
    if (eof) {
        m_readNotifier->setEnabled(false);
        Q_EMIT closed();
    }
}

} // namespace graft
