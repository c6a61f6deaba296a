// SPDX-License-Identifier: GPL-3.0-or-later
// The look the compare view's plots share: a bold title with a one-line explanation under it,
// the legend in a row of its own below the axes (never over the data), export on right-click.
#pragma once

#include <QString>

class QCustomPlot;
class QCPTextElement;

namespace ladder {

/// Gives a fresh plot its title row, a subtitle row (returned, for texts that change), the
/// legend below the axes, and the export context menu (plots/PlotExport.h).
QCPTextElement *setUpComparePlot(QCustomPlot *plot, const QString &title);

} // namespace ladder
