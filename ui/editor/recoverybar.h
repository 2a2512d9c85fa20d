// SPDX-License-Identifier: MIT
#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace graft {

// The bar above the editors that offers back the unsaved buffers of a Graft that
// did not exit cleanly. Not a dialog: the window, the program and its output stay
// usable while the user decides, and ignoring it keeps the buffers for next time.
class RecoveryBar : public QFrame
{
    Q_OBJECT
public:
    explicit RecoveryBar(QWidget *parent = nullptr);

    void showOffer(const QStringList &fileNames);

Q_SIGNALS:
    void restoreRequested();
    void discardRequested();

private:
    QLabel *m_label;
    QPushButton *m_restore;
    QPushButton *m_discard;
};

} // namespace graft
