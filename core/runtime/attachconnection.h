// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/attachbridge.h"
#include "runtime/attachtarget.h"

#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace graft {

class RuntimeProcess;
class InspectorDiscovery;
class WebSocketTransport;

// `graft --attach`: finds a program's inspector, connects, and keeps connecting.
// The program is not ours: Graft never ends it. When its socket closes (the
// program ended or restarted), the connection says so and asks the same port
// again on a backoff until a program answers there, then attaches to that one.
// Beside it runs graft-runtime --analysis-only, where the change analysis runs.
class AttachConnection : public QObject
{
    Q_OBJECT
public:
    AttachConnection(const AttachTarget &target, const QString &runtimePath, QObject *parent = nullptr);
    ~AttachConnection() override;

    void start();
    // Closes the socket and stops asking; the program goes on as it was.
    void detach();
    // The session's connection, while attached.
    Transport *transport() const { return m_bridge; }
    const AttachedProgram &program() const { return m_program; }
    const AttachTarget &target() const { return m_target; }

Q_SIGNALS:
    // again: a reattachment after detached().
    void attached(bool again);
    void detached(const QString &reason);
    // The first attachment failed: nothing listening, not an inspector, ...
    void failed(const QString &message);
    void output(const QString &stream, const QString &text);

private:
    void connectNow();
    void open(const QUrl &url);
    void onOpened();
    void onProgramInfo(const QJsonObject &reply);
    void onSocketClosed();
    void retryOrFail(const QString &message);

    AttachTarget m_target;
    QString m_runtimePath;
    RuntimeProcess *m_analysis = nullptr;
    InspectorDiscovery *m_discovery;
    WebSocketTransport *m_socket = nullptr;
    AttachBridge *m_bridge = nullptr;
    QMetaObject::Connection m_infoConnection;
    QJsonObject m_infoReply; // the program's answer, until the info phase ends
    AttachedProgram m_program;
    QUrl m_url;
    bool m_everAttached = false;
    bool m_detached = false;
    QTimer m_retry;
    QTimer m_infoTimeout;
    int m_retryMs = 0;
};

} // namespace graft
