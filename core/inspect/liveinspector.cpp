// SPDX-License-Identifier: MIT
#include "inspect/liveinspector.h"

#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

namespace {

const QString kObjectGroup = QStringLiteral("graft-inspect");
// Functions kept as windows onto their script's scope, one per script.
const QString kKeptGroup = QStringLiteral("graft-scope-holders");

// These run in the user's realm. Plain loops and built-ins taken up front: the
// program may have replaced Array.prototype methods.
const QString kCountInScope = QStringLiteral(R"JS(function (texts) {
  const toString = Function.prototype.toString;
  const ownNames = Object.getOwnPropertyNames;
  const describe = Object.getOwnPropertyDescriptor;
  const counts = [];
  for (let k = 0; k < texts.length; k++) counts[k] = 0;
  const seen = new WeakSet();
  function check(f) {
    if (typeof f !== 'function' || seen.has(f)) return;
    seen.add(f);
    let text;
    try { text = toString.call(f); } catch (e) { return; }
    for (let k = 0; k < texts.length; k++) if (texts[k] === text) counts[k]++;
  }
  function visit(o, depth) {
    if (o === null || (typeof o !== 'object' && typeof o !== 'function') || depth > 2) return;
    let names;
    try { names = ownNames(o); } catch (e) { return; }
    for (let i = 0; i < names.length && i < 1000; i++) {
      let d;
      try { d = describe(o, names[i]); } catch (e) { continue; }
      if (!d) continue;
      if ('value' in d) { check(d.value); visit(d.value, depth + 1); }
      else { check(d.get); check(d.set); }
    }
  }
  visit(this, 0);
  return counts;
})JS");

const QString kFindByText = QStringLiteral(R"JS(function (texts) {
  const toString = Function.prototype.toString;
  for (let i = 0; i < this.length; i++) {
    let text;
    try { text = toString.call(this[i]); } catch (e) { continue; }
    for (let k = 0; k < texts.length; k++) if (texts[k] === text) return this[i];
  }
  return undefined;
})JS");

QList<ScopeVariable> variablesFrom(const QJsonArray &properties)
{
    QList<ScopeVariable> variables;
    for (const QJsonValue &value : properties) {
        const QJsonObject property = value.toObject();
        if (!property.contains(QLatin1String("value")))
            continue; // accessors: reading them would run user code
        variables.append(ScopeVariable { property.value(QLatin1String("name")).toString(),
            remoteValueFromJson(property.value(QLatin1String("value")).toObject()) });
    }
    return variables;
}

} // namespace

LiveInspector::LiveInspector(CdpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{
}

void LiveInspector::withAllFunctions(QObject *context, std::function<void(const QString &, const QString &)> next)
{
    const QJsonObject prototype { { QStringLiteral("expression"), QStringLiteral("Function.prototype") },
        { QStringLiteral("objectGroup"), kObjectGroup } };
    m_client->call(
        QStringLiteral("Runtime.evaluate"), prototype, context, [this, context, next](const CdpReply &reply) {
            const QString prototypeId
                = reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("objectId")).toString();
            if (!reply.ok || prototypeId.isEmpty()) {
                next({}, reply.ok ? QStringLiteral("Function.prototype is not reachable") : reply.errorMessage);
                return;
            }
            const QJsonObject query { { QStringLiteral("prototypeObjectId"), prototypeId },
                { QStringLiteral("objectGroup"), kObjectGroup } };
            m_client->call(QStringLiteral("Runtime.queryObjects"), query, context, [next](const CdpReply &objects) {
                next(objects.result.value(QLatin1String("objects"))
                         .toObject()
                         .value(QLatin1String("objectId"))
                         .toString(),
                    objects.ok ? QString() : objects.errorMessage);
            });
        });
}

void LiveInspector::countFunctionsInScope(
    const QString &scopeObjectId, const QStringList &texts, QObject *context, CountsHandler done)
{
    const QJsonObject params { { QStringLiteral("objectId"), scopeObjectId },
        { QStringLiteral("functionDeclaration"), kCountInScope },
        { QStringLiteral("arguments"),
            QJsonArray { QJsonObject { { QStringLiteral("value"), QJsonArray::fromStringList(texts) } } } },
        { QStringLiteral("returnByValue"), true } };
    m_client->call(QStringLiteral("Runtime.callFunctionOn"), params, context, [done](const CdpReply &reply) {
        QList<int> counts;
        const QJsonArray values
            = reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("value")).toArray();
        for (const QJsonValue &value : values)
            counts.append(value.toInt());
        done(reply.ok && !reply.result.contains(QLatin1String("exceptionDetails")), counts, reply.errorMessage);
    });
}

