// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QPointer>
#include <QTimer>

class QWidget;

namespace graft {

class LiveSession;

// `graft --grab FILE`: saves a PNG of the window once the program is ready and
// its first output is on screen (or after a deadline, whatever the program does),
// then says whether the file was written (the caller quits).
class WindowGrabber : public QObject
{
    Q_OBJECT
public:
    WindowGrabber(QWidget *window, LiveSession *session, const QString &filePath, QObject *parent = nullptr);

    void setDeadline(int ms) { m_deadline.setInterval(ms); }
    void start();

Q_SIGNALS:
    void grabbed(bool ok);

private:
    void grabSoon();
    void grab();

    QPointer<QWidget> m_window;
    LiveSession *m_session;
    QString m_filePath;
    QTimer m_deadline;
    QTimer m_settle;
    bool m_ready = false;
    bool m_done = false;
};

} // namespace graft
