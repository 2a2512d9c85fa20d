// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QWidget;

namespace graft {

class EditorArea;
struct PatchReport;

// After a Revert, the program runs the older code while the editor and the file
// still hold the newer text: this offers to put the reverted code into the
// editor (undoably), and to save it, asking first; a modified buffer is never
// replaced without the user's word.
class RevertInEditor : public QObject
{
    Q_OBJECT
public:
    RevertInEditor(EditorArea *editors, QWidget *dialogParent, QObject *parent = nullptr);

    // `report` is the applied revert: its newSource is what runs now.
    void offer(const PatchReport &report);

Q_SIGNALS:
    void message(const QString &text);

private:
    EditorArea *m_editors;
    QWidget *m_dialogParent;
};

} // namespace graft
