// SPDX-License-Identifier: MIT
#pragma once

#include "session/recoverystore.h"

#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

namespace graft {

class EditorArea;
class EditorTab;
class RecoveryBar;

// Keeps every unsaved editor buffer in a RecoveryStore (at most kAutosaveMs after
// an edit), and on start offers back the buffers of a Graft that was killed or
// crashed. Restored buffers open as unsaved edits over the file on disk: nothing
// is written to the user's files until they save.
class BufferRecovery : public QObject
{
    Q_OBJECT
public:
    static constexpr int kAutosaveMs = 1000;

    explicit BufferRecovery(
        EditorArea *editors, const QString &root = RecoveryStore::defaultRoot(), QObject *parent = nullptr);

    // Shows the recovery bar when instances that died left unsaved buffers.
    void offerOrphans();
    void restoreOrphans();
    void discardOrphans();
    // Writes pending copies now instead of at the next tick.
    void autosaveNow();

    RecoveryBar *bar() const { return m_bar; }
    const RecoveryStore &store() const { return m_store; }

Q_SIGNALS:
    void message(const QString &text);

private:
    void onBufferEdited(EditorTab *tab);
    QStringList orphanNames() const;

    EditorArea *m_editors;
    RecoveryStore m_store;
    RecoveryBar *m_bar;
    QTimer m_autosave;
    QList<QPointer<EditorTab>> m_edited;
    QSet<QString> m_storedFiles;
    QList<RecoveredBuffer> m_orphans;
    bool m_reportedFailure = false;
};

} // namespace graft
