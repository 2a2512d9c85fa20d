// SPDX-License-Identifier: MIT
// LiveSession on a program Graft attached to (graft --attach): not Graft's to
// end or restart, and it may come and go while the session lives.
#include "session/livesession.h"

#include "runtime/attachconnection.h"
#include "session/blockedretry.h"
#include "session/filewatcher.h"

namespace graft {

namespace {
constexpr int kExitUnavailable = 69; // EX_UNAVAILABLE: nothing to attach to
}

bool LiveSession::startAttached()
{
    m_attach = new AttachConnection(m_launch.attach, m_launch.runtimePath, this);
    connect(m_attach, &AttachConnection::output, this, &LiveSession::onProgramOutput);
    connect(m_attach, &AttachConnection::attached, this, [this](bool again) {
        if (again)
            resetProgramState(); // a new run of the program: new scripts, new ids
        connectClient(m_attach->transport());
    });
    connect(m_attach, &AttachConnection::detached, this, &LiveSession::onDetached);
    connect(m_attach, &AttachConnection::failed, this, [this](const QString &message) {
        dropClient();
        setState(State::Crashed);
        Q_EMIT finished(kExitUnavailable, QStringLiteral("error"), message);
    });
    m_attach->start();
    return true;
}

void LiveSession::onDetached(const QString &reason)
{
    dropClient();
    m_watcher->unwatchAll();
    m_retry->cancelAll();
    setState(State::Starting);
    Q_EMIT detached(reason);
}

void LiveSession::detachFromProgram()
{
    m_attach->detach();
    dropClient();
    m_watcher->unwatchAll();
    m_retry->cancelAll();
    setState(State::Exited);
    Q_EMIT finished(0, QStringLiteral("detached"),
        QStringLiteral("detached from %1; the program goes on running").arg(m_launch.attach.address()));
}

QString LiveSession::notRunningMessage() const
{
    if (m_launch.attaches() && m_state == State::Starting)
        return QStringLiteral("Graft is not attached to the program now: it waits for it on %1")
            .arg(m_launch.attach.address());
    return QStringLiteral("The program is not running.");
}

QString LiveSession::restartRefusal() const
{
    if (!m_launch.attaches())
        return {};
    return QStringLiteral("an attached program is not Graft's to restart: restart it yourself, and Graft attaches "
                          "again when it listens on %1")
        .arg(m_launch.attach.address());
}

} // namespace graft
