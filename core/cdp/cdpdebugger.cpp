// SPDX-License-Identifier: MIT
// CdpClient, the Debugger domain's breakpoints and run control (cdpclient.cpp
// holds the rest), and the plain data of a pause.
#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

QString FrameScope::title() const
{
    if (type == QLatin1String("closure"))
        return name.isEmpty() ? QStringLiteral("Closure") : QStringLiteral("Closure (%1)").arg(name);
    if (type.isEmpty())
        return type;
    return type.at(0).toUpper() + type.mid(1);
}

BreakpointLocation breakpointLocationFromJson(const QJsonObject &location)
{
    return BreakpointLocation { location.value(QLatin1String("scriptId")).toString(),
        location.value(QLatin1String("lineNumber")).toInt() + 1,
        location.value(QLatin1String("columnNumber")).toInt() + 1 };
}

PausedEvent pausedEventFromJson(const QJsonObject &params)
{
    PausedEvent event;
    event.reason = params.value(QLatin1String("reason")).toString();
    for (const QJsonValue &id : params.value(QLatin1String("hitBreakpoints")).toArray())
        event.hitBreakpoints << id.toString();
    if (event.reason == QLatin1String("exception") || event.reason == QLatin1String("promiseRejection"))
        event.exceptionDescription = remoteValueFromJson(params.value(QLatin1String("data")).toObject()).display();
    for (const QJsonValue &value : params.value(QLatin1String("callFrames")).toArray()) {
        const QJsonObject frame = value.toObject();
        PausedFrame f;
        f.callFrameId = frame.value(QLatin1String("callFrameId")).toString();
        f.name = frame.value(QLatin1String("functionName")).toString();
        if (f.name.isEmpty())
            f.name = QStringLiteral("(anonymous)");
        const BreakpointLocation where = breakpointLocationFromJson(frame.value(QLatin1String("location")).toObject());
        f.scriptId = where.scriptId;
        f.line = where.line;
        f.column = where.column;
        f.url = frame.value(QLatin1String("url")).toString();
        f.filePath = filePathFromScriptUrl(f.url);
        for (const QJsonValue &scopeValue : frame.value(QLatin1String("scopeChain")).toArray()) {
            const QJsonObject scope = scopeValue.toObject();
            f.scopes.append(FrameScope { scope.value(QLatin1String("type")).toString(),
                scope.value(QLatin1String("name")).toString(),
                scope.value(QLatin1String("object")).toObject().value(QLatin1String("objectId")).toString() });
        }
        event.frames.append(f);
    }
    return event;
}

void CdpClient::setBreakpointByUrl(const QString &urlRegex, int line, const QString &condition, QObject *context,
    std::function<void(const SetBreakpointResult &)> done)
{
    QJsonObject params { { QStringLiteral("urlRegex"), urlRegex }, { QStringLiteral("lineNumber"), line - 1 } };
    if (!condition.isEmpty())
        params.insert(QStringLiteral("condition"), condition);
    call(QStringLiteral("Debugger.setBreakpointByUrl"), params, context, [done](const CdpReply &reply) {
        SetBreakpointResult result;
        result.ok = reply.ok;
        result.error = reply.errorMessage;
        result.breakpointId = reply.result.value(QLatin1String("breakpointId")).toString();
        for (const QJsonValue &location : reply.result.value(QLatin1String("locations")).toArray())
            result.locations.append(breakpointLocationFromJson(location.toObject()));
        done(result);
    });
}

void CdpClient::removeBreakpoint(const QString &breakpointId, QObject *context, ReplyHandler done)
{
    call(QStringLiteral("Debugger.removeBreakpoint"), { { QStringLiteral("breakpointId"), breakpointId } }, context,
        std::move(done));
}

void CdpClient::runControl(const QString &command, QObject *context, ReplyHandler done)
{
    call(QStringLiteral("Debugger.") + command, {}, context, std::move(done));
}

void CdpClient::setBlackboxPatterns(const QStringList &patterns, QObject *context, ReplyHandler done)
{
    call(QStringLiteral("Debugger.setBlackboxPatterns"),
        { { QStringLiteral("patterns"), QJsonArray::fromStringList(patterns) } }, context, std::move(done));
}

void CdpClient::setPauseOnExceptions(const QString &state, QObject *context, ReplyHandler done)
{
    call(QStringLiteral("Debugger.setPauseOnExceptions"), { { QStringLiteral("state"), state } }, context,
        std::move(done));
}

void CdpClient::evaluateOnCallFrame(const QString &callFrameId, const QString &expression, QObject *context,
    std::function<void(const EvaluateResult &)> done, bool sideEffectFree)
{
    QJsonObject params { { QStringLiteral("callFrameId"), callFrameId }, { QStringLiteral("expression"), expression },
        { QStringLiteral("objectGroup"), QStringLiteral("repl") }, { QStringLiteral("generatePreview"), true } };
    if (sideEffectFree)
        params.insert(QStringLiteral("throwOnSideEffect"), true);
    call(QStringLiteral("Debugger.evaluateOnCallFrame"), params, context, [done](const CdpReply &reply) {
        EvaluateResult result;
        if (!reply.ok) {
            result.error = reply.errorMessage;
        } else if (reply.result.contains(QLatin1String("exceptionDetails"))) {
            result.error = remoteValueFromJson(reply.result.value(QLatin1String("result")).toObject()).display();
            if (result.error.isEmpty())
                result.error = reply.result.value(QLatin1String("exceptionDetails"))
                                   .toObject()
                                   .value(QLatin1String("text"))
                                   .toString();
        } else {
            result.ok = true;
            result.value = remoteValueFromJson(reply.result.value(QLatin1String("result")).toObject());
        }
        done(result);
    });
}

} // namespace graft
