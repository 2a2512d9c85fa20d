// SPDX-License-Identifier: MIT
#include "patch/liveeditengine.h"

#include "cdp/cdpclient.h"
#include "inspect/liveinspector.h"
#include "patch/changereport.h"
#include "patch/patchverifier.h"
#include "session/scriptregistry.h"

#include <QJsonArray>

namespace graft {

LiveEditEngine::LiveEditEngine(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent)
    : PatchEngine(parent)
    , m_client(client)
    , m_registry(registry)
    , m_inspector(inspector)
{
    connect(m_client, &CdpClient::targetDetached, this, [this](const QString &target) {
        if (LiveInspector *gone = m_workerInspectors.take(target))
            gone->deleteLater();
    });
}

LiveInspector *LiveEditEngine::inspectorFor(const QString &target)
{
    if (target.isEmpty())
        return m_inspector;
    LiveInspector *&inspector = m_workerInspectors[target];
    if (!inspector)
        inspector = new LiveInspector(m_client, this, target);
    return inspector;
}

void LiveEditEngine::apply(PatchReport report, bool isModule, Done done)
{
    // The analysis decides how the edit may be sent to V8 — as it is, in two
    // steps (an edit V8 10.2 would crash on, crbug 1328453), or not at all (an ES
    // module's imports changed) — so it normally comes first. An edit that only
    // rewrites literal tokens inside compiled functions (a message, a number)
    // provably needs neither: the runtime says so ahead of its answer, and the
    // edit goes to V8 at once, the analysis beside it. That check needs the old
    // source described, which the script's previous patch did.
    auto state = std::make_shared<StepState>();
    state->report = std::move(report);
    state->done = std::move(done);
    ChangeAnalysisRequest request;
    request.oldSource = state->report.previousSource;
    request.newSource = state->report.newSource;
    request.isModule = isModule;
    // Nothing is carried before a script's first patch: the analysis then starts
    // from the source as loaded.
    if (m_carried.contains(state->report.scriptId))
        request.carried = m_carried.value(state->report.scriptId);
    request.holderKnown = !m_inspector->scopeHolder(state->report.scriptId).isEmpty();
    request.v8Version = m_v8Version;

    // A worker's script is sent through its thread's session, not by the runtime's analysis.
    if (splitScriptId(state->report.scriptId).first.isEmpty())
        request.scriptId = state->report.scriptId;

    AnalysisHandlers handlers;
    if (m_quickTokens.value(request.scriptId).allowsEdit(request.oldSource, request.newSource)) {
        // Known from the last analysis: this edit may go to V8 now, before the analysis is asked.
        state->steps = QStringList { state->report.newSource };
        state->analysisPending = true;
        sendStep(state);
    } else if (request.carried) {
        handlers.safeToApply = [this, state](bool sentByRuntime) {
            state->steps = QStringList { state->report.newSource };
            state->analysisPending = true;
            if (sentByRuntime)
                state->stepTimer.start(); // V8's answer comes to handlers.applied
            else
                sendStep(state);
        };
        handlers.applied = [this, state](const SetSourceResult &result) { stepAnswered(state, result); };
    }
    QElapsedTimer analysisTimer;
    analysisTimer.start();
    handlers.done = [this, state, analysisTimer](const CdpReply &analysis) {
        state->analysis = analysis;
        state->report.analysisMs = analysisTimer.nsecsElapsed() / 1e6;
        if (state->analysisPending) {
            state->analysisPending = false;
            if (state->applied)
                finishWithVerdicts(state, *state->applied);
            return;
        }
        const QJsonObject refusal = analysis.result.value(QLatin1String("refuse")).toObject();
        if (analysis.ok && !refusal.isEmpty()) {
            state->done(
                refusedReport(std::move(state->report), analysis, refusal.value(QLatin1String("message")).toString()));
            return;
        }
        for (const QJsonValue &step : analysis.result.value(QLatin1String("steps")).toArray())
            state->steps << step.toString();
        // An ES module on V8 >= 10.5 whose top-level code changed: V8 would refuse
        // the new source whole, so the last step (its functions' edits with the
        // top level as it runs) is what the program keeps.
        if (!analysis.result.value(QLatin1String("topLevelKept")).toBool())
            state->steps << state->report.newSource;
        if (state->steps.isEmpty()) {
            // Nothing V8 would take (only a module's top level changed): the
            // report still says what keeps running.
            SetSourceResult nothingSent;
            nothingSent.outcome = SetSourceResult::Outcome::Applied;
            stepsDone(state, nothingSent);
            return;
        }
        sendStep(state);
    };
    m_client->analyzeChange(request, this, std::move(handlers));
}

void LiveEditEngine::sendStep(std::shared_ptr<StepState> state)
{
    state->stepTimer.start();
    m_client->setScriptSource(state->report.scriptId, state->steps.at(state->next), this,
        [this, state](const SetSourceResult &result) { stepAnswered(state, result); });
}

void LiveEditEngine::stepAnswered(std::shared_ptr<StepState> state, const SetSourceResult &result)
{
    state->applyMs += state->stepTimer.nsecsElapsed() / 1e6;
    const bool last = state->next == state->steps.size() - 1;
    if (result.outcome == SetSourceResult::Outcome::Applied)
        m_registry->setLiveSource(state->report.scriptId, state->steps.at(state->next));
    if (result.outcome == SetSourceResult::Outcome::Applied && !last) {
        ++state->next;
        sendStep(state);
        return;
    }
    state->report.applyMs = state->applyMs;
    if (state->next > 0 && result.outcome != SetSourceResult::Outcome::Applied) {
        // The first step took: the program runs the new code, but its
        // source still carries Graft's reference; the next save replaces it.
        SetSourceResult partlyApplied = result;
        partlyApplied.outcome = SetSourceResult::Outcome::Applied;
        stepsDone(state, partlyApplied);
        return;
    }
    stepsDone(state, result);
}

void LiveEditEngine::stepsDone(std::shared_ptr<StepState> state, const SetSourceResult &result)
{
    if (state->analysisPending)
        state->applied = result; // finished when the analysis answers
    else
        finishWithVerdicts(state, result);
}

void LiveEditEngine::finishWithVerdicts(std::shared_ptr<StepState> state, const SetSourceResult &result)
{
    PatchReport composed = composeReport(std::move(state->report), result, state->analysis);
    const QJsonValue quickTokens = state->analysis.result.value(QLatin1String("quickTokens"));
    if (composed.succeeded() && state->analysis.ok && quickTokens.isArray()
        && m_registry->liveSource(composed.scriptId) == composed.newSource)
        m_quickTokens.insert(composed.scriptId, QuickEditTokens(composed.newSource, quickTokens.toArray()));
    else
        m_quickTokens.remove(composed.scriptId);
    if (composed.succeeded() && state->analysis.ok) {
        // Closures V8 left on an old script and functions never created: no later patch reaches them.
        m_carried.insert(composed.scriptId, state->analysis.result.value(QLatin1String("carried")).toArray());
    }
    if (!composed.succeeded() || !state->analysis.ok) {
        state->done(composed);
        return;
    }
    // Verification reads the live functions of the thread that runs the file: a
    // file only a worker runs is checked in that worker's heap, under its own ids.
    const auto [target, scriptId] = splitScriptId(composed.scriptId);
    const QString fullId = composed.scriptId;
    composed.scriptId = scriptId;
    verifyPatch(inspectorFor(target), composed, state->analysis.result, this,
        [done = state->done, fullId](PatchReport verified) {
            verified.scriptId = fullId;
            done(std::move(verified));
        });
}

} // namespace graft
