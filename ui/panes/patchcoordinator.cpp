// SPDX-License-Identifier: MIT
#include "panes/patchcoordinator.h"

#include "editor/editorarea.h"
#include "patch/patchreport.h"
#include "session/livesession.h"
#include "session/scriptregistry.h"

#include <QFileInfo>

namespace graft {

namespace {
// Marks the patches this coordinator asked for; the watcher's carry no tag.
const QString kEditorTag = QStringLiteral("graft-editor-save");
} // namespace

PatchCoordinator::PatchCoordinator(LiveSession *session, EditorArea *editors, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_editors(editors)
{
    connect(m_session, &LiveSession::patchFinished, this, &PatchCoordinator::onPatchFinished);
}

void PatchCoordinator::setApplyOnSave(bool on)
{
    m_applyOnSave = on;
    // LiveSession reads this as each script loads, so for the watcher the switch
    // takes effect at the next (re)start of the program.
    m_session->setWatchFiles(on);
}

void PatchCoordinator::onSaved(const QString &filePath, const QString &text)
{
    m_ownSaves.insert(canonicalFilePath(filePath), text);
    const QString name = QFileInfo(filePath).fileName();
    if (!m_applyOnSave) {
        Q_EMIT message(tr("Saved %1 (apply on save is off)").arg(name));
        return;
    }
    if (!m_session->isRunning()) {
        Q_EMIT message(tr("Saved %1; the program is not running").arg(name));
        return;
    }
    Q_EMIT message(tr("Saved %1; applying…").arg(name));
    m_session->apply(filePath, text, kEditorTag);
}

void PatchCoordinator::onPatchFinished(const PatchReport &report, const QVariant &tag)
{
    if (tag.toString() != kEditorTag) {
        const auto own = m_ownSaves.constFind(canonicalFilePath(report.file));
        if (own != m_ownSaves.constEnd() && *own == report.newSource)
            return; // the watcher saw the editor's own save
        if (!tag.isNull())
            return; // someone else's request (not a save)
        m_editors->fileChangedOnDisk(report.file);
        if (report.status == PatchStatus::Unchanged)
            return; // a touch without a change
    }
    m_editors->showPatch(report);
    Q_EMIT patchShown(report);
}

} // namespace graft
