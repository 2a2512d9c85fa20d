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
    // `target`: a worker thread's inspector (CdpClient::callOn); empty, the main
    // thread's. Handles and script ids are that thread's own.
    explicit LiveInspector(CdpClient *client, QObject *parent = nullptr, const QString &target = {});

    using CountsHandler = std::function<void(bool ok, const QList<int> &counts, const QString &error)>;
    using FunctionHandler = std::function<void(const QString &objectId, const QString &error)>;
    using ScopesHandler = std::function<void(bool ok, const QList<ScopeInfo> &scopes, const QString &error)>;

    // A live function of script `scriptId` whose source text is one of `texts`
    // (objectId), or empty. Text alone is not enough: a Node internal `() => {}`
    // has the same text as the user's. Walks the whole heap (~100 ms): use it
    // rarely. `keep` holds the answer until the session ends instead of until
    // releaseObjects().
    void findLiveFunction(
        const QStringList &texts, const QString &scriptId, QObject *context, FunctionHandler done, bool keep = false);
    // For each text: how many functions reachable from a scope (its variables, their
    // own properties and prototypes, two levels deep) have exactly that source text.
    void countFunctionsInScope(
        const QString &scopeObjectId, const QStringList &texts, QObject *context, CountsHandler done);
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
    // Kept only once its [[FunctionLocation]] confirms it is a function of that
    // script (a caller that found it by text alone may hold a twin of another).
    void setScopeHolder(const QString &scriptId, const QString &objectId);
    // The swap engine's evaluator of a module: a function of the module's scope
    // that the program never calls, so it reads the module's bindings (a patch's
    // check) but is no function to wait for (Re-initialize keeps its own holder).
    QString moduleEvaluator(const QString &scriptId) const { return m_moduleEvaluators.value(scriptId); }
    void keepModuleEvaluator(const QString &scriptId, const QString &objectId)
    {
        if (!objectId.isEmpty())
            m_moduleEvaluators.insert(scriptId, objectId);
    }
    // Frees the remote objects handed out so far (not the kept ones).
    void releaseObjects();

    // The function countFunctionsInScope calls on the scope (its `this`) with the
    // texts: for a caller that has the same call made elsewhere (the swap
    // engine's agent, on its own session with the program).
    static QString countInScopeFunction();
    // A Runtime.getProperties result as variables (accessors left out: reading
    // them would run user code).
    static QList<ScopeVariable> variablesFromProperties(const QJsonArray &properties);

private:
    // Runtime.callFunctionOn through graft-runtime's Graft.callFunctionOn, which
    // compiles each helper once instead of leaving a new script per call in the
    // program; plain Runtime.callFunctionOn on a runtime without it.
    void callFunctionOn(QJsonObject params, QObject *context, std::function<void(const CdpReply &)> done);
    // Picks, in order, the first of the functions in array `arrayId` whose
    // [[FunctionLocation]] is in `scriptId`.
    void pickFromScript(
        const QString &arrayId, const QString &scriptId, QObject *context, bool keep, FunctionHandler done);
    void withAllFunctions(QObject *context, std::function<void(const QString &arrayId, const QString &error)> next);
    // Every call of an inspection goes through here, so that releaseObjects()
    // waits for the calls still in flight.
    void request(
        const QString &method, const QJsonObject &params, QObject *context, std::function<void(const CdpReply &)> done);

    CdpClient *m_client;
    QString m_target;
    QHash<QString, QString> m_scopeHolders;
    QHash<QString, QString> m_moduleEvaluators;
    bool m_toolingCalls = true; // the runtime answers Graft.callFunctionOn
    int m_callsInFlight = 0;
    bool m_releasePending = false;
};

} // namespace graft
