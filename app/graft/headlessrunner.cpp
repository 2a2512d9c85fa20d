// SPDX-License-Identifier: MIT
#include "headlessrunner.h"

#include "controlchannel.h"
#include "scopesjson.h"

#include "cdp/cdptypes.h"
#include "inspect/bindingreinitializer.h"
#include "inspect/functionscopes.h"
#include "inspect/valuepreview.h"
#include "session/interruption.h"
#include "session/livesession.h"
#include "session/patchhistory.h"
#include "session/scriptregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

namespace graft {

namespace {
constexpr int kExitTimeout = 124; // as timeout(1)
constexpr int kExitCrash = 70;    // EX_SOFTWARE

} // namespace

HeadlessRunner::HeadlessRunner(HeadlessOptions options, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_writer(m_options.json)
    , m_session(new LiveSession(this))
{
    m_options.launch.forwardStdin = !m_options.control;
    m_session->setLaunch(m_options.launch);
    m_writer.setAttached(m_options.launch.attaches());
    m_session->setBlockedRetryMs(m_options.blockedRetrySeconds * 1000);

    connect(m_session, &LiveSession::ready, this, [this](const QString &entry, const QString &node, const QString &v8) {
        m_writer.ready(entry, node, v8, m_session->runtimeKind(), engineKindName(m_session->engineKind()));
        m_ready = true;
        for (const QJsonObject &command : std::exchange(m_beforeReady, {}))
            onCommand(command);
    });
    connect(m_session, &LiveSession::detached, this, [this](const QString &reason) { m_writer.detached(reason); });
    connect(m_session, &LiveSession::reattached, this,
        [this](const QString &entry, const QString &node, const QString &v8) { m_writer.reattached(entry, node, v8); });
    connect(m_session, &LiveSession::output, this,
        [this](const QString &stream, const QString &text) { m_writer.output(stream, text); });
    connect(m_session, &LiveSession::exceptionThrown, this,
        [this](const ExceptionInfo &exception) { m_writer.exception(exception); });
    connect(m_session, &LiveSession::scriptTerminated, this, [this](const QString &reason) {
        m_writer.notice(reason == QLatin1String("heap-limit")
                ? QStringLiteral("the running script was terminated: heap limit reached")
                : QStringLiteral("the running script was stopped"));
    });
    connect(m_session, &LiveSession::protocolError, this,
        [this](const QString &message) { m_writer.notice(QStringLiteral("protocol: ") + message); });
    connect(m_session, &LiveSession::patchFinished, this, [this](const PatchReport &report, const QVariant &tag) {
        m_writer.patch(report);
        if (tag.isValid()) {
            const QJsonValue id = tag.toJsonValue();
            if (report.succeeded() || report.status == PatchStatus::Unchanged)
                m_writer.result(id, true, { { QStringLiteral("status"), patchStatusName(report.status) } });
            else
                m_writer.result(
                    id, false, { { QStringLiteral("status"), patchStatusName(report.status) } }, report.message);
        }
    });
    connect(m_session, &LiveSession::finished, this, &HeadlessRunner::onFinished);
    connectDebugger();

    if (m_options.control) {
        m_control = new ControlChannel(0, this);
        connect(m_control, &ControlChannel::command, this, &HeadlessRunner::onCommand);
        connect(m_control, &ControlChannel::malformed, this,
            [this](const QString &error) { m_writer.result(QJsonValue::Null, false, {}, error); });
    }
    m_timeout.setSingleShot(true);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        m_quitting = true;
        m_quitCode = kExitTimeout;
        m_writer.notice(QStringLiteral("timeout after %1 s").arg(m_options.timeoutSeconds));
        m_session->kill();
    });
}

void HeadlessRunner::start()
{
    if (m_options.timeoutSeconds > 0)
        m_timeout.start(m_options.timeoutSeconds * 1000);
    m_session->start();
}

void HeadlessRunner::onFinished(int code, const QString &reason, const QString &detail)
{
    if (m_restarting) {
        m_restarting = false;
        m_writer.exit(code, reason, detail);
        return; // LiveSession starts the program again
    }
    if (m_quitting) {
        // An attached program was left running: say "detached", not "terminated".
        const QString how = reason == QLatin1String("detached") ? reason : QStringLiteral("terminated");
        m_writer.exit(m_quitCode, m_quitCode == kExitTimeout ? QStringLiteral("timeout") : how, detail);
        quitWith(m_quitCode);
        return;
    }
    m_writer.exit(code, reason, detail);
    quitWith(reason == QLatin1String("crash") ? kExitCrash : code);
}

