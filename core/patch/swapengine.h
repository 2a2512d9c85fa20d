// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchengine.h"

#include "cdp/cdptypes.h"

namespace graft {

// The swap engine: Graft's agent gave each function of a module a slot as the
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
    QString otherThreadsRefusal() const override;

private:
    CdpClient *m_client;
    ScriptRegistry *m_registry;
    LiveInspector *m_inspector;
};

// The report of one Graft.swap answer: its `result` ({status, message,
// lineNumber, columnNumber, functions, bindings, applyMs, analysisMs}, the
// functions and bindings as the LiveEdit analysis gives them), or the call's error.
PatchReport swapReport(PatchReport report, const CdpReply &answer);

} // namespace graft
