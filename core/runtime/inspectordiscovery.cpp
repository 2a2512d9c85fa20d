// SPDX-License-Identifier: MIT
#include "runtime/inspectordiscovery.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace graft {

namespace {
// A port that accepts but never answers (not an inspector, or a stuck one).
constexpr int kDiscoveryTimeoutMs = 3000;
} // namespace

InspectorDiscovery::InspectorDiscovery(QObject *parent)
    : QObject(parent)
    , m_network(new QNetworkAccessManager(this))
{
}

void InspectorDiscovery::cancel()
{
    if (QNetworkReply *reply = std::exchange(m_reply, nullptr)) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void InspectorDiscovery::discover(const QString &host, int port)
{
    cancel();
    QUrl url;
    url.setScheme(QStringLiteral("http"));
    url.setHost(host);
    url.setPort(port);
    url.setPath(QStringLiteral("/json/list"));
    QNetworkRequest request(url);
    request.setTransferTimeout(kDiscoveryTimeoutMs);
    // Never through a proxy: the inspector is reached directly (or by a tunnel).
    m_network->setProxy(QNetworkProxy::NoProxy);
    m_reply = m_network->get(request);
    QNetworkReply *reply = m_reply;
    connect(reply, &QNetworkReply::finished, this, [this, reply, host, port] { onFinished(reply, host, port); });
}

void InspectorDiscovery::onFinished(QNetworkReply *reply, const QString &host, int port)
{
    reply->deleteLater();
    if (reply != m_reply)
        return;
    m_reply = nullptr;
    const QString address = QStringLiteral("%1:%2").arg(host).arg(port);
    if (reply->error() == QNetworkReply::ConnectionRefusedError || reply->error() == QNetworkReply::HostNotFoundError) {
        Q_EMIT failed(Failure::NotListening,
            QStringLiteral("nothing is listening on %1 (%2): start the program with node --inspect=%1")
                .arg(address, reply->errorString()));
        return;
    }
    const QByteArray body = reply->readAll();
    const QJsonArray targets = QJsonDocument::fromJson(body).array();
    const auto notAnInspector = [&](const QString &why) {
        Q_EMIT failed(Failure::NotAnInspector,
            QStringLiteral("%1 is not a Node inspector (%2): start the program with node --inspect=%1")
                .arg(address, why));
    };
    if (reply->error() != QNetworkReply::NoError && body.isEmpty()) {
        notAnInspector(reply->errorString());
        return;
    }
    // The main thread's target is the first of type "node" (workers come later).
    for (const QJsonValue &value : targets) {
        const QJsonObject target = value.toObject();
        QUrl ws(target.value(QLatin1String("webSocketDebuggerUrl")).toString());
        if (target.value(QLatin1String("type")).toString() != QLatin1String("node") || !ws.isValid())
            continue;
        // Node names the address it bound; through a tunnel or a container's port
        // mapping that is not the one we reach it by.
        ws.setHost(host);
        ws.setPort(port);
        Q_EMIT found(ws, target.value(QLatin1String("title")).toString());
        return;
    }
    notAnInspector(targets.isEmpty() ? QStringLiteral("/json/list gave no debugger target")
                                     : QStringLiteral("/json/list names no node target"));
}

} // namespace graft
