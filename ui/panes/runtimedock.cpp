// SPDX-License-Identifier: MIT
#include "panes/runtimedock.h"

#include "console/consolepane.h"
#include "debug/debugger.h"
#include "panes/outputmodel.h"
#include "session/interruption.h"
#include "window/theme.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QMenu>
#include <QScrollBar>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace graft {

RuntimeDock::RuntimeDock(LiveSession *session, QWidget *parent)
    : QDockWidget(tr("Runtime"), parent)
    , m_session(session)
    , m_model(new OutputModel(this))
    , m_view(new QListView(this))
    , m_console(new ConsolePane(session, this))
    , m_state(new QLabel(this))
    , m_applyOnSave(new QCheckBox(tr("Apply on save"), this))
{
    setObjectName(QStringLiteral("runtimeDock"));
    m_model->setObjectName(QStringLiteral("outputModel"));
    m_view->setObjectName(QStringLiteral("outputView"));
    m_state->setObjectName(QStringLiteral("runtimeState"));
    m_applyOnSave->setObjectName(QStringLiteral("applyOnSave"));
    m_applyOnSave->setChecked(true);
    m_applyOnSave->setToolTip(tr("Apply every save to the running program"));

    QStyle *style = this->style();
    m_run = new QAction(style->standardIcon(QStyle::SP_MediaPlay), tr("&Run"), this);
    m_run->setObjectName(QStringLiteral("runAction"));
    m_run->setShortcut(QKeySequence(Qt::Key_F5));
    // As in IDEs: Stop (Shift+F5) ends the program; Interrupt ends only the
    // callback running now (Ctrl+Pause: the Pause/Break key, as a console's break).
    m_interrupt = new QAction(style->standardIcon(QStyle::SP_MediaPause), tr("&Interrupt"), this);
    m_interrupt->setObjectName(QStringLiteral("interruptAction"));
    m_interrupt->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Pause), QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_I) });
    m_stop = new QAction(style->standardIcon(QStyle::SP_MediaStop), tr("&Stop"), this);
    m_stop->setObjectName(QStringLiteral("stopAction"));
    m_stop->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
    m_restart = new QAction(style->standardIcon(QStyle::SP_BrowserReload), tr("R&estart"), this);
    m_restart->setObjectName(QStringLiteral("restartAction"));
    m_restart->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F5));
    m_clear = new QAction(style->standardIcon(QStyle::SP_DialogResetButton), tr("&Clear Output"), this);
    m_clear->setObjectName(QStringLiteral("clearOutputAction"));
    for (QAction *action : { m_run, m_stop, m_restart })
        action->setToolTip(QStringLiteral("%1 (%2)").arg(
            action->text().remove(QLatin1Char('&')), action->shortcut().toString(QKeySequence::NativeText)));
    m_interrupt->setToolTip(tr("Interrupt: end the callback running now, e.g. a runaway loop; the program stays "
                               "(%1)")
                                .arg(m_interrupt->shortcut().toString(QKeySequence::NativeText)));
    m_stop->setToolTip(tr("Stop: end the program (%1)").arg(m_stop->shortcut().toString(QKeySequence::NativeText)));

    auto *toolBar = new QToolBar(this);
    toolBar->setObjectName(QStringLiteral("runtimeToolBar"));
    toolBar->setIconSize(QSize(16, 16));
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_run);
    toolBar->addAction(m_interrupt);
    toolBar->addAction(m_stop);
    toolBar->addAction(m_restart);
    toolBar->addSeparator();
    toolBar->addAction(m_clear);
    toolBar->addSeparator();
    toolBar->addWidget(m_applyOnSave);
    auto *spacer = new QWidget(toolBar);
    spacer->setObjectName(QStringLiteral("runtimeToolBarSpacer"));
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    toolBar->addWidget(spacer);
    toolBar->addWidget(m_state);

    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_view->setFont(mono);
    m_view->setModel(m_model);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);

    m_console->setConsoleFont(mono);

    // Output and console side by side: answers never scroll away in the program's output.
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("runtimeSplitter"));
    split->addWidget(m_view);
    split->addWidget(m_console);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);

    auto *content = new QWidget(this);
    content->setObjectName(QStringLiteral("runtimeContent"));
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    layout->addWidget(toolBar);
    layout->addWidget(split, 1);
    setWidget(content);

    connect(m_run, &QAction::triggered, this, &RuntimeDock::runRequested);
    connect(m_interrupt, &QAction::triggered, this, &RuntimeDock::interrupt);
    connect(m_stop, &QAction::triggered, this, [this] {
        m_model->appendLine(OutputModel::Kind::Info, tr("■ Stopping the program…"));
        m_session->kill();
    });
    connect(m_restart, &QAction::triggered, this, [this] {
        m_model->appendLine(OutputModel::Kind::Info, tr("↻ Restarting…"));
        m_session->restart();
    });
    connect(m_clear, &QAction::triggered, m_model, &OutputModel::clear);
    connect(m_applyOnSave, &QCheckBox::toggled, this, &RuntimeDock::applyOnSaveChanged);

    // Follow the output while the view is scrolled to the end; stay put otherwise.
    // Only the user's own scrolling decides (the wheel, the scroll bar, the keys): a
    // new font, theme or layout moves the end under a following view, and the list
    // view keeps its top row on a resize; neither may stop it following.
    QScrollBar *bar = m_view->verticalScrollBar();
    const auto userScrolled = [this, bar] {
        // After the action has moved the bar.
        QTimer::singleShot(0, this, [this, bar] { m_followOutput = bar->value() >= bar->maximum() - 1; });
    };
    connect(bar, &QScrollBar::actionTriggered, this, userScrolled);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, userScrolled);
    connect(bar, &QScrollBar::rangeChanged, this, [this, bar](int, int maximum) {
        if (m_followOutput)
            bar->setValue(maximum);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_followOutput)
            m_view->scrollToBottom();
    });
    const auto openFrame = [this](const QModelIndex &index) {
        const QString file = index.data(OutputModel::FileRole).toString();
        if (!file.isEmpty())
            Q_EMIT locationActivated(
                file, index.data(OutputModel::LineRole).toInt(), index.data(OutputModel::ColumnRole).toInt());
    };
    connect(m_view, &QListView::clicked, this, openFrame);
    connect(m_view, &QListView::activated, this, openFrame);
    connect(m_view, &QListView::customContextMenuRequested, this, [this](const QPoint &position) {
        auto *menu = new QMenu(m_view);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addAction(tr("Copy"), this, &RuntimeDock::copySelection);
        menu->addAction(m_clear);
        menu->popup(m_view->viewport()->mapToGlobal(position));
    });
    auto *copy = new QAction(tr("Copy Output"), this);
    copy->setObjectName(QStringLiteral("copyOutputAction"));
    copy->setShortcut(QKeySequence::Copy);
    copy->setShortcutContext(Qt::WidgetShortcut);
    connect(copy, &QAction::triggered, this, &RuntimeDock::copySelection);
    m_view->addAction(copy);

    connect(m_session, &LiveSession::output, m_model, &OutputModel::appendOutput);
    connect(m_session, &LiveSession::exceptionThrown, m_model, &OutputModel::appendException);
    connect(m_session, &LiveSession::stateChanged, this, &RuntimeDock::onStateChanged);
    connect(m_session, &LiveSession::paused, this, [this] { onStateChanged(m_session->state()); });
    connect(m_session, &LiveSession::resumed, this, [this] { onStateChanged(m_session->state()); });
    connect(m_session, &LiveSession::finished, this, &RuntimeDock::onFinished);
    connect(m_session, &LiveSession::ready, this, [this](const QString &entry, const QString &node, const QString &v8) {
        m_model->appendLine(OutputModel::Kind::Info,
            tr("▶ %1 is running (Node %2, V8 %3); saves are applied live").arg(QFileInfo(entry).fileName(), node, v8));
        onStateChanged(m_session->state());
    });
    connect(m_session, &LiveSession::scriptTerminated, this, [this](const QString &reason) {
        // An interrupt's own answer says what it ended (interrupt()).
        if (reason == QLatin1String("heap-limit"))
            m_model->appendLine(OutputModel::Kind::Info,
                tr("■ The running JavaScript was ended: it reached the heap limit; the program lives on"));
    });
    connect(m_session, &LiveSession::protocolError, this, [this](const QString &message) {
        m_model->appendLine(OutputModel::Kind::Error, tr("Protocol error: %1").arg(message));
    });
    onStateChanged(m_session->state());
}

