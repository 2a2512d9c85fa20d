// SPDX-License-Identifier: MIT
#pragma once

#include "session/livesession.h"

#include <QWidget>

class QAction;
class QLabel;
class QToolButton;

namespace graft {

class BusyWatch;

// The status bar's word on the program: which file is the running entry, and
// whether it runs, is busy (its event loop has not turned for a while, with
// Interrupt right there), or ended and how.
class ProgramStatus : public QWidget
{
    Q_OBJECT
public:
    ProgramStatus(LiveSession *session, BusyWatch *busy, QAction *interrupt, QWidget *parent = nullptr);

    QString text() const;
    QToolButton *interruptButton() const { return m_button; }
    void refresh();

protected:
    void changeEvent(QEvent *event) override;

private:
    LiveSession *m_session;
    BusyWatch *m_busy;
    QLabel *m_label;
    QToolButton *m_button;
    QString m_ended;
};

} // namespace graft
