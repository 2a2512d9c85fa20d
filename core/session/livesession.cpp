// SPDX-License-Identifier: MIT
#include "session/livesession.h"

#include "cdp/cdpclient.h"
#include "cdp/pipetransport.h"
#include "debug/debugger.h"
#include "inspect/bindingreinitializer.h"
#include "inspect/functionscopes.h"
#include "inspect/liveinspector.h"
#include "inspect/moduleconsole.h"
#include "patch/patchengine.h"
#include "patch/patchpipeline.h"
#include "runtime/attachconnection.h"
#include "session/blockedretry.h"
#include "session/filewatcher.h"
#include "session/patchhistory.h"
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

QString sessionStateName(LiveSession::State state)
{
    switch (state) {
    case LiveSession::State::Idle:
        return QStringLiteral("idle");
    case LiveSession::State::Starting:
        return QStringLiteral("starting");
    case LiveSession::State::Running:
        return QStringLiteral("running");
    case LiveSession::State::Exited:
        return QStringLiteral("exited");
    case LiveSession::State::Crashed:
        return QStringLiteral("crashed");
    }
    return {};
}

LiveSession::LiveSession(QObject *parent)
    : QObject(parent)
    , m_registry(new ScriptRegistry(this))
    , m_history(new PatchHistory(this))
    , m_watcher(new FileWatcher(this))
    , m_retry(new BlockedRetry(this))
    , m_debugger(new Debugger(this))
{
    m_debugger->setScripts(m_registry);
    // A blocked patch waits for its function to leave the stack, which cannot
    // happen while the program is paused: it is tried again once it resumes.
    connect(m_debugger, &Debugger::paused, this, [this] {
        m_retry->hold(true);
        Q_EMIT paused();
    });
    connect(m_debugger, &Debugger::resumed, this, [this] {
        m_retry->hold(false);
        Q_EMIT resumed();
    });
    connect(
        this, &LiveSession::patchFinished, m_history, [this](const PatchReport &report) { m_history->append(report); });
    connect(m_watcher, &FileWatcher::saved, this, &LiveSession::onFileSaved);
    connect(m_retry, &BlockedRetry::attempt, this, &LiveSession::onRetryAttempt);
    connect(m_retry, &BlockedRetry::gaveUp, this, &LiveSession::onRetryGaveUp);
}

void LiveSession::setBlockedRetryMs(int ms) { m_retry->setLimitMs(ms); }

LiveSession::~LiveSession()
{
    if (m_process)
        m_process->disconnect(this);
    if (m_attach)
        m_attach->disconnect(this);
}

void LiveSession::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

bool LiveSession::start()
{
    Q_ASSERT(!isRunning());
    dropClient();
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
        m_process = nullptr;
    }
    if (m_attach) {
        m_attach->disconnect(this);
        m_attach->deleteLater();
        m_attach = nullptr;
    }
    resetProgramState();
    m_readyEmitted = false;
    m_outputBeforeReady.clear();
    setState(State::Starting);
    if (m_launch.attaches())
        return startAttached();

    m_process = new RuntimeProcess(this);
    connect(m_process, &RuntimeProcess::output, this, &LiveSession::onProgramOutput);
    connect(m_process, &RuntimeProcess::finished, this, &LiveSession::onProcessFinished);
    QString error;
    if (!m_process->start(m_launch, &error)) {
        setState(State::Crashed);
        Q_EMIT finished(70, QStringLiteral("crash"), error);
        return false;
    }
    connectClient(m_process->transport());
    return true;
}

void LiveSession::resetProgramState()
{
    m_registry->clear();
    m_watcher->unwatchAll();
    m_appliesAwaitingEvents = 0;
    m_consoleEntering = false;
    m_consoleWaiting.clear();
    // Whole seconds: file times may be kept at that precision.
    m_startedAt = QDateTime::currentDateTime().addMSecs(-1000);
    m_lastSaved.clear();
    m_savesInFlight.clear();
    m_dataFiles.clear();
    m_retry->cancelAll();
}

void LiveSession::dropClient()
{
    // Later, not now: this may run inside a signal of the transport they hang on.
    for (QObject *object : std::initializer_list<QObject *> { m_pipeline, m_console, m_inspector, m_client }) {
        if (object) {
            object->disconnect(this);
            object->deleteLater();
        }
    }
    m_pipeline = nullptr;
    m_console = nullptr;
    m_inspector = nullptr;
    m_client = nullptr;
}

void LiveSession::onProgramOutput(const QString &stream, const QString &text)
{
    if (text.isEmpty())
        return;
    if (m_readyEmitted)
        Q_EMIT output(stream, text);
    else
        m_outputBeforeReady.append({ stream, text });
}

