// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QObject>

namespace graft {

// Carries whole protocol messages (one JSON text each) between the app and a
// runtime. Pipes today; a WebSocket transport or a test fake implement the same.
class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    virtual void send(const QByteArray &json) = 0;
    virtual bool isOpen() const = 0;

Q_SIGNALS:
    void messageReceived(const QByteArray &json);
    // A frame that could not be decoded; the transport stays usable.
    void protocolError(const QString &message);
    void closed();
};

} // namespace graft
