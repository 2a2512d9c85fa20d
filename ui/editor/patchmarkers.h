// SPDX-License-Identifier: MIT
#pragma once

#include <QList>
#include <QObject>
#include <QStringList>

class QsciScintilla;

namespace graft {

struct BindingChange;
struct PatchReport;

// Decorates an editor with where the last patch landed: a green bar and tint on
// each function V8 patched, a different marker on changed functions that did
// not take effect. Marks only what the report's functions[] name; a report
// without them marks nothing. Invariant: those markers always describe the last
// report shown (or none).
//
// Apart from them, the top-level bindings whose live value is not what the
// source says now (top-level code is not re-run by a patch): a dot in the margin
// and an annotation under the line, "live "original" ≠ source 'updated'". Those
// follow the live program, not one report (LivePanels tells them, after every
// save, Re-initialize and restart). Every marker explains itself: notesAt().
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

    // Marks exactly the stale ones of `bindings`; `hint` ends each annotation
    // (how to re-initialize).
    void showStaleBindings(const QList<BindingChange> &bindings, const QString &hint);
    void clearStaleBindings();
    // The stale binding marked at a 1-based line now, or empty.
    QString staleBindingAt(int line) const;
    // Every stale binding marked now, with its 1-based line (edits move them).
    QList<QPair<QString, int>> staleBindingLines() const;
    // Puts the stale bindings' annotations back (something else cleared them),
    // except on a line another annotation holds now.
    void restoreAnnotations();

    // 1-based lines carrying `marker` now (markers move with edits).
    QList<int> markedLines(Marker marker) const;
    // What the markers at a 1-based line mean, one sentence each (a tooltip's text).
    QStringList notesAt(int line) const;

Q_SIGNALS:
    // The stale bindings or their lines changed: what sits beside them follows.
    void staleBindingsChanged();

private:
    struct Note
    {
        int handle; // Scintilla's marker handle: it follows the text as it is edited
        QString text;
    };
    struct Stale
    {
        int handle;
        QString name;
        QString annotation;
    };
    void mark(int line, Marker symbol, Marker background, const QString &note);
    void annotate(const Stale &stale);
    int lineOf(int handle) const; // 0-based, -1 once the line is gone

    QsciScintilla *m_editor;
    bool m_enabled = true;
    int m_annotationStyle = -1;
    QList<Note> m_notes;
    QList<Stale> m_stale;
};

} // namespace graft
