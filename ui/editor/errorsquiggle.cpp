// SPDX-License-Identifier: MIT
#include "editor/errorsquiggle.h"

#include "patch/patchreport.h"

#include "editor/qscintilla.h"

#include <QEvent>
#include <QFontDatabase>

namespace graft {

namespace {
// Annotation styles live above the lexer's (which stop below 128) and below
// Scintilla's predefined 32-39 range's reach: QScintilla offsets annotation styles.
constexpr int kErrorStyle = 200;
constexpr int kBlockedStyle = 201;

QString withoutUncaught(const QString &message)
{
    return message.startsWith(QLatin1String("Uncaught ")) ? message.mid(9) : message;
}
} // namespace

ErrorSquiggle::ErrorSquiggle(QsciScintilla *editor)
    : QObject(editor)
    , m_editor(editor)
{
    m_indicator = m_editor->indicatorDefine(QsciScintilla::SquiggleIndicator);
    m_editor->setIndicatorForegroundColor(QColor(0xd7, 0x3a, 0x49), m_indicator);
    m_editor->setAnnotationDisplay(QsciScintilla::AnnotationBoxed);

    QFont font = QFontDatabase::systemFont(QFontDatabase::GeneralFont);
    const QsciStyle error(kErrorStyle, QStringLiteral("compile error"), QColor(0x86, 0x18, 0x1d),
                          QColor(0xff, 0xeb, 0xe9), font);
    const QsciStyle blocked(kBlockedStyle, QStringLiteral("blocked patch"), QColor(0x7a, 0x48, 0x00),
                            QColor(0xff, 0xf5, 0xe0), font);
    m_errorStyle = error.style();
    m_blockedStyle = blocked.style();
    error.apply(m_editor);
    blocked.apply(m_editor);
    m_editor->viewport()->installEventFilter(this);
    connect(m_editor, &QsciScintillaBase::SCN_ZOOM, this, &ErrorSquiggle::rewrap);
}

bool ErrorSquiggle::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Resize)
        rewrap();
    return QObject::eventFilter(watched, event);
}

void ErrorSquiggle::setEnabled(bool enabled)
{
    m_enabled = enabled;
    if (!enabled)
        clear();
}

void ErrorSquiggle::clear()
{
    m_editor->clearAnnotations();
    m_text.clear();
    const int last = qMax(0, m_editor->lines() - 1);
    m_editor->clearIndicatorRange(0, 0, last, m_editor->lineLength(last), m_indicator);
    m_line = 0;
}

void ErrorSquiggle::annotateLine(int line, const QString &text, int style)
{
    m_line = qBound(1, line, qMax(1, m_editor->lines()));
    m_text = text;
    m_style = style;
    m_editor->annotate(m_line - 1, wrapped(text, style), style);
}

void ErrorSquiggle::rewrap()
{
    if (m_line > 0 && !m_text.isEmpty())
        m_editor->annotate(m_line - 1, wrapped(m_text, m_style), m_style);
}

QString ErrorSquiggle::wrapped(const QString &text, int style) const
{
    // The text area starts after the margins; the box needs a little room for its frame.
    int textLeft = 0;
    for (int margin = 0; margin < m_editor->margins(); ++margin)
        textLeft += m_editor->marginWidth(margin);
    const long room = m_editor->viewport()->width() - textLeft - 12;
    const auto width = [this, style](const QString &piece) {
        return m_editor->SendScintilla(
            QsciScintillaBase::SCI_TEXTWIDTH, static_cast<unsigned long>(style), piece.toUtf8().constData());
    };
    if (room <= 0 || width(text) <= room)
        return text;
    QStringList lines;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (!line.isEmpty() && width(longer) > room) {
            lines << line;
            line = word;
        } else {
            line = longer;
        }
    }
    lines << line;
    return lines.join(QLatin1Char('\n'));
}

void ErrorSquiggle::show(const PatchReport &report)
{
    clear();
    if (!m_enabled)
        return;
    if (report.status == PatchStatus::CompileError) {
        const int line = qMax(1, report.errorLine);
        const int lineIndex = line - 1;
        const QString text = m_editor->text(lineIndex);
        int start = qMax(0, report.errorColumn - 1);
        int length = static_cast<int>(text.size()) - start;
        // Underline the token V8 stopped at; at the end of a line, the last character.
        while (length > 0 && text.at(start + length - 1).isSpace())
            --length;
        int end = start + 1;
        while (end < start + length && (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('_')))
            ++end;
        if (length <= 0) {
            end = static_cast<int>(text.trimmed().isEmpty() ? 0 : text.size());
            start = qMax(0, end - 1);
        }
        if (end > start)
            m_editor->fillIndicatorRange(lineIndex, start, lineIndex, end, m_indicator);
        annotateLine(line, tr("✗ %1 (column %2). Not applied: the previous code keeps running.")
                               .arg(withoutUncaught(report.message))
                               .arg(report.errorColumn),
                     m_errorStyle);
        return;
    }
    if (report.status == PatchStatus::Blocked) {
        int line = report.errorLine;
        for (const FunctionChange &function : report.functions) {
            if (line == 0 && function.effective.has_value() && !*function.effective)
                line = function.line;
        }
        annotateLine(qMax(1, line),
                     tr("⛔ Blocked: %1. Not applied: the previous code keeps running.")
                         .arg(withoutUncaught(report.message)),
                     m_blockedStyle);
    }
}

} // namespace graft
