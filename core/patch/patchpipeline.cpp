// SPDX-License-Identifier: MIT
#include "patch/patchpipeline.h"

#include "cdp/cdpclient.h"
#include "patch/patchengine.h"
#include "patch/sourcefile.h"
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

PatchPipeline::PatchPipeline(CdpClient *client, ScriptRegistry *registry, PatchEngine *engine, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_registry(registry)
    , m_engine(engine)
{
    m_engine->setParent(this);
}

PatchEngineKind PatchPipeline::engineKind() const { return m_engine->kind(); }

void PatchPipeline::setRuntimeV8Version(const QString &version) { m_engine->setRuntimeV8Version(version); }

void PatchPipeline::apply(const QString &filePath, std::optional<QString> source, QVariant tag)
{
    m_queue.enqueue(Request { QFileInfo(filePath).absoluteFilePath(), std::move(source), std::move(tag) });
    if (!m_running)
        startNext();
}

void PatchPipeline::startNext()
{
    if (m_queue.isEmpty()) {
        m_running = false;
        return;
    }
    m_running = true;
    m_current = m_queue.dequeue();
    m_otherThreads.clear();
    m_firstThread.clear();
    m_timer.start();

    PatchReport report;
    report.file = m_current.filePath;
    report.when = QDateTime::currentDateTime();

    QString newSource;
    if (m_current.source) {
        newSource = *m_current.source;
        if (newSource.startsWith(QChar(0xFEFF)))
            newSource.remove(0, 1);
    } else {
        const SourceFileText read = readSourceFile(m_current.filePath);
        if (!read.ok) {
            report.status = PatchStatus::Error;
            report.message = read.error;
            finish(report);
            return;
        }
        newSource = read.text;
    }
    report.newSource = newSource;

    QList<ScriptInfo> scripts = m_registry->findAllByFile(m_current.filePath);
    const ScriptInfo *script = scripts.isEmpty() ? nullptr : &scripts.first();
    if (!script) {
        report.status = PatchStatus::NotLoaded;
        report.message
            = QStringLiteral("%1 is not loaded by the running program").arg(QFileInfo(report.file).fileName());
        finish(report);
        return;
    }
    report.scriptId = script->scriptId;
    const bool isModule = script->isModule;
    m_firstThread = script->thread;
    m_otherThreads = scripts.mid(1);

    withLiveSource(report.scriptId, [this, report, isModule](bool ok, const QString &liveSource) mutable {
        if (!ok) {
            report.status = PatchStatus::Error;
            report.message = QStringLiteral("cannot read the live source: %1").arg(liveSource);
            finish(report);
            return;
        }
        report.previousSource = liveSource;
        if (liveSource == report.newSource) {
            report.status = PatchStatus::Unchanged;
            report.message = QStringLiteral("the running code already matches this source");
            finish(report);
            return;
        }
        m_engine->apply(std::move(report), isModule, [this](PatchReport applied) { finish(std::move(applied)); });
    });
}

void PatchPipeline::withLiveSource(const QString &scriptId, std::function<void(bool, const QString &)> next)
{
    if (m_registry->hasLiveSource(scriptId)) {
        next(true, m_registry->liveSource(scriptId));
        return;
    }
    m_client->getScriptSource(scriptId, this, [this, scriptId, next](bool ok, const QString &source) {
        if (ok)
            m_registry->setLiveSource(scriptId, source);
        next(ok, source);
    });
}

void PatchPipeline::finish(PatchReport report)
{
    if (!m_firstThread.isEmpty())
        report.threads.prepend(ThreadPatch { m_firstThread, report.status, QString() });
    patchOtherThreads(std::move(report));
}

void PatchPipeline::emitReport(PatchReport report)
{
    report.ms = m_timer.nsecsElapsed() / 1e6;
    const QVariant tag = m_current.tag;
    Q_EMIT patchFinished(report, tag);
    startNext();
}

} // namespace graft
