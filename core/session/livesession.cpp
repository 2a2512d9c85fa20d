// SPDX-License-Identifier: MIT
#include "session/livesession.h"

#include "cdp/cdpclient.h"
#include "cdp/pipetransport.h"
#include "inspect/bindingreinitializer.h"
#include "inspect/functionscopes.h"
#include "inspect/liveinspector.h"
#include "patch/patchpipeline.h"
#include "patch/sourcefile.h"
#include "session/blockedretry.h"
#include "session/filewatcher.h"
#include "session/patchhistory.h"
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {
namespace {

// Patches the session starts by itself carry one of these as their tag, so that
// their answers can be told apart from the ones a caller (a control command, the
// GUI) waits for. Callers never see it: their signal carries an empty tag.
struct InternalTag
{
    enum class Kind { WatchedSave, Retry };
    Kind kind = Kind::WatchedSave;
    int generation = 0;
    int attempt = 0;
};

} // namespace
} // namespace graft

Q_DECLARE_METATYPE(graft::InternalTag)

namespace graft {

namespace {

bool isInternal(const QVariant &tag)
{
    return tag.metaType() == QMetaType::fromType<InternalTag>();
}

// The functions a blocked patch waits for: the changed ones (one of them is on
// the stack or suspended; V8 does not say which).
QString blockingFunctions(const PatchReport &report)
{
    QStringList names;
    for (const FunctionChange &f : report.functions) {
        if (f.change == QLatin1String("body") && !f.name.isEmpty())
            names << f.name;
    }
    if (names.isEmpty())
        return QStringLiteral("the changed functions");
    if (names.size() > 3)
        return names.mid(0, 3).join(QLatin1String(", ")) + QStringLiteral(" or another changed function");
    return names.join(QLatin1String(" or "));
}

} // namespace

QString sessionStateName(LiveSession::State state)
{
    switch (state) {
    case LiveSession::State::Idle: return QStringLiteral("idle");
    case LiveSession::State::Starting: return QStringLiteral("starting");
    case LiveSession::State::Running: return QStringLiteral("running");
    case LiveSession::State::Exited: return QStringLiteral("exited");
    case LiveSession::State::Crashed: return QStringLiteral("crashed");
    }
    return {};
}

LiveSession::LiveSession(QObject *parent)
    : QObject(parent)
    , m_registry(new ScriptRegistry(this))
    , m_history(new PatchHistory(this))
    , m_watcher(new FileWatcher(this))
    , m_retry(new BlockedRetry(this))
{
    connect(this, &LiveSession::patchFinished, m_history, [this](const PatchReport &report) { m_history->append(report); });
    connect(m_watcher, &FileWatcher::saved, this, &LiveSession::onFileSaved);
    connect(m_retry, &BlockedRetry::attempt, this, [this](const QString &file, const QString &source, int generation) {
        if (!m_pipeline || !isRunning()) {
            m_retry->cancel(file);
            return;
        }
        InternalTag tag {InternalTag::Kind::Retry, generation, m_retry->attempts(file)};
        m_pipeline->apply(file, source, QVariant::fromValue(tag));
    });
    connect(m_retry, &BlockedRetry::gaveUp, this, &LiveSession::onRetryGaveUp);
}

void LiveSession::setBlockedRetryMs(int ms)
{
    m_retry->setLimitMs(ms);
}

LiveSession::~LiveSession()
{
    if (m_process)
        m_process->disconnect(this);
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
    delete m_pipeline;
    delete m_inspector;
    delete m_client;
    if (m_process) {
        m_process->disconnect(this);
        m_process->deleteLater();
    }
    m_registry->clear();
    m_watcher->unwatchAll();
    m_internalPauses = 0;
    m_lastSavedText.clear();
    m_savesInFlight.clear();
    m_dataFiles.clear();
    m_dataLoadedText.clear();
    m_retry->cancelAll();
    m_readyEmitted = false;
    m_outputBeforeReady.clear();

    m_process = new RuntimeProcess(this);
    connect(m_process, &RuntimeProcess::output, this, [this](const QString &stream, const QString &text) {
        if (text.isEmpty())
            return;
        if (m_readyEmitted)
            Q_EMIT output(stream, text);
        else
            m_outputBeforeReady.append({stream, text});
    });
    connect(m_process, &RuntimeProcess::finished, this, &LiveSession::onProcessFinished);

    setState(State::Starting);
    QString error;
    if (!m_process->start(m_launch, &error)) {
        m_client = nullptr;
        m_pipeline = nullptr;
        m_inspector = nullptr;
        setState(State::Crashed);
        Q_EMIT finished(70, QStringLiteral("crash"), error);
        return false;
    }

    m_client = new CdpClient(m_process->transport(), this);
    m_inspector = new LiveInspector(m_client, this);
    m_pipeline = new PatchPipeline(m_client, m_registry, m_inspector, this);
    connect(m_client, &CdpClient::scriptParsed, this, &LiveSession::onScriptParsed);
    connect(m_client, &CdpClient::dataFileLoaded, this, &LiveSession::onDataFileLoaded);
    connect(m_client, &CdpClient::exceptionThrown, this, &LiveSession::exceptionThrown);
    connect(m_client, &CdpClient::scriptTerminated, this, &LiveSession::scriptTerminated);
    connect(m_client, &CdpClient::paused, this, [this] {
        // Graft has no debugger UI: a `debugger;` statement must not freeze the
        // program. Only a pause Graft asked for itself (re-initialize) stays.
        if (m_internalPauses == 0)
            m_client->call(QStringLiteral("Debugger.resume"), {}, this, {});
        Q_EMIT paused();
    });
    connect(m_client, &CdpClient::resumed, this, &LiveSession::resumed);
    connect(m_client, &CdpClient::protocolError, this, &LiveSession::protocolError);
    connect(m_client, &CdpClient::hostReady, this, [this](const QString &node, const QString &v8) {
        m_nodeVersion = node;
        m_v8Version = v8;
    });
    connect(m_pipeline, &PatchPipeline::patchFinished, this, &LiveSession::onPipelineFinished);

    m_client->startSession(this, [this](bool ok, const QString &message) {
        if (!ok || m_state != State::Starting)
            return; // the process side reports how it ended
        setState(State::Running);
        // Load the runtime's parser now rather than on the first save.
        m_client->analyzeChange(QString(), QString(), false, this, {});
        m_readyEmitted = true;
        Q_EMIT ready(m_launch.entry, m_nodeVersion, m_v8Version);
        for (const auto &[stream, text] : std::as_const(m_outputBeforeReady))
            Q_EMIT output(stream, text);
        m_outputBeforeReady.clear();
        Q_UNUSED(message);
    });
    return true;
}

void LiveSession::restart()
{
    if (isRunning()) {
        m_restartPending = true;
        m_process->kill();
        return;
    }
    start();
}

void LiveSession::kill()
{
    if (m_process)
        m_process->kill();
}

void LiveSession::stopScript(QObject *context, std::function<void(const StopResult &)> done)
{
    if (!m_client || !isRunning()) {
        done(StopResult {false, QStringLiteral("The program is not running.")});
        return;
    }
    m_client->terminateExecution(context, std::move(done));
}

void LiveSession::evaluate(const QString &expression, QObject *context,
                           std::function<void(const EvaluateResult &)> done)
{
    if (!m_client || !isRunning()) {
        EvaluateResult result;
        result.error = QStringLiteral("The program is not running.");
        done(result);
        return;
    }
    m_client->evaluate(expression, context, std::move(done));
}

void LiveSession::reportRefused(const QString &filePath, PatchStatus status, const QString &message, const QVariant &tag)
{
    PatchReport report;
    report.file = QFileInfo(filePath).absoluteFilePath();
    report.status = status;
    report.message = message;
    report.when = QDateTime::currentDateTime();
    onPipelineFinished(report, tag);
}

void LiveSession::apply(const QString &filePath, std::optional<QString> source, QVariant tag)
{
    if (!m_pipeline || !isRunning()) {
        reportRefused(filePath, PatchStatus::NotLoaded, QStringLiteral("the program is not running"), tag);
        return;
    }
    const QString absolute = QFileInfo(filePath).absoluteFilePath();
    // Whatever is applied now supersedes a blocked patch still waiting for its turn.
    m_retry->cancel(absolute);
    if (const QString refusal = dataFileRefusal(absolute); !refusal.isEmpty()) {
        const std::optional<QString> text = source ? source : std::optional<QString>(readSourceFile(absolute).text);
        if (m_dataLoadedText.contains(canonicalFilePath(absolute)) && text == m_dataLoadedText.value(canonicalFilePath(absolute)))
            reportRefused(absolute, PatchStatus::Unchanged, QStringLiteral("the program already holds these contents"), tag);
        else
            reportRefused(absolute, PatchStatus::Error, refusal, tag);
        return;
    }
    m_pipeline->apply(absolute, std::move(source), std::move(tag));
}

void LiveSession::onPipelineFinished(PatchReport report, const QVariant &tag)
{
    const InternalTag internal = isInternal(tag) ? tag.value<InternalTag>() : InternalTag {};
    if (!isInternal(tag) || internal.kind == InternalTag::Kind::WatchedSave) {
        if (isInternal(tag) && --m_savesInFlight[report.file] <= 0)
            m_savesInFlight.remove(report.file);
        if (report.status == PatchStatus::Blocked && m_retry->enabled() && !report.newSource.isEmpty()) {
            m_retry->wait(report.file, report.newSource);
            report.retry = true;
            report.message = QStringLiteral("waits for %1 to return; applied by itself then (for up to %2 s; "
                                            "a newer save replaces it, Stop ends a function that never returns)")
                                 .arg(blockingFunctions(report))
                                 .arg(m_retry->limitMs() / 1000);
        }
        Q_EMIT patchFinished(report, isInternal(tag) ? QVariant() : tag);
        return;
    }
    // A retry of a blocked patch: blocked again is no news; anything else is.
    const bool current = m_retry->isCurrent(report.file, internal.generation);
    if (report.status == PatchStatus::Blocked) {
        if (current)
            m_retry->blockedAgain(report.file);
        return;
    }
    if (!current && report.status == PatchStatus::Unchanged)
        return; // superseded, and it changed nothing
    const qint64 waited = m_retry->waitedMs(report.file);
    if (current)
        m_retry->done(report.file);
    report.attempts = internal.attempt;
    const QString note = QStringLiteral("applied by itself after the blocking function returned (%1 ms, %2 tries)")
                             .arg(waited)
                             .arg(internal.attempt);
    report.message = report.message.isEmpty() ? note : note + QStringLiteral("; ") + report.message;
    Q_EMIT patchFinished(report, {});
}

void LiveSession::onRetryGaveUp(const QString &filePath, const QString &source, int attempts, qint64 waitedMs)
{
    PatchReport report;
    report.file = filePath;
    report.status = PatchStatus::Blocked;
    report.newSource = source;
    report.attempts = attempts;
    report.when = QDateTime::currentDateTime();
    report.ms = static_cast<double>(waitedMs);
    report.message = QStringLiteral("gave up after %1 s and %2 tries: a changed function never left the stack "
                                    "(a loop, or a suspended generator or async function); the old code keeps "
                                    "running. Stop it and save again.")
                         .arg(waitedMs / 1000.0, 0, 'f', 1)
                         .arg(attempts);
    Q_EMIT patchFinished(report, {});
}

QString LiveSession::dataFileRefusal(const QString &filePath) const
{
    if (m_registry->findByFile(filePath))
        return {};
    const auto it = m_dataFiles.constFind(canonicalFilePath(filePath));
    if (it == m_dataFiles.constEnd())
        return {};
    const QString name = QFileInfo(filePath).fileName();
    if (*it == QLatin1String("json"))
        return QStringLiteral("%1 is data read once by require(), not code: the program holds the parsed object, "
                              "which no save can reach; restart the program to load the new contents")
            .arg(name);
    return QStringLiteral("%1 is a native addon loaded once by require(): its machine code cannot be patched; "
                          "restart the program to load the new build")
        .arg(name);
}

void LiveSession::onDataFileLoaded(const QString &filePath, const QString &kind)
{
    if (filePath.isEmpty() || m_registry->findByFile(filePath))
        return;
    const QString canonical = canonicalFilePath(filePath);
    m_dataFiles.insert(canonical, kind);
    if (kind == QLatin1String("json")) {
        const SourceFileText disk = readSourceFile(filePath);
        if (disk.ok) {
            m_dataLoadedText.insert(canonical, disk.text);
            m_lastSavedText.insert(QFileInfo(filePath).absoluteFilePath(), disk.text);
        }
    }
    if (m_watchFiles && !filePath.contains(QLatin1String("/node_modules/")))
        m_watcher->watch(filePath);
}

std::optional<QString> LiveSession::liveSourceOf(const QString &filePath) const
{
    if (const ScriptInfo *script = m_registry->findByFile(filePath); script && m_registry->hasLiveSource(script->scriptId))
        return m_registry->liveSource(script->scriptId);
    if (const auto it = m_dataLoadedText.constFind(canonicalFilePath(filePath)); it != m_dataLoadedText.constEnd())
        return *it;
    return std::nullopt;
}

void LiveSession::revert(const QString &filePath, QVariant tag)
{
    const PatchReport *last = m_history->lastApplied(filePath);
    if (!last) {
        reportRefused(filePath, PatchStatus::Error, QStringLiteral("nothing to revert: no patch of this file was applied"), tag);
        return;
    }
    apply(filePath, last->previousSource, std::move(tag));
}

void LiveSession::inspectFunction(const QString &filePath, const QString &name, int line, QObject *context,
                                  std::function<void(const FunctionScopes &)> done)
{
    const ScriptInfo *script = m_registry->findByFile(filePath);
    if (!script || !m_client || !isRunning()) {
        FunctionScopes answer;
        answer.error = isRunning() ? QStringLiteral("%1 is not loaded by the running program").arg(filePath)
                                   : QStringLiteral("the program is not running");
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
        readFunctionScopes(m_client, m_inspector, source, isModule, name, line, context, done);
    });
}

