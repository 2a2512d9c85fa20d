// SPDX-License-Identifier: MIT
#pragma once

#include "patch/liveeditengine.h"
#include "patch/patchengine.h"

#include "cdp/cdptypes.h"

namespace graft {

// The swap engine: Graft's agent gave each function of a main-thread module a slot as the
// module loaded, and a patch replaces what the slots hold (Graft.swap). One
// request per patch; the agent's answer is the report, which is then checked on
// the live instances the module's scope reaches, as LiveEdit's is (every call
// goes through a slot, so a swapped function's instances run its new code by
// construction; the check finds the closures the engine could not reach, and
// reads the live values of changed top-level bindings).
class SwapEngine : public PatchEngine
{
    Q_OBJECT
public:
    SwapEngine(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent = nullptr);

    PatchEngineKind kind() const override { return PatchEngineKind::Swap; }
    void apply(PatchReport report, bool isModule, Done done) override;
    void setRuntimeV8Version(const QString &version) override;

private:
    CdpClient *m_client;
    ScriptRegistry *m_registry;
    LiveInspector *m_inspector;
    // The agent instruments the main thread's modules only: a file that only
    // workers run goes through LiveEdit, as the pipeline sends every other
    // thread's copy of a file (where the runtime has LiveEdit; Node 26 without
    // --inspector-live-edit answers that it does not, and the report says so).
    LiveEditEngine *m_workers;
};

// The report of one Graft.swap answer: its `result` ({status, message,
// lineNumber, columnNumber, functions, bindings, applyMs, analysisMs}, the
// functions and bindings as the LiveEdit analysis gives them), or the call's error.
PatchReport swapReport(PatchReport report, const CdpReply &answer);

} // namespace graft
