// SPDX-License-Identifier: MIT
#include "scopesjson.h"

#include "inspect/functionscopes.h"
#include "patch/patchreport.h"

#include <QJsonArray>

namespace graft {

QJsonObject scopesAnswerJson(const FunctionScopes &answer, const QHash<QString, BindingChange> &changedBindings)
{
    QJsonArray scopes;
    for (const ScopeInfo &scope : answer.scopes) {
        QJsonArray variables;
        for (const ScopeVariable &variable : scope.variables) {
            QJsonObject v { { QStringLiteral("name"), variable.name },
                { QStringLiteral("value"), variable.value.display() },
                { QStringLiteral("type"), variable.value.type } };
            if (const auto it = changedBindings.constFind(variable.name); it != changedBindings.constEnd()) {
                v.insert(QStringLiteral("source"), it->source);
                v.insert(QStringLiteral("stale"), it->stale);
            }
            variables.append(v);
        }
        scopes.append(
            QJsonObject { { QStringLiteral("name"), scope.description }, { QStringLiteral("variables"), variables } });
    }
    return { { QStringLiteral("function"),
                 QJsonObject { { QStringLiteral("name"), answer.function.name },
                     { QStringLiteral("line"), answer.function.line } } },
        { QStringLiteral("scopes"), scopes } };
}

} // namespace graft
