// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QAction;
class QDateTime;
class QVBoxLayout;
class QStackedWidget;
class QTabWidget;

namespace graft {

class CodeEditor;
class EditorTab;
class FindBar;
struct PatchReport;
struct ScriptInfo;

// The workbench's centre: editor tabs, the find bar under them, and the editing
// actions (save, undo/redo, clipboard, find/replace, go to line) that act on the
// current tab. It knows nothing of the running program: saves go out as saved().
class EditorArea : public QWidget
{
    Q_OBJECT
public:
    explicit EditorArea(QWidget *parent = nullptr);

    // Opens (or shows) a file; line/column are 1-based, 0 keeps the cursor. nullptr if unreadable.
    EditorTab *openFile(const QString &filePath, int line = 0, int column = 1);
    EditorTab *openLiveSource(const ScriptInfo &script, const QString &source);
    // Puts recovered unsaved text into the file's tab (opened, or created if the file is
    // gone) as an undoable, unsaved edit.
    EditorTab *restoreBuffer(const QString &filePath, const QString &text, const QDateTime &savedAt);
    // A bar shown above the tabs (the crash-recovery offer).
    void addBanner(QWidget *banner);
    EditorTab *tabForFile(const QString &filePath) const;
    EditorTab *tabForScript(const QString &scriptId) const;
    EditorTab *currentTab() const;
    CodeEditor *currentEditor() const;
    QList<EditorTab *> tabs() const;
    QList<EditorTab *> modifiedTabs() const;
    QStringList openFiles() const;

    bool saveTab(EditorTab *tab);
    bool saveCurrent();
    bool saveAll();
    // Closes a tab, asking first (without blocking) if it has unsaved edits.
    void requestCloseTab(int index);

    void showPatch(const PatchReport &report);
    void fileChangedOnDisk(const QString &filePath);
    // One zoom for every editor (Scintilla points over the font size).
    void setZoom(int zoom);
    // Every editor, and those opened later, wraps long lines (presenter mode).
    void setWrapLongLines(bool on);
    int zoom() const { return m_zoom; }
    // Recolours every editor from the current theme.
    void applyTheme();
    void showGoToLine();

    QAction *saveAction() const { return m_save; }
    QAction *saveAllAction() const { return m_saveAll; }
    QAction *closeTabAction() const { return m_closeTab; }
    QList<QAction *> editActions() const;   // undo redo | cut copy paste select-all
    QList<QAction *> searchActions() const; // find replace go-to-line

Q_SIGNALS:
    void saved(const QString &filePath, const QString &text);
    // The tab's text or its modified state changed.
    void bufferEdited(EditorTab *tab);
    void tabClosed();
    void currentFileChanged(const QString &filePath);
    void message(const QString &text);
    void cursorPositionChanged(int line, int column);
    // An editor was zoomed on its own (Ctrl+wheel): the shared zoom should follow.
    void zoomRequested(int zoom);

private:
    QAction *makeAction(const QString &name, const QString &text, const QKeySequence &key,
        Qt::ShortcutContext context = Qt::WindowShortcut);
    void createActions();
    EditorTab *addTab(EditorTab *tab);
    void closeTabNow(EditorTab *tab);
    void onCurrentChanged();
    void updateTitle(EditorTab *tab);
    void updateUndoActions();

    QVBoxLayout *m_layout;
    QStackedWidget *m_stack;
    QTabWidget *m_tabs;
    FindBar *m_findBar;
    int m_zoom = 0;
    bool m_wrapLongLines = false;
    QAction *m_save = nullptr;
    QAction *m_saveAll = nullptr;
    QAction *m_closeTab = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_cut = nullptr;
    QAction *m_copy = nullptr;
    QAction *m_paste = nullptr;
    QAction *m_selectAll = nullptr;
    QAction *m_find = nullptr;
    QAction *m_replace = nullptr;
    QAction *m_goToLine = nullptr;
};

} // namespace graft
