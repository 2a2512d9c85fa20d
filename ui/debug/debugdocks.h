// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class QLabel;
class QListView;
class QTreeView;

namespace graft {

class BreakpointsModel;
class CallStackModel;

// The paused program's call stack. Selecting a frame asks to show it (its line,
// its scopes in Closures, the console evaluating there): frameSelected.
class CallStackDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit CallStackDock(QWidget *parent = nullptr);

    CallStackModel *model() const { return m_model; }
    QListView *view() const { return m_view; }
    int selectedFrame() const;
    void selectFrame(int index);
    // What the program is doing, above the frames ("Running", "Paused at a breakpoint …").
    void setStatus(const QString &text);
    QString status() const;

Q_SIGNALS:
    void frameSelected(int index);

private:
    CallStackModel *m_model;
    QListView *m_view;
    QLabel *m_status;
};

// Every breakpoint: check to enable, double-click to go there, Delete to remove.
class BreakpointsDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit BreakpointsDock(QWidget *parent = nullptr);

    BreakpointsModel *model() const { return m_model; }
    QTreeView *view() const { return m_view; }

Q_SIGNALS:
    void locationActivated(const QString &filePath, int line);
    void removeRequested(const QString &id);
    void removeAllRequested();

private:
    BreakpointsModel *m_model;
    QTreeView *m_view;
};

} // namespace graft
