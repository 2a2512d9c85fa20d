// SPDX-License-Identifier: MIT
#include "editor/breakpointmarkers.h"

#include "debug/breakpoint.h"
#include "editor/codeeditor.h"
#include "window/theme.h"

#include "editor/qscintilla.h"

#include <QCursor>
#include <QHash>

namespace graft {

namespace {
const QColor kBreakpoint(0xe5, 0x14, 0x00);
const QColor kLogpoint(0xc2, 0x18, 0x5b);
const QColor kConditional(0xe0, 0x7b, 0x00);
const QColor kCurrent(0xf2, 0xc0, 0x1e);
} // namespace

BreakpointMarkers::BreakpointMarkers(QsciScintilla *editor)
    : QObject(editor)
    , m_editor(editor)
{
    const struct
    {
        Marker marker;
        QsciScintilla::MarkerSymbol symbol;
        QColor color;
    } symbols[] = {
        { Breakpoint, QsciScintilla::Circle, kBreakpoint },
        { Conditional, QsciScintilla::Circle, kConditional },
        { Logpoint, QsciScintilla::Rectangle, kLogpoint },
        { Disabled, QsciScintilla::Circle, QColor(0x99, 0x99, 0x99) },
        { CurrentArrow, QsciScintilla::RightArrow, kCurrent },
    };
    for (const auto &s : symbols) {
        m_editor->markerDefine(s.symbol, s.marker);
        m_editor->setMarkerBackgroundColor(s.color, s.marker);
        m_editor->setMarkerForegroundColor(s.marker == CurrentArrow ? QColor(0x80, 0x60, 0x00) : s.color, s.marker);
    }
    m_editor->markerDefine(QsciScintilla::Background, CurrentLine);
    applyThemeColors();

    m_editor->setMarginSensitivity(CodeEditor::MarkerMargin, true);
    connect(m_editor, &QsciScintilla::marginClicked, this, [this](int margin, int line, Qt::KeyboardModifiers) {
        if (margin == CodeEditor::MarkerMargin)
            Q_EMIT toggleRequested(line + 1);
    });
    connect(m_editor, &QsciScintilla::marginRightClicked, this, [this](int margin, int line, Qt::KeyboardModifiers) {
        if (margin == CodeEditor::MarkerMargin)
            Q_EMIT menuRequested(line + 1, QCursor::pos());
    });
}

int BreakpointMarkers::markerMask()
{
    return (1 << Breakpoint) | (1 << Conditional) | (1 << Logpoint) | (1 << Disabled) | (1 << CurrentArrow);
}

void BreakpointMarkers::applyThemeColors()
{
    // The paused line is tinted like a patched one, in the warning's hue.
    m_editor->setMarkerBackgroundColor(currentTheme().notEffectiveLine, CurrentLine);
}

void BreakpointMarkers::show(const QList<graft::Breakpoint> &breakpoints)
{
    // A marker already shown stays where the text has moved it: in a buffer with
    // unsaved edits that is where the breakpoint goes once saved, not the line the
    // program knows. Only new ones are placed by their line.
    QHash<QString, int> shownAt;
    for (const Shown &shown : std::as_const(m_handles)) {
        if (const int line = m_editor->markerLine(shown.handle); line >= 0)
            shownAt.insert(shown.id, line + 1);
    }
    for (Marker marker : { Breakpoint, Conditional, Logpoint, Disabled })
        m_editor->markerDeleteAll(marker);
    m_handles.clear();
    for (const graft::Breakpoint &b : breakpoints) {
        const int line = shownAt.value(b.id, b.line);
        if (line < 1 || line > m_editor->lines())
            continue;
        const Marker marker = !b.enabled ? Disabled
            : b.isLogpoint()             ? Logpoint
            : b.condition.isEmpty()      ? Breakpoint
                                         : Conditional;
        const QString note = b.isLogpoint() ? tr("Logpoint: prints %1 without pausing").arg(b.log)
            : b.condition.isEmpty()         ? tr("Breakpoint")
                                            : tr("Conditional breakpoint: pauses when %1").arg(b.condition);
        m_handles.append(
            { m_editor->markerAdd(line - 1, marker), b.id, b.enabled ? note : tr("%1 (disabled)").arg(note) });
    }
}

void BreakpointMarkers::setCurrentLine(int line)
{
    m_editor->markerDeleteAll(CurrentArrow);
    m_editor->markerDeleteAll(CurrentLine);
    m_currentLine = line >= 1 && line <= m_editor->lines() ? line : 0;
    // The caret line's own tint would hide the paused line's (the cursor is put there).
    m_editor->setCaretLineVisible(m_currentLine == 0);
    if (m_currentLine == 0)
        return;
    m_editor->markerAdd(line - 1, CurrentArrow);
    m_editor->markerAdd(line - 1, CurrentLine);
}

QList<int> BreakpointMarkers::markedLines(Marker marker) const
{
    QList<int> lines;
    for (int line = m_editor->markerFindNext(0, 1 << marker); line >= 0;
         line = m_editor->markerFindNext(line + 1, 1 << marker))
        lines.append(line + 1);
    return lines;
}

QList<QPair<QString, int>> BreakpointMarkers::currentLines() const
{
    QList<QPair<QString, int>> lines;
    for (const Shown &shown : m_handles) {
        if (const int line = m_editor->markerLine(shown.handle); line >= 0)
            lines.append({ shown.id, line + 1 });
    }
    return lines;
}

QString BreakpointMarkers::breakpointAt(int line) const
{
    for (const Shown &shown : m_handles) {
        if (m_editor->markerLine(shown.handle) == line - 1)
            return shown.id;
    }
    return {};
}

QStringList BreakpointMarkers::notesAt(int line) const
{
    QStringList notes;
    for (const Shown &shown : m_handles) {
        if (m_editor->markerLine(shown.handle) == line - 1)
            notes << tr("%1 — click to remove, right-click for more").arg(shown.note);
    }
    if (m_currentLine == line)
        notes << tr("The paused program stands here");
    return notes;
}

} // namespace graft
