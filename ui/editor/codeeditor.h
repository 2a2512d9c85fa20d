// SPDX-License-Identifier: MIT
#pragma once

#include "editor/qscintilla.h"

namespace graft {

class BreakpointMarkers;
class ErrorSquiggle;
class PatchMarkers;
class ReinitializeButtons;
struct PatchReport;

// One JavaScript buffer: QScintilla with the JavaScript lexer, line numbers, a
// marker margin and folding, and the decorators that show what a save did.
// Undo, redo and zoom are owned by the workbench's actions, so QScintilla's own
// bindings for them are removed (they would win over QAction shortcuts). Colours
// come from the current theme (applyThemeColors() after it changes).
class CodeEditor : public QsciScintilla
{
    Q_OBJECT
public:
    enum Margin { LineNumberMargin = 0, MarkerMargin = 1, FoldMargin = 2 };

    explicit CodeEditor(QWidget *parent = nullptr);

    // The code's font before zoom, and its size at a zoom (Scintilla adds the zoom's points).
    static QFont codeFont();
    static qreal codePointSize(int zoom);

    PatchMarkers *patchMarkers() const { return m_patchMarkers; }
    ErrorSquiggle *errorSquiggle() const { return m_errorSquiggle; }
    BreakpointMarkers *breakpointMarkers() const { return m_breakpointMarkers; }
    ReinitializeButtons *reinitializeButtons() const { return m_reinitializeButtons; }

    // Shows what a patch of this buffer did (markers, compile error).
    void showPatch(const PatchReport &report);
    // 1-based line and column; scrolls so the line is comfortably in view.
    void goToLine(int line, int column = 1);
    // Replaces the text as one undoable step, keeping the cursor and scroll position.
    void replaceTextKeepingView(const QString &text);
    // The zoom every editor shares (Scintilla's points added to the font size).
    void setSharedZoom(int zoom);
    int zoomLevel() const; // after Ctrl+wheel, this editor's own until the others follow
    // A paler paper for read-only code that has no file.
    void setLiveSourceLook(bool on);
    // Long lines continue on the next screen line (indented, marked at the end)
    // instead of running off the editor's edge: on stage nothing is cut off.
    void setWrapLongLines(bool on);

    // Scintilla paints with its own styles, not the widget palette.
    void applyThemeColors();

    // What the marker margin shows at a 1-based line, one sentence per marker
    // (the tooltip hovering the margin shows), or empty.
    QString marginNotesAt(int line) const;
    // The 1-based line at a point of the viewport.
    int lineAtPoint(const QPoint &point) const;

Q_SIGNALS:
    // The pointer rests over the text at `position` (Scintilla's byte position):
    // the debugger and the live panes show a value there.
    void valueHoverRequested(int position, const QPoint &globalPos);
    // The context menu is about to open for a 1-based line: add actions to it.
    void contextMenuAboutToShow(QMenu *menu, int line);

protected:
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void onDwell(int position, int x, int y);
    void updateLineNumberWidth();

    PatchMarkers *m_patchMarkers;
    ErrorSquiggle *m_errorSquiggle;
    BreakpointMarkers *m_breakpointMarkers;
    ReinitializeButtons *m_reinitializeButtons;
    int m_lineDigits = 0;
    bool m_liveSourceLook = false;
};

} // namespace graft
