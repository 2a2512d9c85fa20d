// SPDX-License-Identifier: MIT
#include "session/busywatch.h"

#include "cdp/cdpclient.h"
#include "inspect/stackdepthjs.h"
#include "session/livesession.h"

namespace graft {

namespace {

constexpr int kProbeMs = 500;
constexpr int kMethodNotFound = -32601;

// More than this helper's own frame (and the inspector's wrapper) on the stack:
// the request was answered by interrupt inside the program's JavaScript.
QString stackDepthJs()
{
    return QStringLiteral("function () {\n  let depth = 0;\n") + countStackFramesJs(4)
        + QStringLiteral("  return depth;\n}");
}

} // namespace

BusyWatch::BusyWatch(LiveSession *session, QObject *parent)
    : QObject(parent)
    , m_session(session)
{
    m_timer.setInterval(kProbeMs);
    connect(&m_timer, &QTimer::timeout, this, &BusyWatch::probe);
    // Paused at a breakpoint the program is held, not busy: its frames are on
    // the stack but nothing runs (and no probe may count as running).
    connect(m_session, &LiveSession::paused, this, [this] {
        m_paused = true;
        ++m_generation;
        m_asked.invalidate();
        m_runningSince.invalidate();
        setBusy(false);
    });
    connect(m_session, &LiveSession::resumed, this, [this] { m_paused = false; });
    connect(m_session, &LiveSession::stateChanged, this, [this](LiveSession::State state) {
        m_paused = false;
        ++m_generation; // answers of an earlier run count for nothing
        m_asked.invalidate();
        m_runningSince.invalidate();
        setBusy(false);
        if (state == LiveSession::State::Running)
            m_timer.start();
        else
            m_timer.stop();
    });
}

qint64 BusyWatch::busyForMs() const
{
    if (!m_busy)
        return 0;
    if (m_runningSince.isValid())
        return m_runningSince.elapsed();
    return m_asked.isValid() ? m_asked.elapsed() : 0;
}

void BusyWatch::probe()
{
    CdpClient *client = m_session->client();
    if (!client || m_session->state() != LiveSession::State::Running || m_paused)
        return;
    if (m_asked.isValid()) {
        // Still unanswered: a runtime that cannot even take an interrupt.
        if (m_asked.elapsed() >= m_thresholdMs)
            setBusy(true);
        return;
    }
    m_asked.start();
    const quint64 generation = m_generation;
    const QJsonObject params { { QStringLiteral("functionDeclaration"), stackDepthJs() },
        { QStringLiteral("returnByValue"), true } };
    client->call(QStringLiteral("Graft.callFunctionOn"), params, this, [this, generation](const CdpReply &reply) {
        if (generation != m_generation)
            return;
        m_asked.invalidate();
        if (!reply.ok && reply.errorCode == kMethodNotFound) {
            m_timer.stop(); // a runtime without Graft's helpers: no measure, no claim
            return;
        }
        const int depth = reply.result.value(QLatin1String("result")).toObject().value(QLatin1String("value")).toInt();
        // Idle, the stack holds our helper alone on the embedded runtime (it calls
        // it from C++), and also the evaluated wrapper on the agent.
        const int idleDepth = m_session->embeddedHost() ? 1 : 2;
        onAnswer(reply.ok && depth > idleDepth);
    });
}

void BusyWatch::onAnswer(bool running)
{
    if (!running) {
        m_runningSince.invalidate();
        setBusy(false);
        return;
    }
    if (!m_runningSince.isValid())
        m_runningSince.start();
    setBusy(m_runningSince.elapsed() >= m_thresholdMs);
}

void BusyWatch::setBusy(bool busy)
{
    const bool changed = busy != m_busy;
    m_busy = busy;
    if (changed || busy)
        Q_EMIT busyChanged(busy, busyForMs());
}

} // namespace graft
