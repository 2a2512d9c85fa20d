// SPDX-License-Identifier: MIT
// HeadlessRunner, part two: the debugger's commands and events (the README's
// contract). headlessrunner.cpp holds the rest.
#include "headlessrunner.h"
#include "scopesjson.h"

#include "debug/debugger.h"
#include "inspect/functionscopes.h"
#include "session/livesession.h"

#include <QFileInfo>
#include <QJsonArray>

namespace graft {

namespace {

QJsonObject breakpointJson(const Breakpoint &b)
{
    QJsonObject json { { QStringLiteral("breakpointId"), b.id }, { QStringLiteral("file"), b.file },
        { QStringLiteral("line"), b.resolvedLine > 0 ? b.resolvedLine : b.line },
        { QStringLiteral("resolved"), b.resolvedLine > 0 }, { QStringLiteral("enabled"), b.enabled } };
    if (!b.condition.isEmpty())
        json.insert(QStringLiteral("condition"), b.condition);
    if (!b.log.isEmpty())
        json.insert(QStringLiteral("log"), b.log);
    return json;
}

QJsonArray framesJson(const PausedEvent &event)
{
    QJsonArray frames;
    for (const PausedFrame &f : event.frames)
        frames.append(QJsonObject { { QStringLiteral("name"), f.name },
            { QStringLiteral("file"), f.filePath.isEmpty() ? f.url : f.filePath }, { QStringLiteral("line"), f.line },
            { QStringLiteral("column"), f.column } });
    return frames;
}

} // namespace

void HeadlessRunner::connectDebugger()
{
    Debugger *debugger = m_session->debugger();
    connect(debugger, &Debugger::paused, this, [this, debugger] {
        const PausedEvent &event = debugger->pausedEvent();
        QJsonObject fields { { QStringLiteral("reason"), debugger->pauseReason() },
            { QStringLiteral("frames"), framesJson(event) } };
        if (!debugger->hitBreakpoints().isEmpty())
            fields.insert(QStringLiteral("hitBreakpoints"), QJsonArray::fromStringList(debugger->hitBreakpoints()));
        if (!event.exceptionDescription.isEmpty())
            fields.insert(QStringLiteral("exception"), event.exceptionDescription);
        const PausedFrame top = event.frames.value(0);
        m_writer.debugEvent(QStringLiteral("paused"), fields,
            QStringLiteral("paused (%1) in %2 at %3:%4; timers are frozen until resume")
                .arg(debugger->pauseReason(), top.name,
                    QFileInfo(top.filePath.isEmpty() ? top.url : top.filePath).fileName())
                .arg(top.line));
    });
    connect(debugger, &Debugger::resumed, this,
        [this] { m_writer.debugEvent(QStringLiteral("resumed"), {}, QStringLiteral("resumed")); });
    connect(debugger, &Debugger::breakpointMoved, this, [this](const Breakpoint &b) {
        m_writer.debugEvent(QStringLiteral("breakpoint"), breakpointJson(b),
            QStringLiteral("breakpoint %1 at %2:%3").arg(b.id, QFileInfo(b.file).fileName()).arg(b.resolvedLine));
    });
}

int HeadlessRunner::frameArgument(const QJsonValue &id, const QJsonObject &command)
{
    const QJsonValue frame = command.value(QLatin1String("frame"));
    if (frame.isUndefined() || frame.isNull())
        return -1;
    if (!frame.isDouble() || frame.toDouble() < 0 || frame.toDouble() != frame.toInt()) {
        m_writer.result(id, false, {}, QStringLiteral("\"frame\" must be an index into the paused event's frames"));
        return -2;
    }
    return frame.toInt();
}

bool HeadlessRunner::debugCommand(const QString &name, const QJsonValue &id, const QJsonObject &command)
{
    Debugger *debugger = m_session->debugger();
    auto answer = [this, id](const QString &error) {
        if (error.isEmpty())
            m_writer.result(id, true, {});
        else
            m_writer.result(id, false, {}, error);
    };
    if (name == QLatin1String("setBreakpoint")) {
        commandSetBreakpoint(id, command);
    } else if (name == QLatin1String("removeBreakpoint")) {
        QString error;
        if (!debugger->removeBreakpoint(command.value(QLatin1String("breakpointId")).toString(), &error))
            answer(error);
        else
            answer({});
    } else if (name == QLatin1String("breakpoints")) {
        QJsonArray list;
        for (const Breakpoint &b : debugger->breakpoints())
            list.append(breakpointJson(b));
        m_writer.result(id, true, { { QStringLiteral("breakpoints"), list } });
    } else if (name == QLatin1String("pause")) {
        answer(debugger->pause());
    } else if (name == QLatin1String("resume")) {
        answer(debugger->resume());
    } else if (name == QLatin1String("stepOver")) {
        answer(debugger->stepOver());
    } else if (name == QLatin1String("stepInto")) {
        answer(debugger->stepInto());
    } else if (name == QLatin1String("stepOut")) {
        answer(debugger->stepOut());
    } else if (name == QLatin1String("setPauseOnExceptions")) {
        const QString state = command.value(QLatin1String("state")).toString();
        answer(debugger->setPauseOnExceptions(state)
                ? QString()
                : QStringLiteral("\"state\" must be \"none\", \"uncaught\" or \"all\""));
    } else if (name == QLatin1String("setPauseOnDebuggerStatements")) {
        debugger->setPauseOnDebuggerStatements(command.value(QLatin1String("pause")).toBool());
        answer({});
    } else {
        return false;
    }
    return true;
}

void HeadlessRunner::commandSetBreakpoint(const QJsonValue &id, const QJsonObject &command)
{
    const QString path = fileArgument(id, command);
    if (path.isEmpty())
        return;
    const QJsonValue line = command.value(QLatin1String("line"));
    if (!line.isDouble() || line.toInt() < 1) {
        m_writer.result(id, false, {}, QStringLiteral("setBreakpoint needs \"line\" (1-based)"));
        return;
    }
    m_session->debugger()->setBreakpoint(path, line.toInt(), command.value(QLatin1String("condition")).toString(),
        command.value(QLatin1String("log")).toString(), this, [this, id](const Debugger::SetAnswer &answer) {
            if (answer.ok)
                m_writer.result(id, true, breakpointJson(answer.breakpoint));
            else
                m_writer.result(id, false, {}, answer.error);
        });
}

void HeadlessRunner::commandFrameEval(const QJsonValue &id, int frame, const QString &expression)
{
    m_session->debugger()->evaluateOnFrame(frame, expression, this, [this, id](const EvaluateResult &result) {
        if (result.ok)
            m_writer.result(id, true,
                { { QStringLiteral("value"), result.value.display() }, { QStringLiteral("type"), result.value.type } });
        else
            m_writer.result(id, false, {}, result.error);
    });
}

void HeadlessRunner::commandFrameScopes(const QJsonValue &id, int frame)
{
    m_session->debugger()->frameScopes(frame, this, [this, id](const FunctionScopes &answer) {
        if (!answer.ok) {
            m_writer.result(id, false, {}, answer.error);
            return;
        }
        m_writer.result(id, true, scopesAnswerJson(answer));
    });
}

} // namespace graft