void LiveSession::connectClient(Transport *transport)
{
    m_client = new CdpClient(transport, this);
    m_inspector = new LiveInspector(m_client, this);
    m_console = new ModuleConsole(m_client, this);
    m_pipeline = new PatchPipeline(
        m_client, m_registry, createPatchEngine(m_launch.engine, m_client, m_registry, m_inspector, nullptr), this);
    connect(m_client, &CdpClient::scriptParsed, this, &LiveSession::onScriptParsed);
    // A worker that ended takes its scripts along; one that starts later brings its own.
    connect(m_client, &CdpClient::targetDetached, m_registry, &ScriptRegistry::removeTarget);
    connect(m_client, &CdpClient::dataFileLoaded, this, &LiveSession::onDataFileLoaded);
    connect(m_client, &CdpClient::exceptionThrown, this, &LiveSession::exceptionThrown);
    connect(m_client, &CdpClient::scriptTerminated, this, &LiveSession::scriptTerminated);
    m_debugger->attach(m_client, m_inspector);
    // The console's moment at a breakpoint of its own is not the program's pause.
    m_debugger->addPauseClaimer(
        m_console, [console = m_console](const QJsonObject &params) { return console->claimPause(params); });
    connect(m_client, &CdpClient::protocolError, this, &LiveSession::protocolError);
    connect(m_client, &CdpClient::hostReady, this, [this](const QString &node, const QString &v8, const QString &kind) {
        m_nodeVersion = node;
        m_v8Version = v8;
        // The agent names its runtime "node"; on the embedded Node (swap) it is the embedded runtime still.
        m_runtimeKind = m_launch.embeddedRunsAgent() ? QStringLiteral("embedded") : kind;
        m_pipeline->setRuntimeV8Version(v8);
    });
    connect(m_pipeline, &PatchPipeline::patchFinished, this, &LiveSession::onPipelineFinished);

    CdpClient *client = m_client;
    m_client->startSession(
        this,
        [this, client](bool ok, const QString &message) {
            if (!ok || m_state != State::Starting || client != m_client)
                return; // the process side reports how it ended
            setState(State::Running);
            // Load the runtime's parser now rather than on the first save.
            m_client->analyzeChange({}, this, {});
            if (std::exchange(m_readyEmitted, true)) {
                Q_EMIT reattached(entry(), m_nodeVersion, m_v8Version);
                return;
            }
            Q_EMIT ready(entry(), m_nodeVersion, m_v8Version);
            for (const auto &[stream, text] : std::as_const(m_outputBeforeReady))
                Q_EMIT output(stream, text);
            m_outputBeforeReady.clear();
            Q_UNUSED(message);
        },
        [this] { m_debugger->sendSetup(); });
}

bool LiveSession::isPatching() const { return m_pipeline && m_pipeline->busy(); }

QString LiveSession::entry() const { return m_attach ? m_attach->program().entry : m_launch.entry; }

PatchEngineKind LiveSession::engineKind() const { return m_pipeline ? m_pipeline->engineKind() : m_launch.engine; }

qint64 LiveSession::runtimePid() const
{
    if (m_attach)
        return m_attach->program().pid;
    return m_process ? m_process->pid() : 0;
}

void LiveSession::restart()
{
    if (m_launch.attaches())
        return; // not ours to restart: restartRefusal() says so
    if (isRunning()) {
        m_restartPending = true;
        m_process->kill();
        return;
    }
    start();
}

void LiveSession::kill()
{
    if (m_attach) {
        detachFromProgram();
        return;
    }
    if (m_process)
        m_process->kill();
}

void LiveSession::stopScript(QObject *context, std::function<void(const StopResult &)> done)
{
    if (!m_client || !isRunning()) {
        done(StopResult { false, notRunningMessage(), {} });
        return;
    }
    // Paused, nothing runs. Resuming to end what then runs would race the paused
    // callback's end and could kill the next callback instead (an interval that
    // would never fire again): say so instead.
    if (m_debugger->isPaused()) {
        done(StopResult { false,
            QStringLiteral("The program is paused: nothing is running. Continue to let it run (Stop then ends a "
                           "runaway loop), or restart it."),
            {} });
        return;
    }
    m_client->terminateExecution(context, std::move(done));
}

void LiveSession::evaluate(
    const QString &expression, QObject *context, std::function<void(const EvaluateResult &)> done)
{
    if (!m_client || !isRunning()) {
        EvaluateResult result;
        result.error = notRunningMessage();
        done(result);
        return;
    }
    m_client->evaluate(expression, context, std::move(done));
}

