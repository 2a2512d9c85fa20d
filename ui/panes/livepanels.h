// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QHash>
#include <QKeySequence>
#include <QObject>
#include <QSet>
#include <QTimer>

class QAction;
class QMenu;

namespace graft {

class ChangesDock;
class ClosuresDock;
class CodeEditor;
class LiveValueHover;
class EditorArea;
class LiveScopeReader;
class LiveSession;
class PatchCoordinator;
struct BindingChange;
struct FunctionScopes;
struct PatchReport;

// Wires the Changes and Closures panes to the session and the editors: one live
// model of the program's state that every view follows. Closures follows the
// function at the editor's cursor (once the cursor rests) and the change
// selected in Changes, reads it again after every patch of its file, and
// refreshes its values while the program runs (throttled, only while the pane
// is on screen and no value is expanded). The editors' margins and annotations
// show the stale bindings the newest applied patch left, less those
// re-initialized since; hovering a top-level name shows its live value.
// Revert and Re-initialize go to the session, and a revert's patch joins the
// history. Reads wait while a save is being applied: a read releases the
// inspector's handles, which the patch's verification may be using.
class LivePanels : public QObject
{
    Q_OBJECT
public:
    // The tag of the patches a Revert in the Changes pane asks for.
    static QString revertTag();
    // Re-initialize Stale Binding's key.
    static QKeySequence reinitializeKey();
    static constexpr int kFollowDelayMs = 300;
    // The live refresh's pace: at least this far apart, and reads take no more
    // than a tenth of the time (a read of huge values takes long).
    static constexpr int kRefreshMs = 1000;

    LivePanels(LiveSession *session, EditorArea *editors, PatchCoordinator *patches, ChangesDock *changes,
        ClosuresDock *closures, QObject *parent = nullptr);

    // Shows the function called `name`, else the innermost one around `line`.
    void inspect(const QString &filePath, const QString &name, int line, const QString &note = {});
    void refresh();
    // While the program is paused Closures shows the selected frame's scopes, and
    // the cursor (which stepping moves) does not take it elsewhere; leaveFrame()
    // goes back to following the cursor.
    void showFrame(const QString &filePath, const FunctionScopes &scopes);
    void leaveFrame();
    // Re-initialize the stale binding at the current editor's cursor line (else
    // the one selected in Closures, else the file's only one): the Run menu's
    // and the shortcut's action.
    QAction *reinitializeAction() const { return m_reinitializeAction; }
    LiveValueHover *valueHover() const { return m_hover; }
    // Re-initializes `binding` of `filePath`; every view follows.
    void reinitialize(const QString &filePath, const QString &binding);

private:
    struct Target
    {
        QString file;
        QString name;
        int line = 0;
    };
    void onCursorMoved(int line);
    void onSaved();
    void onPatchFinished(const PatchReport &report, const QVariant &tag);
    void onPatchSettled();
    void onBindingSelected(const QString &filePath, const QString &name, int line);
    void reinitializeAtCursor();
    void read(const QString &note);
    void refreshLiveValues();
    bool mayRefresh() const;
    // Hover, context menu and stale marks for editors opened since the last call.
    void hookEditors();
    void addToContextMenu(const QString &filePath, CodeEditor *editor, QMenu *menu, int line);
    // The editor of `filePath` shows exactly the stale bindings of the live model.
    void showStaleBindings(const QString &filePath);
    void showNotRunning();
    // What the file's newest applied patch says of its bindings, less those re-initialized since.
    QList<BindingChange> bindingsOf(const QString &filePath) const;

    LiveSession *m_session;
    EditorArea *m_editors;
    PatchCoordinator *m_patches;
    ChangesDock *m_changes;
    ClosuresDock *m_closures;
    LiveScopeReader *m_reader;
    LiveValueHover *m_hover;
    QAction *m_reinitializeAction;
    QSet<CodeEditor *> m_hooked;
    QTimer m_follow;
    QTimer m_liveRefresh;
    QElapsedTimer m_refreshClock;
    bool m_reading = false; // a read answers soon: a refresh would drop it (the reader answers the newest only)
    bool m_refreshing = false;
    qint64 m_lastRefreshMs = 0;
    bool m_lastReadOk = false; // the tree shows a live function that a refresh can read again
    QTimer m_saveGuard;
    QString m_cursorFile; // where the cursor last rested (1-based line)
    int m_cursorLine = 0;
    Target m_target;     // what Closures shows, or is about to
    QString m_shownFile; // the file of the function the tree holds now
    bool m_savePending = false;
    bool m_showingFrame = false;
    bool m_readDeferred = false;
    QString m_deferredNote;
    qsizetype m_runStart = 0;                      // the first history entry of the program's current run
    QHash<QString, QSet<QString>> m_reinitialized; // canonical file → bindings given their new value
};

} // namespace graft