QString RuntimeDock::outputText() const { return m_model->text(); }

QString RuntimeDock::stateText() const { return m_state->text(); }

bool RuntimeDock::applyOnSave() const { return m_applyOnSave->isChecked(); }

void RuntimeDock::setApplyOnSave(bool on) { m_applyOnSave->setChecked(on); }

void RuntimeDock::setOutputPointSize(qreal pointSize)
{
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (pointSize > 0)
        mono.setPointSizeF(pointSize);
    m_view->setFont(mono);
    m_console->setConsoleFont(mono);
}

void RuntimeDock::applyTheme() { onStateChanged(m_session->state()); }

void RuntimeDock::showMessage(const QString &text) { m_model->appendLine(OutputModel::Kind::Info, text); }

void RuntimeDock::onStateChanged(LiveSession::State state)
{
    QString text;
    QColor color = currentTheme().muted;
    switch (state) {
    case LiveSession::State::Idle:
        text = tr("not running");
        break;
    case LiveSession::State::Starting:
        text = tr("starting…");
        break;
    case LiveSession::State::Running:
        if (m_session->debugger()->isPaused()) {
            text = tr("paused (timers frozen)");
            color = currentTheme().warning;
        } else {
            text = tr("running");
            color = currentTheme().success;
        }
        break;
    case LiveSession::State::Exited:
        text = m_finishedText.isEmpty() ? tr("exited") : m_finishedText;
        break;
    case LiveSession::State::Crashed:
        text = m_finishedText.isEmpty() ? tr("crashed") : m_finishedText;
        color = currentTheme().error;
        break;
    }
    m_state->setText(QStringLiteral("<span style='color:%1'>●</span> %2").arg(color.name(), text.toHtmlEscaped()));
    m_state->setToolTip(text);
    const bool running = m_session->isRunning();
    m_run->setEnabled(!running);
    m_interrupt->setEnabled(state == LiveSession::State::Running);
    m_stop->setEnabled(running);
    m_restart->setEnabled(running || state == LiveSession::State::Exited || state == LiveSession::State::Crashed);
    m_console->setInputEnabled(state == LiveSession::State::Running);
}

