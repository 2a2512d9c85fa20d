// SPDX-License-Identifier: MIT
#pragma once

#include "patch/patchreport.h"

#include <QElapsedTimer>
#include <QObject>
#include <QQueue>
#include <QVariant>

#include <optional>

namespace graft {

class CdpClient;
class LiveInspector;
class ScriptRegistry;

// Turns a save into a patch: read the file (UTF-8) → find its loaded script →
// Debugger.setScriptSource → classify V8 10.2's answer honestly. Patches run one
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
    void applyWithAnalysis(PatchReport report, bool isModule);

    CdpClient *m_client;
    ScriptRegistry *m_registry;
    LiveInspector *m_inspector;
    QQueue<Request> m_queue;
    bool m_running = false;
    Request m_current;
    QElapsedTimer m_timer;
};

} // namespace graft
