// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>

class QsciScintilla;

namespace graft {

struct PatchReport;

// Decorates an editor with why the last save was not applied: a compile error is
// underlined where V8 found it and explained in an annotation under that line; a
// blocked patch gets an annotation saying so. Any other outcome clears both.
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

private:
    void annotateLine(int line, const QString &text, int style);

    QsciScintilla *m_editor;
    int m_indicator = -1;
    int m_errorStyle = -1;
    int m_blockedStyle = -1;
    int m_line = 0;
    bool m_enabled = true;
};

} // namespace graft
