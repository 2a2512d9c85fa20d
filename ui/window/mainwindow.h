// SPDX-License-Identifier: MIT
#pragma once

#include "window/workbenchoptions.h"

#include <QMainWindow>
#include <memory>
#include <optional>

class QLabel;

namespace graft {

class AboutDialog;
class Appearance;
class BreakpointsDock;
class BusyWatch;
class ProgramStatus;
class BufferRecovery;
class CallStackDock;
class ChangesDock;
class ClosuresDock;
class DebugController;
class EditorArea;
class HelpMenu;
class LivePanels;
class LiveSession;
class PatchCoordinator;
class PresenterLayout;
class RecentFiles;
class RuntimeDialog;
class RuntimeDock;
class ScriptsDock;
class ShortcutsDialog;
struct PatchReport;
struct ScriptInfo;

// The desktop workbench: editors in the centre, Scripts left, Changes and
// Closures side by side on the right, the Runtime at the bottom, all views of
// one LiveSession. The window only wires panels together and keeps settings;
// each panel does its own work.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const WorkbenchOptions &options, QWidget *parent = nullptr);
    ~MainWindow() override;

    LiveSession *session() const { return m_session; }
    EditorArea *editorArea() const { return m_editors; }
    ScriptsDock *scriptsDock() const { return m_scriptsDock; }
    RuntimeDock *runtimeDock() const { return m_runtimeDock; }
    ChangesDock *changesDock() const { return m_changesDock; }
    ClosuresDock *closuresDock() const { return m_closuresDock; }
    LivePanels *livePanels() const { return m_livePanels; }
    CallStackDock *callStackDock() const { return m_callStackDock; }
    BreakpointsDock *breakpointsDock() const { return m_breakpointsDock; }
    DebugController *debugController() const { return m_debug; }
    PatchCoordinator *patchCoordinator() const { return m_patches; }
    RecentFiles *recentFiles() const { return m_recent; }
    BufferRecovery *bufferRecovery() const { return m_recovery; }
    Appearance *appearance() const { return m_appearance; }
    ProgramStatus *programStatus() const { return m_programStatus; }
    BusyWatch *busyWatch() const { return m_busy; }
    // Opens a bundled demo from a fresh scratch copy in the user's data folder and runs it.
    void runDemo(const QString &shippedEntry);
    // Where Open File starts: the current file's folder, else the last one used.
    QString openDialogDirectory() const;
    // The dock layout to remember (saveState()): in presenter mode, the one it goes back to.
    QByteArray everydayState() const;

    // line/column 1-based; 0 keeps the cursor. False if the file cannot be opened.
    bool openFile(const QString &filePath, int line = 0, int column = 1);
    void openFolder(const QString &directory);
    // Makes `filePath` the program's entry and (re)starts it.
    void runFile(const QString &filePath);
    // Starts the entry (or, without one, the current file) unless it is running.
    void run();
    void setPresenterMode(bool on);
    AboutDialog *showAbout();
    // Run ▸ Select Runtime… for the entry's folder (window-modal, not blocking).
    RuntimeDialog *showRuntimeDialog();
    ShortcutsDialog *showShortcuts();

protected:
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    // How long the status bar shows a message.
    static constexpr int kMessageMs = 10000;
    static QString engineLabel(PatchEngineKind kind);

    void createDocks();
    void createMenus();
    void createStatusBar();
    void startUp(WorkbenchOptions options);
    void showOpenFileDialog();
    void showOpenFolderDialog();
    void openScript(const ScriptInfo &script);
    void onPatchShown(const PatchReport &report);
    void setEntry(const QString &filePath);
    // --attach: the window follows a program it did not start.
    void startAttached(const WorkbenchOptions &options);
    void applyFolderRuntime();
    void updateWindowTitle();
    void applyPresenterChrome(bool on);
    void applyPresenterFonts();
    // Presenter mode: Changes and Closures share their column by what each shows.
    void fitPresenterColumn();

    LiveSession *m_session;
    EditorArea *m_editors;
    ScriptsDock *m_scriptsDock = nullptr;
    RuntimeDock *m_runtimeDock = nullptr;
    ChangesDock *m_changesDock = nullptr;
    ClosuresDock *m_closuresDock = nullptr;
    CallStackDock *m_callStackDock = nullptr;
    BreakpointsDock *m_breakpointsDock = nullptr;
    LivePanels *m_livePanels = nullptr;
    DebugController *m_debug = nullptr;
    QLabel *m_debugLabel = nullptr;
    PatchCoordinator *m_patches = nullptr;
    RecentFiles *m_recent = nullptr;
    BufferRecovery *m_recovery = nullptr;
    Appearance *m_appearance = nullptr;
    HelpMenu *m_help = nullptr;
    BusyWatch *m_busy = nullptr;
    ProgramStatus *m_programStatus = nullptr;
    std::unique_ptr<PresenterLayout> m_presenterLayout;
    QLabel *m_patchLabel = nullptr;
    QLabel *m_cursorLabel = nullptr;
    QLabel *m_runtimeLabel = nullptr;
    bool m_restoreSession = true;
    bool m_fitIntoScreenOnShow = false; // once shown, the window manager's frame is known
    bool m_nodeFromCommandLine = false; // --node wins over the folder's choice until the user picks one
    std::optional<PatchEngineKind> m_engineFromCommandLine; // --engine: the same
    bool m_closeConfirmed = false;
};

} // namespace graft
