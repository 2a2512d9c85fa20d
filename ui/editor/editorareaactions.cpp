// SPDX-License-Identifier: MIT
// EditorArea's actions (editorarea.cpp holds the tabs): Edit and Search
// commands with VS Code's keys, which of them the current tab allows, and Go to
// Line.
#include "editor/editorarea.h"

#include "editor/codeeditor.h"
#include "editor/editortab.h"
#include "editor/findbar.h"

#include <QAction>
#include <QInputDialog>
#include <QPointer>
#include <QStyle>
#include <QTabWidget>

namespace graft {

QAction *EditorArea::makeAction(
    const QString &name, const QString &text, const QKeySequence &key, Qt::ShortcutContext context)
{
    auto *action = new QAction(text, this);
    action->setObjectName(name);
    action->setShortcut(key);
    action->setShortcutContext(context);
    addAction(action);
    return action;
}

void EditorArea::createActions()
{
    m_save = makeAction(QStringLiteral("saveAction"), tr("&Save and Apply"), QKeySequence::Save);
    m_save->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_saveAll = makeAction(QStringLiteral("saveAllAction"), tr("Save A&ll"), QKeySequence(tr("Ctrl+Alt+S")));
    m_closeTab = makeAction(QStringLiteral("closeTabAction"), tr("&Close Tab"), QKeySequence::Close);
    // Editing keys act only while the focus is in the editors: elsewhere (the REPL,
    // the console) the same keys belong to that widget.
    const auto local = Qt::WidgetWithChildrenShortcut;
    m_undo = makeAction(QStringLiteral("undoAction"), tr("&Undo"), QKeySequence::Undo, local);
    m_redo = makeAction(QStringLiteral("redoAction"), tr("&Redo"), QKeySequence::Redo, local);
    m_redo->setShortcuts({ QKeySequence::Redo, QKeySequence(tr("Ctrl+Y")) });
    m_cut = makeAction(QStringLiteral("cutAction"), tr("Cu&t"), QKeySequence::Cut, local);
    m_copy = makeAction(QStringLiteral("copyAction"), tr("&Copy"), QKeySequence::Copy, local);
    m_paste = makeAction(QStringLiteral("pasteAction"), tr("&Paste"), QKeySequence::Paste, local);
    m_selectAll = makeAction(QStringLiteral("selectAllAction"), tr("Select &All"), QKeySequence::SelectAll, local);
    m_find = makeAction(QStringLiteral("findAction"), tr("&Find…"), QKeySequence(tr("Ctrl+F")));
    m_replace = makeAction(QStringLiteral("replaceAction"), tr("R&eplace…"), QKeySequence(tr("Ctrl+H")));
    m_goToLine = makeAction(QStringLiteral("goToLineAction"), tr("&Go to Line…"), QKeySequence(tr("Ctrl+G")));

    connect(m_save, &QAction::triggered, this, &EditorArea::saveCurrent);
    connect(m_saveAll, &QAction::triggered, this, &EditorArea::saveAll);
    connect(m_closeTab, &QAction::triggered, this, [this] {
        if (m_tabs->currentIndex() >= 0)
            requestCloseTab(m_tabs->currentIndex());
    });
    const auto onEditor = [this](void (QsciScintilla::*method)()) {
        return [this, method] {
            if (CodeEditor *editor = currentEditor())
                (editor->*method)();
            updateUndoActions();
        };
    };
    connect(m_undo, &QAction::triggered, this, onEditor(&QsciScintilla::undo));
    connect(m_redo, &QAction::triggered, this, onEditor(&QsciScintilla::redo));
    connect(m_cut, &QAction::triggered, this, onEditor(&QsciScintilla::cut));
    connect(m_copy, &QAction::triggered, this, onEditor(&QsciScintilla::copy));
    connect(m_paste, &QAction::triggered, this, onEditor(&QsciScintilla::paste));
    connect(m_selectAll, &QAction::triggered, this, [this] {
        if (CodeEditor *editor = currentEditor())
            editor->selectAll(true);
    });
    connect(m_find, &QAction::triggered, this, [this] {
        if (CodeEditor *editor = currentEditor())
            m_findBar->showFind(editor->selectedText());
    });
    connect(m_replace, &QAction::triggered, this, [this] {
        if (CodeEditor *editor = currentEditor())
            m_findBar->showReplace(editor->selectedText());
    });
    connect(m_goToLine, &QAction::triggered, this, &EditorArea::showGoToLine);
}

QList<QAction *> EditorArea::editActions() const
{
    return { m_undo, m_redo, nullptr, m_cut, m_copy, m_paste, m_selectAll };
}

QList<QAction *> EditorArea::searchActions() const { return { m_find, m_replace, m_goToLine }; }

void EditorArea::showGoToLine()
{
    CodeEditor *editor = currentEditor();
    if (!editor)
        return;
    int line = 0;
    int index = 0;
    editor->getCursorPosition(&line, &index);
    // open(), not exec(): no nested event loop while the program runs.
    auto *dialog = new QInputDialog(this);
    dialog->setObjectName(QStringLiteral("goToLineDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Go to Line"));
    dialog->setLabelText(tr("Line (1–%1):").arg(editor->lines()));
    dialog->setInputMode(QInputDialog::IntInput);
    dialog->setIntRange(1, qMax(1, editor->lines()));
    dialog->setIntValue(line + 1);
    connect(dialog, &QInputDialog::intValueSelected, this, [this, editor = QPointer<CodeEditor>(editor)](int value) {
        if (editor)
            editor->goToLine(value);
    });
    dialog->open();
}

void EditorArea::updateUndoActions()
{
    CodeEditor *editor = currentEditor();
    const bool writable = editor && !editor->isReadOnly();
    m_undo->setEnabled(writable && editor->isUndoAvailable());
    m_redo->setEnabled(writable && editor->isRedoAvailable());
    m_cut->setEnabled(writable);
    m_paste->setEnabled(writable);
    m_copy->setEnabled(editor != nullptr);
    m_selectAll->setEnabled(editor != nullptr);
}

} // namespace graft
