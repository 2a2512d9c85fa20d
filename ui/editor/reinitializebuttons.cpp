// SPDX-License-Identifier: MIT
#include "editor/reinitializebuttons.h"

#include "editor/codeeditor.h"
#include "editor/patchmarkers.h"

#include <QEvent>
#include <QToolButton>

namespace graft {

namespace {
constexpr int kGapAfterText = 24; // pixels between the line's text and its button
}

ReinitializeButtons::ReinitializeButtons(CodeEditor *editor)
    : QObject(editor)
    , m_editor(editor)
{
    connect(editor->patchMarkers(), &PatchMarkers::staleBindingsChanged, this, &ReinitializeButtons::rebuild);
    // Scrolling, edits and zoom move the lines; SCN_UPDATEUI comes after each.
    connect(editor, &QsciScintillaBase::SCN_UPDATEUI, this, &ReinitializeButtons::place);
    editor->viewport()->installEventFilter(this);
}

QToolButton *ReinitializeButtons::buttonFor(const QString &name) const
{
    for (QToolButton *button : m_buttons) {
        if (button->objectName() == name)
            return button;
    }
    return nullptr;
}

bool ReinitializeButtons::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        place();
    return QObject::eventFilter(watched, event);
}

void ReinitializeButtons::rebuild()
{
    qDeleteAll(m_buttons);
    m_buttons.clear();
    for (const auto &[name, line] : m_editor->patchMarkers()->staleBindingLines()) {
        auto *button = new QToolButton(m_editor->viewport());
        button->setObjectName(name);
        button->setText(tr("⟲ Re-initialize %1").arg(name));
        button->setToolTip(tr("Give %1 the value its initializer says now (Ctrl+Alt+R on this line)").arg(name));
        button->setAutoRaise(false);
        button->setCursor(Qt::PointingHandCursor);
        connect(button, &QToolButton::clicked, this, [this, name = name] { Q_EMIT reinitializeRequested(name); });
        m_buttons.append(button);
    }
    place();
}

void ReinitializeButtons::place()
{
    const QList<QPair<QString, int>> lines = m_editor->patchMarkers()->staleBindingLines();
    for (QToolButton *button : std::as_const(m_buttons)) {
        int line = 0;
        for (const auto &[name, at] : lines) {
            if (name == button->objectName())
                line = at;
        }
        const long end = m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEENDPOSITION, line - 1);
        const int y = static_cast<int>(m_editor->SendScintilla(QsciScintillaBase::SCI_POINTYFROMPOSITION, 0, end));
        const int height = static_cast<int>(m_editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, line - 1));
        const bool onScreen = line > 0 && m_editor->SendScintilla(QsciScintillaBase::SCI_GETLINEVISIBLE, line - 1)
            && y >= 0 && y + height <= m_editor->viewport()->height();
        button->setVisible(onScreen);
        if (!onScreen)
            continue;
        button->setFixedHeight(height);
        button->adjustSize();
        const int afterText
            = static_cast<int>(m_editor->SendScintilla(QsciScintillaBase::SCI_POINTXFROMPOSITION, 0, end))
            + kGapAfterText;
        button->move(qMin(afterText, m_editor->viewport()->width() - button->width()), y);
    }
}

} // namespace graft
