// SPDX-License-Identifier: MIT
#include "panes/livevaluehover.h"

#include "cdp/cdpclient.h"
#include "debug/debugger.h"
#include "editor/codeeditor.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"

#include <QJsonObject>
#include <QPointer>
#include <QToolTip>

namespace graft {

LiveValueHover::LiveValueHover(LiveSession *session, BindingsOf bindingsOf, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_bindingsOf(std::move(bindingsOf))
{
}

void LiveValueHover::show(CodeEditor *editor, const QString &filePath, int position, const QPoint &globalPos)
{
    const quint64 serial = ++m_serial;
    const ScriptInfo *script = m_session->scripts()->findByFile(filePath);
    if (!script || !m_session->isRunning() || !m_session->client() || m_session->debugger()->isPaused())
        return;
    // Scintilla counts UTF-8 bytes, the analysis UTF-16 code units.
    const QString text = editor->text();
    const int offset = static_cast<int>(QString::fromUtf8(text.toUtf8().left(position)).size());
    QPointer<CdpClient> client = m_session->client();
    client->outlineSource(
        text, script->isModule, this,
        [=, this](const CdpReply &reply) {
            if (serial != m_serial || !reply.ok)
                return;
            const QJsonObject at = reply.result.value(QLatin1String("at")).toObject();
            if (at.value(QLatin1String("scope")).toString() != QLatin1String("top"))
                return;
            showValue(filePath, at.value(QLatin1String("name")).toString(), globalPos, serial);
        },
        offset);
}

void LiveValueHover::showValue(const QString &filePath, const QString &name, const QPoint &globalPos, quint64 serial)
{
    m_session->readTopLevelValue(filePath, name, this, [=, this](const EvaluateResult &result) {
        if (serial != m_serial || !result.ok)
            return; // not alive (a binding no function uses, or one the save only declared)
        QString text = tr("%1 = %2 (live)").arg(name, result.value.display());
        for (const BindingChange &binding : m_bindingsOf(filePath)) {
            if (binding.name == name && binding.stale)
                text += QLatin1Char('\n') + tr("the source says %1: Re-initialize gives it that").arg(binding.source);
        }
        m_lastText = text;
        QToolTip::showText(globalPos, text);
        Q_EMIT shown(text);
    });
}

} // namespace graft