void LiveSession::reinitialize(const QString &filePath, const QString &binding, QObject *context,
                               std::function<void(const ReinitResult &)> done)
{
    const ScriptInfo *script = m_registry->findByFile(filePath);
    if (!script || !m_client || !isRunning()) {
        done(ReinitResult {false, isRunning() ? QStringLiteral("%1 is not loaded by the running program").arg(filePath)
                                              : QStringLiteral("the program is not running"), {}});
        return;
    }
    const QString scriptId = script->scriptId;
    const bool isModule = script->isModule;
    QPointer<QObject> guard(context);
    m_client->getScriptSource(scriptId, this, [=, this](bool ok, const QString &source) {
        if (!ok) {
            done(ReinitResult {false, source, {}});
            return;
        }
        m_client->outlineSource(source, isModule, this, [=, this](const CdpReply &reply) {
            const SourceOutline outline = sourceOutlineFromJson(reply.result);
            const auto target = std::find_if(outline.bindings.begin(), outline.bindings.end(),
                                             [&](const BindingOutline &b) { return b.name == binding; });
            if (!reply.ok || target == outline.bindings.end()) {
                done(ReinitResult {false, QStringLiteral("no top-level binding %1 in %2").arg(binding, QFileInfo(filePath).fileName()), {}});
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
                    done(ReinitResult {false, QStringLiteral("no live function of %1 is reachable").arg(QFileInfo(filePath).fileName()), {}});
                    return;
                }
                ++m_internalPauses;
                auto *reinit = new BindingReinitializer(m_client, holder, binding, initializer,
                                                        [this, guard, done](const ReinitResult &result) {
                                                            --m_internalPauses;
                                                            if (guard)
                                                                done(result);
                                                        }, this);
                reinit->start();
            };
            const QString kept = m_inspector->scopeHolder(scriptId);
            if (!kept.isEmpty()) {
                withHolder(kept);
                return;
            }
            m_inspector->findLiveFunction(holders, scriptId, this, [=, this](const QString &found, const QString &) {
                if (!found.isEmpty())
                    m_inspector->setScopeHolder(scriptId, found);
                withHolder(found);
            }, true);
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

void LiveSession::onScriptParsed(const ScriptInfo &script)
{
    m_registry->add(script);
    if (script.kind != ScriptKind::User)
        return;
    if (m_watchFiles)
        m_watcher->watch(script.filePath);
    reconcileWithDisk(script);
}

void LiveSession::reconcileWithDisk(const ScriptInfo &script)
{
    // A save made after the program started but before we saw the file load:
    // the disk differs from what V8 compiled, so apply it now.
    m_client->getScriptSource(script.scriptId, this, [this, script](bool ok, const QString &live) {
        if (!ok)
            return;
        m_registry->setLiveSource(script.scriptId, live);
        const SourceFileText disk = readSourceFile(script.filePath);
        m_lastSavedText.insert(QFileInfo(script.filePath).absoluteFilePath(), disk.text);
        if (disk.ok && disk.text != live)
            apply(script.filePath);
    });
}

void LiveSession::onFileSaved(const QString &filePath)
{
    // "Apply on save" may be switched off while the program runs.
    if (!isRunning() || !m_watchFiles)
        return;
    // Editors often touch a file more than once per save; one save gives one
    // patch. A repeated text is skipped only while it is what runs (or on its
    // way there): after a revert or a blocked patch the same text must apply again.
    const SourceFileText disk = readSourceFile(filePath);
    if (disk.ok) {
        const auto last = m_lastSavedText.constFind(filePath);
        if (last != m_lastSavedText.constEnd() && *last == disk.text
            && (m_savesInFlight.value(filePath) > 0 || liveSourceOf(filePath) == disk.text))
            return;
        m_lastSavedText.insert(filePath, disk.text);
    }
    ++m_savesInFlight[filePath];
    apply(filePath, std::nullopt, QVariant::fromValue(InternalTag {}));
}

} // namespace graft
