// SPDX-License-Identifier: MIT
#include "editor/bufferrecovery.h"

#include "editor/codeeditor.h"
#include "editor/editorarea.h"
#include "editor/editortab.h"
#include "editor/recoverybar.h"

#include <QFileInfo>

namespace graft {

BufferRecovery::BufferRecovery(EditorArea *editors, const QString &root, QObject *parent)
    : QObject(parent)
    , m_editors(editors)
    , m_store(root)
    , m_bar(new RecoveryBar(editors))
{
    setObjectName(QStringLiteral("bufferRecovery"));
    editors->addBanner(m_bar);
    // Not restarted by each keystroke: while typing goes on, a copy is still written every second.
    m_autosave.setSingleShot(true);
    m_autosave.setInterval(kAutosaveMs);
    connect(&m_autosave, &QTimer::timeout, this, &BufferRecovery::autosaveNow);
    connect(editors, &EditorArea::bufferEdited, this, &BufferRecovery::onBufferEdited);
    connect(editors, &EditorArea::tabClosed, this, [this] {
        if (!m_autosave.isActive())
            m_autosave.start();
    });
    connect(m_bar, &RecoveryBar::restoreRequested, this, &BufferRecovery::restoreOrphans);
    connect(m_bar, &RecoveryBar::discardRequested, this, &BufferRecovery::discardOrphans);
}

void BufferRecovery::onBufferEdited(EditorTab *tab)
{
    if (tab->isLiveSource())
        return;
    if (!m_edited.contains(tab))
        m_edited.append(tab);
    if (!m_autosave.isActive())
        m_autosave.start();
}

void BufferRecovery::autosaveNow()
{
    m_autosave.stop();
    QSet<QString> unsaved;
    for (EditorTab *tab : m_editors->modifiedTabs())
        unsaved.insert(tab->filePath());
    // Saved, reverted or closed since the last tick: the copy is no longer needed.
    // A named copy: subtract() returns a reference, which a temporary would not outlive.
    QSet<QString> done = m_storedFiles;
    done.subtract(unsaved);
    for (const QString &file : std::as_const(done)) {
        m_store.remove(file);
        m_storedFiles.remove(file);
    }
    const QList<QPointer<EditorTab>> edited = std::exchange(m_edited, {});
    for (const QPointer<EditorTab> &tab : edited) {
        if (!tab || !tab->isModified())
            continue;
        QString error;
        if (!m_store.store(tab->filePath(), tab->editor()->text(), &error)) {
            // Said once: a full disk would otherwise repeat it every second.
            if (!std::exchange(m_reportedFailure, true))
                Q_EMIT message(error);
            continue;
        }
        m_storedFiles.insert(tab->filePath());
    }
}

void BufferRecovery::offerOrphans()
{
    m_orphans = m_store.claimOrphans();
    if (m_orphans.isEmpty())
        return;
    m_bar->showOffer(orphanNames());
}

QStringList BufferRecovery::orphanNames() const
{
    QStringList names;
    for (const RecoveredBuffer &buffer : m_orphans)
        names.append(QFileInfo(buffer.filePath).fileName());
    return names;
}

void BufferRecovery::restoreOrphans()
{
    m_bar->hide();
    for (const RecoveredBuffer &buffer : std::as_const(m_orphans))
        m_editors->restoreBuffer(buffer.filePath, buffer.text, buffer.savedAt);
    // The restored buffers are this instance's unsaved edits now: keep them before the old copies go.
    autosaveNow();
    m_store.discardClaimed();
    Q_EMIT message(tr("Restored unsaved edits: %1").arg(orphanNames().join(QStringLiteral(", "))));
    m_orphans.clear();
}

void BufferRecovery::discardOrphans()
{
    m_bar->hide();
    m_store.discardClaimed();
    m_orphans.clear();
}

} // namespace graft
