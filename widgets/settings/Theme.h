// SPDX-License-Identifier: GPL-3.0-or-later
// The workbench's colour themes: the system's look, or Fusion with a light or a dark palette.
// Views take every colour that is not a data colour from their palette (plots through
// plots/PlotTheme.h), so a theme is one QApplication::setPalette and nothing else to repaint.
#pragma once

#include <QColor>
#include <QPalette>
#include <QString>
#include <QStringList>

class QLabel;

namespace ladder {

enum class Theme { System, Light, Dark };

/// "system", "light" or "dark", as WorkbenchSettings stores them.
QString themeName(Theme theme);
/// The theme named `name`; System for anything else (a settings file from elsewhere).
Theme themeFromName(const QString &name);
/// Every theme, in the order a menu offers them.
QList<Theme> allThemes();
/// For menus: "System", "Light", "Dark", translated.
QString themeLabel(Theme theme);

/// The palette a theme paints with (System: the platform's, as it was before any theme).
QPalette themePalette(Theme theme);
/// Makes `theme` the application's: its style (Fusion for light and dark, so they look alike
/// everywhere) and palette. Widgets repaint on the palette change by themselves.
void applyTheme(Theme theme);
/// Whether `palette` draws light text on a dark background.
bool isDarkPalette(const QPalette &palette);

/// Text that reports a problem (a field's error, a failed run), readable on `palette`'s
/// background: dark red on a light theme, light red on a dark one.
QColor errorColour(const QPalette &palette);
/// Text that warns (an interrupted run, something missing): amber, by the same rule.
QColor warningColour(const QPalette &palette);
/// Keeps `label`'s text in errorColour() (or warningColour()) of whatever theme is current.
void showAsError(QLabel *label);
void showAsWarning(QLabel *label);

} // namespace ladder
