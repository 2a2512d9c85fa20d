// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

class QToolButton;

namespace graft {

class CodeEditor;

// A "Re-initialize" button at the end of each stale binding's line, right where
// the annotation under it says what the program holds: one click gives the
// binding the value its initializer says now. The buttons follow the lines as
// the editor scrolls and the text is edited, and hide off screen.
class ReinitializeButtons : public QObject
{
    Q_OBJECT
public:
    explicit ReinitializeButtons(CodeEditor *editor);

    // The button beside the stale binding `name`, or nullptr (for tests).
    QToolButton *buttonFor(const QString &name) const;

Q_SIGNALS:
    void reinitializeRequested(const QString &binding);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void rebuild();
    void place();

    CodeEditor *m_editor;
    QList<QToolButton *> m_buttons; // objectName: the binding
};

} // namespace graft
