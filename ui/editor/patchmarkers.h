// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>

class QsciScintilla;

namespace graft {

struct PatchReport;

// Decorates an editor with where the last patch landed: a green bar and tint on
// each function V8 patched, a different marker on changed functions that did
// not take effect, and one on top-level bindings left stale. Marks only what the
// report's functions[] and bindings[] name; a report without them marks nothing.
// Invariant: markers always describe the last report shown (or none).
class PatchMarkers : public QObject
{
    Q_OBJECT
public:
    // Marker numbers: QScintilla keeps 25-31 for folding, the lexer uses none.
    enum Marker { Patched = 1, NotEffective = 2, StaleBinding = 3, PatchedLine = 4, NotEffectiveLine = 5 };

    explicit PatchMarkers(QsciScintilla *editor);

    // The markers a symbol margin should show.
    static int markerMask();

    void setEnabled(bool enabled);
    void applyThemeColors();
    bool isEnabled() const { return m_enabled; }

    void show(const PatchReport &report);
    void clear();
    // A stale binding was re-initialized: its marker goes (1-based line).
    void clearStaleBinding(int line);
    // A new run of the program: no binding is stale any more.
    void clearStaleBindings();
    // 1-based lines carrying `marker` now (markers move with edits).
    QList<int> markedLines(Marker marker) const;

private:
    void mark(int line, Marker symbol, Marker background);

    QsciScintilla *m_editor;
    bool m_enabled = true;
};

} // namespace graft
