// SPDX-License-Identifier: MIT
#pragma once

// What tst_stage and tst_look check a window by: contrast as WCAG measures it,
// the code's size, what is in view, and the theme of every widget.
#include "editor/codeeditor.h"
#include "window/appearance.h"

#include <QColor>
#include <QLabel>
#include <QListView>
#include <QRegularExpression>
#include <QtTest>

#include <cmath>

namespace graft::test {

// WCAG's contrast ratio: 4.5 is readable (AA), 7 is what a projector needs (AAA).
inline double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &color) {
        const auto channel = [](double c) { return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

// The worst contrast among the editor's JavaScript colours on its paper.
inline double worstEditorContrast(CodeEditor *editor)
{
    QsciLexer *lexer = editor->lexer();
    double worst = 21;
    for (int style : { QsciLexerJavaScript::Default, QsciLexerJavaScript::Comment, QsciLexerJavaScript::CommentLine,
             QsciLexerJavaScript::Number, QsciLexerJavaScript::Keyword, QsciLexerJavaScript::SingleQuotedString,
             QsciLexerJavaScript::DoubleQuotedString, QsciLexerJavaScript::Regex })
        worst = std::min(worst, contrast(lexer->color(style), lexer->paper(style)));
    return worst;
}

inline int textHeight(CodeEditor *editor)
{
    return static_cast<int>(editor->SendScintilla(QsciScintillaBase::SCI_TEXTHEIGHT, 0));
}

inline QRect rectInWindow(QWidget *widget)
{
    return QRect(widget->mapTo(widget->window(), QPoint(0, 0)), widget->size());
}

// What a user sees at the output's end: the newest line inside the view.
inline bool showsNewestLine(QListView *view)
{
    const int rows = view->model()->rowCount();
    return rows > 0 && view->viewport()->rect().contains(view->visualRect(view->model()->index(rows - 1, 0)));
}

// The code's size in points as the editor paints it (its font plus the zoom's points).
inline qreal codePoints(CodeEditor *editor)
{
    return editor->lexer()->defaultFont().pointSizeF() + editor->zoomLevel();
}

// Every widget of the window in the current theme: its palette's, and every colour
// a label writes into its text or style sheet readable on it. An empty list: all are.
inline QStringList widgetsOutOfTheme(QWidget *window)
{
    const QPalette &theme = currentTheme().palette;
    static const QRegularExpression colorInText(QStringLiteral("color\\s*:\\s*(#[0-9a-fA-F]{6})"));
    QStringList wrong;
    const QList<QWidget *> widgets = window->findChildren<QWidget *>();
    for (QWidget *widget : widgets) {
        if (!widget->isVisible())
            continue;
        const QString name = QStringLiteral("%1 %2").arg(widget->metaObject()->className(), widget->objectName());
        // A label may colour its text on purpose (the program's state): its contrast is checked below.
        const bool ownInk = widget->styleSheet().contains(QLatin1String("color"));
        const QPalette::ColorGroup group = widget->palette().currentColorGroup(); // disabled buttons grey out
        for (QPalette::ColorRole role : { QPalette::Window, QPalette::WindowText, QPalette::Base, QPalette::Text }) {
            if (ownInk && (role == QPalette::WindowText || role == QPalette::Text))
                continue;
            if (widget->palette().color(group, role) != theme.color(group, role))
                wrong << QStringLiteral("%1: role %2 is %3")
                             .arg(name)
                             .arg(role)
                             .arg(widget->palette().color(role).name());
        }
        auto *label = qobject_cast<QLabel *>(widget);
        if (!label)
            continue;
        const QColor paper = label->palette().color(label->backgroundRole());
        for (const QString &source : { label->text(), label->styleSheet() }) {
            for (auto match = colorInText.globalMatch(source); match.hasNext();) {
                const QColor ink(match.next().captured(1));
                if (contrast(ink, paper) < 4.5)
                    wrong << QStringLiteral("%1: %2 on %3").arg(name, ink.name(), paper.name());
            }
        }
    }
    return wrong;
}

// Ctrl+Alt+P, as a speaker presses it.
inline void pressPresenterShortcut(QWidget *window)
{
    QTest::keyClick(window, Qt::Key_P, Qt::ControlModifier | Qt::AltModifier);
}

// Runs `test` on a projector's screen (1920×1080) rather than the offscreen
// platform's small default, so that layouts and window placement are tried where a
// speaker meets them.
#define GRAFT_PROJECTOR_TEST_MAIN(TestClass)                                                                           \
    int main(int argc, char **argv)                                                                                    \
    {                                                                                                                  \
        if (qgetenv("QT_QPA_PLATFORM") == "offscreen")                                                                 \
            qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" GRAFT_TEST_SOURCE_DIR "/projector-screen.json");        \
        QApplication app(argc, argv);                                                                                  \
        app.setAttribute(Qt::AA_Use96Dpi, true); /* as QTEST_MAIN does */                                              \
        TestClass test;                                                                                                \
        QTEST_SET_MAIN_SOURCE_PATH                                                                                     \
        return QTest::qExec(&test, argc, argv);                                                                        \
    }

} // namespace graft::test
