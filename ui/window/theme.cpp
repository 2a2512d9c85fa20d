// SPDX-License-Identifier: MIT
#include "window/theme.h"

#include <QApplication>
#include <QStyle>

namespace graft {

namespace {

QPalette darkPalette(const QColor &window, const QColor &base, const QColor &text, const QColor &highlight,
    const QColor &highlightedText, const QColor &link)
{
    QPalette palette;
    const QColor disabled = QColor::fromHsl(text.hslHue(), text.hslSaturation(), 120);
    palette.setColor(QPalette::Window, window);
    palette.setColor(QPalette::WindowText, text);
    palette.setColor(QPalette::Base, base);
    palette.setColor(QPalette::AlternateBase, window);
    palette.setColor(QPalette::ToolTipBase, QColor(0x3d, 0x37, 0x1a));
    palette.setColor(QPalette::ToolTipText, text);
    palette.setColor(QPalette::PlaceholderText, disabled);
    palette.setColor(QPalette::Text, text);
    palette.setColor(QPalette::Button, window.lighter(125));
    palette.setColor(QPalette::ButtonText, text);
    palette.setColor(QPalette::BrightText, Qt::white);
    palette.setColor(QPalette::Highlight, highlight);
    palette.setColor(QPalette::HighlightedText, highlightedText);
    palette.setColor(QPalette::Link, link);
    palette.setColor(QPalette::Light, window.lighter(160));
    palette.setColor(QPalette::Midlight, window.lighter(130));
    palette.setColor(QPalette::Mid, window.lighter(110));
    palette.setColor(QPalette::Dark, window.darker(130));
    palette.setColor(QPalette::Shadow, Qt::black);
    for (QPalette::ColorRole role : { QPalette::WindowText, QPalette::Text, QPalette::ButtonText })
        palette.setColor(QPalette::Disabled, role, disabled);
    return palette;
}

ThemeColors lightTheme()
{
    ThemeColors theme;
    // The style's own palette (Fusion's), with a pale yellow for tooltips and info bars.
    theme.palette = QApplication::style()->standardPalette();
    theme.palette.setColor(QPalette::ToolTipBase, QColor(0xff, 0xf8, 0xc5));
    theme.palette.setColor(QPalette::ToolTipText, QColor(0x24, 0x29, 0x2f));
    theme.paper = Qt::white;
    theme.liveSourcePaper = QColor(0xf6, 0xf8, 0xfa);
    theme.text = QColor(0x24, 0x29, 0x2e);
    theme.comment = QColor(0x6a, 0x73, 0x7d);
    theme.number = QColor(0x00, 0x5c, 0xc5);
    theme.keyword = QColor(0xd7, 0x3a, 0x49);
    theme.keyword2 = QColor(0x6f, 0x42, 0xc1);
    theme.string = QColor(0x03, 0x2f, 0x62);
    theme.regex = QColor(0x22, 0x86, 0x3a);
    theme.unclosedString = QColor(0xb3, 0x1d, 0x28);
    theme.marginPaper = QColor(0xf6, 0xf8, 0xfa);
    theme.marginText = QColor(0x9a, 0xa0, 0xa6);
    theme.caretLine = QColor(0xf1, 0xf8, 0xff);
    theme.caret = Qt::black;
    theme.selection = QColor(0xc8, 0xe1, 0xff);
    theme.braceMatch = QColor(0xdb, 0xed, 0xff);
    theme.patchedLine = QColor(0xe6, 0xff, 0xec);
    theme.notEffectiveLine = QColor(0xff, 0xf5, 0xe0);
    theme.warning = QColor(0xa8, 0x59, 0x00);
    // Darker than the comments: hints sit on the window's grey too, and stay above 4.5:1 there.
    theme.muted = QColor(0x57, 0x60, 0x6a);
    theme.error = QColor(0xc6, 0x28, 0x28);
    theme.success = QColor(0x1b, 0x5e, 0x20);
    theme.link = QColor(0x15, 0x65, 0xc0);
    return theme;
}

ThemeColors darkTheme()
{
    ThemeColors theme;
    theme.dark = true;
    theme.palette = darkPalette(QColor(0x2b, 0x2d, 0x30), QColor(0x1e, 0x1f, 0x22), QColor(0xdf, 0xe1, 0xe5),
        QColor(0x2f, 0x65, 0xca), Qt::white, QColor(0x6c, 0xb6, 0xff));
    theme.paper = QColor(0x1e, 0x1f, 0x22);
    theme.liveSourcePaper = QColor(0x26, 0x28, 0x2c);
    theme.text = QColor(0xd4, 0xd6, 0xdb);
    theme.comment = QColor(0x8b, 0x94, 0x9e);
    theme.number = QColor(0x79, 0xc0, 0xff);
    theme.keyword = QColor(0xff, 0x7b, 0x72);
    theme.keyword2 = QColor(0xd2, 0xa8, 0xff);
    theme.string = QColor(0xa5, 0xd6, 0xff);
    theme.regex = QColor(0x7e, 0xe7, 0x87);
    theme.unclosedString = QColor(0xff, 0xa1, 0x98);
    theme.marginPaper = QColor(0x25, 0x27, 0x2b);
    theme.marginText = QColor(0x6e, 0x76, 0x81);
    theme.caretLine = QColor(0x26, 0x2a, 0x33);
    theme.caret = QColor(0xdf, 0xe1, 0xe5);
    theme.selection = QColor(0x26, 0x4f, 0x78);
    theme.braceMatch = QColor(0x3a, 0x4a, 0x5e);
    theme.patchedLine = QColor(0x1c, 0x3a, 0x26);
    theme.notEffectiveLine = QColor(0x40, 0x30, 0x12);
    theme.warning = QColor(0xff, 0xb7, 0x4d);
    theme.muted = QColor(0x9a, 0xa1, 0xab);
    theme.error = QColor(0xff, 0x7b, 0x72);
    theme.success = QColor(0x7e, 0xe7, 0x87);
    theme.link = QColor(0x6c, 0xb6, 0xff);
    return theme;
}

// White on black, saturated accents and no greys darker than 70% lightness: what
// survives a washed-out projector.
ThemeColors highContrastTheme()
{
    ThemeColors theme;
    theme.dark = true;
    theme.palette = darkPalette(
        QColor(0x10, 0x10, 0x10), Qt::black, Qt::white, QColor(0xff, 0xd6, 0x00), Qt::black, QColor(0x5c, 0xd0, 0xff));
    theme.paper = Qt::black;
    theme.liveSourcePaper = QColor(0x14, 0x14, 0x14);
    theme.text = Qt::white;
    theme.comment = QColor(0xb8, 0xc4, 0xd0);
    theme.number = QColor(0x5c, 0xd0, 0xff);
    theme.keyword = QColor(0xff, 0x6e, 0x9c);
    theme.keyword2 = QColor(0xd9, 0xa6, 0xff);
    theme.string = QColor(0xff, 0xe0, 0x66);
    theme.regex = QColor(0x70, 0xff, 0x9a);
    theme.unclosedString = QColor(0xff, 0x8a, 0x80);
    theme.marginPaper = QColor(0x10, 0x10, 0x10);
    theme.marginText = QColor(0xc0, 0xc0, 0xc0);
    theme.caretLine = QColor(0x20, 0x20, 0x28);
    theme.caret = QColor(0xff, 0xd6, 0x00);
    theme.selection = QColor(0x1f, 0x4e, 0x99);
    theme.braceMatch = QColor(0x44, 0x44, 0x00);
    theme.patchedLine = QColor(0x00, 0x38, 0x14);
    theme.notEffectiveLine = QColor(0x45, 0x30, 0x00);
    theme.warning = QColor(0xff, 0xc1, 0x4d);
    theme.muted = QColor(0xc8, 0xc8, 0xc8);
    theme.error = QColor(0xff, 0x6b, 0x6b);
    theme.success = QColor(0x70, 0xff, 0x9a);
    theme.link = QColor(0x5c, 0xd0, 0xff);
    return theme;
}

ThemeId g_current = ThemeId::Light;

} // namespace

const ThemeColors &themeColors(ThemeId id)
{
    static const ThemeColors light = lightTheme();
    static const ThemeColors dark = darkTheme();
    static const ThemeColors highContrast = highContrastTheme();
    switch (id) {
    case ThemeId::Light:
        return light;
    case ThemeId::Dark:
        return dark;
    case ThemeId::HighContrast:
        return highContrast;
    }
    return light;
}

ThemeId currentThemeId() { return g_current; }

const ThemeColors &currentTheme() { return themeColors(g_current); }

void applyTheme(ThemeId id)
{
    g_current = id;
    QApplication::setPalette(themeColors(id).palette);
}

QString themeName(ThemeId id)
{
    switch (id) {
    case ThemeId::Light:
        return QStringLiteral("light");
    case ThemeId::Dark:
        return QStringLiteral("dark");
    case ThemeId::HighContrast:
        return QStringLiteral("high-contrast");
    }
    return QStringLiteral("light");
}

ThemeId themeFromName(const QString &name)
{
    for (ThemeId id : { ThemeId::Dark, ThemeId::HighContrast }) {
        if (name == themeName(id))
            return id;
    }
    return ThemeId::Light;
}

} // namespace graft
