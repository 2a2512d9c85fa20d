// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"

#include <QHash>
#include <QObject>

#include <functional>

namespace graft {

class CdpClient;

// Evaluates console input in the top-level scope of one loaded script, while the
// program runs: its top-level bindings are read and assigned for real, with
// CommonJS's require, module, exports, __filename and __dirname, and top-level
// await.
//
// V8 evaluates in a function's scope only on a paused frame. So, once per
// script, Graft calls a live function of that script (the scope holder) itself
// with a breakpoint on its entry; on that paused frame it compiles an evaluator,
// `function (source) { return eval(source) }`, whose scope chain is the script's
// top-level scope; then it ends that call before a statement of the function's
// body runs (Runtime.terminateExecution). The call is made only when no other
// JavaScript is on the stack, so the termination ends nothing of the program's.
// From then on every evaluation is one Runtime.callFunctionOn on the kept
// evaluator: no pause.
//
// The evaluator is strict: assigning a name the scope does not hold is a
// ReferenceError, never a new global. What it cannot see: a top-level binding
// that no function uses (V8 keeps such values only while the top level runs),
// and a binding hidden by a parameter or local of the same name in the scope
// holder.
class ModuleConsole : public QObject
{
    Q_OBJECT
public:
    explicit ModuleConsole(CdpClient *client, QObject *parent = nullptr);

    bool hasEvaluator(const QString &scriptId) const { return m_evaluators.contains(scriptId); }
    // Compiles the evaluator of `scriptId` from its live function `holderId`.
    // While this runs the program is paused for a moment at our breakpoint.
    void prepare(const QString &scriptId, const QString &holderId, const QString &filePath, bool isModule,
        QObject *context, std::function<void(bool ok, const QString &error)> done);
    void evaluate(const QString &scriptId, const QString &expression, QObject *context,
        std::function<void(const EvaluateResult &)> done);

    // The debugger offers every pause here first (Debugger::addPauseClaimer):
    // true, and handled, when it is ours.
    bool claimPause(const QJsonObject &params);

private:
    struct Creation;
    void enter(const std::shared_ptr<Creation> &creation);
    void finishCreation(bool ok, const QString &error);
    void run(const QString &evaluatorId, const QString &source, bool awaited, QObject *context,
        std::function<void(const CdpReply &)> done);

    CdpClient *m_client;
    QHash<QString, QString> m_evaluators; // scriptId -> evaluator objectId
    std::shared_ptr<Creation> m_creation; // one at a time
};

// An evaluation's answer, read from a Runtime.evaluate or callFunctionOn reply.
EvaluateResult evaluateResultFromReply(const CdpReply &reply);

} // namespace graft
