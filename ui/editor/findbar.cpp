// SPDX-License-Identifier: MIT
#include "editor/findbar.h"

#include "editor/qscintilla.h"
#include "window/theme.h"

#include <QApplication>
#include <QCheckBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QToolButton>

namespace graft {

FindBar::FindBar(QWidget *parent)
    : QWidget(parent)
    , m_findEdit(new QLineEdit(this))
    , m_replaceEdit(new QLineEdit(this))
    , m_caseSensitive(new QCheckBox(tr("Match case"), this))
    , m_wholeWord(new QCheckBox(tr("Whole words"), this))
    , m_regex(new QCheckBox(tr("Regular expression"), this))
    , m_replaceButton(new QPushButton(tr("Replace"), this))
    , m_replaceAllButton(new QPushButton(tr("Replace All"), this))
    , m_status(new QLabel(this))
    , m_replaceRow(new QWidget(this))
{
    setObjectName(QStringLiteral("findBar"));
    m_findEdit->setObjectName(QStringLiteral("findEdit"));
    m_findEdit->setPlaceholderText(tr("Find"));
    m_findEdit->setClearButtonEnabled(true);
    m_replaceEdit->setObjectName(QStringLiteral("replaceEdit"));
    m_replaceEdit->setPlaceholderText(tr("Replace with"));
    m_caseSensitive->setObjectName(QStringLiteral("findCaseSensitive"));
    m_wholeWord->setObjectName(QStringLiteral("findWholeWord"));
    m_regex->setObjectName(QStringLiteral("findRegex"));
    m_replaceButton->setObjectName(QStringLiteral("replaceButton"));
    m_replaceAllButton->setObjectName(QStringLiteral("replaceAllButton"));
    m_status->setObjectName(QStringLiteral("findStatus"));
    m_replaceRow->setObjectName(QStringLiteral("replaceRow"));

    auto *previous = new QPushButton(tr("Previous"), this);
    previous->setObjectName(QStringLiteral("findPreviousButton"));
    auto *next = new QPushButton(tr("Next"), this);
    next->setObjectName(QStringLiteral("findNextButton"));
    auto *close = new QToolButton(this);
    close->setObjectName(QStringLiteral("findCloseButton"));
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setAutoRaise(true);
    close->setToolTip(tr("Close (Escape)"));

    auto *findRow = new QHBoxLayout;
    findRow->addWidget(m_findEdit, 1);
    findRow->addWidget(previous);
    findRow->addWidget(next);
    findRow->addWidget(m_caseSensitive);
    findRow->addWidget(m_wholeWord);
    findRow->addWidget(m_regex);
    findRow->addWidget(m_status);
    findRow->addWidget(close);
    auto *replaceRow = new QHBoxLayout(m_replaceRow);
    replaceRow->setContentsMargins(0, 0, 0, 0);
    replaceRow->addWidget(m_replaceEdit, 1);
    replaceRow->addWidget(m_replaceButton);
    replaceRow->addWidget(m_replaceAllButton);
    replaceRow->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 4, 6, 4);
    layout->setSpacing(4);
    layout->addLayout(findRow);
    layout->addWidget(m_replaceRow);

    connect(m_findEdit, &QLineEdit::returnPressed, this, [this] {
        (QApplication::keyboardModifiers() & Qt::ShiftModifier) ? findPrevious() : findNext();
    });
    connect(m_findEdit, &QLineEdit::textEdited, this, [this] { find(true, true); });
    connect(m_replaceEdit, &QLineEdit::returnPressed, this, &FindBar::replaceOne);
    connect(next, &QPushButton::clicked, this, &FindBar::findNext);
    connect(previous, &QPushButton::clicked, this, &FindBar::findPrevious);
    connect(m_replaceButton, &QPushButton::clicked, this, &FindBar::replaceOne);
    connect(m_replaceAllButton, &QPushButton::clicked, this, &FindBar::replaceAll);
    connect(close, &QToolButton::clicked, this, &FindBar::closeBar);
    hide();
}

void FindBar::setEditor(QsciScintilla *editor)
{
    m_editor = editor;
    const bool editable = editor && !editor->isReadOnly();
    m_replaceButton->setEnabled(editable);
    m_replaceAllButton->setEnabled(editable);
}

void FindBar::showFind(const QString &initial)
{
    m_replaceRow->hide();
    if (!initial.isEmpty() && !initial.contains(QLatin1Char('\n')))
        m_findEdit->setText(initial);
    setFound(true);
    show();
    m_findEdit->setFocus();
    m_findEdit->selectAll();
}

void FindBar::showReplace(const QString &initial)
{
    showFind(initial);
    m_replaceRow->show();
}

bool FindBar::find(bool forward, bool fromSelectionStart)
{
    if (!m_editor || m_findEdit->text().isEmpty()) {
        setFound(true);
        return false;
    }
    int line = -1;
    int index = -1;
    if (m_editor->hasSelectedText()) {
        int lineTo = 0;
        int indexTo = 0;
        m_editor->getSelection(&line, &index, &lineTo, &indexTo);
        // Searching again from a match's start finds it again: typing refines the
        // current match; Next moves past it; Previous searches before it.
        if (forward && !fromSelectionStart) {
            line = lineTo;
            index = indexTo;
        }
    }
    const bool found = m_editor->findFirst(m_findEdit->text(), m_regex->isChecked(), m_caseSensitive->isChecked(),
                                           m_wholeWord->isChecked(), true, forward, line, index, true, false, true);
    setFound(found);
    return found;
}

bool FindBar::findNext()
{
    return find(true, false);
}

bool FindBar::findPrevious()
{
    return find(false, true);
}

void FindBar::replaceOne()
{
    if (!m_editor || m_editor->isReadOnly())
        return;
    if (m_editor->hasSelectedText()) {
        const QString selected = m_editor->selectedText();
        const bool matches = m_regex->isChecked()
            || selected.compare(m_findEdit->text(),
                                m_caseSensitive->isChecked() ? Qt::CaseSensitive : Qt::CaseInsensitive) == 0;
        if (matches)
            m_editor->replace(m_replaceEdit->text());
    }
    findNext();
}

int FindBar::replaceAll()
{
    if (!m_editor || m_editor->isReadOnly() || m_findEdit->text().isEmpty())
        return 0;
    int count = 0;
    m_editor->beginUndoAction();
    // No wrap: each search starts after the last replacement, so it ends.
    bool found = m_editor->findFirst(m_findEdit->text(), m_regex->isChecked(), m_caseSensitive->isChecked(),
                                     m_wholeWord->isChecked(), false, true, 0, 0, false, false, true);
    while (found) {
        m_editor->replace(m_replaceEdit->text());
        ++count;
        found = m_editor->findNext();
    }
    m_editor->endUndoAction();
    m_status->setText(tr("%n replaced", nullptr, count));
    return count;
}

void FindBar::setFound(bool found)
{
    m_found = found;
    // A tint of the theme's error colour over the field: readable in the light and the dark theme.
    QColor tint = currentTheme().error;
    tint.setAlpha(60);
    m_findEdit->setStyleSheet(
        found ? QString() : QStringLiteral("QLineEdit { background: %1; }").arg(tint.name(QColor::HexArgb)));
    m_status->setText(found ? QString() : tr("Not found"));
}

void FindBar::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_found)
        setFound(false);
}

void FindBar::closeBar()
{
    hide();
    if (m_editor)
        m_editor->setFocus();
}

void FindBar::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        closeBar();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace graft
