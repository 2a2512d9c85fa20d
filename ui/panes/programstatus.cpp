// SPDX-License-Identifier: MIT
#include "panes/programstatus.h"

#include "session/busywatch.h"
#include "window/theme.h"

#include <QDir>
#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace graft {

ProgramStatus::ProgramStatus(LiveSession *session, BusyWatch *busy, QAction *interrupt, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_busy(busy)
    , m_label(new QLabel(this))
    , m_button(new QToolButton(this))
{
    setObjectName(QStringLiteral("programStatus"));
    m_label->setObjectName(QStringLiteral("programStatusLabel"));
    m_button->setObjectName(QStringLiteral("busyInterruptButton"));
    m_button->setDefaultAction(interrupt);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_button->setVisible(false);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_button);

    connect(m_session, &LiveSession::stateChanged, this, [this](LiveSession::State state) {
        if (state == LiveSession::State::Starting)
            m_ended.clear();
        refresh();
    });
    connect(m_session, &LiveSession::finished, this, [this](int code, const QString &reason, const QString &detail) {
        m_ended = reason == QLatin1String("crash")  ? tr("crashed%1").arg(detail.isEmpty() ? QString() : ": " + detail)
            : reason == QLatin1String("terminated") ? tr("stopped")
                                                    : tr("exited with code %1").arg(code);
        refresh();
    });
    connect(m_busy, &BusyWatch::busyChanged, this, &ProgramStatus::refresh);
    // An attached program's entry is known once the session has found it.
    connect(m_session, &LiveSession::ready, this, &ProgramStatus::refresh);
    connect(m_session, &LiveSession::detached, this, [this] {
        m_ended = tr("detached: the program runs on, Graft waits for it on the same port");
        refresh();
    });
    refresh();
}

QString ProgramStatus::text() const { return m_label->text(); }

void ProgramStatus::refresh()
{
    const RuntimeLaunch &launch = m_session->launch();
    const QString entry = launch.attaches() ? m_session->entry() : launch.entry;
    const QString name = entry.isEmpty() ? tr("no program") : QFileInfo(entry).fileName();
    QString mark = QStringLiteral("■");
    QString state;
    QColor color = currentTheme().muted;
    switch (m_session->state()) {
    case LiveSession::State::Idle:
        state = tr("not running");
        break;
    case LiveSession::State::Starting:
        mark = QStringLiteral("▶");
        state = tr("starting…");
        break;
    case LiveSession::State::Running:
        mark = QStringLiteral("▶");
        state = launch.attaches() ? tr("running, attached to %1").arg(launch.attach.address()) : tr("running");
        color = currentTheme().success;
        if (m_busy->isBusy()) {
            mark = QStringLiteral("⏳");
            state = tr("busy for %1 s: its event loop has not turned").arg(m_busy->busyForMs() / 1000);
            color = currentTheme().warning;
        }
        break;
    case LiveSession::State::Exited:
        state = m_ended.isEmpty() ? tr("exited") : m_ended;
        break;
    case LiveSession::State::Crashed:
        state = m_ended.isEmpty() ? tr("crashed") : m_ended;
        color = currentTheme().error;
        break;
    }
    m_label->setText(QStringLiteral("%1 %2 %3").arg(mark, name, state));
    m_label->setStyleSheet(QStringLiteral("color: %1").arg(color.name()));
    m_label->setToolTip(entry.isEmpty() ? tr("No entry file") : tr("Entry: %1").arg(QDir::toNativeSeparators(entry)));
    m_button->setVisible(m_session->state() == LiveSession::State::Running && m_busy->isBusy());
}

void ProgramStatus::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) // the label is in the theme's colour for the state
        refresh();
}

} // namespace graft
