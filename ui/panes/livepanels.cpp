// SPDX-License-Identifier: MIT
#include "panes/livepanels.h"

#include "debug/debugger.h"
#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "inspect/bindingreinitializer.h"
#include "panes/changesdock.h"
#include "panes/closuresdock.h"
#include "panes/closuresmodel.h"
#include "panes/livescopereader.h"
#include "panes/livevaluehover.h"
#include "panes/patchcoordinator.h"
#include "session/livesession.h"
#include "session/patchhistory.h"
#include "session/scriptregistry.h"

#include <QAction>
#include <QFileInfo>
#include <QTreeView>

#include <utility>

namespace graft {

namespace {
// Marks the patches Revert asked for: PatchCoordinator shows only saves.
const QString kRevertTag = QStringLiteral("graft-revert");
// A save that never turns into a patch must not hold the pane back for long.
constexpr int kSaveGuardMs = 10000;

bool samePath(const QString &a, const QString &b)
{
    return a == b || (!a.isEmpty() && !b.isEmpty() && canonicalFilePath(a) == canonicalFilePath(b));
}
} // namespace

QString LivePanels::revertTag() { return kRevertTag; }

QKeySequence LivePanels::reinitializeKey() { return QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_R); }

LivePanels::LivePanels(LiveSession *session, EditorArea *editors, PatchCoordinator *patches, ChangesDock *changes,
    ClosuresDock *closures, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_editors(editors)
    , m_patches(patches)
    , m_changes(changes)
    , m_closures(closures)
    , m_reader(new LiveScopeReader(session, this))
    , m_hover(new LiveValueHover(
          session, [this](const QString &filePath) { return bindingsOf(filePath); }, this))
    , m_reinitializeAction(new QAction(tr("Re-&initialize Stale Binding"), this))
{
    m_reader->setObjectName(QStringLiteral("liveScopeReader"));
    m_hover->setObjectName(QStringLiteral("liveValueHover"));
    m_reinitializeAction->setObjectName(QStringLiteral("reinitializeAction"));
    m_reinitializeAction->setShortcut(reinitializeKey());
    m_reinitializeAction->setToolTip(tr("Give the stale binding at the cursor the value its initializer says now "
                                        "(top-level code is not re-run by a patch)"));
    connect(m_reinitializeAction, &QAction::triggered, this, &LivePanels::reinitializeAtCursor);
    m_liveRefresh.setInterval(kRefreshMs);
    connect(&m_liveRefresh, &QTimer::timeout, this, &LivePanels::refreshLiveValues);
    m_liveRefresh.start();
    connect(m_editors, &EditorArea::currentFileChanged, this, &LivePanels::hookEditors);
    hookEditors();
    m_follow.setSingleShot(true);
    m_follow.setInterval(kFollowDelayMs);
    m_saveGuard.setSingleShot(true);
    m_saveGuard.setInterval(kSaveGuardMs);
    m_closures->closuresModel()->setPropertiesFetcher(
        [this](const QString &objectId, QObject *context, ClosuresModel::PropertiesHandler done) {
            m_reader->propertiesOf(objectId, context, std::move(done));
        });

    connect(m_editors, &EditorArea::cursorPositionChanged, this, [this](int line, int) { onCursorMoved(line); });
    connect(&m_follow, &QTimer::timeout, this, [this] { inspect(m_cursorFile, {}, m_cursorLine); });
    connect(m_editors, &EditorArea::saved, this, &LivePanels::onSaved);
    connect(&m_saveGuard, &QTimer::timeout, this, [this] { onPatchSettled(); });
    connect(m_session, &LiveSession::patchFinished, this, &LivePanels::onPatchFinished);
    connect(m_session, &LiveSession::ready, this, [this] {
        // A new run executed the files as they are on disk: nothing it holds is stale yet.
        m_runStart = m_session->history()->entries().size();
        m_reinitialized.clear();
        // The editor's margin agrees: no binding of the new run is stale.
        for (EditorTab *tab : m_editors->tabs())
            showStaleBindings(tab->filePath());
        refresh();
    });
    // `ready` comes before the program loads its files: read again once the file
    // shown is loaded, rather than leave "not loaded" standing.
    connect(m_session->scripts(), &ScriptRegistry::scriptAdded, this, [this](const ScriptInfo &script) {
        if (!script.filePath.isEmpty() && samePath(script.filePath, m_target.file))
            refresh();
    });
    connect(m_session, &LiveSession::finished, this, &LivePanels::showNotRunning);
    connect(m_changes, &ChangesDock::functionSelected, this,
        [this](const QString &filePath, const QString &name, int line) {
            // The editor jumps to `line` next: that is not a new place to follow.
            m_follow.stop();
            m_cursorFile = filePath;
            m_cursorLine = line;
            inspect(filePath, name, 0);
        });
    connect(m_changes, &ChangesDock::bindingSelected, this, &LivePanels::onBindingSelected);
    connect(m_changes, &ChangesDock::revertRequested, this,
        [this](const QString &filePath) { m_session->revert(filePath, kRevertTag); });
    connect(m_closures, &ClosuresDock::reinitializeRequested, this,
        [this](const QString &binding) { reinitialize(m_shownFile, binding); });
    connect(m_closures, &ClosuresDock::refreshRequested, this, &LivePanels::refresh);
}

void LivePanels::inspect(const QString &filePath, const QString &name, int line, const QString &note)
{
    m_target = Target { filePath, name, line };
    read(note);
}

void LivePanels::refresh() { read({}); }

void LivePanels::showFrame(const QString &filePath, const FunctionScopes &scopes)
{
    m_showingFrame = true;
    m_follow.stop();
    m_closures->closuresModel()->setScopes(scopes, {});
    m_shownFile = filePath;
    m_closures->setFunction(filePath, scopes.function.name, scopes.function.line);
    m_closures->showMessage(tr("The paused frame's scopes. The program's timers are frozen until you continue."));
}

void LivePanels::leaveFrame()
{
    if (!std::exchange(m_showingFrame, false))
        return;
    m_closures->showMessage({});
    refresh();
}

void LivePanels::onCursorMoved(int line)
{
    if (m_showingFrame)
        return;
    EditorTab *tab = m_editors->currentTab();
    if (!tab || tab->isLiveSource())
        return;
    // Only a new line can be a new function: typing along a line reads nothing.
    if (line == m_cursorLine && samePath(tab->filePath(), m_cursorFile))
        return;
    m_cursorFile = tab->filePath();
    m_cursorLine = line;
    m_follow.start();
}

void LivePanels::onSaved()
{
    if (m_patches->applyOnSave() && m_session->isRunning()) {
        m_savePending = true;
        m_saveGuard.start();
    }
}

void LivePanels::onPatchFinished(const PatchReport &report, const QVariant &tag)
{
    if (tag.toString() == kRevertTag)
        m_changes->addReport(report);
    if (report.succeeded()) {
        m_reinitialized.remove(canonicalFilePath(report.file));
        showStaleBindings(report.file);
    }
    // New code, new live values: read the function again.
    if (report.succeeded() && samePath(report.file, m_target.file))
        m_readDeferred = true;
    onPatchSettled();
}

void LivePanels::onPatchSettled()
{
    m_savePending = false;
    m_saveGuard.stop();
    if (!m_readDeferred)
        return;
    m_readDeferred = false;
    read(std::exchange(m_deferredNote, {}));
}

void LivePanels::onBindingSelected(const QString &filePath, const QString &name, int line)
{
    m_follow.stop();
    m_cursorFile = filePath;
    m_cursorLine = line;
    if (samePath(filePath, m_shownFile) && m_closures->selectVariable(name))
        return;
    m_closures->showMessage(tr("%1 is not captured by the function shown: put the cursor in a function that "
                               "uses it.")
                                .arg(name));
}

void LivePanels::reinitialize(const QString &filePath, const QString &binding)
{
    const QString file = filePath;
    if (file.isEmpty() || binding.isEmpty())
        return;
    m_closures->showMessage(
        tr("Re-initializing %1 at the next call of a function of %2…").arg(binding, QFileInfo(file).fileName()));
    m_session->reinitialize(file, binding, this, [this, file, binding](const ReinitResult &result) {
        if (!result.ok) {
            m_closures->showMessage(tr("%1 was not re-initialized: %2").arg(binding, result.message), true);
            return;
        }
        m_reinitialized[canonicalFilePath(file)].insert(binding);
        // Every view says the same: Changes, the editor's margin, Closures.
        m_changes->markReinitialized(file, binding, result.value);
        showStaleBindings(file);
        read(tr("%1 is now %2").arg(binding, result.value));
    });
}

bool LivePanels::mayRefresh() const
{
    if (!m_lastReadOk || m_showingFrame || m_savePending || m_reading || m_refreshing || !m_session->isRunning()
        || m_session->isPatching() || m_session->debugger()->isPaused())
        return false;
    // Nothing for a hidden pane (closed, or behind another tab of its dock area).
    if (!m_closures->isVisible() || m_closures->visibleRegion().isEmpty())
        return false;
    // A value the user is exploring keeps the handles it was read with.
    const QTreeView *view = m_closures->view();
    const QAbstractItemModel *model = view->model();
    for (int scope = 0; scope < model->rowCount(); ++scope) {
        const QModelIndex parent = model->index(scope, 0);
        for (int row = 0; row < model->rowCount(parent); ++row) {
            if (view->isExpanded(model->index(row, 0, parent)))
                return false;
        }
    }
    return true;
}

void LivePanels::refreshLiveValues()
{
    if (!mayRefresh() || (m_refreshClock.isValid() && m_refreshClock.elapsed() < 10 * m_lastRefreshMs))
        return;
    m_refreshing = true;
    m_refreshClock.start();
    const QString file = m_shownFile;
    m_reader->reread([this, file](const FunctionScopes &answer) {
        m_refreshing = false;
        m_lastRefreshMs = m_refreshClock.elapsed();
        if (!answer.ok || m_showingFrame || file != m_shownFile)
            return; // the next read by hand (or after a patch) says why
        ClosuresModel *model = m_closures->closuresModel();
        if (!model->refreshValues(answer, bindingsOf(file)))
            model->setScopes(answer, bindingsOf(file));
    });
}

void LivePanels::read(const QString &note)
{
    if (m_target.file.isEmpty() || m_showingFrame)
        return;
    if (m_savePending) {
        m_readDeferred = true;
        m_deferredNote = note;
        return;
    }
    const Target target = m_target;
    m_refreshing = false; // a refresh under way is dropped by the reader: this read answers instead
    m_reading = true;
    m_reader->read(target.file, target.name, target.line, [this, target, note](const FunctionScopes &answer) {
        m_reading = false;
        m_lastReadOk = answer.ok;
        if (!answer.ok) {
            if (!m_session->isRunning())
                showNotRunning();
            else
                m_closures->showMessage(answer.error); // the tree keeps what it showed
            return;
        }
        // Read again by name from now on: a refresh after an edit that moved the function still finds it.
        if (m_target.file == target.file && m_target.name == target.name && m_target.line == target.line)
            m_target.name = answer.function.name;
        m_closures->closuresModel()->setScopes(answer, bindingsOf(target.file));
        m_shownFile = target.file;
        m_closures->setFunction(target.file, answer.function.name, answer.function.line);
        const QStringList stale = m_closures->closuresModel()->staleBindings();
        if (note.isEmpty() && !stale.isEmpty()) {
            m_closures->showMessage(tr("%1 kept the value the old code gave: select it and Re-initialize to give it "
                                       "what the source says now.")
                                        .arg(stale.join(QStringLiteral(", "))));
        } else {
            m_closures->showMessage(note);
        }
    });
}

void LivePanels::showNotRunning()
{
    m_lastReadOk = false;
    m_closures->closuresModel()->clear();
    m_shownFile.clear();
    m_closures->setFunction({}, {}, 0);
    m_closures->showMessage(tr("The program is not running: live values appear while it runs."));
}

QList<BindingChange> LivePanels::bindingsOf(const QString &filePath) const
{
    // The newest patch of this run that changed the file's running code.
    QList<BindingChange> bindings;
    const QList<PatchReport> &entries = m_session->history()->entries();
    for (qsizetype i = entries.size() - 1; i >= m_runStart && i >= 0; --i) {
        if (entries.at(i).succeeded() && samePath(entries.at(i).file, filePath)) {
            bindings = entries.at(i).bindings;
            break;
        }
    }
    const QSet<QString> given = m_reinitialized.value(canonicalFilePath(filePath));
    for (BindingChange &binding : bindings) {
        if (given.contains(binding.name))
            binding.stale = false;
    }
    return bindings;
}

} // namespace graft