void LiveSession::inspectFunction(const QString &filePath, const QString &name, int line, QObject *context,
    std::function<void(const FunctionScopes &)> done)
{
    const ScriptInfo *script = m_registry->findByFile(filePath);
    if (!script || !m_client || !isRunning()) {
        FunctionScopes answer;
        answer.error = isRunning() ? QStringLiteral("%1 is not loaded by the running program").arg(filePath)
                                   : notRunningMessage();
        done(answer);
        return;
    }
    const QString scriptId = script->scriptId;
    const bool isModule = script->isModule;
    m_client->getScriptSource(scriptId, context, [=, this](bool ok, const QString &source) {
        if (!ok) {
            FunctionScopes answer;
            answer.error = source;
            done(answer);
            return;
        }
        readFunctionScopes(m_client, m_inspector, scriptId, source, isModule, name, line, context, done);
    });
}

void LiveSession::reinitialize(
    const QString &filePath, const QString &binding, QObject *context, std::function<void(const ReinitResult &)> done)
{
    if (m_debugger->isPaused()) {
        // It waits for a function of the file to be called, which a paused program never does.
        done(ReinitResult { false, QStringLiteral("the program is paused: resume it, then re-initialize"), {} });
        return;
    }
    const ScriptInfo *script = m_registry->findByFile(filePath);
    if (!script || !m_client || !isRunning()) {
        done(ReinitResult { false,
            isRunning() ? QStringLiteral("%1 is not loaded by the running program").arg(filePath) : notRunningMessage(),
            {} });
        return;
    }
    const QString scriptId = script->scriptId;
    const bool isModule = script->isModule;
    QPointer<QObject> guard(context);
    m_client->getScriptSource(scriptId, this, [=, this](bool ok, const QString &source) {
        if (!ok) {
            done(ReinitResult { false, source, {} });
            return;
        }
        m_client->outlineSource(source, isModule, this, [=, this](const CdpReply &reply) {
            const SourceOutline outline = sourceOutlineFromJson(reply.result);
            const auto target = std::find_if(outline.bindings.begin(), outline.bindings.end(),
                [&](const BindingOutline &b) { return b.name == binding; });
            if (!reply.ok || target == outline.bindings.end()) {
                done(ReinitResult { false,
                    QStringLiteral("no top-level binding %1 in %2").arg(binding, QFileInfo(filePath).fileName()), {} });
                return;
            }
            QStringList holders;
            for (const FunctionOutline &f : outline.functions) {
                if (f.topLevel)
                    holders << f.text;
            }
            const QString initializer = target->source;
            auto withHolder = [=, this](const QString &holder) {
                if (holder.isEmpty()) {
                    done(ReinitResult { false,
                        QStringLiteral("no live function of %1 is reachable").arg(QFileInfo(filePath).fileName()),
                        {} });
                    return;
                }
                auto *reinit = new BindingReinitializer(
                    m_client, m_debugger, holder, binding, initializer,
                    [guard, done](const ReinitResult &result) {
                        if (guard)
                            done(result);
                    },
                    this);
                reinit->start();
            };
            const QString kept = m_inspector->scopeHolder(scriptId);
            if (!kept.isEmpty()) {
                withHolder(kept);
                return;
            }
            m_inspector->findLiveFunction(
                holders, scriptId, this,
                [=, this](const QString &found, const QString &) {
                    if (!found.isEmpty())
                        m_inspector->setScopeHolder(scriptId, found);
                    withHolder(found);
                },
                true);
        });
    });
}

void LiveSession::onProcessFinished(RuntimeProcess::State how, int code, const QString &detail)
{
    // Output that arrived before the handshake is still the program's: keep it.
    for (const auto &[stream, text] : std::as_const(m_outputBeforeReady))
        Q_EMIT output(stream, text);
    m_outputBeforeReady.clear();
    m_readyEmitted = true;

    m_watcher->unwatchAll();
    m_retry->cancelAll();
    m_retry->hold(false);
    m_debugger->attach(nullptr, nullptr);
    QString reason;
    switch (how) {
    case RuntimeProcess::State::Crashed:
        reason = QStringLiteral("crash");
        setState(State::Crashed);
        break;
    case RuntimeProcess::State::Killed:
        reason = QStringLiteral("terminated");
        setState(State::Exited);
        break;
    default:
        reason = QStringLiteral("exit");
        setState(State::Exited);
        break;
    }
    Q_EMIT finished(code, reason, detail);
    if (std::exchange(m_restartPending, false))
        start();
}

} // namespace graft
