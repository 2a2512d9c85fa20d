// SPDX-License-Identifier: MIT
#include "cdp/websockettransport.h"

#include <QAbstractSocket>
#include <QWebSocket>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

namespace graft {

WebSocketTransport::WebSocketTransport(QObject *parent)
    : Transport(parent)
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    // Node's inspector takes messages of any size; Qt's default cap would cut
    // off a large source (a 10 MB file as one setScriptSource).
    m_socket->setMaxAllowedIncomingFrameSize(quint64(1) << 31);
    m_socket->setMaxAllowedIncomingMessageSize(quint64(1) << 31);
    m_socket->setOutgoingFrameSize(quint64(1) << 30);
    connect(m_socket, &QWebSocket::connected, this, &WebSocketTransport::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &WebSocketTransport::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this,
        [this](const QString &message) { Q_EMIT messageReceived(message.toUtf8()); });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this,
        [this](const QByteArray &message) { Q_EMIT messageReceived(message); });
}

WebSocketTransport::~WebSocketTransport()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void WebSocketTransport::open(const QUrl &url)
{
    m_everOpened = false;
    m_socket->open(url);
}

void WebSocketTransport::close() { m_socket->close(); }

void WebSocketTransport::onConnected()
{
    // The inspector's small replies stalled ~40 ms behind Nagle and delayed ACKs
    // (ENGINE.md; 43.9 ms median per eval, measured with tests/benchmarks/attach.py).
    // Node's side keeps Nagle: a reply written right after an event (each eval's
    // scriptParsed) waits for our ACK of the event, which Linux delays by 40 ms.
    // Quick ACKs end that wait (0.4 ms); the kernel leaves quick-ACK mode by
    // itself, so it is set again after each read. No Nagle on our requests, and
    // each message leaves as one whole frame (setOutgoingFrameSize above).
    // QWebSocket keeps its QTcpSocket as a child; nothing else exposes it.
    if (auto *tcp = m_socket->findChild<QAbstractSocket *>()) {
        tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        const auto quickAck = [tcp] {
            const int one = 1;
            ::setsockopt(static_cast<int>(tcp->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
        };
        quickAck();
        connect(tcp, &QIODevice::readyRead, this, quickAck);
    }
    m_open = true;
    m_everOpened = true;
    Q_EMIT opened();
}

void WebSocketTransport::onDisconnected()
{
    const bool wasOpen = std::exchange(m_open, false);
    if (!m_everOpened) {
        Q_EMIT failed(m_socket->errorString());
        return;
    }
    if (wasOpen)
        Q_EMIT closed();
}

void WebSocketTransport::send(const QByteArray &json)
{
    if (m_open)
        m_socket->sendTextMessage(QString::fromUtf8(json));
}

} // namespace graft
