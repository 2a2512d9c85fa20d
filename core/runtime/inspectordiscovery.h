// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QUrl>

class QNetworkAccessManager;
class QNetworkReply;

namespace graft {

// Asks a node inspector's HTTP endpoint (/json/list) for its debugger target.
// One question at a time; found() or failed() answers each discover().
class InspectorDiscovery : public QObject
{
    Q_OBJECT
public:
    enum class Failure { NotListening, NotAnInspector, Other };
    Q_ENUM(Failure)

    explicit InspectorDiscovery(QObject *parent = nullptr);
    void discover(const QString &host, int port);
    void cancel();

Q_SIGNALS:
    void found(const QUrl &webSocketUrl, const QString &title);
    void failed(graft::InspectorDiscovery::Failure failure, const QString &message);

private:
    void onFinished(QNetworkReply *reply, const QString &host, int port);

    QNetworkAccessManager *m_network;
    QNetworkReply *m_reply = nullptr;
};

} // namespace graft
