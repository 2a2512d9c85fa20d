// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class QsciScintilla;

namespace graft {

struct Breakpoint;

// Decorates an editor with its file's breakpoints (a red dot; hollow when
// disabled; a different shape for conditional ones and logpoints) and the line
// a paused program stands on (an arrow and a tint). Clicking the marker margin
// asks for a breakpoint to be toggled there; a right click for the menu. The
// breakpoints themselves belong to the session's Debugger: this only shows them.
class BreakpointMarkers : public QObject
{
    Q_OBJECT
public:
    // After PatchMarkers' numbers (1-5); QScintilla keeps 25-31 for folding.
    enum Marker { Breakpoint = 6, Conditional = 7, Logpoint = 8, Disabled = 9, CurrentArrow = 10, CurrentLine = 11 };

    explicit BreakpointMarkers(QsciScintilla *editor);

    static int markerMask();
    void applyThemeColors();

    // Marks exactly `breakpoints` (those of this editor's file).
    void show(const QList<graft::Breakpoint> &breakpoints);
    // The paused program's line here (1-based); 0 clears it.
    void setCurrentLine(int line);
    int currentLine() const { return m_currentLine; }
    // 1-based lines carrying `marker` now (markers move with edits).
    QList<int> markedLines(Marker marker) const;
    // The breakpoint marked at a 1-based line, as the last show() placed it.
    QString breakpointAt(int line) const;
    // Where each marked breakpoint is now (id, 1-based line): edits move them.
    QList<QPair<QString, int>> currentLines() const;
    // What the markers at a 1-based line mean (a tooltip's text), or empty.
    QStringList notesAt(int line) const;

Q_SIGNALS:
    void toggleRequested(int line);
    void menuRequested(int line, const QPoint &globalPos);

private:
    QsciScintilla *m_editor;
    int m_currentLine = 0;
    struct Shown
    {
        int handle; // Scintilla's marker handle: it follows the text as it is edited
        QString id;
        QString note;
    };
    QList<Shown> m_handles;
};

} // namespace graft
