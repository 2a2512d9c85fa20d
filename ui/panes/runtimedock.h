// SPDX-License-Identifier: MIT
#pragma once

#include "session/livesession.h"

#include <QDockWidget>

class QAction;
class QCheckBox;
class QLabel;
class QListView;

namespace graft {

class ConsolePane;
class OutputModel;

// Bottom: the running program. Its output (stdout and stderr apart), uncaught
// exceptions with clickable frames (repeats counted, not repeated), beside it the
// console (ConsolePane), its state, and Run / Interrupt / Stop / Restart with the
// "Apply on save" switch. Interrupt ends the callback running now and says what
// that cost; Stop ends the program. Nothing here waits for the runtime: every
// request is answered through a callback.
class RuntimeDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit RuntimeDock(LiveSession *session, QWidget *parent = nullptr);

    OutputModel *outputModel() const { return m_model; }
    QListView *outputView() const { return m_view; }
    // The console's text as shown, one line per row.
    QString outputText() const;
    QString stateText() const;

    QAction *runAction() const { return m_run; }
    QAction *interruptAction() const { return m_interrupt; }
    QAction *stopAction() const { return m_stop; }
    ConsolePane *consolePane() const { return m_console; }
    QAction *restartAction() const { return m_restart; }
    QAction *clearAction() const { return m_clear; }
    bool applyOnSave() const;
    void setApplyOnSave(bool on);
    // The output's and console's monospace size; 0: the everyday size.
    void setOutputPointSize(qreal pointSize);
    // Repaints what carries the theme's colours in its text (the state's dot).
    void applyTheme();
    void showMessage(const QString &text);
    // While paused, the console evaluates in this frame of the pause (-1: global scope).
    void setEvaluationFrame(int frame, const QString &frameName = {});
    int evaluationFrame() const;

Q_SIGNALS:
    void locationActivated(const QString &filePath, int line, int column);
    void applyOnSaveChanged(bool on);
    void runRequested();

private:
    void onStateChanged(LiveSession::State state);
    void onFinished(int code, const QString &reason, const QString &detail);
    void interrupt();
    void copySelection();

    LiveSession *m_session;
    OutputModel *m_model;
    QListView *m_view;
    ConsolePane *m_console;
    QLabel *m_state;
    QCheckBox *m_applyOnSave;
    QAction *m_run;
    QAction *m_interrupt;
    QAction *m_stop;
    QAction *m_restart;
    QAction *m_clear;
    QString m_finishedText;
    bool m_followOutput = true; // the view shows the end and keeps showing it
};

} // namespace graft
