// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"
#include "patch/quickedit.h"

#include "cdp/cdptypes.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QQueue>
#include <QStringList>
#include <QVariant>

#include <memory>
#include <optional>

namespace graft {

class CdpClient;
class LiveInspector;
class ScriptRegistry;

// Turns a save into a patch: read the file (UTF-8) → find its loaded script →
// analyse the edit with V8's own LiveEdit rule → Debugger.setScriptSource (in
// the steps the analysis asks for) → classify V8 10.2's answer honestly →
// verify on live instances. Patches run one
// at a time in the order requested, so two quick saves are applied in order.
class PatchPipeline : public QObject
{
    Q_OBJECT
public:
    PatchPipeline(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent = nullptr);

    // `source` replaces reading the file (an editor buffer, a control command).
    // `tag` comes back with the report (e.g. a control command's id).
    void apply(const QString &filePath, std::optional<QString> source = std::nullopt, QVariant tag = {});
    bool busy() const { return m_running; }
    // The V8 the program runs on, as the runtime said when it started: the
    // analysis models that V8's LiveEdit (its diff changed in 10.5).
    void setRuntimeV8Version(const QString &version) { m_v8Version = version; }
    int queued() const { return static_cast<int>(m_queue.size()); }

Q_SIGNALS:
    void patchFinished(const graft::PatchReport &report, const QVariant &tag);

private:
    struct Request
    {
        QString filePath;
        std::optional<QString> source;
        QVariant tag;
    };
    void startNext();
    void withLiveSource(const QString &scriptId, std::function<void(bool ok, const QString &source)> next);
    void finish(PatchReport report);
    // The file's scripts on other threads (patchthreads.cpp): each gets the new
    // source once the first thread's patch is known; then the report goes out.
    void patchOtherThreads(PatchReport report);
    void patchNextThread(std::shared_ptr<PatchReport> report, QList<ScriptInfo> remaining);
    void emitReport(PatchReport report);
    void applyWithAnalysis(PatchReport report, bool isModule);
    // One edit as V8 receives it: the analysis's intermediate sources, then the new one.
    struct StepState
    {
        PatchReport report;
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

    CdpClient *m_client;
    ScriptRegistry *m_registry;
    LiveInspector *m_inspector;
    QQueue<Request> m_queue;
    bool m_running = false;
    QString m_v8Version;
    Request m_current;
    QList<ScriptInfo> m_otherThreads; // the current request's file on other threads
    QString m_firstThread;            // the thread whose script the report is about
    QElapsedTimer m_timer;
    // Per script, what earlier patches left behind, by position in its live
    // source: functions whose closures stay on old code (LiveEdit no longer
    // finds them) and top-level functions the program never created.
    QHash<QString, QJsonArray> m_carried;
    // Per script, the tokens of its running source a save may rewrite before the
    // analysis answers (the last analysis's `quickTokens`).
    QHash<QString, QuickEditTokens> m_quickTokens;
};

} // namespace graft
