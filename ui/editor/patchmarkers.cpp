// SPDX-License-Identifier: MIT
#include "editor/patchmarkers.h"

#include "patch/patchreport.h"

#include "editor/qscintilla.h"
#include "window/theme.h"

namespace graft {

namespace {
const QColor kPatched(0x2e, 0xa0, 0x43);
const QColor kNotEffective(0xd9, 0x82, 0x0a);
} // namespace

PatchMarkers::PatchMarkers(QsciScintilla *editor)
    : QObject(editor)
    , m_editor(editor)
{
    m_editor->markerDefine(QsciScintilla::LeftRectangle, Patched);
    m_editor->setMarkerBackgroundColor(kPatched, Patched);
    m_editor->setMarkerForegroundColor(kPatched, Patched);
    m_editor->markerDefine(QsciScintilla::RightTriangle, NotEffective);
    m_editor->setMarkerBackgroundColor(kNotEffective, NotEffective);
    m_editor->setMarkerForegroundColor(kNotEffective, NotEffective);
    m_editor->markerDefine(QsciScintilla::Circle, StaleBinding);
    m_editor->setMarkerBackgroundColor(kNotEffective, StaleBinding);
    m_editor->setMarkerForegroundColor(kNotEffective, StaleBinding);
    m_editor->markerDefine(QsciScintilla::Background, PatchedLine);
    m_editor->markerDefine(QsciScintilla::Background, NotEffectiveLine);
    applyThemeColors();
}

void PatchMarkers::applyThemeColors()
{
    // The line tints sit under the code's text colours: pale in the light theme, deep in the dark ones.
    m_editor->setMarkerBackgroundColor(currentTheme().patchedLine, PatchedLine);
    m_editor->setMarkerBackgroundColor(currentTheme().notEffectiveLine, NotEffectiveLine);
}

int PatchMarkers::markerMask()
{
    return (1 << Patched) | (1 << NotEffective) | (1 << StaleBinding);
}

void PatchMarkers::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        clear();
}

void PatchMarkers::clearStaleBinding(int line)
{
    if (line > 0)
        m_editor->markerDelete(line - 1, StaleBinding);
}

void PatchMarkers::clearStaleBindings()
{
    m_editor->markerDeleteAll(StaleBinding);
}

void PatchMarkers::clear()
{
    for (Marker marker : {Patched, NotEffective, StaleBinding, PatchedLine, NotEffectiveLine})
        m_editor->markerDeleteAll(marker);
}

void PatchMarkers::mark(int line, Marker symbol, Marker background)
{
    if (line < 1 || line > m_editor->lines())
        return;
    m_editor->markerAdd(line - 1, symbol);
    if (background != symbol)
        m_editor->markerAdd(line - 1, background);
}

void PatchMarkers::show(const PatchReport &report)
{
    clear();
    if (!m_enabled)
        return;
    // A failed patch changed nothing in the program: nothing is marked as patched.
    const bool landed = report.succeeded();
    for (const FunctionChange &function : report.functions) {
        if (function.change == QLatin1String("unchanged") || function.change == QLatin1String("removed"))
            continue;
        const bool notEffective = function.effective.has_value() && !*function.effective;
        if (notEffective || report.status == PatchStatus::Blocked)
            mark(function.line, NotEffective, NotEffectiveLine);
        else if (landed)
            mark(function.line, Patched, PatchedLine);
    }
    if (!landed)
        return;
    for (const BindingChange &binding : report.bindings) {
        if (binding.stale)
            mark(binding.line, StaleBinding, StaleBinding);
    }
}

QList<int> PatchMarkers::markedLines(Marker marker) const
{
    QList<int> lines;
    for (int line = m_editor->markerFindNext(0, 1 << marker); line >= 0;
         line = m_editor->markerFindNext(line + 1, 1 << marker))
        lines.append(line + 1);
    return lines;
}

} // namespace graft
