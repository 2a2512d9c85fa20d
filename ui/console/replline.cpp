// SPDX-License-Identifier: MIT
#include "console/replline.h"

#include <QKeyEvent>

namespace graft {

ReplLine::ReplLine(QWidget *parent)
    : QLineEdit(parent)
{
    connect(this, &QLineEdit::returnPressed, this, &ReplLine::submit);
}

void ReplLine::submit()
{
    const QString expression = text().trimmed();
    if (expression.isEmpty())
        return;
    if (m_history.isEmpty() || m_history.last() != expression)
        m_history.append(expression);
    while (m_history.size() > m_maxHistory)
        m_history.removeFirst();
    m_position = m_history.size();
    m_draft.clear();
    clear();
    Q_EMIT submitted(expression);
}

void ReplLine::step(int delta)
{
    const qsizetype target = m_position + delta;
    if (target < 0 || target > m_history.size())
        return;
    if (m_position == m_history.size())
        m_draft = text();
    m_position = target;
    setText(m_position == m_history.size() ? m_draft : m_history.at(m_position));
}

void ReplLine::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Up && event->modifiers() == Qt::NoModifier) {
        step(-1);
        return;
    }
    if (event->key() == Qt::Key_Down && event->modifiers() == Qt::NoModifier) {
        step(+1);
        return;
    }
    QLineEdit::keyPressEvent(event);
}

} // namespace graft
