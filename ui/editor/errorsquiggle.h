// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QsciScintilla;

namespace graft {

struct PatchReport;

// Decorates an editor with why the last save was not applied: a compile error is
// underlined where V8 found it and explained in an annotation under that line; a
// blocked patch gets an annotation saying so. Any other outcome clears both.
// Scintilla's annotations do not wrap: the text is broken into lines that fit the
// editor's width, again whenever the width or the zoom changes.
class ErrorSquiggle : public QObject
{
    Q_OBJECT
public:
    explicit ErrorSquiggle(QsciScintilla *editor);

    void setEnabled(bool enabled);
    bool isEnabled() const { return m_enabled; }

    void show(const PatchReport &report);
    void clear();
    // The 1-based line carrying the annotation, 0 if none.
    int annotatedLine() const { return m_line; }
    int indicator() const { return m_indicator; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void annotateLine(int line, const QString &text, int style);
    void rewrap();
    QString wrapped(const QString &text, int style) const;

    QsciScintilla *m_editor;
    int m_indicator = -1;
    int m_errorStyle = -1;
    int m_blockedStyle = -1;
    int m_line = 0;
    QString m_text; // the annotation before wrapping
    int m_style = -1;
    bool m_enabled = true;
};

} // namespace graft
