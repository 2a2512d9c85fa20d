// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace graft {

class ChangesDock;
class ClosuresDock;
class EditorArea;
class LiveScopeReader;
class LiveSession;
class PatchCoordinator;
struct BindingChange;
struct FunctionScopes;
struct PatchReport;

// Wires the Changes and Closures panes to the session and the editors. Closures
// follows the function at the editor's cursor (once the cursor rests) and the
// change selected in Changes, and reads it again after every patch of its file;
// Revert and Re-initialize go to the session, and a revert's patch joins the
// history. Reads wait while a save is being applied: a read releases the
// inspector's handles, which the patch's verification may be using.
class LivePanels : public QObject
{
    Q_OBJECT
public:
    // The tag of the patches a Revert in the Changes pane asks for.
    static QString revertTag();
    static constexpr int kFollowDelayMs = 300;

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
    void reinitialize(const QString &binding);
    void read(const QString &note);
    void showNotRunning();
    // What the file's newest applied patch says of its bindings, less those re-initialized since.
    QList<BindingChange> bindingsOf(const QString &filePath) const;

    LiveSession *m_session;
    EditorArea *m_editors;
    PatchCoordinator *m_patches;
    ChangesDock *m_changes;
    ClosuresDock *m_closures;
    LiveScopeReader *m_reader;
    QTimer m_follow;
    QTimer m_saveGuard;
    QString m_cursorFile; // where the cursor last rested (1-based line)
    int m_cursorLine = 0;
    Target m_target; // what Closures shows, or is about to
    QString m_shownFile; // the file of the function the tree holds now
    bool m_savePending = false;
    bool m_showingFrame = false;
    bool m_readDeferred = false;
    QString m_deferredNote;
    qsizetype m_runStart = 0; // the first history entry of the program's current run
    QHash<QString, QSet<QString>> m_reinitialized; // canonical file → bindings given their new value
};

} // namespace graft
