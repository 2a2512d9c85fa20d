// SPDX-License-Identifier: MIT
#include "window/appearance.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSettings>

namespace graft {

namespace {
// Scintilla's zoom adds points to every style's size; it allows -10 to +20.
constexpr int kMinZoom = -8;
constexpr int kMaxZoom = 20;
// Presenter mode's editor starts at 10 + 5 = 15 points: 20 pixels a line at 96 dpi,
// readable from the back of a room, and still 40 columns of code beside Changes
// and Closures on a 1280×720 projector.
constexpr int kPresenterZoom = 5;

const QString kThemeKey = QStringLiteral("appearance/theme");
const QString kPresenterKey = QStringLiteral("appearance/presenter");
const QString kZoomKey = QStringLiteral("appearance/editorZoom");
const QString kPresenterZoomKey = QStringLiteral("appearance/presenterEditorZoom");
} // namespace

Appearance::Appearance(QWidget *window, bool persistent)
    : QObject(window)
    , m_window(window)
    , m_persistent(persistent)
    , m_baseFont(QApplication::font())
    , m_presenterZoom(kPresenterZoom)
{
    if (m_persistent) {
        const QSettings settings;
        m_theme = themeFromName(settings.value(kThemeKey).toString());
        if (m_theme == ThemeId::HighContrast)
            m_theme = ThemeId::Light; // presenter mode's own, not an everyday choice
        m_presenter = settings.value(kPresenterKey, false).toBool();
        m_zoom = qBound(kMinZoom, settings.value(kZoomKey, 0).toInt(), kMaxZoom);
        m_presenterZoom = qBound(kMinZoom, settings.value(kPresenterZoomKey, kPresenterZoom).toInt(), kMaxZoom);
    }
    createActions();
    applyLook();
}

void Appearance::restoreApplicationLook()
{
    QApplication::setFont(m_baseFont);
    applyTheme(ThemeId::Light);
}

double Appearance::presenterFontScale() { return 1.35; }

void Appearance::createActions()
{
    m_presenterAction = new QAction(tr("&Presenter Mode"), this);
    m_presenterAction->setObjectName(QStringLiteral("presenterModeAction"));
    m_presenterAction->setCheckable(true);
    m_presenterAction->setChecked(m_presenter);
    m_presenterAction->setShortcut(QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_P));
    m_presenterAction->setStatusTip(tr("Large fonts, high contrast and only the editor, Changes, Closures and "
                                       "Runtime: for talks"));
    connect(m_presenterAction, &QAction::toggled, this, &Appearance::setPresenterMode);

    // Ctrl+= is Ctrl++ without Shift on most layouts; both zoom in, as in VS Code.
    m_zoomIn = new QAction(tr("Zoom &In"), this);
    m_zoomIn->setObjectName(QStringLiteral("zoomInAction"));
    m_zoomIn->setShortcuts({ QKeySequence(Qt::CTRL | Qt::Key_Equal), QKeySequence::ZoomIn });
    connect(m_zoomIn, &QAction::triggered, this, &Appearance::zoomIn);
    m_zoomOut = new QAction(tr("Zoom &Out"), this);
    m_zoomOut->setObjectName(QStringLiteral("zoomOutAction"));
    m_zoomOut->setShortcuts(QKeySequence::ZoomOut);
    connect(m_zoomOut, &QAction::triggered, this, &Appearance::zoomOut);
    m_resetZoom = new QAction(tr("&Reset Zoom"), this);
    m_resetZoom->setObjectName(QStringLiteral("resetZoomAction"));
    m_resetZoom->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_resetZoom, &QAction::triggered, this, &Appearance::resetZoom);

    auto *themes = new QActionGroup(this);
    m_lightTheme = new QAction(tr("&Light Theme"), themes);
    m_lightTheme->setObjectName(QStringLiteral("lightThemeAction"));
    m_darkTheme = new QAction(tr("&Dark Theme"), themes);
    m_darkTheme->setObjectName(QStringLiteral("darkThemeAction"));
    for (QAction *action : { m_lightTheme, m_darkTheme })
        action->setCheckable(true);
    (m_theme == ThemeId::Dark ? m_darkTheme : m_lightTheme)->setChecked(true);
    connect(m_lightTheme, &QAction::triggered, this, [this] { setTheme(ThemeId::Light); });
    connect(m_darkTheme, &QAction::triggered, this, [this] { setTheme(ThemeId::Dark); });
}

void Appearance::addActionsTo(QMenu *view)
{
    view->addActions({ m_zoomIn, m_zoomOut, m_resetZoom });
    view->addSeparator();
    view->addActions({ m_lightTheme, m_darkTheme });
    view->addSeparator();
    view->addAction(m_presenterAction);
}

void Appearance::setTheme(ThemeId theme)
{
    if (theme == ThemeId::HighContrast)
        theme = ThemeId::Light;
    if (theme == m_theme)
        return;
    m_theme = theme;
    (theme == ThemeId::Dark ? m_darkTheme : m_lightTheme)->setChecked(true);
    remember(kThemeKey, themeName(theme));
    applyLook();
}

void Appearance::setPresenterMode(bool on)
{
    if (on == m_presenter)
        return;
    m_presenter = on;
    m_presenterAction->setChecked(on);
    remember(kPresenterKey, on);
    applyLook();
    Q_EMIT presenterModeChanged(on);
    Q_EMIT editorZoomChanged(editorZoom());
}

void Appearance::setEditorZoom(int zoom)
{
    zoom = qBound(kMinZoom, zoom, kMaxZoom);
    if (zoom == editorZoom())
        return;
    if (m_presenter) {
        m_presenterZoom = zoom;
        remember(kPresenterZoomKey, zoom);
    } else {
        m_zoom = zoom;
        remember(kZoomKey, zoom);
    }
    Q_EMIT editorZoomChanged(zoom);
}

void Appearance::zoomIn() { setEditorZoom(editorZoom() + 1); }

void Appearance::zoomOut() { setEditorZoom(editorZoom() - 1); }

void Appearance::resetZoom() { setEditorZoom(m_presenter ? kPresenterZoom : 0); }

void Appearance::applyLook()
{
    // The everyday theme cannot be chosen while presenter mode overrides it.
    m_lightTheme->setEnabled(!m_presenter);
    m_darkTheme->setEnabled(!m_presenter);
    applyTheme(m_presenter ? ThemeId::HighContrast : m_theme);
    QFont font = m_baseFont;
    if (m_presenter) {
        // Point sizes where the platform gives them; pixel sizes otherwise.
        if (font.pointSizeF() > 0)
            font.setPointSizeF(font.pointSizeF() * presenterFontScale());
        else
            font.setPixelSize(qRound(font.pixelSize() * presenterFontScale()));
    }
    QApplication::setFont(font);
    m_window->setPalette(QApplication::palette());
    m_window->setFont(font);
    Q_EMIT lookChanged();
}

void Appearance::remember(const QString &key, const QVariant &value) const
{
    if (m_persistent)
        QSettings().setValue(key, value);
}

} // namespace graft
