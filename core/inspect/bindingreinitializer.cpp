// SPDX-License-Identifier: MIT
#include "inspect/bindingreinitializer.h"

#include "cdp/cdpclient.h"
#include "debug/debugger.h"

#include <QJsonArray>

namespace graft {

BindingReinitializer::BindingReinitializer(CdpClient *client, Debugger *debugger, QString functionObjectId, QString binding,
                                           QString initializer, std::function<void(const ReinitResult &)> done,
                                           QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_functionObjectId(std::move(functionObjectId))
    , m_binding(std::move(binding))
    , m_initializer(std::move(initializer))
    , m_done(std::move(done))
{
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        finish(false, QStringLiteral("no function that sees %1 ran within %2 s; re-initialize needs one to run")
                          .arg(m_binding)
                          .arg(m_timeout.interval() / 1000));
    });
    debugger->addPauseClaimer(this, [this](const QJsonObject &params) { return claim(params); });
}

bool BindingReinitializer::claim(const QJsonObject &params)
{
    if (m_finished || m_handlingPause)
        return false;
    // A user's breakpoint may be hit while ours waits: that pause is theirs. Our
    // step (see assign) ends in a pause that hits no breakpoint.
    const QJsonArray hit = params.value(QLatin1String("hitBreakpoints")).toArray();
    const bool ours = m_stepped ? hit.isEmpty() : (!m_breakpointId.isEmpty() && hit.contains(m_breakpointId));
    if (!ours)
        return false;
    m_ownsPause = true;
    onPaused(params);
    return true;
}

void BindingReinitializer::start(int timeoutMs)
{
    m_timeout.start(timeoutMs);
    m_client->call(QStringLiteral("Debugger.setBreakpointOnFunctionCall"),
                   {{QStringLiteral("objectId"), m_functionObjectId}}, this, [this](const CdpReply &reply) {
        if (!reply.ok) {
            finish(false, QStringLiteral("cannot break on the function: %1").arg(reply.errorMessage));
            return;
        }
        m_breakpointId = reply.result.value(QLatin1String("breakpointId")).toString();
    });
}

void BindingReinitializer::onPaused(const QJsonObject &params)
{
    m_handlingPause = true;
    const QJsonObject frame = params.value(QLatin1String("callFrames")).toArray().first().toObject();
    const QString callFrameId = frame.value(QLatin1String("callFrameId")).toString();
    const QJsonArray chain = frame.value(QLatin1String("scopeChain")).toArray();

    // Which scope of the paused frame holds the binding? Ask each non-global one.
    auto remaining = std::make_shared<int>(0);
    auto found = std::make_shared<int>(-1);
    for (int i = 0; i < chain.size(); ++i) {
        const QJsonObject scope = chain.at(i).toObject();
        if (scope.value(QLatin1String("type")) == QLatin1String("global"))
            continue;
        ++*remaining;
        const QString objectId = scope.value(QLatin1String("object")).toObject().value(QLatin1String("objectId")).toString();
        m_client->call(QStringLiteral("Runtime.getProperties"), {{QStringLiteral("objectId"), objectId}, {QStringLiteral("ownProperties"), true}},
                       this, [this, i, remaining, found, callFrameId](const CdpReply &reply) {
            for (const QJsonValue &p : reply.result.value(QLatin1String("result")).toArray()) {
                if (p.toObject().value(QLatin1String("name")).toString() == m_binding && (*found < 0 || i < *found))
                    *found = i;
            }
            if (--*remaining == 0) {
                if (*found < 0)
                    finish(false, QStringLiteral("%1 is not captured by any function, so V8 keeps no live value to change")
                                      .arg(m_binding));
                else
                    assign(callFrameId, *found);
            }
        });
    }
    if (*remaining == 0)
        finish(false, QStringLiteral("the paused function has no scope holding %1").arg(m_binding));
}

void BindingReinitializer::assign(const QString &callFrameId, int scopeNumber)
{
    const QJsonObject evaluate {{QStringLiteral("callFrameId"), callFrameId},
                                {QStringLiteral("expression"), QStringLiteral("(%1)").arg(m_initializer)},
                                {QStringLiteral("silent"), true}};
    m_client->call(QStringLiteral("Debugger.evaluateOnCallFrame"), evaluate, this,
                   [this, callFrameId, scopeNumber](const CdpReply &reply) {
        if (!reply.ok || reply.result.contains(QLatin1String("exceptionDetails"))) {
            const QString why = reply.ok ? remoteValueFromJson(reply.result.value(QLatin1String("result")).toObject()).display()
                                         : reply.errorMessage;
            finish(false, QStringLiteral("the new initializer of %1 threw: %2").arg(m_binding, why));
            return;
        }
        const QJsonObject value = reply.result.value(QLatin1String("result")).toObject();
        QJsonObject callArgument;
        if (value.contains(QLatin1String("objectId")))
            callArgument.insert(QStringLiteral("objectId"), value.value(QLatin1String("objectId")));
        else if (value.contains(QLatin1String("unserializableValue")))
            callArgument.insert(QStringLiteral("unserializableValue"), value.value(QLatin1String("unserializableValue")));
        else
            callArgument.insert(QStringLiteral("value"), value.value(QLatin1String("value")));
        const QString display = remoteValueFromJson(value).display();
        const QJsonObject set {{QStringLiteral("scopeNumber"), scopeNumber},
                               {QStringLiteral("variableName"), m_binding},
                               {QStringLiteral("newValue"), callArgument},
                               {QStringLiteral("callFrameId"), callFrameId}};
        m_client->call(QStringLiteral("Debugger.setVariableValue"), set, this, [this, display](const CdpReply &result) {
            if (result.ok) {
                finish(true, QStringLiteral("%1 is now %2").arg(m_binding, display), display);
                return;
            }
            if (!m_stepped) {
                // An optimised frame answers "Internal error" until a step de-optimises it.
                m_stepped = true;
                m_handlingPause = false;
                m_ownsPause = false;
                m_client->call(QStringLiteral("Debugger.stepInto"), {}, this, {});
                return;
            }
            finish(false, QStringLiteral("V8 refused to change %1: %2").arg(m_binding, result.errorMessage));
        });
    });
}

void BindingReinitializer::finish(bool ok, const QString &message, const QString &value)
{
    if (m_finished)
        return;
    m_finished = true;
    m_timeout.stop();
    if (!m_breakpointId.isEmpty())
        m_client->call(QStringLiteral("Debugger.removeBreakpoint"), {{QStringLiteral("breakpointId"), m_breakpointId}}, this, {});
    // A program left paused by us would look hung; one paused by the user (our
    // time ran out meanwhile) stays theirs.
    if (m_ownsPause)
        m_client->call(QStringLiteral("Debugger.resume"), {}, this, {});
    m_done(ReinitResult {ok, message, value});
    deleteLater();
}

} // namespace graft
