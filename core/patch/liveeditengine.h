// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchengine.h"
#include "patch/quickedit.h"

#include "cdp/cdptypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QStringList>

#include <memory>
#include <optional>

namespace graft {

// The LiveEdit engine: analyse the edit with V8's own LiveEdit rule →
// Debugger.setScriptSource (in the steps the analysis asks for) → classify
// V8's answer honestly → verify on live instances.
class LiveEditEngine : public PatchEngine
{
    Q_OBJECT
public:
    LiveEditEngine(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent = nullptr);

    PatchEngineKind kind() const override { return PatchEngineKind::LiveEdit; }
    void apply(PatchReport report, bool isModule, Done done) override;
    // The analysis models that V8's LiveEdit (its diff changed in 10.5).
    void setRuntimeV8Version(const QString &version) override { m_v8Version = version; }

private:
    // One edit as V8 receives it: the analysis's intermediate sources, then the new one.
    struct StepState
    {
        PatchReport report;
        Done done;
        CdpReply analysis;
        QStringList steps;
        int next = 0;
        double applyMs = 0;
        QElapsedTimer stepTimer; // since the current step went to V8
        // Sent ahead of the analysis's answer: V8's answer waits here for it.
        bool analysisPending = false;
        std::optional<SetSourceResult> applied;
    };
    void sendStep(std::shared_ptr<StepState> state);
    void stepAnswered(std::shared_ptr<StepState> state, const SetSourceResult &result);
    void stepsDone(std::shared_ptr<StepState> state, const SetSourceResult &result);
    void finishWithVerdicts(std::shared_ptr<StepState> state, const SetSourceResult &result);
    // The main thread's inspector, or a worker thread's own (made when first needed).
    LiveInspector *inspectorFor(const QString &target);

    CdpClient *m_client;
    ScriptRegistry *m_registry;
    LiveInspector *m_inspector;
    QHash<QString, LiveInspector *> m_workerInspectors; // by target, while the worker lives
    QString m_v8Version;
    // Per script, what earlier patches left behind, by position in its live
    // source: functions whose closures stay on old code (LiveEdit no longer
    // finds them) and top-level functions the program never created.
    QHash<QString, QJsonArray> m_carried;
    // Per script, the tokens of its running source a save may rewrite before the
    // analysis answers (the last analysis's `quickTokens`).
    QHash<QString, QuickEditTokens> m_quickTokens;
};

} // namespace graft
