// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/transport.h"

#include <QUrl>

class QWebSocket;

namespace graft {

// CDP over an inspector's WebSocket (node --inspect): one text frame per
// message. Opening is asynchronous: opened() or failed(reason) follows open().
class WebSocketTransport final : public Transport
{
    Q_OBJECT
public:
    explicit WebSocketTransport(QObject *parent = nullptr);
    ~WebSocketTransport() override;

    void open(const QUrl &url);
    void close();

    void send(const QByteArray &json) override;
    bool isOpen() const override { return m_open; }

Q_SIGNALS:
    void opened();
    void failed(const QString &reason);

private:
    void onConnected();
    void onDisconnected();

    QWebSocket *m_socket;
    bool m_open = false;
    bool m_everOpened = false;
};

} // namespace graft
