// SPDX-License-Identifier: GPL-3.0-or-later
// Saving any QCustomPlot as an image or as its data. Free of any particular plot widget, so
// every view (run curves, the compare view) exports the same way.
#pragma once

#include <QString>

class QCustomPlot;
class QMenu;

namespace ladder {

/// Writes the plot as it is drawn now, the format chosen by the file's suffix: .png, .svg or
/// .pdf (case-insensitive). Returns false and sets *error (when given) to a message naming the
/// file if the suffix is not one of those or the file cannot be written.
bool savePlotImage(QCustomPlot *plot, const QString &file, QString *error = nullptr);

/// Writes every plottable's data as CSV with the header `plot,curve,x,y`: plot = the plot's
/// title (its first QCPTextElement, else its objectName), curve = the plottable's name, one row
/// per data point (graphs, curves, bars; for bars, x is the key and y the value). Values are
/// written with full double precision; NaN as "nan". Returns false and sets *error on failure.
bool savePlotData(QCustomPlot *plot, const QString &file, QString *error = nullptr);

/// Adds "Export image…" and "Export data…" to `menu`; each asks for a file name (parent: the
/// plot) and reports a failure in a message box. For context menus of any plot.
void addPlotExportActions(QMenu *menu, QCustomPlot *plot);

/// Gives `plot` a context menu holding addPlotExportActions() (and nothing else).
void installPlotExportMenu(QCustomPlot *plot);

} // namespace ladder
