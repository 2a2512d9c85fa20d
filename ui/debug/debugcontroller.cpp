// SPDX-License-Identifier: MIT
#include "debug/debugcontroller.h"

#include "debug/breakpointsettings.h"
#include "debug/debugdocks.h"
#include "debug/debugger.h"
#include "debug/debugmodels.h"
#include "editor/breakpointmarkers.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "inspect/functionscopes.h"
#include "panes/livepanels.h"
#include "panes/patchcoordinator.h"
#include "panes/runtimedock.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"

#include <QAction>
#include <QFileInfo>
#include <QInputDialog>
#include <QLabel>
#include <QMenu>
#include <QRegularExpression>
#include <QToolTip>

namespace graft {

namespace {
const QKeySequence kContinueKey(Qt::Key_F5);

bool sameFile(const QString &a, const QString &b)
{
    return a == b || (!a.isEmpty() && !b.isEmpty() && canonicalFilePath(a) == canonicalFilePath(b));
}
} // namespace

DebugController::DebugController(const Parts &parts, bool remember, QObject *parent)
    : QObject(parent)
    , m_session(parts.session)
    , m_debugger(parts.session->debugger())
    , m_parts(parts)
    , m_remember(remember)
{
    createActions();
    // In the workbench someone is there to continue: `debugger;` stops, as in DevTools.
    m_debugger->setPauseOnDebuggerStatements(true);
    connect(m_debugger, &Debugger::paused, this, &DebugController::onPaused);
    connect(m_debugger, &Debugger::resumed, this, &DebugController::onResumed);
    connect(m_debugger, &Debugger::breakpointsChanged, this, &DebugController::onBreakpointsChanged);
    connect(m_session, &LiveSession::stateChanged, this, &DebugController::updateActions);
    connect(m_parts.editors, &EditorArea::currentFileChanged, this, &DebugController::hookEditors);
    connect(m_parts.editors, &EditorArea::saved, this, &DebugController::onSaved);
    connect(m_parts.callStack, &CallStackDock::frameSelected, this, &DebugController::selectFrame);
    connect(m_parts.breakpoints, &BreakpointsDock::removeRequested, this,
        [this](const QString &id) { m_debugger->removeBreakpoint(id); });
    connect(m_parts.breakpoints, &BreakpointsDock::removeAllRequested, this, [this] {
        for (const Breakpoint &b : m_debugger->breakpoints())
            m_debugger->removeBreakpoint(b.id);
    });
    connect(m_parts.breakpoints->model(), &BreakpointsModel::enabledChangeRequested, this,
        [this](const QString &id, bool enabled) { m_debugger->setBreakpointEnabled(id, enabled); });
    connect(m_parts.breakpoints, &BreakpointsDock::locationActivated, this,
        [this](const QString &file, int line) { m_parts.editors->openFile(file, line); });
    if (m_remember)
        load();
    hookEditors();
    updateActions();
}

void DebugController::createActions()
{
    auto make = [this](const char *name, const QString &text, const QKeySequence &key, auto slot) {
        auto *action = new QAction(text, this);
        action->setObjectName(QLatin1String(name));
        action->setShortcut(key);
        action->setShortcutContext(Qt::WindowShortcut);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    // F5 belongs to Run until the program pauses (onPaused hands it over).
    m_continue = make("continueAction", tr("&Continue"), {}, [this] { m_debugger->resume(); });
    m_pause = make("pauseAction", tr("&Pause"), QKeySequence(Qt::Key_F6), [this] { m_debugger->pause(); });
    m_stepOver
        = make("stepOverAction", tr("Step &Over"), QKeySequence(Qt::Key_F10), [this] { m_debugger->stepOver(); });
    m_stepInto
        = make("stepIntoAction", tr("Step &Into"), QKeySequence(Qt::Key_F11), [this] { m_debugger->stepInto(); });
    m_stepOut = make(
        "stepOutAction", tr("Step O&ut"), QKeySequence(Qt::SHIFT | Qt::Key_F11), [this] { m_debugger->stepOut(); });
    m_toggle = make("toggleBreakpointAction", tr("Toggle &Breakpoint"), QKeySequence(Qt::Key_F9), [this] {
        EditorTab *tab = m_parts.editors->currentTab();
        if (tab && !tab->isLiveSource()) {
            int line = 0;
            int column = 0;
            tab->editor()->getCursorPosition(&line, &column);
            toggleBreakpoint(tab->filePath(), line + 1);
        }
    });
    auto atCursor = [this](bool log) {
        EditorTab *tab = m_parts.editors->currentTab();
        if (tab && !tab->isLiveSource()) {
            int line = 0;
            int column = 0;
            tab->editor()->getCursorPosition(&line, &column);
            askDetail(tab->filePath(), line + 1, log);
        }
    };
    m_conditional
        = make("conditionalBreakpointAction", tr("Con&ditional Breakpoint…"), {}, [atCursor] { atCursor(false); });
    m_logpoint = make("logpointAction", tr("&Logpoint…"), {}, [atCursor] { atCursor(true); });
    m_onExceptions = make("pauseOnExceptionsAction", tr("Pause on &Uncaught Exceptions"), {}, [this](bool on) {
        m_debugger->setPauseOnExceptions(on ? QStringLiteral("uncaught") : QStringLiteral("none"));
    });
    m_onExceptions->setCheckable(true);
    m_onDebuggerStatements = make("pauseOnDebuggerStatementsAction", tr("Pause at `debugger;` Statements"), {},
        [this](bool on) { m_debugger->setPauseOnDebuggerStatements(on); });
    m_onDebuggerStatements->setCheckable(true);
    m_onDebuggerStatements->setChecked(true);
}

void DebugController::addActionsTo(QMenu *menu)
{
    menu->addActions({ m_continue, m_pause, m_stepOver, m_stepInto, m_stepOut });
    menu->addSeparator();
    menu->addActions({ m_toggle, m_conditional, m_logpoint });
    menu->addSeparator();
    menu->addActions({ m_onExceptions, m_onDebuggerStatements });
}

void DebugController::updateActions()
{
    const bool paused = m_debugger->isPaused();
    for (QAction *a : { m_continue, m_stepOver, m_stepInto, m_stepOut })
        a->setEnabled(paused);
    m_pause->setEnabled(!paused && m_session->isRunning());
    // VS Code's F5: Continue while paused, Run otherwise. One owner at a time, or
    // Qt calls the key ambiguous and neither fires.
    m_parts.runtime->runAction()->setShortcut(paused ? QKeySequence() : kContinueKey);
    m_continue->setShortcut(paused ? kContinueKey : QKeySequence());
}

QString DebugController::breakpointAt(const QString &filePath, int line) const
{
    // Where the editor shows it first: unsaved edits may have moved it from its line.
    if (EditorTab *tab = m_parts.editors->tabForFile(filePath)) {
        const QString shown = tab->editor()->breakpointMarkers()->breakpointAt(line);
        if (!shown.isEmpty() && m_debugger->breakpoint(shown))
            return shown;
    }
    for (const Breakpoint &b : m_debugger->breakpoints()) {
        if (b.line == line && sameFile(b.file, filePath))
            return b.id;
    }
    return {};
}

void DebugController::toggleBreakpoint(const QString &filePath, int line)
{
    if (const QString id = breakpointAt(filePath, line); !id.isEmpty())
        m_debugger->removeBreakpoint(id);
    else
        addBreakpoint(filePath, line);
}

void DebugController::addBreakpoint(const QString &filePath, int line, const QString &condition, const QString &log)
{
    m_debugger->setBreakpoint(filePath, line, condition, log, this, [this](const Debugger::SetAnswer &answer) {
        if (!answer.ok)
            m_parts.runtime->showMessage(tr("Breakpoint not set: %1").arg(answer.error));
    });
}

void DebugController::askDetail(const QString &filePath, int line, bool log)
{
    const QString id = breakpointAt(filePath, line);
    const Breakpoint *existing = m_debugger->breakpoint(id);
    bool ok = false;
    const QString text = QInputDialog::getText(m_parts.editors, log ? tr("Logpoint") : tr("Conditional Breakpoint"),
        log ? tr("Print this expression's value each time line %1 runs (the program does not stop), e.g. "
                 "'count is ' + count:")
                  .arg(line)
            : tr("Stop at line %1 only when this expression is true:").arg(line),
        QLineEdit::Normal, existing ? (log ? existing->log : existing->condition) : QString(), &ok);
    if (!ok)
        return;
    if (existing)
        m_debugger->editBreakpoint(id, log ? existing->condition : text, log ? text : existing->log);
    else
        addBreakpoint(filePath, line, log ? QString() : text, log ? text : QString());
}

void DebugController::showMenu(const QString &filePath, int line, const QPoint &globalPos)
{
    const QString id = breakpointAt(filePath, line);
    const Breakpoint *b = m_debugger->breakpoint(id);
    QMenu menu;
    menu.setObjectName(QStringLiteral("breakpointMenu"));
    if (!b)
        menu.addAction(tr("Add Breakpoint"), this, [=, this] { addBreakpoint(filePath, line); });
    menu.addAction(b && !b->condition.isEmpty() ? tr("Edit Condition…") : tr("Add Conditional Breakpoint…"), this,
        [=, this] { askDetail(filePath, line, false); });
    menu.addAction(b && b->isLogpoint() ? tr("Edit Logpoint…") : tr("Add Logpoint…"), this,
        [=, this] { askDetail(filePath, line, true); });
    if (b) {
        const bool enabled = b->enabled;
        menu.addAction(enabled ? tr("Disable Breakpoint") : tr("Enable Breakpoint"), this,
            [=, this] { m_debugger->setBreakpointEnabled(id, !enabled); });
        menu.addAction(tr("Remove Breakpoint"), this, [=, this] { m_debugger->removeBreakpoint(id); });
    }
    menu.exec(globalPos);
}

void DebugController::hookEditors()
{
    bool added = false;
    for (EditorTab *tab : m_parts.editors->tabs()) {
        CodeEditor *editor = tab->editor();
        if (m_hooked.contains(editor) || tab->isLiveSource())
            continue;
        added = true;
        m_hooked.insert(editor);
        connect(editor, &QObject::destroyed, this, [this, editor] { m_hooked.remove(editor); });
        const QString file = tab->filePath();
        connect(editor->breakpointMarkers(), &BreakpointMarkers::toggleRequested, this,
            [this, file](int line) { toggleBreakpoint(file, line); });
        connect(editor->breakpointMarkers(), &BreakpointMarkers::menuRequested, this,
            [this, file](int line, const QPoint &at) { showMenu(file, line, at); });
        // While running, LivePanels shows the file's top-level values instead.
        connect(editor, &CodeEditor::valueHoverRequested, this, [this, editor](int position, const QPoint &at) {
            if (m_debugger->isPaused())
                showValueAt(editor, position, at);
        });
    }
    // Only for a new tab: the others' markers have moved with unsaved edits.
    if (added)
        onBreakpointsChanged();
}

void DebugController::onBreakpointsChanged()
{
    const QList<Breakpoint> all = m_debugger->breakpoints();
    for (EditorTab *tab : m_parts.editors->tabs()) {
        if (tab->isLiveSource())
            continue;
        QList<Breakpoint> mine;
        for (const Breakpoint &b : all) {
            if (sameFile(b.file, tab->filePath()))
                mine.append(b);
        }
        tab->editor()->breakpointMarkers()->show(mine);
    }
    m_parts.breakpoints->model()->setBreakpoints(all);
    save();
}

void DebugController::onSaved(const QString &filePath)
{
    // A patch of a running file moves them itself (Debugger::onSourceChanged), by the
    // same lines: moving them here too would move them twice.
    if (m_parts.patches->applyOnSave() && m_session->isRunning() && m_session->scripts()->findByFile(filePath))
        return;
    EditorTab *tab = m_parts.editors->tabForFile(filePath);
    if (!tab)
        return;
    for (const auto &[id, line] : tab->editor()->breakpointMarkers()->currentLines())
        m_debugger->moveBreakpoint(id, line);
}

void DebugController::showValueAt(CodeEditor *editor, int position, const QPoint &globalPos)
{
    int line = 0;
    int index = 0;
    editor->lineIndexFromPosition(position, &line, &index);
    // The name under the pointer with the member chain before it (`this.count`,
    // `a.b`), nothing else: hovering evaluates, and must only read.
    const QString text = editor->text(line);
    static const QRegularExpression chain(QStringLiteral("[A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*"));
    QString expression;
    for (auto it = chain.globalMatch(text); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (m.capturedStart() <= index && index <= m.capturedEnd()) {
            // Up to the end of the hovered name, not the members after it.
            const qsizetype end = text.indexOf(QLatin1Char('.'), index);
            expression = end < 0 || end > m.capturedEnd() ? m.captured()
                                                          : text.mid(m.capturedStart(), end - m.capturedStart());
            break;
        }
    }
    if (expression.isEmpty())
        return;
    const int frame = qMax(0, m_parts.callStack->selectedFrame());
    m_debugger->evaluateOnFrame(
        frame, expression, this,
        [this, expression, globalPos](const EvaluateResult &result) {
            if (!result.ok || !m_debugger->isPaused())
                return; // not a name in this frame, or it would have had side effects
            m_hoverText = QStringLiteral("%1 = %2").arg(expression, result.value.display());
            QToolTip::showText(globalPos, m_hoverText);
        },
        true);
}

void DebugController::onPaused()
{
    updateActions();
    const PausedEvent &event = m_debugger->pausedEvent();
    m_parts.callStack->model()->setFrames(event.frames);
    const PausedFrame top = event.frames.value(0);
    const QString where = QStringLiteral("%1, %2:%3")
                              .arg(top.name, top.filePath.isEmpty() ? top.url : QFileInfo(top.filePath).fileName())
                              .arg(top.line);
    QString why;
    const QString reason = m_debugger->pauseReason();
    if (reason == QLatin1String("breakpoint"))
        why = tr("Paused at a breakpoint in %1").arg(where);
    else if (reason == QLatin1String("exception") || reason == QLatin1String("promiseRejection"))
        why = tr("Paused on an uncaught exception in %1: %2")
                  .arg(where, event.exceptionDescription.section('\n', 0, 0));
    else
        why = tr("Paused in %1").arg(where);
    const QString frozen = tr("the program's timers are frozen until you continue (F5)");
    m_parts.statusLabel->setText(QStringLiteral("%1 — %2").arg(why, frozen));
    m_parts.statusLabel->show();
    m_parts.callStack->setStatus(QStringLiteral("%1.\n%2.").arg(why, frozen.at(0).toUpper() + frozen.mid(1)));
    m_parts.callStack->show();
    m_parts.callStack->raise();
    m_parts.callStack->selectFrame(0);
}

void DebugController::selectFrame(int index)
{
    if (!m_debugger->isPaused() || index < 0 || index >= m_debugger->pausedEvent().frames.size())
        return;
    const PausedFrame frame = m_debugger->pausedEvent().frames.at(index);
    for (EditorTab *tab : m_parts.editors->tabs())
        tab->editor()->breakpointMarkers()->setCurrentLine(0);
    if (!frame.filePath.isEmpty()) {
        if (EditorTab *tab = m_parts.editors->openFile(frame.filePath, frame.line, frame.column)) {
            hookEditors();
            tab->editor()->breakpointMarkers()->setCurrentLine(frame.line);
        }
    }
    m_parts.runtime->setEvaluationFrame(index, frame.name);
    m_debugger->frameScopes(index, this, [this, frame](const FunctionScopes &scopes) {
        if (scopes.ok && m_debugger->isPaused())
            m_parts.livePanels->showFrame(frame.filePath, scopes);
    });
}

void DebugController::onResumed()
{
    updateActions();
    for (EditorTab *tab : m_parts.editors->tabs())
        tab->editor()->breakpointMarkers()->setCurrentLine(0);
    m_parts.callStack->model()->setFrames({});
    m_parts.callStack->setStatus(tr("Running."));
    m_parts.statusLabel->clear();
    m_parts.statusLabel->hide();
    m_parts.runtime->setEvaluationFrame(-1);
    m_parts.livePanels->leaveFrame();
}

void DebugController::load() { BreakpointSettings::load(m_debugger); }

void DebugController::save() const
{
    if (m_remember)
        BreakpointSettings::save(m_debugger);
}

} // namespace graft
