// SPDX-License-Identifier: MIT
// LivePanels, the editors' side: stale bindings marked and annotated from the
// live model, Re-initialize from the cursor's line, the context menu and the
// button on the line, and live values on hover.
#include "panes/livepanels.h"

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/patchmarkers.h"
#include "editor/reinitializebuttons.h"
#include "panes/closuresdock.h"
#include "panes/livevaluehover.h"

#include <QAction>
#include <QMenu>
#include <QPointer>

namespace graft {

void LivePanels::reinitializeAtCursor()
{
    EditorTab *tab = m_editors->currentTab();
    if (tab && !tab->isLiveSource()) {
        int line = 0;
        int index = 0;
        tab->editor()->getCursorPosition(&line, &index);
        if (const QString binding = tab->editor()->patchMarkers()->staleBindingAt(line + 1); !binding.isEmpty()) {
            reinitialize(tab->filePath(), binding);
            return;
        }
    }
    if (const QString selected = m_closures->selectedStaleBinding(); !selected.isEmpty()) {
        reinitialize(m_shownFile, selected);
        return;
    }
    QStringList stale;
    for (const BindingChange &binding : tab ? bindingsOf(tab->filePath()) : QList<BindingChange> {}) {
        if (binding.stale)
            stale << binding.name;
    }
    if (stale.size() == 1) {
        reinitialize(tab->filePath(), stale.first());
        return;
    }
    Q_EMIT m_editors->message(stale.isEmpty()
            ? tr("Nothing to re-initialize: no top-level binding of this file is stale.")
            : tr("Put the cursor on the line of the binding to re-initialize (%1 are stale; a dot marks them).")
                  .arg(stale.join(QStringLiteral(", "))));
}

void LivePanels::showStaleBindings(const QString &filePath)
{
    EditorTab *tab = m_editors->tabForFile(filePath);
    if (!tab || tab->isLiveSource())
        return;
    tab->editor()->patchMarkers()->showStaleBindings(bindingsOf(filePath),
        tr("Re-initialize: the button, %1 on this line, or right-click")
            .arg(reinitializeKey().toString(QKeySequence::NativeText)));
}

void LivePanels::hookEditors()
{
    for (EditorTab *tab : m_editors->tabs()) {
        CodeEditor *editor = tab->editor();
        if (tab->isLiveSource() || m_hooked.contains(editor))
            continue;
        m_hooked.insert(editor);
        connect(editor, &QObject::destroyed, this, [this, editor] { m_hooked.remove(editor); });
        QPointer<EditorTab> guard(tab);
        connect(editor, &CodeEditor::valueHoverRequested, this, [this, guard, editor](int position, const QPoint &at) {
            if (guard)
                m_hover->show(editor, guard->filePath(), position, at);
        });
        connect(editor, &CodeEditor::contextMenuAboutToShow, this, [this, guard, editor](QMenu *menu, int line) {
            if (guard)
                addToContextMenu(guard->filePath(), editor, menu, line);
        });
        connect(editor->reinitializeButtons(), &ReinitializeButtons::reinitializeRequested, this,
            [this, guard](const QString &binding) {
                if (guard)
                    reinitialize(guard->filePath(), binding);
            });
        showStaleBindings(tab->filePath());
    }
}

void LivePanels::addToContextMenu(const QString &filePath, CodeEditor *editor, QMenu *menu, int line)
{
    const QString binding = editor->patchMarkers()->staleBindingAt(line);
    if (binding.isEmpty())
        return;
    menu->addSeparator();
    QAction *action = menu->addAction(
        tr("Re-initialize %1").arg(binding), this, [this, filePath, binding] { reinitialize(filePath, binding); });
    action->setObjectName(QStringLiteral("reinitializeHereAction"));
    action->setShortcut(reinitializeKey()); // shown beside it; the window's action owns the key
    action->setShortcutContext(Qt::WidgetShortcut);
}

} // namespace graft
