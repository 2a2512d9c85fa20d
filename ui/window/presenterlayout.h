// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>

class QDockWidget;
class QMainWindow;

namespace graft {

// Presenter mode's window layout: only what the audience follows (the code, what
// the save did, the live values and the output) with large pane titles; the
// Scripts list and the status bar go. Leaving it puts back the layout it found.
class PresenterLayout
{
public:
    struct Panes
    {
        QDockWidget *scripts;
        QDockWidget *changes;
        QDockWidget *closures;
        QDockWidget *runtime;
        // Hidden too (the debugger's panes; a pause shows the Call Stack again).
        QList<QDockWidget *> others;
    };

    PresenterLayout(QMainWindow *window, Panes panes);

    void apply(bool on);
    // Presenter mode's Changes and Closures in `pointSize` (the code's); off: the window's font.
    void setPaneFont(bool on, qreal pointSize);
    // The width of the column that holds Changes and Closures.
    static int sideColumnWidth(int windowWidth);
    // Shares the column's height between Changes and Closures by the rows each
    // shows now (what a save did, the live function's variables), each keeping
    // at least kMinPaneShare percent. Only while presenting.
    void fitColumnToContent(int changesRows, int closuresRows);
    static constexpr int kMinPaneShare = 30;
    bool isOn() const { return !m_everydayState.isEmpty(); }
    // The layout to remember (QMainWindow::saveState()): while presenting, the one it goes back to.
    QByteArray everydayState() const;

private:
    static void setLargeTitleBar(QDockWidget *dock, bool on);

    QMainWindow *m_window;
    Panes m_panes;
    QByteArray m_everydayState; // empty unless presenting
};

} // namespace graft