void LiveInspector::findLiveFunction(const QStringList &texts, QObject *context, FunctionHandler done, bool keep)
{
    withAllFunctions(context, [this, texts, context, done, keep](const QString &arrayId, const QString &error) {
        if (arrayId.isEmpty()) {
            done({}, error);
            return;
        }
        const QJsonObject params { { QStringLiteral("objectId"), arrayId },
            { QStringLiteral("functionDeclaration"), kFindByText },
            { QStringLiteral("arguments"),
                QJsonArray { QJsonObject { { QStringLiteral("value"), QJsonArray::fromStringList(texts) } } } },
            { QStringLiteral("objectGroup"), keep ? kKeptGroup : kObjectGroup } };
        m_client->call(
            QStringLiteral("Runtime.callFunctionOn"), params, context, [this, done, keep](const CdpReply &reply) {
                if (keep)
                    releaseObjects(); // the array of every function; the kept answer lives on
                const QString objectId = reply.result.value(QLatin1String("result"))
                                             .toObject()
                                             .value(QLatin1String("objectId"))
                                             .toString();
                done(objectId, objectId.isEmpty() ? QStringLiteral("no live instance of this function") : QString());
            });
    });
}

void LiveInspector::scopeListOf(const QString &functionObjectId, QObject *context, ScopesHandler done)
{
    const QJsonObject params { { QStringLiteral("objectId"), functionObjectId },
        { QStringLiteral("ownProperties"), true } };
    m_client->call(
        QStringLiteral("Runtime.getProperties"), params, context, [this, context, done](const CdpReply &reply) {
            QString scopesId;
            for (const QJsonValue &value : reply.result.value(QLatin1String("internalProperties")).toArray()) {
                if (value.toObject().value(QLatin1String("name")) == QLatin1String("[[Scopes]]"))
                    scopesId = value.toObject()
                                   .value(QLatin1String("value"))
                                   .toObject()
                                   .value(QLatin1String("objectId"))
                                   .toString();
            }
            if (scopesId.isEmpty()) {
                done(false, {}, reply.ok ? QStringLiteral("the function has no [[Scopes]]") : reply.errorMessage);
                return;
            }
            m_client->call(QStringLiteral("Runtime.getProperties"),
                { { QStringLiteral("objectId"), scopesId }, { QStringLiteral("ownProperties"), true } }, context,
                [done](const CdpReply &list) {
                    QList<ScopeInfo> scopes;
                    for (const QJsonValue &value : list.result.value(QLatin1String("result")).toArray()) {
                        const QJsonObject scope = value.toObject().value(QLatin1String("value")).toObject();
                        if (scope.value(QLatin1String("objectId")).toString().isEmpty())
                            continue;
                        scopes.append(ScopeInfo { scope.value(QLatin1String("description")).toString(),
                            scope.value(QLatin1String("objectId")).toString(), {} });
                    }
                    done(list.ok, scopes, list.errorMessage);
                });
        });
}

void LiveInspector::scopesOf(const QString &functionObjectId, QObject *context, ScopesHandler done)
{
    scopeListOf(
        functionObjectId, context, [this, context, done](bool ok, const QList<ScopeInfo> &list, const QString &error) {
            if (!ok) {
                done(false, {}, error);
                return;
            }
            // Fill each scope's variables, then answer once all have arrived.
            auto scopes = std::make_shared<QList<ScopeInfo>>(list);
            auto remaining = std::make_shared<int>(static_cast<int>(scopes->size()));
            if (*remaining == 0) {
                done(true, {}, {});
                return;
            }
            for (qsizetype i = 0; i < scopes->size(); ++i) {
                if (scopes->at(i).description.startsWith(QLatin1String("Global"))) {
                    // Every global of the program: not what a closure captures, and slow to list.
                    if (--*remaining == 0)
                        done(true, *scopes, {});
                    continue;
                }
                propertiesOf(scopes->at(i).objectId, context,
                    [scopes, remaining, i, done](bool, const QList<ScopeVariable> &variables) {
                        (*scopes)[i].variables = variables;
                        if (--*remaining == 0)
                            done(true, *scopes, {});
                    });
            }
        });
}

void LiveInspector::propertiesOf(
    const QString &objectId, QObject *context, std::function<void(bool, const QList<ScopeVariable> &)> done)
{
    const QJsonObject params { { QStringLiteral("objectId"), objectId }, { QStringLiteral("ownProperties"), true },
        { QStringLiteral("generatePreview"), true } };
    m_client->call(QStringLiteral("Runtime.getProperties"), params, context, [done](const CdpReply &reply) {
        done(reply.ok, variablesFrom(reply.result.value(QLatin1String("result")).toArray()));
    });
}

void LiveInspector::temporaryHandle(const QString &objectId, QObject *context, FunctionHandler done)
{
    // Values read through a handle belong to the handle's group: read a kept
    // function through a temporary handle so those values can be released.
    const QJsonObject params { { QStringLiteral("objectId"), objectId },
        { QStringLiteral("functionDeclaration"), QStringLiteral("function () { return this; }") },
        { QStringLiteral("objectGroup"), kObjectGroup } };
    m_client->call(QStringLiteral("Runtime.callFunctionOn"), params, context, [done](const CdpReply &reply) {
        done(reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("objectId")).toString(),
            reply.errorMessage);
    });
}

void LiveInspector::releaseObjects()
{
    m_client->call(
        QStringLiteral("Runtime.releaseObjectGroup"), { { QStringLiteral("objectGroup"), kObjectGroup } }, this, {});
}

} // namespace graft
