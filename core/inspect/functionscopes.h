// SPDX-License-Identifier: MIT
#pragma once

#include "inspect/liveinspector.h"

#include <QJsonObject>

namespace graft {

class CdpClient;

// A function of a loaded script, as the outline names it.
struct FunctionOutline
{
    QString name;
    int line = 0;
    int endLine = 0;
    bool topLevel = false;
    QString text;
};

struct BindingOutline
{
    QString name;
    QString kind;
    int line = 0;
    QString source; // the initializer's text
};

struct SourceOutline
{
    QList<FunctionOutline> functions;
    QList<BindingOutline> bindings;
};

SourceOutline sourceOutlineFromJson(const QJsonObject &result);
// The function called `name`, or else the innermost one around `line`; nullptr if none.
const FunctionOutline *pickFunction(const SourceOutline &outline, const QString &name, int line);

struct FunctionScopes
{
    bool ok = false;
    QString error;
    FunctionOutline function;
    QList<ScopeInfo> scopes;
};

// Finds a live instance of a function of `source`, the text of script
// `scriptId` (by name or line), and reads the scopes it closes over with their
// live values.
void readFunctionScopes(CdpClient *client, LiveInspector *inspector, const QString &scriptId, const QString &source,
    bool isModule, const QString &name, int line, QObject *context, std::function<void(const FunctionScopes &)> done);

} // namespace graft
