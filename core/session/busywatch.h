// SPDX-License-Identifier: MIT
#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace graft {

class LiveSession;

// Says when the program's event loop has not turned for a while: a callback
// that runs on (a runaway loop, a long computation) or a runtime that stopped
// answering. Measured, not guessed: twice a second a probe asks the runtime
// whether JavaScript of the program is on the stack right now (answered between
// callbacks, or by interrupt inside one); busy means every probe for the last
// `thresholdMs` found the program running, or one probe went unanswered that long.
class BusyWatch : public QObject
{
    Q_OBJECT
public:
    explicit BusyWatch(LiveSession *session, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    // How long the program has been found running without a break (0 when not busy).
    qint64 busyForMs() const;
    void setThresholdMs(int ms) { m_thresholdMs = ms; }

Q_SIGNALS:
    // Also while busy, once per probe, so a view can count the seconds.
    void busyChanged(bool busy, qint64 forMs);

private:
    void probe();
    void onAnswer(bool running);
    void setBusy(bool busy);

    LiveSession *m_session;
    QTimer m_timer;
    QElapsedTimer m_runningSince; // valid while every probe since found it running
    QElapsedTimer m_asked;        // valid while a probe is unanswered
    bool m_busy = false;
    bool m_paused = false;
    int m_thresholdMs = 1500;
    quint64 m_generation = 0;
};

} // namespace graft
