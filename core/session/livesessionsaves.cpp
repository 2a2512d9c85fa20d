// SPDX-License-Identifier: MIT
// LiveSession, part two: the way a save reaches the program — watched saves and
// apply commands, files loaded but not scripts, blocked patches waiting their
// turn, and the answer for every one of them. (livesession.cpp holds the rest:
// starting, stopping and inspecting the program.)
#include "session/livesession.h"

#include "cdp/cdpclient.h"
#include "debug/debugger.h"
#include "patch/patchpipeline.h"
#include "patch/sourcefile.h"
#include "session/blockedretry.h"
#include "session/filewatcher.h"
#include "session/patchhistory.h"
#include "session/scriptregistry.h"

#include <QFileInfo>
#include <QTimer>

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

bool isInternal(const QVariant &tag) { return tag.metaType() == QMetaType::fromType<InternalTag>(); }

} // namespace

void LiveSession::reportRefused(
    const QString &filePath, PatchStatus status, const QString &message, const QVariant &tag)
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
        reportRefused(filePath, PatchStatus::NotLoaded, notRunningMessage(), tag);
        return;
    }
    const QString absolute = QFileInfo(filePath).absoluteFilePath();
    // Whatever is applied now supersedes a blocked patch still waiting for its turn.
    m_retry->cancel(absolute);
    if (const QString refusal = dataFileRefusal(absolute); !refusal.isEmpty()) {
        const std::optional<QString> text = source ? source : std::optional<QString>(readSourceFile(absolute).text);
        if (text == m_dataFiles.loadedText(absolute))
            reportRefused(
                absolute, PatchStatus::Unchanged, QStringLiteral("the program already holds these contents"), tag);
        else
            reportRefused(absolute, PatchStatus::Error, refusal, tag);
        return;
    }
    // The node agent forwards scriptParsed from a worker thread, so the program's
    // output can reach us before the news that its file loaded. One round trip
    // through the inspector delivers every event emitted before it (they share the
    // channel, in order). Later applies queue behind a pending one, keeping order.
    if (!m_registry->findByFile(absolute) || m_appliesAwaitingEvents > 0) {
        ++m_appliesAwaitingEvents;
        m_client->call(QStringLiteral("Runtime.getHeapUsage"), {}, this,
            [this, client = m_client, absolute, source = std::move(source), tag = std::move(tag)](
                const CdpReply &) mutable {
                if (client != m_client)
                    return; // an earlier run's answer (start() reset the count)
                --m_appliesAwaitingEvents;
                if (!m_pipeline || !isRunning())
                    reportRefused(absolute, PatchStatus::NotLoaded, notRunningMessage(), tag);
                else
                    m_pipeline->apply(absolute, std::move(source), std::move(tag));
            });
        return;
    }
    m_pipeline->apply(absolute, std::move(source), std::move(tag));
}

