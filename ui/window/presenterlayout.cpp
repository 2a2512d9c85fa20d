// SPDX-License-Identifier: MIT
#include "window/presenterlayout.h"

#include "window/workbenchsettings.h"

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
    const std::initializer_list<QDockWidget *> shown { m_panes.changes, m_panes.closures, m_panes.runtime };
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
    // The code and the output get most of the room: Changes above Closures in one
    // column on the right, the Runtime under the editor. Side by side, the two panes
    // left the code 43% of the width and were mostly empty.
    m_window->splitDockWidget(m_panes.changes, m_panes.closures, Qt::Vertical);
    const QSize size = m_window->size();
    m_window->resizeDocks({ m_panes.changes }, { sideColumnWidth(size.width()) }, Qt::Horizontal);
    m_window->resizeDocks({ m_panes.runtime }, { size.height() * 27 / 100 }, Qt::Vertical);
    // Until the panes say what they hold: what a save did needs more rows than a function's few variables.
    m_window->resizeDocks({ m_panes.changes, m_panes.closures }, { 55, 45 }, Qt::Vertical);
}

void PresenterLayout::fitColumnToContent(int changesRows, int closuresRows)
{
    if (!isOn() || changesRows + closuresRows <= 0)
        return;
    const int share = qBound(kMinPaneShare, 100 * changesRows / (changesRows + closuresRows), 100 - kMinPaneShare);
    m_window->resizeDocks({ m_panes.changes, m_panes.closures }, { share, 100 - share }, Qt::Vertical);
}

int PresenterLayout::sideColumnWidth(int windowWidth)
{
    // Wide enough for a patch's row (file name, status, ms) and a variable's name and
    // value in the presenter font; never more than a third of a 1280-pixel projector.
    return qBound(windowWidth * 28 / 100, 440, windowWidth * 35 / 100);
}

void PresenterLayout::setPaneFont(bool on, qreal pointSize)
{
    // The panes' text as large as the code's: the audience reads both.
    QFont font;
    if (on) {
        font = m_window->font();
        font.setPointSizeF(pointSize);
    }
    for (QDockWidget *dock : { m_panes.changes, m_panes.closures })
        dock->setFont(font); // an empty font: inherit the window's again
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
