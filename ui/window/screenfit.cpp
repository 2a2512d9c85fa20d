// SPDX-License-Identifier: MIT
#include "window/screenfit.h"

#include <QGuiApplication>
#include <QScreen>
#include <QStyle>
#include <QWidget>
#include <QWindow>

namespace graft {

namespace {

// The window manager's frame is known only once the window is shown; until then,
// a title bar's worth is kept free above the window.
QMargins expectedFrame(const QWidget *window)
{
    if (window->isVisible() && window->windowHandle())
        return window->windowHandle()->frameMargins();
    return QMargins(0, window->style()->pixelMetric(QStyle::PM_TitleBarHeight), 0, 0);
}

} // namespace

void fitIntoScreen(QWidget *window)
{
    QScreen *screen = QGuiApplication::screenAt(window->geometry().center());
    if (!screen)
        screen = window->screen(); // off every screen: the window's own (the primary one)
    const QRect whole = screen->geometry();
    const QSize size = window->size();
    if (size.width() >= whole.width() && size.height() >= whole.height()) {
        window->setGeometry(whole);
        window->setWindowState(Qt::WindowFullScreen);
        return;
    }
    const QRect available = screen->availableGeometry();
    const QMargins frame = expectedFrame(window);
    const QSize frameExtra(frame.left() + frame.right(), frame.top() + frame.bottom());
    window->resize(size.boundedTo(available.size() - frameExtra));
    // move() places the frame's corner; the frame's size is the window's and its margins.
    QRect outer(window->pos(), window->size() + frameExtra);
    outer.moveLeft(qBound(available.left(), outer.left(), available.left() + available.width() - outer.width()));
    outer.moveTop(qBound(available.top(), outer.top(), available.top() + available.height() - outer.height()));
    window->move(outer.topLeft());
}

} // namespace graft
