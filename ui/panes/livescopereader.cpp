// SPDX-License-Identifier: MIT
#include "panes/livescopereader.h"

#include "cdp/cdpclient.h"
#include "inspect/liveinspector.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"

#include <QJsonObject>
#include <QPointer>

namespace graft {

LiveScopeReader::LiveScopeReader(LiveSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
}

void LiveScopeReader::read(
    const QString &filePath, const QString &name, int line, std::function<void(const FunctionScopes &)> done)
{
    const quint64 serial = ++m_serial;
    const ScriptInfo *script = m_session->scripts()->findByFile(filePath);
    if (!script || !m_session->client() || !m_session->inspector() || !m_session->isRunning()) {
        FunctionScopes answer;
        answer.error = m_session->isRunning() ? tr("%1 is not loaded by the running program").arg(filePath)
                                              : tr("the program is not running");
        done(answer);
        return;
    }
    release(); // the previous read's values
    releaseKept();
    const bool isModule = script->isModule;
    QPointer<CdpClient> client = m_session->client();
    const QString scriptId = script->scriptId;
    client->getScriptSource(scriptId, this, [=, this](bool ok, const QString &source) {
        if (serial != m_serial || !client || client != m_session->client())
            return;
        if (!ok) {
            FunctionScopes answer;
            answer.error = source;
            done(answer);
            return;
        }
        client->outlineSource(source, isModule, this, [=, this](const CdpReply &reply) {
            if (serial != m_serial || !client || client != m_session->client())
                return;
            const SourceOutline outline = sourceOutlineFromJson(reply.result);
            const FunctionOutline *function = reply.ok ? pickFunction(outline, name, line) : nullptr;
            if (!function) {
                FunctionScopes answer;
                answer.error = !reply.ok ? reply.errorMessage
                    : name.isEmpty()     ? tr("no function at line %1").arg(line)
                                         : tr("no function named %1").arg(name);
                done(answer);
                return;
            }
            readFunction(scriptId, *function, serial, done);
        });
    });
}

void LiveScopeReader::readFunction(const QString &scriptId, const FunctionOutline &function, quint64 serial,
    std::function<void(const FunctionScopes &)> done)
{
    QPointer<LiveInspector> inspector = m_session->inspector();
    QPointer<CdpClient> client = m_session->client();
    FunctionScopes answer;
    answer.function = function;
    // A function of this script: another file (or Node's own code) may hold one with the same text.
    // Found under a kept handle: finding it frees the array of every function of the heap at once.
    inspector->findLiveFunction(
        { function.text }, scriptId, this,
        [=, this](const QString &kept, const QString &) mutable {
            if (serial != m_serial || !client || client != m_session->client()) {
                if (client && !kept.isEmpty())
                    client->call(
                        QStringLiteral("Runtime.releaseObject"), { { QStringLiteral("objectId"), kept } }, this, {});
                return;
            }
            if (kept.isEmpty()) {
                answer.error
                    = tr("%1 has no live instance (it was never created, or nothing keeps it)").arg(function.name);
                done(answer);
                return;
            }
            m_kept = kept;
            m_keptFunction = function;
            m_keptClient = client;
            readScopes(kept, answer, serial, done);
        },
        true);
}

void LiveScopeReader::reread(std::function<void(const FunctionScopes &)> done)
{
    const quint64 serial = ++m_serial;
    FunctionScopes answer;
    answer.function = m_keptFunction;
    if (m_kept.isEmpty() || !m_keptClient || m_keptClient != m_session->client() || !m_session->isRunning()) {
        answer.error = tr("nothing read yet in this run of the program");
        done(answer);
        return;
    }
    release(); // the previous read's values
    readScopes(m_kept, answer, serial, std::move(done));
}

void LiveScopeReader::readScopes(
    const QString &kept, FunctionScopes answer, quint64 serial, std::function<void(const FunctionScopes &)> done)
{
    // A restart replaces the client and the inspector; answers from old ones are dropped.
    QPointer<LiveInspector> inspector = m_session->inspector();
    QPointer<CdpClient> client = m_session->client();
    auto current = [=, this] {
        return serial == m_serial && inspector && inspector == m_session->inspector() && client == m_session->client();
    };
    // The values are read through a temporary handle, so that they can be released.
    inspector->temporaryHandle(kept, this, [=, this](const QString &handle, const QString &error) mutable {
        if (!current())
            return;
        if (handle.isEmpty()) {
            answer.error = error;
            done(answer);
            return;
        }
        inspector->scopesOf(handle, this, [=](bool ok, const QList<ScopeInfo> &scopes, const QString &why) mutable {
            if (!current())
                return;
            answer.ok = ok;
            answer.error = why;
            answer.scopes = scopes;
            done(answer);
        });
    });
}

void LiveScopeReader::releaseKept()
{
    if (m_keptClient && m_keptClient == m_session->client() && !m_kept.isEmpty())
        m_keptClient->call(
            QStringLiteral("Runtime.releaseObject"), { { QStringLiteral("objectId"), m_kept } }, this, {});
    m_kept.clear();
    m_keptClient.clear();
}

void LiveScopeReader::propertiesOf(const QString &objectId, QObject *context,
    std::function<void(bool ok, const QList<ScopeVariable> &properties)> done)
{
    if (LiveInspector *inspector = m_session->inspector(); inspector && m_session->isRunning())
        inspector->propertiesOf(objectId, context, std::move(done));
    else
        done(false, {});
}

void LiveScopeReader::release()
{
    if (LiveInspector *inspector = m_session->inspector(); inspector && m_session->isRunning())
        inspector->releaseObjects();
}

} // namespace graft
