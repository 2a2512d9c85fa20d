// SPDX-License-Identifier: MIT
#include "presenterlayout.h"

#include "workbenchsettings.h"

#include <QDockWidget>
#include <QLabel>
#include <QMainWindow>
#include <QStatusBar>

namespace graft {

PresenterLayout::PresenterLayout(QMainWindow *window, Panes panes)
    : m_window(window)
    , m_panes(panes)
{
}

void PresenterLayout::apply(bool on)
{
    const std::initializer_list<QDockWidget *> shown {m_panes.changes, m_panes.closures, m_panes.runtime};
    for (QDockWidget *dock : shown)
        setLargeTitleBar(dock, on);
    if (!on) {
        m_window->restoreState(m_everydayState, WorkbenchSettings::kDockLayoutVersion);
        m_everydayState.clear();
        m_window->statusBar()->show();
        return;
    }
    m_everydayState = m_window->saveState(WorkbenchSettings::kDockLayoutVersion);
    m_panes.scripts->hide();
    for (QDockWidget *dock : std::as_const(m_panes.others))
        dock->hide();
    m_window->statusBar()->hide();
    for (QDockWidget *dock : shown)
        dock->show();
    // Most of the width for the code; Changes gets a little more than Closures,
    // so that a patch's file name, status and milliseconds fit on one row at 1280 pixels.
    const int width = m_window->width();
    m_window->resizeDocks({m_panes.changes, m_panes.closures}, {width * 30 / 100, width * 26 / 100}, Qt::Horizontal);
    m_window->resizeDocks({m_panes.runtime}, {m_window->height() / 4}, Qt::Vertical);
}

QByteArray PresenterLayout::everydayState() const
{
    return m_everydayState.isEmpty() ? m_window->saveState(WorkbenchSettings::kDockLayoutVersion) : m_everydayState;
}

void PresenterLayout::setLargeTitleBar(QDockWidget *dock, bool on)
{
    // A dock draws its own title in the font it had when it was created; a label
    // follows the presenter font (and drops the float and close buttons).
    if (!on) {
        delete dock->titleBarWidget();
        dock->setTitleBarWidget(nullptr);
        return;
    }
    auto *title = new QLabel(QStringLiteral("<b>%1</b>").arg(dock->windowTitle().toHtmlEscaped()), dock);
    title->setObjectName(QStringLiteral("presenterTitleBar"));
    title->setContentsMargins(6, 2, 6, 2);
    dock->setTitleBarWidget(title);
}

} // namespace graft
