// SPDX-License-Identifier: MIT
#include "editor/recoverybar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace graft {

RecoveryBar::RecoveryBar(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
    , m_restore(new QPushButton(tr("&Restore"), this))
    , m_discard(new QPushButton(tr("&Discard"), this))
{
    setObjectName(QStringLiteral("recoveryBar"));
    m_label->setObjectName(QStringLiteral("recoveryLabel"));
    m_restore->setObjectName(QStringLiteral("recoveryRestoreButton"));
    m_discard->setObjectName(QStringLiteral("recoveryDiscardButton"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    // Tooltip colours, as the editor's info bar: they follow the theme.
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    setFrameShape(QFrame::StyledPanel);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_restore);
    layout->addWidget(m_discard);

    connect(m_restore, &QPushButton::clicked, this, &RecoveryBar::restoreRequested);
    connect(m_discard, &QPushButton::clicked, this, &RecoveryBar::discardRequested);
    hide();
}

void RecoveryBar::showOffer(const QStringList &fileNames)
{
    m_label->setText(tr("Graft did not close normally last time; unsaved edits were kept for %1. Restore them "
                        "into the editors? The files on disk stay as they are until you save.")
                         .arg(fileNames.join(QStringLiteral(", "))));
    show();
}

} // namespace graft
