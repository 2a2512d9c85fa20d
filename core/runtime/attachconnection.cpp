// SPDX-License-Identifier: MIT
#include "runtime/attachconnection.h"

#include "cdp/pipetransport.h"
#include "cdp/websockettransport.h"
#include "runtime/inspectordiscovery.h"
#include "runtime/runtimeprocess.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace graft {

namespace {

// Asking again for a restarted program: soon at first (a restart takes a few
// hundred ms), then no more than every 2 s.
constexpr int kFirstRetryMs = 100;
constexpr int kLongestRetryMs = 2000;
constexpr int kInfoTimeoutMs = 10000;
// Above any id of the session's client (a fresh one per attachment).
constexpr int kInfoRequestId = 1 << 29;

// What Graft asks of the program before the session starts. Named as tooling,
// so its script stays out of the program's script list.
QString programInfoExpression()
{
    // process.argv is set only once node runs the main script: not yet while it
    // waits for a debugger (--inspect-brk, --inspect-wait), then the entry is unknown.
    return QStringLiteral("JSON.stringify({ node: process.version, v8: process.versions.v8, pid: process.pid, "
                          "main: (process.argv || [])[1] || '', execArgv: process.execArgv || [] })"
                          "\n//# sourceURL=%1\n")
        .arg(AttachBridge::toolingUrl());
}

} // namespace

AttachConnection::AttachConnection(const AttachTarget &target, const QString &runtimePath, QObject *parent)
    : QObject(parent)
    , m_target(target)
    , m_runtimePath(runtimePath)
    , m_discovery(new InspectorDiscovery(this))
{
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &AttachConnection::connectNow);
    m_infoTimeout.setSingleShot(true);
    connect(&m_infoTimeout, &QTimer::timeout, this, [this] {
        retryOrFail(
            QStringLiteral("%1 accepted the connection but did not answer as a Node inspector").arg(m_url.toString()));
    });
    connect(m_discovery, &InspectorDiscovery::found, this, [this](const QUrl &url) { open(url); });
    connect(m_discovery, &InspectorDiscovery::failed, this,
        [this](InspectorDiscovery::Failure, const QString &message) { retryOrFail(message); });
}

AttachConnection::~AttachConnection() { detach(); }

void AttachConnection::start()
{
    m_analysis = new RuntimeProcess(this);
    RuntimeLaunch launch;
    launch.runtimePath = m_runtimePath;
    launch.analysisOnly = true;
    QString error;
    if (!m_analysis->start(launch, &error)) {
        Q_EMIT failed(QStringLiteral("cannot start Graft's analysis service: %1").arg(error));
        return;
    }
    connectNow();
}

void AttachConnection::detach()
{
    m_detached = true;
    m_retry.stop();
    m_infoTimeout.stop();
    m_discovery->cancel();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->close();
    }
}

void AttachConnection::connectNow()
{
    if (m_detached)
        return;
    // A ws:// URL names one run of the program (its id changes on restart): used
    // once, then the port is asked for whatever program listens there now.
    if (!m_everAttached && m_target.webSocketUrl.isValid())
        open(m_target.webSocketUrl);
    else
        m_discovery->discover(m_target.host, m_target.port);
}

void AttachConnection::open(const QUrl &url)
{
    if (m_socket)
        m_socket->deleteLater();
    m_url = url;
    m_socket = new WebSocketTransport(this);
    connect(m_socket, &WebSocketTransport::opened, this, &AttachConnection::onOpened);
    connect(m_socket, &WebSocketTransport::failed, this, [this](const QString &reason) {
        retryOrFail(QStringLiteral("cannot open %1: %2 (is a program running with node --inspect there?)")
                        .arg(m_url.toString(), reason));
    });
    connect(m_socket, &Transport::closed, this, &AttachConnection::onSocketClosed);
    m_socket->open(url);
}

