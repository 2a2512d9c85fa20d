// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>

class QMainWindow;

namespace graft {

class AboutDialog;
class LiveSession;
class ShortcutsDialog;

// The window's Help menu: Keyboard Shortcuts (F1), About Graft, About Qt. The
// dialogs are modeless, so the program and its output keep flowing meanwhile.
class HelpMenu : public QObject
{
    Q_OBJECT
public:
    // Adds the menu to `window`'s menu bar; call after the other menus.
    HelpMenu(QMainWindow *window, LiveSession *session);

    AboutDialog *showAbout();
    ShortcutsDialog *showShortcuts();

private:
    QMainWindow *m_window;
    LiveSession *m_session;
    QPointer<AboutDialog> m_about;
    QPointer<ShortcutsDialog> m_shortcuts;
};

} // namespace graft