void HeadlessRunner::quitWith(int code)
{
    // Leave the event loop after the current events are written.
    QMetaObject::invokeMethod(
        qApp, [code] { QCoreApplication::exit(code); }, Qt::QueuedConnection);
}

void HeadlessRunner::onCommand(const QJsonObject &command)
{
    const QJsonValue id = command.value(QLatin1String("id"));
    const QString name
        = command.value(QLatin1String("command")).toString(command.value(QLatin1String("cmd")).toString());
    if (!m_ready && name != QLatin1String("quit")) {
        m_beforeReady.append(command);
        return;
    }
    if (debugCommand(name, id, command))
        return;
    if (name == QLatin1String("apply")) {
        commandApply(id, command);
    } else if (name == QLatin1String("eval")) {
        commandEval(id, command);
    } else if (name == QLatin1String("scripts")) {
        commandScripts(id);
    } else if (name == QLatin1String("interrupt") || name == QLatin1String("stop")) {
        // `stop` is the older name; it never ended the program.
        commandStop(id);
    } else if (name == QLatin1String("properties")) {
        commandProperties(id, command);
    } else if (name == QLatin1String("restart")) {
        if (const QString refusal = m_session->restartRefusal(); !refusal.isEmpty()) {
            m_writer.result(id, false, {}, refusal);
            return;
        }
        m_writer.result(id, true, {});
        m_restarting = m_session->isRunning();
        m_session->restart();
    } else if (name == QLatin1String("quit")) {
        m_writer.result(id, true, {});
        m_quitting = true;
        m_quitCode = 0;
        if (m_session->isRunning())
            m_session->kill();
        else
            quitWith(0);
    } else if (name == QLatin1String("scopes")) {
        commandScopes(id, command);
    } else if (name == QLatin1String("reinit")) {
        commandReinit(id, command);
    } else if (name == QLatin1String("revert")) {
        const QString path = fileArgument(id, command);
        if (!path.isEmpty())
            m_session->revert(path, id.isUndefined() ? QVariant(QJsonValue(QJsonValue::Null)) : QVariant(id));
    } else if (name.isEmpty()) {
        m_writer.result(id, false, {},
            QStringLiteral(
                "missing \"command\" (apply, eval, properties, scopes, reinit, revert, scripts, interrupt, "
                "stop, restart, quit, setBreakpoint, removeBreakpoint, breakpoints, pause, resume, stepOver, "
                "stepInto, stepOut, setPauseOnExceptions)"));
    } else {
        m_writer.result(id, false, {}, QStringLiteral("unknown command '%1'").arg(name));
    }
}

QString HeadlessRunner::fileArgument(const QJsonValue &id, const QJsonObject &command)
{
    const QJsonValue file = command.value(QLatin1String("file"));
    if (!file.isString() || file.toString().isEmpty()) {
        m_writer.result(
            id, false, {}, QStringLiteral("%1 needs \"file\"").arg(command.value(QLatin1String("command")).toString()));
        return {};
    }
    // A relative path means relative to the entry's folder, where the program runs.
    const QString path = file.toString();
    // (--attach: the folder of the program's main module, as mapped here.)
    const QString entry = m_session->entry();
    if (path.startsWith(QLatin1Char('/')))
        return path;
    return entry.isEmpty() ? QDir::current().absoluteFilePath(path) : QFileInfo(entry).absoluteDir().filePath(path);
}

void HeadlessRunner::commandScopes(const QJsonValue &id, const QJsonObject &command)
{
    if (const int frame = frameArgument(id, command); frame != -1) {
        if (frame >= 0)
            commandFrameScopes(id, frame);
        return;
    }
    const QString path = fileArgument(id, command);
    if (path.isEmpty())
        return;
    const QString function = command.value(QLatin1String("function")).toString();
    const int line = command.value(QLatin1String("line")).toInt();
    if (function.isEmpty() && line <= 0) {
        m_writer.result(id, false, {}, QStringLiteral("scopes needs \"function\" or \"line\""));
        return;
    }
    m_session->inspectFunction(path, function, line, this, [this, id, path](const FunctionScopes &answer) {
        if (!answer.ok) {
            m_writer.result(id, false, {}, answer.error);
            return;
        }
        // What the latest patch said about top-level bindings, beside their live values.
        QHash<QString, BindingChange> stale;
        if (const PatchReport *last = m_session->history()->lastApplied(path)) {
            for (const BindingChange &b : last->bindings)
                stale.insert(b.name, b);
        }
        m_writer.result(id, true, scopesAnswerJson(answer, stale));
    });
}

