// SPDX-License-Identifier: MIT
#include "patch/patchpipeline.h"

#include "cdp/cdpclient.h"
#include "patch/sourcefile.h"
#include "session/scriptregistry.h"

#include "inspect/liveinspector.h"
#include "patch/changereport.h"
#include "patch/patchverifier.h"

#include <QFileInfo>

namespace graft {

PatchPipeline::PatchPipeline(CdpClient *client, ScriptRegistry *registry, LiveInspector *inspector, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_registry(registry)
    , m_inspector(inspector)
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
    const bool isModule = script->isModule;

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
        applyWithAnalysis(report, isModule);
    });
}

void PatchPipeline::applyWithAnalysis(PatchReport report, bool isModule)
{
    // The analysis runs on the runtime's analysis thread while LiveEdit runs on the
    // isolate's: both requests go out together and the report waits for both.
    struct Join
    {
        PatchReport report;
        std::optional<SetSourceResult> applied;
        std::optional<CdpReply> analysis;
    };
    auto join = std::make_shared<Join>();
    join->report = std::move(report);
    auto completeIfBoth = [this, join] {
        if (!join->applied || !join->analysis)
            return;
        PatchReport composed = composeReport(std::move(join->report), *join->applied, *join->analysis);
        if (!composed.succeeded() || !join->analysis->ok) {
            finish(composed);
            return;
        }
        verifyPatch(m_inspector, composed, join->analysis->result, this, [this](PatchReport verified) { finish(verified); });
    };
    QElapsedTimer applyTimer;
    applyTimer.start();
    m_client->setScriptSource(join->report.scriptId, join->report.newSource, this,
                              [this, join, applyTimer, completeIfBoth](const SetSourceResult &result) {
        join->report.applyMs = applyTimer.nsecsElapsed() / 1e6;
        if (result.outcome == SetSourceResult::Outcome::Applied)
            m_registry->setLiveSource(join->report.scriptId, join->report.newSource);
        join->applied = result;
        completeIfBoth();
    });
    m_client->analyzeChange(join->report.previousSource, join->report.newSource, isModule, this,
                            [join, completeIfBoth](const CdpReply &reply) {
        join->analysis = reply;
        completeIfBoth();
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
