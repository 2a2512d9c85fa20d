// SPDX-License-Identifier: MIT
#pragma once

#include "patch/enginekind.h"
#include "patch/patchreport.h"

#include "cdp/cdptypes.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QVariant>

#include <functional>
#include <memory>
#include <optional>

namespace graft {

class CdpClient;
class PatchEngine;
class ScriptRegistry;

// Turns a save into a patch: read the file (UTF-8) → find its loaded script →
// compare with the source it runs (`unchanged`) → hand the edit to the session's
// engine (LiveEdit or swap) → the file's scripts on other threads → the report.
// Patches run one at a time in the order requested, so two quick saves are
// applied in order.
class PatchPipeline : public QObject
{
    Q_OBJECT
public:
    // Takes `engine` over (it becomes the pipeline's child).
    PatchPipeline(CdpClient *client, ScriptRegistry *registry, PatchEngine *engine, QObject *parent = nullptr);

    // `source` replaces reading the file (an editor buffer, a control command).
    // `tag` comes back with the report (e.g. a control command's id).
    void apply(const QString &filePath, std::optional<QString> source = std::nullopt, QVariant tag = {});
    bool busy() const { return m_running; }
    // The V8 the program runs on, as the runtime said when it started.
    void setRuntimeV8Version(const QString &version);
    PatchEngineKind engineKind() const;
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

    CdpClient *m_client;
    ScriptRegistry *m_registry;
    PatchEngine *m_engine;
    QQueue<Request> m_queue;
    bool m_running = false;
    Request m_current;
    QList<ScriptInfo> m_otherThreads; // the current request's file on other threads
    QString m_firstThread;            // the thread whose script the report is about
    QElapsedTimer m_timer;
};

} // namespace graft
