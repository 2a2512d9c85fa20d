// SPDX-License-Identifier: MIT
#include "patch/swapengine.h"

#include "cdp/cdpclient.h"
#include "inspect/liveinspector.h"
#include "patch/changereport.h"
#include "patch/patchverifier.h"
#include "session/scriptregistry.h"

namespace graft {

namespace {

constexpr int kMethodNotFound = -32601; // JSON-RPC's, as the agent and graft-runtime answer it

} // namespace

SwapEngine::SwapEngine(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent)
    : PatchEngine(parent)
    , m_client(client)
    , m_registry(registry)
    , m_inspector(inspector)
    , m_workers(new LiveEditEngine(client, registry, inspector, this))
{
}

void SwapEngine::setRuntimeV8Version(const QString &version) { m_workers->setRuntimeV8Version(version); }

void SwapEngine::apply(PatchReport report, bool isModule, Done done)
{
    const ScriptInfo *script = m_registry->findById(report.scriptId);
    if (!script) {
        // Gone while its live source was read (a worker ended).
        report.status = PatchStatus::Error;
        report.message = QStringLiteral("%1 is no longer loaded by the running program").arg(report.file);
        done(std::move(report));
        return;
    }
    if (!script->target.isEmpty()) {
        // Only workers run the file (the main thread's script would come first).
        m_workers->apply(std::move(report), isModule, std::move(done));
        return;
    }
    const QString scriptId = report.scriptId;
    const QString source = report.newSource;
    // The agent checks the live instances itself, on its own session with the
    // program: no call of the check waits on this pipe.
    const QJsonObject check { { QStringLiteral("countInScope"), LiveInspector::countInScopeFunction() } };
    m_client->swapSource(scriptId, script->url, source, check, this,
        [this, report = std::move(report), done = std::move(done)](const CdpReply &answer) mutable {
            PatchReport composed = swapReport(std::move(report), answer);
            if (!composed.succeeded()) {
                done(std::move(composed));
                return;
            }
            m_registry->setLiveSource(composed.scriptId, composed.newSource);
            m_inspector->keepModuleEvaluator(
                composed.scriptId, answer.result.value(QLatin1String("scopeHolder")).toString());
            if (applyCheckedAnswer(composed, answer.result)) {
                done(std::move(composed));
                return;
            }
            verifyPatch(m_inspector, std::move(composed), answer.result, this, std::move(done));
        });
}

PatchReport swapReport(PatchReport report, const CdpReply &answer)
{
    if (!answer.ok) {
        report.status = PatchStatus::Error;
        report.message = answer.errorCode == kMethodNotFound
            ? QStringLiteral("the swap engine is not available on this runtime: it does not answer Graft.swap (%1)")
                  .arg(answer.errorMessage)
            : QStringLiteral("the swap engine could not patch: %1").arg(answer.errorMessage);
        return report;
    }
    const QJsonObject &result = answer.result;
    report.applyMs = result.value(QLatin1String("applyMs")).toDouble();
    report.analysisMs = result.value(QLatin1String("analysisMs")).toDouble();
    // The answer's functions and bindings are the LiveEdit analysis's shape: the
    // same composer reads them, so the report cannot differ by engine.
    CdpReply analysis;
    analysis.ok = true;
    analysis.result = result;
    const QString status = result.value(QLatin1String("status")).toString();
    const QString message = result.value(QLatin1String("message")).toString();
    if (status == QLatin1String("Refused"))
        return refusedReport(std::move(report), analysis,
            message.isEmpty() ? QStringLiteral("the swap engine refused the edit") : message);
    SetSourceResult applied;
    applied.message = message;
    if (status == QLatin1String("Ok")) {
        applied.outcome = SetSourceResult::Outcome::Applied;
    } else if (status == QLatin1String("CompileError")) {
        applied.outcome = SetSourceResult::Outcome::CompileError;
        applied.line = result.value(QLatin1String("lineNumber")).toInt() + 1;
        applied.column = result.value(QLatin1String("columnNumber")).toInt() + 1;
    } else {
        applied.outcome = SetSourceResult::Outcome::Failed;
        applied.message = QStringLiteral("the agent answered an unknown swap status: \"%1\"").arg(status);
    }
    return composeReport(std::move(report), applied, analysis);
}

} // namespace graft
