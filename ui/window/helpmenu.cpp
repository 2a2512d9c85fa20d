// SPDX-License-Identifier: MIT
#include "window/helpmenu.h"

#include "window/aboutdialog.h"
#include "window/shortcutsdialog.h"

#include <QAction>
#include <QApplication>
#include <QMainWindow>
#include <QMenuBar>

namespace graft {

HelpMenu::HelpMenu(QMainWindow *window, LiveSession *session)
    : QObject(window)
    , m_window(window)
    , m_session(session)
{
    QMenu *help = window->menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction *shortcuts = help->addAction(tr("&Keyboard Shortcuts"), this, &HelpMenu::showShortcuts);
    shortcuts->setObjectName(QStringLiteral("keyboardShortcutsAction"));
    shortcuts->setShortcut(QKeySequence::HelpContents);
    help->addSeparator();
    QAction *about = help->addAction(tr("&About Graft"), this, &HelpMenu::showAbout);
    about->setObjectName(QStringLiteral("aboutAction"));
    about->setMenuRole(QAction::AboutRole);
    QAction *aboutQt = help->addAction(tr("About &Qt"), qApp, &QApplication::aboutQt);
    aboutQt->setObjectName(QStringLiteral("aboutQtAction"));
    aboutQt->setMenuRole(QAction::AboutQtRole);
}

AboutDialog *HelpMenu::showAbout()
{
    if (!m_about) {
        m_about = new AboutDialog(m_session, m_window);
        m_about->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_about->show();
    m_about->raise();
    m_about->activateWindow();
    return m_about;
}

ShortcutsDialog *HelpMenu::showShortcuts()
{
    // Built each time it opens: it lists the shortcuts as they are now.
    delete m_shortcuts;
    m_shortcuts = new ShortcutsDialog(m_window);
    m_shortcuts->setAttribute(Qt::WA_DeleteOnClose);
    m_shortcuts->show();
    return m_shortcuts;
}

} // namespace graft
