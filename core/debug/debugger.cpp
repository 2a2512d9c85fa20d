// SPDX-License-Identifier: MIT
#include "debug/debugger.h"

#include "cdp/cdpclient.h"
#include "inspect/functionscopes.h"
#include "inspect/liveinspector.h"
#include "session/scriptregistry.h"

namespace graft {

namespace {
const QString kNotPaused = QStringLiteral("the program is not paused");
const QString kNotRunning = QStringLiteral("the program is not running");
} // namespace

Debugger::Debugger(QObject *parent)
    : QObject(parent)
{
}

void Debugger::attach(CdpClient *client, LiveInspector *inspector)
{
    if (m_client)
        m_client->disconnect(this);
    const bool wasPaused = m_paused;
    m_client = client;
    m_inspector = inspector;
    m_paused = false;
    m_expect = Expect::Nothing;
    m_event = {};
    m_hit.clear();
    for (Breakpoint &b : m_breakpoints) {
        b.cdpId.clear();
        b.resolvedLine = 0;
    }
    if (wasPaused)
        Q_EMIT resumed();
    if (!client)
        return;
    connect(client, &CdpClient::paused, this, &Debugger::onPaused);
    connect(client, &CdpClient::resumed, this, &Debugger::onResumed);
    connect(client, &CdpClient::breakpointResolved, this, &Debugger::onResolved);
}

void Debugger::sendSetup()
{
    if (!m_client)
        return;
    // Graft's own helpers (the embedded runtime's, the agent's, the attach bridge's) are no code of
    // the user's: a pause or a step never stops inside them.
    // The agent's own files run in the program's main thread too (the swap
    // engine's host answers toString and fills slots): never a place to pause.
    m_client->setBlackboxPatterns({ QStringLiteral("^graft:helper$"), QStringLiteral("^graft-agent:tooling$"),
                                      QStringLiteral("^graft-attach:tooling$"),
                                      QStringLiteral("/(graft-agent|share/graft/agent)/[\\w-]+\\.m?js$") },
        this);
    if (m_pauseOnExceptions != QLatin1String("none"))
        m_client->setPauseOnExceptions(m_pauseOnExceptions, this);
    for (const Breakpoint &b : std::as_const(m_breakpoints))
        install(b.id, this, {});
}

bool Debugger::setPauseOnExceptions(const QString &state)
{
    if (state != QLatin1String("none") && state != QLatin1String("uncaught") && state != QLatin1String("all"))
        return false;
    m_pauseOnExceptions = state;
    if (m_client)
        m_client->setPauseOnExceptions(state, this);
    return true;
}

void Debugger::addPauseClaimer(QObject *owner, PauseClaim claim)
{
    m_claimers.append(Claimer { owner, std::move(claim) });
}

void Debugger::onPaused(const QJsonObject &params)
{
    m_claimers.removeIf([](const Claimer &c) { return !c.owner; });
    // A copy: a claimer may add or drop claimers while it handles the pause.
    const QList<Claimer> claimers = m_claimers;
    for (const Claimer &c : claimers) {
        if (c.owner && c.claim(params))
            return;
    }
    PausedEvent event = pausedEventFromJson(params);
    for (PausedFrame &frame : event.frames) {
        const ScriptInfo *script = m_scripts ? m_scripts->findById(frame.scriptId) : nullptr;
        if (frame.url.isEmpty() && script) {
            frame.url = script->url;
            frame.filePath = script->filePath;
        }
        // Node's own code that the embedded runtime compiled before the inspector
        // existed: V8 names no script for it.
        if (frame.url.isEmpty())
            frame.url = QStringLiteral("(internal)");
    }
    QStringList hit;
    for (const Breakpoint &b : std::as_const(m_breakpoints)) {
        if (!b.cdpId.isEmpty() && event.hitBreakpoints.contains(b.cdpId))
            hit << b.id;
    }
    QString reason;
    if (!hit.isEmpty())
        reason = QStringLiteral("breakpoint");
    else if (event.reason == QLatin1String("exception") || event.reason == QLatin1String("promiseRejection"))
        reason = m_pauseOnExceptions == QLatin1String("none") ? QString() : event.reason;
    else if (m_expect == Expect::Step)
        reason = QStringLiteral("step");
    else if (m_expect == Expect::Restart)
        reason = QStringLiteral("restart");
    else if (m_expect == Expect::Pause)
        reason = QStringLiteral("pause");
    else if (event.hitBreakpoints.isEmpty() && m_pauseOnDebuggerStatements)
        reason = QStringLiteral("debugger");
    m_expect = Expect::Nothing;
    if (reason.isEmpty()) {
        // Nobody wants this pause (a `debugger;` statement in headless mode, a
        // breakpoint removed a moment ago): the program must not hang on it.
        m_client->runControl(QStringLiteral("resume"), this);
        return;
    }
    m_paused = true;
    m_resumeSent = false;
    m_client->setAllowTopFrameEditing(true);
    m_reason = reason;
    m_hit = hit;
    m_event = std::move(event);
    Q_EMIT paused();
}

void Debugger::onResumed()
{
    if (!m_paused)
        return; // Graft's own pause ended
    m_paused = false;
    if (m_client)
        m_client->setAllowTopFrameEditing(false);
    // Nobody asked to go on: V8 10.5+ restarted the top frame after a save changed
    // its function (setScriptSource with allowTopFrameEditing). It runs to the
    // start of that function and stops there: that pause is the user's.
    if (!m_resumeSent)
        m_expect = Expect::Restart;
    m_event = {};
    m_hit.clear();
    m_reason.clear();
    Q_EMIT resumed();
}

QString Debugger::runControl(const QString &command, Expect expect)
{
    if (!m_client)
        return kNotRunning;
    const bool pausing = expect == Expect::Pause;
    if (pausing == m_paused)
        return pausing ? QStringLiteral("the program is already paused") : kNotPaused;
    m_expect = expect;
    m_resumeSent = !pausing;
    m_client->runControl(command, this);
    return {};
}

QString Debugger::resume() { return runControl(QStringLiteral("resume"), Expect::Nothing); }
QString Debugger::stepOver() { return runControl(QStringLiteral("stepOver"), Expect::Step); }
QString Debugger::stepInto() { return runControl(QStringLiteral("stepInto"), Expect::Step); }
QString Debugger::stepOut() { return runControl(QStringLiteral("stepOut"), Expect::Step); }
QString Debugger::pause() { return runControl(QStringLiteral("pause"), Expect::Pause); }

void Debugger::evaluateOnFrame(int index, const QString &expression, QObject *context,
    std::function<void(const EvaluateResult &)> done, bool sideEffectFree)
{
    EvaluateResult refused;
    if (!m_paused || !m_client)
        refused.error = kNotPaused;
    else if (index < 0 || index >= m_event.frames.size())
        refused.error = QStringLiteral("no frame %1 (the pause has %2)").arg(index).arg(m_event.frames.size());
    if (!refused.error.isEmpty()) {
        done(refused);
        return;
    }
    m_client->evaluateOnCallFrame(
        m_event.frames.at(index).callFrameId, expression, context, std::move(done), sideEffectFree);
}

void Debugger::frameScopes(int index, QObject *context, std::function<void(const FunctionScopes &)> done)
{
    FunctionScopes answer;
    if (!m_paused || !m_inspector)
        answer.error = kNotPaused;
    else if (index < 0 || index >= m_event.frames.size())
        answer.error = QStringLiteral("no frame %1 (the pause has %2)").arg(index).arg(m_event.frames.size());
    if (!answer.error.isEmpty()) {
        done(answer);
        return;
    }
    const PausedFrame &frame = m_event.frames.at(index);
    answer.ok = true;
    answer.function.name = frame.name;
    answer.function.line = frame.line;
    // The global scope is the whole global object: not a scope anyone reads here.
    for (const FrameScope &scope : frame.scopes) {
        if (scope.type != QLatin1String("global"))
            answer.scopes.append(ScopeInfo { scope.title(), scope.objectId, {} });
    }
    if (answer.scopes.isEmpty()) {
        done(answer);
        return;
    }
    auto result = std::make_shared<FunctionScopes>(answer);
    auto remaining = std::make_shared<int>(static_cast<int>(answer.scopes.size()));
    for (int i = 0; i < answer.scopes.size(); ++i) {
        m_inspector->propertiesOf(answer.scopes.at(i).objectId, context,
            [result, remaining, i, done](bool ok, const QList<ScopeVariable> &variables) {
                if (ok)
                    (*result).scopes[i].variables = variables;
                if (--*remaining == 0)
                    done(*result);
            });
    }
}

} // namespace graft
