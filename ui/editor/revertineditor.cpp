// SPDX-License-Identifier: MIT
#include "editor/revertineditor.h"

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "patch/patchreport.h"

#include <QFileInfo>
#include <QMessageBox>
#include <QPushButton>

namespace graft {

RevertInEditor::RevertInEditor(EditorArea *editors, QWidget *dialogParent, QObject *parent)
    : QObject(parent)
    , m_editors(editors)
    , m_dialogParent(dialogParent)
{
}

void RevertInEditor::offer(const PatchReport &report)
{
    EditorTab *tab = m_editors->tabForFile(report.file);
    if (!tab || !report.succeeded() || tab->editor()->text() == report.newSource)
        return;
    const QString name = QFileInfo(report.file).fileName();
    QString question = tr("The program now runs %1 as it was before its last patch; the editor and the file still "
                          "hold the newer text. Put the reverted code into the editor?")
                           .arg(name);
    if (tab->isModified())
        question
            += QLatin1Char('\n') + tr("Your unsaved edits of %1 would be replaced (Undo brings them back).").arg(name);
    // Window-modal and answered by signal: the program and its output keep flowing.
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Reverted %1").arg(name), question, QMessageBox::NoButton, m_dialogParent);
    box->setObjectName(QStringLiteral("revertInEditorQuestion"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *andSave = box->addButton(tr("Put in Editor and Save"), QMessageBox::AcceptRole);
    andSave->setObjectName(QStringLiteral("revertPutAndSave"));
    QPushButton *put = box->addButton(tr("Put in Editor"), QMessageBox::ActionRole);
    put->setObjectName(QStringLiteral("revertPut"));
    QPushButton *keep = box->addButton(tr("Keep the Editor"), QMessageBox::RejectRole);
    keep->setObjectName(QStringLiteral("revertKeep"));
    box->setDefaultButton(put);
    const QString file = report.file;
    const QString source = report.newSource;
    connect(box, &QMessageBox::finished, this, [this, box, andSave, put, file, source, name](int) {
        const bool save = box->clickedButton() == andSave;
        if (!save && box->clickedButton() != put)
            return;
        EditorTab *target = m_editors->tabForFile(file); // it may have closed meanwhile
        if (!target)
            return;
        CodeEditor *editor = target->editor();
        // One undoable step, not setText(): Undo brings the newer text back.
        editor->beginUndoAction();
        editor->selectAll();
        editor->replaceSelectedText(source);
        editor->endUndoAction();
        editor->setCursorPosition(0, 0);
        QString error;
        if (save && !target->save(&error)) {
            Q_EMIT message(tr("Cannot save %1: %2").arg(name, error));
            return;
        }
        Q_EMIT message(save ? tr("%1 holds the reverted code, saved").arg(name)
                            : tr("%1 holds the reverted code (not saved: the file keeps the newer text)").arg(name));
    });
    box->open();
}

} // namespace graft
