// SPDX-License-Identifier: MIT
// PatchPipeline, part two: a file loaded by more than one thread (the main thread
// and worker_threads Workers, each an isolate of its own with its own script for
// the file). The first thread's patch is analysed, applied and verified as any
// other; every other thread then gets the same new source (through LiveEdit:
// the engine that reaches a worker's isolate), and the report says per thread
// what happened.
#include "patch/patchpipeline.h"

#include "cdp/cdpclient.h"
#include "patch/patchengine.h"
#include "session/scriptregistry.h"

namespace graft {

namespace {

PatchStatus statusOf(const SetSourceResult &result)
{
    switch (result.outcome) {
    case SetSourceResult::Outcome::Applied:
        return PatchStatus::Applied;
    case SetSourceResult::Outcome::CompileError:
        return PatchStatus::CompileError;
    case SetSourceResult::Outcome::Blocked:
        return PatchStatus::Blocked;
    case SetSourceResult::Outcome::Failed:
        return PatchStatus::Error;
    }
    return PatchStatus::Error;
}

// The whole patch's status once every thread answered: the first thread's,
// except that a thread that kept its old code makes a success partial, and a
// thread that took the edit makes "unchanged" (the first thread ran it already) applied.
void mergeThreadStatuses(PatchReport &report)
{
    QStringList notPatched;
    bool anyApplied = false;
    for (qsizetype i = 1; i < report.threads.size(); ++i) {
        const ThreadPatch &t = report.threads.at(i);
        if (t.status == PatchStatus::Applied)
            anyApplied = true;
        else if (t.status != PatchStatus::Unchanged)
            notPatched << QStringLiteral("%1: %2%3")
                              .arg(t.thread, patchStatusName(t.status),
                                  t.message.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(t.message));
    }
    if (report.status == PatchStatus::Unchanged && anyApplied) {
        report.status = PatchStatus::Applied;
        report.message = QStringLiteral("applied on the threads that ran older code");
    }
    if (!notPatched.isEmpty() && report.succeeded()) {
        report.status = PatchStatus::Partial;
        const QString note = QStringLiteral("not patched on %1").arg(notPatched.join(QStringLiteral("; ")));
        report.message = report.message.isEmpty() ? note : report.message + QStringLiteral("; ") + note;
    }
}

} // namespace

void PatchPipeline::patchOtherThreads(PatchReport report)
{
    // Nothing to send (the file could not be read, is loaded nowhere) or nothing
    // another thread would take (the same source fails to compile there too).
    const bool sendable = !report.newSource.isEmpty() && !report.refused && report.status != PatchStatus::CompileError
        && report.status != PatchStatus::NotLoaded && !report.scriptId.isEmpty();
    if (m_otherThreads.isEmpty() || !sendable) {
        emitReport(std::move(report));
        return;
    }
    patchNextThread(std::make_shared<PatchReport>(std::move(report)), std::exchange(m_otherThreads, {}));
}

void PatchPipeline::patchNextThread(std::shared_ptr<PatchReport> report, QList<ScriptInfo> remaining)
{
    if (remaining.isEmpty()) {
        mergeThreadStatuses(*report);
        emitReport(std::move(*report));
        return;
    }
    const ScriptInfo script = remaining.takeFirst();
    withLiveSource(script.scriptId, [this, report, remaining, script](bool ok, const QString &live) {
        if (!ok) {
            report->threads.append(ThreadPatch { script.thread, PatchStatus::Error, live });
            patchNextThread(report, remaining);
            return;
        }
        if (live == report->newSource) {
            report->threads.append(ThreadPatch { script.thread, PatchStatus::Unchanged, QString() });
            patchNextThread(report, remaining);
            return;
        }
        m_client->setScriptSource(
            script.scriptId, report->newSource, this, [this, report, remaining, script](const SetSourceResult &result) {
                if (result.outcome == SetSourceResult::Outcome::Applied)
                    m_registry->setLiveSource(script.scriptId, report->newSource);
                report->threads.append(ThreadPatch { script.thread, statusOf(result), result.message });
                patchNextThread(report, remaining);
            });
    });
}

} // namespace graft
