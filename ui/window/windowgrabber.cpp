// SPDX-License-Identifier: MIT
#include "window/windowgrabber.h"

#include "session/livesession.h"

#include <QDir>
#include <QFileInfo>
#include <QPixmap>
#include <QWidget>

#include <cstdio>

namespace graft {

namespace {
constexpr int kDeadlineMs = 3000;
// Output becomes rows on a timer and rows become pixels on the next paint.
constexpr int kSettleMs = 400;
} // namespace

WindowGrabber::WindowGrabber(QWidget *window, LiveSession *session, const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_session(session)
    , m_filePath(filePath)
{
    m_deadline.setSingleShot(true);
    m_deadline.setInterval(kDeadlineMs);
    m_settle.setSingleShot(true);
    m_settle.setInterval(kSettleMs);
    connect(&m_deadline, &QTimer::timeout, this, &WindowGrabber::grab);
    connect(&m_settle, &QTimer::timeout, this, &WindowGrabber::grab);
    connect(m_session, &LiveSession::ready, this, [this] { m_ready = true; });
    connect(m_session, &LiveSession::output, this, [this] {
        if (m_ready)
            grabSoon();
    });
    connect(m_session, &LiveSession::finished, this, &WindowGrabber::grabSoon);
}

void WindowGrabber::start()
{
    m_deadline.start();
}

void WindowGrabber::grabSoon()
{
    if (!m_settle.isActive() && !m_done)
        m_settle.start();
}

void WindowGrabber::grab()
{
    if (m_done)
        return;
    m_done = true;
    m_deadline.stop();
    m_settle.stop();
    bool ok = false;
    if (m_window) {
        QDir().mkpath(QFileInfo(m_filePath).absolutePath());
        ok = m_window->grab().save(m_filePath, "PNG");
    }
    if (!ok)
        std::fprintf(stderr, "graft: cannot write the screenshot %s\n", qPrintable(m_filePath));
    Q_EMIT grabbed(ok);
}

} // namespace graft
