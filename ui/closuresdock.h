// SPDX-License-Identifier: MIT
#pragma once

#include <QDockWidget>

class QLabel;

namespace graft {

// Right, beside Changes: the scopes and captured variables of the function at the
// cursor or of the selected change, with their live values. For now it holds its
// place and says what it will show.
class ClosuresDock : public QDockWidget
{
    Q_OBJECT
public:
    explicit ClosuresDock(QWidget *parent = nullptr);

    // The function the workbench points at (name, 1-based line); empty: none.
    void setFunction(const QString &name, int line);

private:
    QLabel *m_placeholder;
};

} // namespace graft
