// SPDX-License-Identifier: MIT
#pragma once

// Run ▸ Select Runtime…: picks the runtime of one folder's programs, showing
// what each choice would run (the node's version, or why it cannot run Graft's
// agent) before the user commits to it, and the engine that patches them.

#include "window/runtimechoice.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace graft {

class RuntimeDialog : public QDialog
{
    Q_OBJECT
public:
    RuntimeDialog(const QString &folder, const RuntimeChoice &current, QWidget *parent = nullptr);

    RuntimeChoice choice() const;
    // For tests and the keyboard: select a binary as if typed and confirmed.
    void chooseBinary(const QString &path);

private:
    void browse();
    void updateState();

    QRadioButton *m_embedded;
    QRadioButton *m_onPath;
    QRadioButton *m_binary;
    QLineEdit *m_binaryPath;
    QLabel *m_pathDetail;
    QLabel *m_binaryDetail;
    QRadioButton *m_liveEdit;
    QRadioButton *m_swap;
    QDialogButtonBox *m_buttons;
};

} // namespace graft
