// SPDX-License-Identifier: MIT
#include "editor/patchmarkers.h"

#include "patch/patchreport.h"

#include "editor/qscintilla.h"
#include "window/theme.h"

#include <QFontDatabase>

namespace graft {

namespace {
const QColor kPatched(0x2e, 0xa0, 0x43);
const QColor kNotEffective(0xd9, 0x82, 0x0a);
// After ErrorSquiggle's annotation styles (200, 201).
constexpr int kStaleStyle = 202;
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
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);
    const QsciStyle stale(kStaleStyle, QStringLiteral("stale binding"), QColor(0x7a, 0x48, 0x00),
        QColor(0xff, 0xf5, 0xe0), QFontDatabase::systemFont(QFontDatabase::GeneralFont));
    stale.apply(m_editor);
    m_annotationStyle = stale.style();
    applyThemeColors();
}

void PatchMarkers::applyThemeColors()
{
    // The line tints sit under the code's text colours: pale in the light theme, deep in the dark ones.
    m_editor->setMarkerBackgroundColor(currentTheme().patchedLine, PatchedLine);
    m_editor->setMarkerBackgroundColor(currentTheme().notEffectiveLine, NotEffectiveLine);
}

int PatchMarkers::markerMask() { return (1 << Patched) | (1 << NotEffective) | (1 << StaleBinding); }

void PatchMarkers::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled) {
        clear();
        clearStaleBindings();
    }
}

void PatchMarkers::clear()
{
    for (Marker marker : { Patched, NotEffective, PatchedLine, NotEffectiveLine })
        m_editor->markerDeleteAll(marker);
    m_notes.clear();
}

int PatchMarkers::lineOf(int handle) const { return m_editor->markerLine(handle); }

void PatchMarkers::mark(int line, Marker symbol, Marker background, const QString &note)
{
    if (line < 1 || line > m_editor->lines())
        return;
    const int handle = m_editor->markerAdd(line - 1, symbol);
    m_editor->markerAdd(line - 1, background);
    m_notes.append(Note { handle, note });
}

void PatchMarkers::show(const PatchReport &report)
{
    clear();
    if (!m_enabled)
        return;
    // A failed patch changed nothing in the program: nothing is marked as patched.
    const bool landed = report.succeeded();
    const bool blocked = report.status == PatchStatus::Blocked;
    for (const FunctionChange &function : report.functions) {
        if (function.change == QLatin1String("unchanged") || function.change == QLatin1String("removed"))
            continue;
        const QString name = QStringLiteral("%1()").arg(function.name);
        const bool notEffective = function.effective.has_value() && !*function.effective;
        if (blocked) {
            mark(function.line, NotEffective, NotEffectiveLine,
                tr("%1: the save was blocked, the previous code keeps running (%2)").arg(name, report.message));
        } else if (notEffective) {
            mark(function.line, NotEffective, NotEffectiveLine,
                function.reason.isEmpty()
                    ? tr("%1 changed, but the running program does not use the new code").arg(name)
                    : tr("%1 changed, but not effective: %2").arg(name, function.reason));
        } else if (landed) {
            const QString what = function.change == QLatin1String("added") ? tr("added by the last save")
                                                                           : tr("patched by the last save");
            mark(function.line, Patched, PatchedLine,
                function.reason.isEmpty() ? tr("%1 %2").arg(name, what)
                                          : tr("%1 %2: %3").arg(name, what, function.reason));
        }
    }
}

void PatchMarkers::showStaleBindings(const QList<BindingChange> &bindings, const QString &hint)
{
    clearStaleBindings();
    if (!m_enabled)
        return;
    for (const BindingChange &binding : bindings) {
        if (!binding.stale || binding.line < 1 || binding.line > m_editor->lines())
            continue;
        Stale stale { m_editor->markerAdd(binding.line - 1, StaleBinding), binding.name,
            tr("live %1 ≠ source %2 — %3").arg(binding.live, binding.source, hint) };
        annotate(stale);
        m_stale.append(stale);
    }
    Q_EMIT staleBindingsChanged();
}

void PatchMarkers::annotate(const Stale &stale)
{
    const int line = lineOf(stale.handle);
    if (line >= 0 && m_editor->annotation(line).isEmpty())
        m_editor->annotate(line, stale.annotation, m_annotationStyle);
}

void PatchMarkers::restoreAnnotations()
{
    for (const Stale &stale : std::as_const(m_stale))
        annotate(stale);
}

void PatchMarkers::clearStaleBindings()
{
    for (const Stale &stale : std::as_const(m_stale)) {
        const int line = lineOf(stale.handle);
        if (line >= 0 && m_editor->annotation(line) == stale.annotation)
            m_editor->clearAnnotations(line);
    }
    const bool had = !m_stale.isEmpty();
    m_stale.clear();
    m_editor->markerDeleteAll(StaleBinding);
    if (had)
        Q_EMIT staleBindingsChanged();
}

QString PatchMarkers::staleBindingAt(int line) const
{
    for (const Stale &stale : m_stale) {
        if (lineOf(stale.handle) == line - 1)
            return stale.name;
    }
    return {};
}

QList<QPair<QString, int>> PatchMarkers::staleBindingLines() const
{
    QList<QPair<QString, int>> lines;
    for (const Stale &stale : m_stale) {
        if (const int line = lineOf(stale.handle); line >= 0)
            lines.append({ stale.name, line + 1 });
    }
    return lines;
}

QList<int> PatchMarkers::markedLines(Marker marker) const
{
    QList<int> lines;
    for (int line = m_editor->markerFindNext(0, 1 << marker); line >= 0;
         line = m_editor->markerFindNext(line + 1, 1 << marker))
        lines.append(line + 1);
    return lines;
}

QStringList PatchMarkers::notesAt(int line) const
{
    QStringList notes;
    for (const Note &note : m_notes) {
        if (lineOf(note.handle) == line - 1)
            notes << note.text;
    }
    for (const Stale &stale : m_stale) {
        if (lineOf(stale.handle) == line - 1)
            notes << tr("%1 is stale: %2").arg(stale.name, stale.annotation);
    }
    return notes;
}

} // namespace graft
