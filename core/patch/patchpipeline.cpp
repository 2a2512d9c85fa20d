// SPDX-License-Identifier: MIT
#include "patch/patchpipeline.h"

#include "cdp/cdpclient.h"
#include "patch/sourcefile.h"
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

PatchPipeline::PatchPipeline(CdpClient *client, ScriptRegistry *registry, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_registry(registry)
{
}

void PatchPipeline::apply(const QString &filePath, std::optional<QString> source, QVariant tag)
{
    m_queue.enqueue(Request {QFileInfo(filePath).absoluteFilePath(), std::move(source), std::move(tag)});
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

    const ScriptInfo *script = m_registry->findByFile(m_current.filePath);
    if (!script) {
        report.status = PatchStatus::NotLoaded;
        report.message = QStringLiteral("%1 is not loaded by the running program").arg(QFileInfo(report.file).fileName());
        finish(report);
        return;
    }
    report.scriptId = script->scriptId;

    withLiveSource(report.scriptId, [this, report](bool ok, const QString &liveSource) mutable {
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
        QElapsedTimer applyTimer;
        applyTimer.start();
        m_client->setScriptSource(report.scriptId, report.newSource, this,
                                  [this, report, applyTimer](const SetSourceResult &result) mutable {
            report.applyMs = applyTimer.nsecsElapsed() / 1e6;
            switch (result.outcome) {
            case SetSourceResult::Outcome::Applied:
                report.status = PatchStatus::Applied;
                m_registry->setLiveSource(report.scriptId, report.newSource);
                break;
            case SetSourceResult::Outcome::CompileError:
                report.status = PatchStatus::CompileError;
                report.errorLine = result.line;
                report.errorColumn = result.column;
                break;
            case SetSourceResult::Outcome::Blocked:
                report.status = PatchStatus::Blocked;
                break;
            case SetSourceResult::Outcome::Failed:
                report.status = PatchStatus::Error;
                break;
            }
            report.message = result.message;
            finish(report);
        });
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
    report.ms = m_timer.nsecsElapsed() / 1e6;
    const QVariant tag = m_current.tag;
    Q_EMIT patchFinished(report, tag);
    startNext();
}

} // namespace graft
