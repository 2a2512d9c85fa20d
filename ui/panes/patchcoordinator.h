// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>

namespace graft {

class EditorArea;
class LiveSession;
struct PatchReport;

// Turns editor saves into patches and patch reports into feedback. A save from
// the editor is applied with the buffer's text; a report for a save made by
// another editor (the session's file watcher) reloads the open buffer. The
// watcher also sees the editor's own saves: those echoes are recognised by their
// text and dropped, so each save is reported once.
class PatchCoordinator : public QObject
{
    Q_OBJECT
public:
    PatchCoordinator(LiveSession *session, EditorArea *editors, QObject *parent = nullptr);

    // Off: saves are only written to disk. The session's file watcher follows the
    // switch, so saves made by other editors are not applied either.
    void setApplyOnSave(bool on);
    bool applyOnSave() const { return m_applyOnSave; }

    // The editor wrote `text` to `filePath`.
    void onSaved(const QString &filePath, const QString &text);

Q_SIGNALS:
    // A patch worth showing (the Changes dock, the status bar).
    void patchShown(const graft::PatchReport &report);
    void message(const QString &text);

private:
    void onPatchFinished(const PatchReport &report, const QVariant &tag);

    LiveSession *m_session;
    EditorArea *m_editors;
    QHash<QString, QString> m_ownSaves; // canonical path → the text the editor last wrote
    bool m_applyOnSave = true;
};

} // namespace graft
