// SPDX-License-Identifier: MIT
// LiveInspector, part two: reading what a live function closes over (its scopes
// and their variables) and an expanded value's properties. liveinspector.cpp
// holds the search for live functions and the handles' lifetime.
#include "inspect/liveinspector.h"

#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

QList<ScopeVariable> LiveInspector::variablesFromProperties(const QJsonArray &properties)
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

void LiveInspector::scopeListOf(const QString &functionObjectId, QObject *context, ScopesHandler done)
{
    const QJsonObject params { { QStringLiteral("objectId"), functionObjectId },
        { QStringLiteral("ownProperties"), true } };
    request(QStringLiteral("Runtime.getProperties"), params, context, [this, context, done](const CdpReply &reply) {
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
        request(QStringLiteral("Runtime.getProperties"),
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
    request(QStringLiteral("Runtime.getProperties"), params, context, [done](const CdpReply &reply) {
        done(reply.ok, variablesFromProperties(reply.result.value(QLatin1String("result")).toArray()));
    });
}

} // namespace graft
