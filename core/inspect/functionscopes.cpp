// SPDX-License-Identifier: MIT
#include "inspect/functionscopes.h"

#include "cdp/cdpclient.h"

#include <QJsonArray>

namespace graft {

SourceOutline sourceOutlineFromJson(const QJsonObject &result)
{
    SourceOutline outline;
    for (const QJsonValue &value : result.value(QLatin1String("functions")).toArray()) {
        const QJsonObject f = value.toObject();
        outline.functions.append(FunctionOutline { f.value(QLatin1String("name")).toString(),
            f.value(QLatin1String("line")).toInt(), f.value(QLatin1String("endLine")).toInt(),
            f.value(QLatin1String("topLevel")).toBool(), f.value(QLatin1String("text")).toString() });
    }
    for (const QJsonValue &value : result.value(QLatin1String("bindings")).toArray()) {
        const QJsonObject b = value.toObject();
        outline.bindings.append(
            BindingOutline { b.value(QLatin1String("name")).toString(), b.value(QLatin1String("kind")).toString(),
                b.value(QLatin1String("line")).toInt(), b.value(QLatin1String("source")).toString() });
    }
    return outline;
}

const FunctionOutline *pickFunction(const SourceOutline &outline, const QString &name, int line)
{
    const FunctionOutline *best = nullptr;
    for (const FunctionOutline &f : outline.functions) {
        if (!name.isEmpty()) {
            if (f.name == name || f.name.endsWith(QLatin1Char('/') + name))
                return &f;
            continue;
        }
        // Innermost: the latest-starting function that still contains the line.
        if (f.line <= line && line <= f.endLine && (!best || f.line >= best->line))
            best = &f;
    }
    return best;
}

void readFunctionScopes(CdpClient *client, LiveInspector *inspector, const QString &scriptId, const QString &source,
    bool isModule, const QString &name, int line, QObject *context, std::function<void(const FunctionScopes &)> done)
{
    client->outlineSource(source, isModule, context, [=](const CdpReply &reply) {
        FunctionScopes answer;
        if (!reply.ok) {
            answer.error = reply.errorMessage;
            done(answer);
            return;
        }
        const SourceOutline outline = sourceOutlineFromJson(reply.result);
        const FunctionOutline *function = pickFunction(outline, name, line);
        if (!function) {
            answer.error = name.isEmpty() ? QStringLiteral("no function at line %1").arg(line)
                                          : QStringLiteral("no function named %1").arg(name);
            done(answer);
            return;
        }
        answer.function = *function;
        // A function of this script: another file (or Node's own code) may hold one with the same text.
        inspector->findLiveFunction(
            { function->text }, scriptId, context, [=](const QString &objectId, const QString &) mutable {
                if (objectId.isEmpty()) {
                    answer.error = QStringLiteral("%1 has no live instance (it was never created, or nothing keeps it)")
                                       .arg(answer.function.name);
                    inspector->releaseObjects();
                    done(answer);
                    return;
                }
                inspector->scopesOf(
                    objectId, context, [=](bool ok, const QList<ScopeInfo> &scopes, const QString &error) mutable {
                        answer.ok = ok;
                        answer.error = error;
                        answer.scopes = scopes;
                        inspector->releaseObjects();
                        done(answer);
                    });
            });
    });
}

} // namespace graft