void AttachConnection::onOpened()
{
    // Runtime.evaluate has no context before Runtime.enable while node waits for
    // a debugger (--inspect-brk, --inspect-wait), so: enable, ask, disable. The
    // session's own Runtime.enable then gets V8's replay of the program's earlier
    // console output, which this phase drops. Replies come in order: the
    // disable's answer ends the phase.
    m_infoConnection = connect(m_socket, &Transport::messageReceived, this, [this](const QByteArray &json) {
        const QJsonObject reply = QJsonDocument::fromJson(json).object();
        const int id = reply.value(QLatin1String("id")).toInt();
        if (id == kInfoRequestId)
            m_infoReply = reply;
        else if (id == kInfoRequestId + 1)
            onProgramInfo(m_infoReply);
    });
    m_infoTimeout.start(kInfoTimeoutMs);
    const auto request = [this](int id, const QString &method, const QJsonObject &params) {
        QJsonObject message { { QStringLiteral("id"), id }, { QStringLiteral("method"), method } };
        if (!params.isEmpty())
            message.insert(QStringLiteral("params"), params);
        m_socket->send(QJsonDocument(message).toJson(QJsonDocument::Compact));
    };
    m_infoReply = {};
    request(kInfoRequestId - 1, QStringLiteral("Runtime.enable"), {});
    request(kInfoRequestId, QStringLiteral("Runtime.evaluate"),
        { { QStringLiteral("expression"), programInfoExpression() }, { QStringLiteral("returnByValue"), true } });
    request(kInfoRequestId + 1, QStringLiteral("Runtime.disable"), {});
}

void AttachConnection::onProgramInfo(const QJsonObject &reply)
{
    m_infoTimeout.stop();
    disconnect(m_infoConnection);
    const QString text = reply.value(QLatin1String("result"))
                             .toObject()
                             .value(QLatin1String("result"))
                             .toObject()
                             .value(QLatin1String("value"))
                             .toString();
    const QJsonObject info = QJsonDocument::fromJson(text.toUtf8()).object();
    if (info.value(QLatin1String("node")).toString().isEmpty()) {
        const QJsonObject result = reply.value(QLatin1String("result")).toObject();
        QString why = reply.value(QLatin1String("error")).toObject().value(QLatin1String("message")).toString();
        const QJsonObject details = result.value(QLatin1String("exceptionDetails")).toObject();
        if (why.isEmpty())
            why = details.value(QLatin1String("exception")).toObject().value(QLatin1String("description")).toString();
        if (why.isEmpty())
            why = details.value(QLatin1String("text")).toString();
        retryOrFail(QStringLiteral("%1 is an inspector, but not of a Node.js program (process.version: %2)")
                        .arg(m_url.toString(), why.isEmpty() ? QStringLiteral("no answer") : why));
        return;
    }
    m_program.node = info.value(QLatin1String("node")).toString();
    m_program.v8 = info.value(QLatin1String("v8")).toString();
    m_program.pid = info.value(QLatin1String("pid")).toInteger();
    m_program.entry = m_target.paths.toLocal(info.value(QLatin1String("main")).toString());
    m_program.liveEditFlag
        = info.value(QLatin1String("execArgv")).toArray().contains(QStringLiteral("--inspector-live-edit"));

    delete m_bridge;
    m_bridge = new AttachBridge(m_socket, m_analysis->transport(), m_target.paths, m_program, this);
    connect(m_bridge, &AttachBridge::output, this, &AttachConnection::output);
    const bool again = std::exchange(m_everAttached, true);
    m_retryMs = 0;
    Q_EMIT attached(again);
}

void AttachConnection::onSocketClosed()
{
    if (m_detached)
        return;
    m_infoTimeout.stop();
    if (!m_everAttached || !m_bridge) {
        // Closed before it answered: not the program we can attach to (yet).
        retryOrFail(QStringLiteral("%1 closed the connection before answering").arg(m_url.toString()));
        return;
    }
    m_bridge->deleteLater();
    m_bridge = nullptr;
    Q_EMIT detached(QStringLiteral("the program's inspector closed the connection (it ended or restarted); "
                                   "attaching again when a program listens on %1")
                        .arg(m_target.address()));
    retryOrFail({});
}

void AttachConnection::retryOrFail(const QString &message)
{
    if (m_detached)
        return;
    if (!m_everAttached) {
        m_detached = true;
        Q_EMIT failed(message);
        return;
    }
    m_retryMs = m_retryMs == 0 ? kFirstRetryMs : qMin(m_retryMs * 2, kLongestRetryMs);
    m_retry.start(m_retryMs);
}

} // namespace graft
