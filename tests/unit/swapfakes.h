// SPDX-License-Identifier: MIT
// The swap engine's unit tests' fakes: a transport that records what is sent and
// answers the last call, canned agent answers, and a session on them with the
// main thread's script of /home/dev/app.js.
#pragma once

#include "cdp/cdpclient.h"
#include "cdp/transport.h"
#include "inspect/liveinspector.h"
#include "patch/swapengine.h"
#include "session/scriptregistry.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace graft::swaptest {

class FakeTransport : public Transport
{
public:
    void send(const QByteArray &json) override { sent.append(QJsonDocument::fromJson(json).object()); }
    bool isOpen() const override { return true; }
    // Answers the last call with `body` (a reply's fields without its id).
    void answerLast(const QByteArray &body)
    {
        const int id = sent.last().value(QLatin1String("id")).toInt();
        Q_EMIT messageReceived(QByteArray(R"({"id":)") + QByteArray::number(id) + "," + body.mid(1));
    }
    QList<QJsonObject> sent;
};

inline CdpReply answer(const QByteArray &result)
{
    CdpReply reply;
    reply.ok = true;
    reply.result = QJsonDocument::fromJson(result).object();
    return reply;
}

inline CdpReply protocolError(int code, const QString &message)
{
    CdpReply reply;
    reply.errorCode = code;
    reply.errorMessage = message;
    return reply;
}

inline PatchReport freshReport()
{
    PatchReport report;
    report.file = QStringLiteral("/home/dev/app.js");
    report.scriptId = QStringLiteral("7");
    report.previousSource = QStringLiteral("let s = 'a';\nfunction m() { return s; }\n");
    report.newSource = QStringLiteral("let s = 'b';\nfunction m() { return s + '*'; }\n");
    return report;
}

inline const QByteArray kBodyChanged
    = R"("functions":[{"name":"m","line":2,"change":"body","effective":true,"reason":"","stale":""}],)"
      R"("bindings":[{"name":"s","line":1,"source":"'b'","oldSource":"'a'","added":false}])";

// The main thread's script of /home/dev/app.js, running freshReport()'s old source.
inline ScriptInfo addMainScript(ScriptRegistry &registry)
{
    ScriptInfo script;
    script.scriptId = QStringLiteral("7");
    script.url = QStringLiteral("file:///home/dev/app.js");
    script.filePath = QStringLiteral("/home/dev/app.js");
    script.kind = ScriptKind::User;
    registry.add(script);
    registry.setLiveSource(script.scriptId, freshReport().previousSource);
    return script;
}

// A swap engine on a fake transport, with the main thread's script of /home/dev/app.js.
struct SwapSession
{
    FakeTransport transport;
    CdpClient client { &transport };
    ScriptRegistry registry;
    ScriptInfo script = addMainScript(registry);
    LiveInspector inspector { &client };
    SwapEngine engine { &client, &registry, &inspector };
};

} // namespace graft::swaptest
