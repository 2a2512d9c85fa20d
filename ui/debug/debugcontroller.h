// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QSet>

class QAction;
class QLabel;
class QMenu;
class QPoint;

namespace graft {

class BreakpointsDock;
class CallStackDock;
class CodeEditor;
class Debugger;
class EditorArea;
class LivePanels;
class LiveSession;
class PatchCoordinator;
class RuntimeDock;

// The workbench's debugger: wires the session's Debugger to the editors'
// margins, the Call Stack and Breakpoints panes, Closures (the selected frame's
// scopes), the console (evaluates in that frame) and the status bar, and owns
// the Debug menu's actions with VS Code's keys (F5 continues while paused and
// runs otherwise; F6 F9 F10 F11 Shift+F11). Breakpoints are remembered per file
// across starts of the app (QSettings) when the window keeps its session.
class DebugController : public QObject
{
    Q_OBJECT
public:
    struct Parts
    {
        LiveSession *session;
        EditorArea *editors;
        RuntimeDock *runtime;
        LivePanels *livePanels;
        CallStackDock *callStack;
        BreakpointsDock *breakpoints;
        QLabel *statusLabel;
        PatchCoordinator *patches;
    };
    DebugController(const Parts &parts, bool remember, QObject *parent = nullptr);

    void addActionsTo(QMenu *menu);
    QAction *continueAction() const { return m_continue; }
    QAction *toggleBreakpointAction() const { return m_toggle; }

    // A breakpoint at the 1-based line of a file: removed if there is one, else added.
    void toggleBreakpoint(const QString &filePath, int line);
    void addBreakpoint(const QString &filePath, int line, const QString &condition = {}, const QString &log = {});
    // Shows frame `index` of the pause: its line, its scopes, the console there.
    void selectFrame(int index);
    // While paused: the value of the name at `position` of `editor`, in the selected
    // frame, as a tooltip (what hovering shows); hoverText() is the last one shown.
    void showValueAt(CodeEditor *editor, int position, const QPoint &globalPos);
    QString hoverText() const { return m_hoverText; }

private:
    void createActions();
    void hookEditors();
    void onPaused();
    void onResumed();
    void onBreakpointsChanged();
    // A save the program will not see as a patch: breakpoints keep the lines the editor moved them to.
    void onSaved(const QString &filePath);
    void updateActions();
    void showMenu(const QString &filePath, int line, const QPoint &globalPos);
    // Asks for a condition or a log message (QInputDialog); empty text removes it.
    void askDetail(const QString &filePath, int line, bool log);
    QString breakpointAt(const QString &filePath, int line) const;
    void load();
    void save() const;

    LiveSession *m_session;
    Debugger *m_debugger;
    Parts m_parts;
    bool m_remember;
    QSet<CodeEditor *> m_hooked;
    QString m_hoverText;
    QAction *m_continue = nullptr;
    QAction *m_pause = nullptr;
    QAction *m_stepOver = nullptr;
    QAction *m_stepInto = nullptr;
    QAction *m_stepOut = nullptr;
    QAction *m_toggle = nullptr;
    QAction *m_conditional = nullptr;
    QAction *m_logpoint = nullptr;
    QAction *m_onExceptions = nullptr;
    QAction *m_onDebuggerStatements = nullptr;
};

} // namespace graft