void LiveSession::onPipelineFinished(PatchReport report, const QVariant &tag)
{
    if (report.succeeded() && !report.previousSource.isEmpty())
        m_debugger->onSourceChanged(report.file, report.previousSource, report.newSource);
    const InternalTag internal = isInternal(tag) ? tag.value<InternalTag>() : InternalTag {};
    if (!isInternal(tag) || internal.kind == InternalTag::Kind::WatchedSave) {
        if (isInternal(tag) && --m_savesInFlight[report.file] <= 0)
            m_savesInFlight.remove(report.file);
        if (report.status == PatchStatus::Blocked && m_retry->enabled() && !report.newSource.isEmpty()) {
            m_retry->wait(report.file, report.newSource);
            report.retry = true;
            report.message = BlockedRetry::waitMessage(report, m_retry->limitMs(), m_debugger->isPaused());
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
        m_retry->cancel(report.file);
    report.attempts = internal.attempt;
    const QString note = BlockedRetry::appliedMessage(waited, internal.attempt);
    report.message = report.message.isEmpty() ? note : note + QStringLiteral("; ") + report.message;
    Q_EMIT patchFinished(report, {});
}

void LiveSession::onRetryAttempt(const QString &file, const QString &source, int generation)
{
    if (!m_pipeline || !isRunning()) {
        m_retry->cancel(file);
        return;
    }
    InternalTag tag { InternalTag::Kind::Retry, generation, m_retry->attempts(file) };
    m_pipeline->apply(file, source, QVariant::fromValue(tag));
}

void LiveSession::onRetryGaveUp(const QString &filePath, const QString &source, int attempts, qint64 waitedMs)
{
    Q_EMIT patchFinished(BlockedRetry::gaveUpReport(filePath, source, attempts, waitedMs), {});
}

QString LiveSession::dataFileRefusal(const QString &filePath) const
{
    return m_registry->findByFile(filePath) ? QString() : m_dataFiles.refusal(filePath);
}

void LiveSession::onDataFileLoaded(const QString &filePath, const QString &kind)
{
    if (filePath.isEmpty() || m_registry->findByFile(filePath))
        return;
    std::optional<QString> text;
    if (kind == QLatin1String("json")) {
        const SourceFileText disk = readSourceFile(filePath);
        if (disk.ok) {
            text = disk.text;
            const QFileInfo info(filePath);
            m_lastSaved.insert(info.absoluteFilePath(), { disk.text, info.lastModified(), false });
        }
    }
    m_dataFiles.noteLoaded(filePath, kind, text);
    if (m_watchFiles && !filePath.contains(QLatin1String("/node_modules/")))
        m_watcher->watch(filePath);
}

std::optional<QString> LiveSession::liveSourceOf(const QString &filePath) const
{
    if (const ScriptInfo *script = m_registry->findByFile(filePath);
        script && m_registry->hasLiveSource(script->scriptId))
        return m_registry->liveSource(script->scriptId);
    return m_dataFiles.loadedText(filePath);
}

void LiveSession::revert(const QString &filePath, QVariant tag)
{
    const PatchReport *last = m_history->lastApplied(filePath);
    if (!last) {
        reportRefused(
            filePath, PatchStatus::Error, QStringLiteral("nothing to revert: no patch of this file was applied"), tag);
        return;
    }
    apply(filePath, last->previousSource, std::move(tag));
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
        compareWithDisk(script, live, true);
    });
}

void LiveSession::compareWithDisk(const ScriptInfo &script, const QString &live, bool mayWait)
{
    const SourceFileText disk = readSourceFile(script.filePath);
    // Read in the middle of a save: applied, the empty text would leave every
    // function of the file removed (and, under LiveEdit, the next save's all added
    // and not effective). Look again when the save is done.
    if (mayWait && disk.ok && disk.text.isEmpty() && !live.isEmpty()) {
        QTimer::singleShot(FileWatcher::kEmptyFileWaitMs, this, [this, script, live, run = m_startedAt] {
            if (isRunning() && m_startedAt == run) // not a later run's
                compareWithDisk(script, live, false);
        });
        return;
    }
    const QFileInfo info(script.filePath);
    const QString absolute = info.absoluteFilePath();
    const QDateTime written = info.lastModified();
    // Meanwhile the file watcher may have seen that save end, and applied it:
    // after the wait, any save of this text; before it, this very write.
    const auto watched = m_lastSaved.constFind(absolute);
    if (disk.ok && watched != m_lastSaved.constEnd() && watched->text == disk.text
        && (!mayWait || (!watched->foundAtLoad && watched->written == written)))
        return;
    m_lastSaved.insert(absolute, { disk.text, written, true });
    // A file that no longer reads as source (binary, not UTF-8) but was fine
    // when V8 compiled it was saved since: answer that save too (the patch
    // says why). The agent's scripts can reach us after the program's output,
    // so such a save is not rare there. One saved before the start is no save.
    const bool savedSinceStart = written >= m_startedAt;
    if ((disk.ok && disk.text != live) || (!disk.ok && savedSinceStart))
        apply(script.filePath);
}

void LiveSession::onFileSaved(const QString &filePath)
{
    // "Apply on save" may be switched off while the program runs.
    if (!isRunning() || !m_watchFiles)
        return;
    // Editors often touch a file more than once per save; one save gives one
    // patch. A repeated text is skipped only while it is what runs (or on its
    // way there): after a revert or a blocked patch the same text must apply again.
    // Nor is a write the file's load found and applied first (reconcileWithDisk).
    const SourceFileText disk = readSourceFile(filePath);
    if (disk.ok) {
        const QDateTime written = QFileInfo(filePath).lastModified();
        const auto last = m_lastSaved.constFind(filePath);
        if (last != m_lastSaved.constEnd() && last->text == disk.text
            && (m_savesInFlight.value(filePath) > 0 || liveSourceOf(filePath) == disk.text
                || (last->foundAtLoad && last->written == written)))
            return;
        m_lastSaved.insert(filePath, { disk.text, written, false });
    }
    ++m_savesInFlight[filePath];
    apply(filePath, std::nullopt, QVariant::fromValue(InternalTag {}));
}

} // namespace graft
