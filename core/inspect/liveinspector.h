// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace graft {

class CdpClient;

struct ScopeVariable
{
    QString name;
    RemoteValue value;
};

struct ScopeInfo
{
    QString description; // "Closure (makeGreeter)", "Script", "Module", "Global"
    QString objectId;
    QList<ScopeVariable> variables;
};

// Looks into the running program: which live functions run which code, and what
// the variables their closures capture hold. Live functions are found by their
// source text (Function.prototype.toString), which is also how a patch is
// verified: after LiveEdit, an instance that still prints its old text still
// runs its old code (ENGINE.md).
class LiveInspector : public QObject
{
    Q_OBJECT
public:
    explicit LiveInspector(CdpClient *client, QObject *parent = nullptr);

    using CountsHandler = std::function<void(bool ok, const QList<int> &counts, const QString &error)>;
    using FunctionHandler = std::function<void(const QString &objectId, const QString &error)>;
    using ScopesHandler = std::function<void(bool ok, const QList<ScopeInfo> &scopes, const QString &error)>;

    // A live function whose source text is one of `texts` (objectId), or empty.
    // Walks the whole heap (~100 ms): use it rarely. `keep` holds the answer
    // until the session ends instead of until releaseObjects().
    void findLiveFunction(const QStringList &texts, QObject *context, FunctionHandler done, bool keep = false);
    // For each text: how many functions reachable from a scope (its variables, their
    // own properties and prototypes, two levels deep) have exactly that source text.
    void countFunctionsInScope(const QString &scopeObjectId, const QStringList &texts, QObject *context,
                               CountsHandler done);
    // The scopes a live function closes over, innermost first, with their variables.
    void scopesOf(const QString &functionObjectId, QObject *context, ScopesHandler done);
    // The scopes without their variables (one round trip less than scopesOf).
    void scopeListOf(const QString &functionObjectId, QObject *context, ScopesHandler done);
    // Variables of one object (an expanded value), own properties only.
    void propertiesOf(const QString &objectId, QObject *context,
                      std::function<void(bool ok, const QList<ScopeVariable> &properties)> done);
    // The same remote object under a handle that releaseObjects() frees.
    void temporaryHandle(const QString &objectId, QObject *context, FunctionHandler done);
    // A kept live function of a script, whose scope holds the script's top-level bindings.
    QString scopeHolder(const QString &scriptId) const { return m_scopeHolders.value(scriptId); }
    void setScopeHolder(const QString &scriptId, const QString &objectId) { m_scopeHolders.insert(scriptId, objectId); }
    // Frees the remote objects handed out so far (not the kept ones).
    void releaseObjects();

private:
    void withAllFunctions(QObject *context, std::function<void(const QString &arrayId, const QString &error)> next);

    CdpClient *m_client;
    QHash<QString, QString> m_scopeHolders;
};

} // namespace graft
