// SPDX-License-Identifier: MIT
#pragma once

#include "cdp/cdptypes.h"
#include "cdp/debuggertypes.h"
#include "debug/breakpoint.h"

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>

namespace graft {

class CdpClient;
class LiveInspector;
class ScriptRegistry;
struct FunctionScopes;

// The user's debugger: breakpoints (which outlive any one run of the program),
// the paused state and its frames, stepping, and evaluation in a frame.
//
// Graft pauses the program for its own work too (re-initialize breaks on a
// function call). Every pause comes here first and is offered to the pause
// claimers Graft registered; one that claims it handles it, and the user never
// sees it. An unclaimed pause is the user's only if it has a reason of theirs
// (a breakpoint of theirs, a step or pause they asked for, an exception they
// asked to stop at); any other (a `debugger;` statement, when those are not
// wanted) is resumed at once so that the program never hangs on nobody.
class Debugger : public QObject
{
    Q_OBJECT
public:
    explicit Debugger(QObject *parent = nullptr);

    // A new run of the program talks through `client`; nullptr when it ended.
    void attach(CdpClient *client, LiveInspector *inspector);
    // Names the frames' scripts (V8 10.2's call frames carry no URL).
    void setScripts(const ScriptRegistry *scripts) { m_scripts = scripts; }
    // Sends the breakpoints and the exception setting to a new run: called after
    // Debugger.enable and before the program starts, so the first line can break.
    void sendSetup();

    struct SetAnswer
    {
        bool ok = false;
        QString error;
        Breakpoint breakpoint;
    };
    using SetHandler = std::function<void(const SetAnswer &)>;
    // A new breakpoint; the answer says where V8 placed it (resolvedLine 0 while
    // the file is not loaded: it resolves when it is).
    void setBreakpoint(
        const QString &file, int line, const QString &condition, const QString &log, QObject *context, SetHandler done);
    // False with `error` when there is no such breakpoint.
    bool removeBreakpoint(const QString &id, QString *error = nullptr);
    bool setBreakpointEnabled(const QString &id, bool enabled);
    // Changes a breakpoint's condition and log (empty: none).
    bool editBreakpoint(const QString &id, const QString &condition, const QString &log);
    QList<Breakpoint> breakpoints() const { return m_breakpoints; }
    const Breakpoint *breakpoint(const QString &id) const;
    // Puts a breakpoint on another line (the editor moved it with an edit that no
    // patch will bring to the program: it is not running, or not this file).
    bool moveBreakpoint(const QString &id, int line);
    // A save applied to `file`: its breakpoints move with the lines above them.
    void onSourceChanged(const QString &file, const QString &oldSource, const QString &newSource);

    // "none" or "uncaught" (or "all"); false for anything else.
    bool setPauseOnExceptions(const QString &state);
    QString pauseOnExceptions() const { return m_pauseOnExceptions; }
    // Whether a `debugger;` statement pauses (the workbench: yes; headless: only when asked).
    void setPauseOnDebuggerStatements(bool pause) { m_pauseOnDebuggerStatements = pause; }

    bool isPaused() const { return m_paused; }
    // The user's pause: its reason ("breakpoint", "step", "pause", "exception",
    // "promiseRejection", "debugger") and its frames, innermost first.
    QString pauseReason() const { return m_reason; }
    const PausedEvent &pausedEvent() const { return m_event; }
    // The ids of the user's breakpoints that this pause hit.
    QStringList hitBreakpoints() const { return m_hit; }

    // Run control; each answers why not (empty when sent).
    QString resume();
    QString stepOver();
    QString stepInto();
    QString stepOut();
    QString pause();

    // While paused: evaluate in frame `index` of pausedEvent(), read its scopes.
    void evaluateOnFrame(int index, const QString &expression, QObject *context,
        std::function<void(const EvaluateResult &)> done, bool sideEffectFree = false);
    void frameScopes(int index, QObject *context, std::function<void(const FunctionScopes &)> done);

    // Graft's own pauses: `claim` sees every pause first and answers true for one
    // that is its owner's (and then handles it). Dropped with `owner`.
    using PauseClaim = std::function<bool(const QJsonObject &params)>;
    void addPauseClaimer(QObject *owner, PauseClaim claim);

Q_SIGNALS:
    void paused();
    void resumed();
    // Added, removed, moved, resolved, enabled or edited: views re-read breakpoints().
    void breakpointsChanged();
    // A breakpoint's line in the running program changed (resolved, or moved by an edit).
    void breakpointMoved(const graft::Breakpoint &breakpoint);

private:
    enum class Expect { Nothing, Step, Pause, Restart };
    void onPaused(const QJsonObject &params);
    void onResumed();
    void onResolved(const QString &cdpId, const BreakpointLocation &location);
    // Sends one breakpoint to V8 (if attached and enabled); `done` gets the answer.
    void install(const QString &id, QObject *context, SetHandler done);
    void uninstall(Breakpoint &breakpoint);
    Breakpoint *find(const QString &id);
    QString runControl(const QString &command, Expect expect);

    QPointer<CdpClient> m_client;
    QPointer<LiveInspector> m_inspector;
    const ScriptRegistry *m_scripts = nullptr;
    QList<Breakpoint> m_breakpoints;
    int m_nextId = 1;
    QString m_pauseOnExceptions = QStringLiteral("none");
    bool m_pauseOnDebuggerStatements = false;
    bool m_paused = false;
    Expect m_expect = Expect::Nothing;
    bool m_resumeSent = false; // since the user's pause began: a resume or step of theirs
    QString m_reason;
    QStringList m_hit;
    PausedEvent m_event;
    struct Claimer
    {
        QPointer<QObject> owner;
        PauseClaim claim;
    };
    QList<Claimer> m_claimers;
};

} // namespace graft
