// SPDX-License-Identifier: MIT
#pragma once

#include "window/theme.h"

#include <QFont>
#include <QObject>

class QAction;
class QMenu;
class QWidget;

namespace graft {

// How the workbench looks: the everyday theme (light or dark), the editors' zoom,
// and presenter mode (high contrast, every font larger, its own editor zoom). Owns
// the View menu's actions for them. A persistent Appearance reads its state from
// QSettings and writes every change back at once, so a killed app keeps it too;
// --grab's window uses a non-persistent one and leaves the user's settings alone.
class Appearance : public QObject
{
    Q_OBJECT
public:
    // `window` gets the palette and font at once; the application (menus, dialogs,
    // tooltips) gets them too, but Qt hands those on only from its event loop.
    Appearance(QWidget *window, bool persistent);

    // Puts the application's font and palette back as they were before this object
    // (the next window starts from them). Call while the widgets are whole: they
    // hear the change at once.
    void restoreApplicationLook();

    ThemeId theme() const { return m_theme; }
    bool presenterMode() const { return m_presenter; }
    // The zoom in effect: presenter mode keeps its own.
    int editorZoom() const { return m_presenter ? m_presenterZoom : m_zoom; }
    // The factor presenter mode gives the application's and the output's fonts.
    static double presenterFontScale();

    QAction *presenterAction() const { return m_presenterAction; }
    // Zoom in, zoom out, reset, then the theme choices: for the View menu.
    void addActionsTo(QMenu *view);

    void setTheme(ThemeId theme);
    void setPresenterMode(bool on);
    void setEditorZoom(int zoom);
    void zoomIn();
    void zoomOut();
    void resetZoom();

Q_SIGNALS:
    void presenterModeChanged(bool on);
    // The application palette and font changed: what paints with its own colours
    // or sizes by its own font metrics should follow.
    void lookChanged();
    void editorZoomChanged(int zoom);

private:
    void createActions();
    void applyLook();
    void remember(const QString &key, const QVariant &value) const;

    QWidget *m_window;
    bool m_persistent;
    QFont m_baseFont;
    ThemeId m_theme = ThemeId::Light;
    bool m_presenter = false;
    int m_zoom = 0;
    int m_presenterZoom;
    QAction *m_presenterAction = nullptr;
    QAction *m_zoomIn = nullptr;
    QAction *m_zoomOut = nullptr;
    QAction *m_resetZoom = nullptr;
    QAction *m_lightTheme = nullptr;
    QAction *m_darkTheme = nullptr;
};

} // namespace graft
