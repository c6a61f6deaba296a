// SPDX-License-Identifier: GPL-3.0-or-later
// The look the compare view's plots share: a bold title with an explanation under it, wrapped to
// the plot's width, the legend in rows of its own below the axes (never over the data), export
// on right-click.
#pragma once

#include <QString>

class QCustomPlot;
class QCPTextElement;

namespace ladder {

/// Gives a fresh plot its title row, a subtitle row (returned, for texts that change), the
/// legend below the axes, and the export context menu (plots/PlotExport.h). As the plot is
/// resized, the subtitle wraps to its width and the legend takes as many entries a row as fit.
QCPTextElement *setUpComparePlot(QCustomPlot *plot, const QString &title);
/// Sets a subtitle's text, wrapped at word boundaries to the plot's width (and again on resize).
void setSubtitleText(QCPTextElement *subtitle, const QString &text);

} // namespace ladder