void HeadlessRunner::commandReinit(const QJsonValue &id, const QJsonObject &command)
{
    const QString path = fileArgument(id, command);
    if (path.isEmpty())
        return;
    const QString binding = command.value(QLatin1String("binding")).toString();
    if (binding.isEmpty()) {
        m_writer.result(id, false, {}, QStringLiteral("reinit needs \"binding\""));
        return;
    }
    m_session->reinitialize(path, binding, this, [this, id, binding](const ReinitResult &result) {
        if (result.ok)
            m_writer.result(id, true,
                { { QStringLiteral("binding"), binding }, { QStringLiteral("value"), result.value },
                    { QStringLiteral("message"), result.message } });
        else
            m_writer.result(id, false, { { QStringLiteral("binding"), binding } }, result.message);
    });
}

void HeadlessRunner::commandApply(const QJsonValue &id, const QJsonObject &command)
{
    const QString path = fileArgument(id, command);
    if (path.isEmpty())
        return;
    const QJsonValue source = command.value(QLatin1String("source"));
    if (!source.isUndefined() && !source.isString()) {
        m_writer.result(id, false, {}, QStringLiteral("\"source\" must be a string"));
        return;
    }
    m_session->apply(path, source.isString() ? std::optional<QString>(source.toString()) : std::nullopt,
        id.isUndefined() ? QVariant(QJsonValue(QJsonValue::Null)) : QVariant(id));
}

void HeadlessRunner::commandEval(const QJsonValue &id, const QJsonObject &command)
{
    const QJsonValue expression = command.value(QLatin1String("expression"));
    if (!expression.isString()) {
        m_writer.result(id, false, {}, QStringLiteral("eval needs \"expression\""));
        return;
    }
    if (const int frame = frameArgument(id, command); frame != -1) {
        if (frame >= 0)
            commandFrameEval(id, frame, expression.toString());
        return;
    }
    const bool inFile = command.contains(QLatin1String("file"));
    auto answer = [this, id, inFile](const EvaluateResult &result) {
        const QString scope = inFile ? QStringLiteral("module") : QStringLiteral("global");
        if (result.ok) {
            QJsonObject fields = valueJson(result.value);
            fields.insert(QStringLiteral("scope"), scope);
            m_writer.result(id, true, fields);
        } else {
            m_writer.result(id, false, { { QStringLiteral("scope"), scope } }, result.error);
        }
    };
    if (!inFile) {
        m_session->evaluate(expression.toString(), this, answer);
        return;
    }
    const QString path = fileArgument(id, command);
    if (!path.isEmpty())
        m_session->evaluateInFile(path, expression.toString(), this, answer);
}

void HeadlessRunner::commandProperties(const QJsonValue &id, const QJsonObject &command)
{
    const QString objectId = command.value(QLatin1String("objectId")).toString();
    if (objectId.isEmpty()) {
        m_writer.result(id, false, {}, QStringLiteral("properties needs \"objectId\" (from an eval answer)"));
        return;
    }
    m_session->expandValue(objectId, this, [this, id](bool ok, const QJsonArray &properties, const QString &error) {
        if (ok)
            m_writer.result(id, true, { { QStringLiteral("properties"), properties } });
        else
            m_writer.result(id, false, {}, error);
    });
}

void HeadlessRunner::commandScripts(const QJsonValue &id)
{
    QJsonArray scripts;
    for (const ScriptInfo &script : m_session->scripts()->scripts()) {
        QJsonObject entry { { QStringLiteral("id"), script.scriptId }, { QStringLiteral("url"), script.url },
            { QStringLiteral("kind"), scriptKindName(script.kind) }, { QStringLiteral("thread"), script.thread } };
        if (!script.filePath.isEmpty())
            entry.insert(QStringLiteral("file"), script.filePath);
        scripts.append(entry);
    }
    m_writer.result(id, true, { { QStringLiteral("scripts"), scripts } });
}

void HeadlessRunner::commandStop(const QJsonValue &id)
{
    m_session->stopScript(this, [this, id](const StopResult &result) {
        QJsonObject fields { { QStringLiteral("terminated"), result.terminated },
            { QStringLiteral("message"), result.message } };
        if (result.terminated && !result.interrupted.isEmpty()) {
            const Interruption what = describeInterruption(result.interrupted);
            fields.insert(QStringLiteral("interrupted"),
                QJsonObject { { QStringLiteral("function"), what.function.functionName },
                    { QStringLiteral("file"), what.function.filePath }, { QStringLiteral("line"), what.function.line },
                    { QStringLiteral("kind"), interruptionKindName(what.kind) },
                    { QStringLiteral("summary"), what.summary } });
        }
        m_writer.result(id, true, fields);
    });
}

} // namespace graft
