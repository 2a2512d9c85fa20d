// SPDX-License-Identifier: MIT
// LiveSession, part three: the console in a file's top-level scope.
// livesession.cpp holds the program's life; livesessionsaves.cpp the saves.
#include "session/livesession.h"

#include "cdp/cdpclient.h"
#include "inspect/functionscopes.h"
#include "inspect/liveinspector.h"
#include "inspect/moduleconsole.h"
#include "inspect/valuepreview.h"
#include "session/scriptregistry.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>

namespace graft {

namespace {

EvaluateResult failure(const QString &error)
{
    EvaluateResult result;
    result.error = error;
    return result;
}

} // namespace

void LiveSession::findScopeHolder(const QString &filePath, QObject *context,
    std::function<void(const ScriptInfo &, const QString &, const QString &)> done)
{
    const ScriptInfo *found = m_registry->findByFile(filePath);
    if (!found) {
        done({}, {},
            QFileInfo::exists(filePath) ? QStringLiteral("%1 is not loaded by the running program").arg(filePath)
                                        : QStringLiteral("%1 does not exist").arg(filePath));
        return;
    }
    const ScriptInfo script = *found;
    if (const QString kept = m_inspector->scopeHolder(script.scriptId); !kept.isEmpty()) {
        done(script, kept, {});
        return;
    }
    QPointer<QObject> guard(context);
    m_client->getScriptSource(script.scriptId, this, [=, this](bool ok, const QString &source) {
        if (!ok) {
            done(script, {}, source);
            return;
        }
        m_client->outlineSource(source, script.isModule, this, [=, this](const CdpReply &reply) {
            QStringList texts;
            for (const FunctionOutline &f : sourceOutlineFromJson(reply.result).functions) {
                if (f.topLevel)
                    texts << f.text;
            }
            const QString name = QFileInfo(filePath).fileName();
            if (texts.isEmpty()) {
                done(script, {}, QStringLiteral("%1 has no function at its top level to reach its scope by").arg(name));
                return;
            }
            m_inspector->findLiveFunction(
                texts, script.scriptId, this,
                [=, this](const QString &holder, const QString &) {
                    if (!guard)
                        return;
                    if (holder.isEmpty()) {
                        done(script, {},
                            QStringLiteral("no function of %1's top level is alive, so its scope is gone").arg(name));
                        return;
                    }
                    m_inspector->setScopeHolder(script.scriptId, holder);
                    done(script, holder, {});
                },
                true);
        });
    });
}

void LiveSession::readTopLevelValue(
    const QString &filePath, const QString &name, QObject *context, std::function<void(const EvaluateResult &)> done)
{
    if (!m_client || !isRunning()) {
        done(failure(QStringLiteral("The program is not running.")));
        return;
    }
    QPointer<QObject> guard(context);
    QPointer<CdpClient> client = m_client;
    QPointer<LiveInspector> inspector = m_inspector;
    auto answer = [guard, done](const EvaluateResult &result) {
        if (guard)
            done(result);
    };
    findScopeHolder(filePath, this, [=](const ScriptInfo &, const QString &holder, const QString &error) {
        if (holder.isEmpty() || !inspector || !client) {
            answer(failure(error));
            return;
        }
        inspector->temporaryHandle(holder, inspector, [=](const QString &handle, const QString &why) {
            if (handle.isEmpty() || !inspector) {
                answer(failure(why));
                return;
            }
            // A top-level function's first scope is its file's (the wrapper's Closure, an ES module's Module).
            inspector->scopeListOf(handle, inspector, [=](bool ok, const QList<ScopeInfo> &scopes, const QString &e) {
                const auto scope = std::find_if(scopes.begin(), scopes.end(),
                    [](const ScopeInfo &s) { return !s.description.startsWith(QLatin1String("Global")); });
                if (!ok || scope == scopes.end() || !client) {
                    answer(failure(ok ? QStringLiteral("the file's scope is gone") : e));
                    return;
                }
                // A [[Scopes]] entry wraps the scope object V8 made of the context's variables.
                const QString read = QStringLiteral(
                    "function (name) { const scope = this.object; if (!scope || !(name in scope)) "
                    "throw new ReferenceError(name + ' is not captured by any function'); return scope[name]; }");
                client->call(QStringLiteral("Runtime.callFunctionOn"),
                    { { QStringLiteral("objectId"), scope->objectId }, { QStringLiteral("functionDeclaration"), read },
                        { QStringLiteral("arguments"),
                            QJsonArray { QJsonObject { { QStringLiteral("value"), name } } } },
                        { QStringLiteral("generatePreview"), true } },
                    inspector, [=](const CdpReply &reply) { answer(evaluateResultFromReply(reply)); });
            });
        });
    });
}

void LiveSession::evaluateInFile(const QString &filePath, const QString &expression, QObject *context,
    std::function<void(const EvaluateResult &)> done)
{
    if (!m_client || !isRunning()) {
        done(failure(QStringLiteral("The program is not running.")));
        return;
    }
    QPointer<QObject> guard(context);
    // A top-level binding that no function uses is gone once the top level has
    // run: say so rather than only "not defined".
    done = [=, this](const EvaluateResult &result) {
        static const QRegularExpression notDefined(QStringLiteral("^ReferenceError: (\\S+) is not defined"));
        const QRegularExpressionMatch match = notDefined.match(result.error);
        const ScriptInfo *script = m_registry->findByFile(filePath);
        // (A queued input passes here twice: explain once.)
        if (!match.hasMatch() || !script || !m_client || result.error.contains(QLatin1String("no function uses"))) {
            done(result);
            return;
        }
        const QString name = match.captured(1);
        const bool isModule = script->isModule;
        m_client->getScriptSource(script->scriptId, this, [=, this](bool ok, const QString &source) {
            if (!ok || !m_client) {
                done(result);
                return;
            }
            m_client->outlineSource(source, isModule, this, [=](const CdpReply &reply) {
                const SourceOutline outline = sourceOutlineFromJson(reply.result);
                const bool topLevel = std::any_of(outline.bindings.begin(), outline.bindings.end(),
                                          [&](const BindingOutline &b) { return b.name == name; })
                    || std::any_of(outline.functions.begin(), outline.functions.end(),
                        [&](const FunctionOutline &f) { return f.topLevel && f.name == name; });
                EvaluateResult explained = result;
                if (topLevel)
                    explained.error += QStringLiteral("\n%1 is a top-level binding of %2 that no function uses: V8 "
                                                      "keeps such a value only while the top level runs")
                                           .arg(name, QFileInfo(filePath).fileName());
                if (guard)
                    done(explained);
            });
        });
    };
    const ScriptInfo *known = m_registry->findByFile(filePath);
    if (known && m_console->hasEvaluator(known->scriptId)) {
        m_console->evaluate(known->scriptId, expression, context, std::move(done));
        return;
    }
    if (m_consoleEntering) {
        m_consoleWaiting.append([=, this] {
            if (guard)
                evaluateInFile(filePath, expression, guard, done);
        });
        return;
    }
    m_consoleEntering = true;
    ModuleConsole *console = m_console;
    // Whatever the outcome, the inputs that waited go next (in their order).
    auto entered = [this, console] {
        if (console != m_console)
            return; // a restart cleared the queue
        m_consoleEntering = false;
        const QList<std::function<void()>> waiting = std::exchange(m_consoleWaiting, {});
        for (const auto &next : waiting)
            next();
    };
    findScopeHolder(filePath, this, [=, this](const ScriptInfo &script, const QString &holder, const QString &error) {
        if (holder.isEmpty()) {
            if (guard)
                done(failure(error));
            entered();
            return;
        }
        m_console->prepare(
            script.scriptId, holder, script.filePath, script.isModule, this, [=, this](bool ok, const QString &why) {
                if (guard && !ok)
                    done(failure(
                        QStringLiteral("cannot enter the scope of %1: %2").arg(QFileInfo(filePath).fileName(), why)));
                else if (guard)
                    m_console->evaluate(script.scriptId, expression, context, done);
                entered();
            });
    });
}

void LiveSession::expandValue(
    const QString &objectId, QObject *context, std::function<void(bool, const QJsonArray &, const QString &)> done)
{
    if (!m_client || !isRunning()) {
        done(false, {}, QStringLiteral("The program is not running."));
        return;
    }
    expandObject(m_client, objectId, context, std::move(done));
}

} // namespace graft