void RuntimeDock::onFinished(int code, const QString &reason, const QString &detail)
{
    if (reason == QLatin1String("crash")) {
        m_finishedText = detail.isEmpty() ? tr("crashed") : tr("crashed: %1").arg(detail);
        m_model->appendLine(OutputModel::Kind::Error, QStringLiteral("✗ ") + m_finishedText);
    } else if (reason == QLatin1String("terminated")) {
        m_finishedText = tr("stopped");
        m_model->appendLine(OutputModel::Kind::Info, tr("■ The program was stopped"));
    } else {
        m_finishedText = tr("exited with code %1").arg(code);
        m_model->appendLine(
            OutputModel::Kind::Info, QStringLiteral("■ ") + tr("The program exited with code %1").arg(code));
    }
    onStateChanged(m_session->state());
}

void RuntimeDock::setEvaluationFrame(int frame, const QString &frameName) { m_console->setFrame(frame, frameName); }

int RuntimeDock::evaluationFrame() const { return m_console->frame(); }

void RuntimeDock::interrupt()
{
    m_session->stopScript(this, [this](const StopResult &result) {
        if (!result.terminated) {
            m_model->appendLine(OutputModel::Kind::Info,
                tr("Interrupt: %1").arg(result.message.isEmpty() ? tr("nothing was running") : result.message));
            return;
        }
        const Interruption what = describeInterruption(result.interrupted);
        m_model->appendLine(
            OutputModel::Kind::Info, QStringLiteral("⏸ %1 %2").arg(what.summary, tr("Stop (Shift+F5) ends it.")));
    });
}

void RuntimeDock::copySelection()
{
    QModelIndexList rows = m_view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end());
    QStringList lines;
    for (const QModelIndex &index : std::as_const(rows))
        lines.append(index.data().toString());
    QApplication::clipboard()->setText(lines.join(QLatin1Char('\n')));
}

} // namespace graft
