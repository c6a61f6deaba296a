// SPDX-License-Identifier: GPL-3.0-or-later
// Plots in the window's colours: QCustomPlot paints its own background, axes, grid and text in
// fixed colours; these take them from the plot's palette instead, and again whenever the palette
// changes (a theme switch), so a dark theme gets dark plots with readable axes. Data colours
// (runs, memory categories) stay as they are: they mean the same in every theme.
#pragma once

#include <QColor>
#include <QPalette>

class QCPGraph;
class QCPItemStraightLine;
class QCPItemText;
class QCustomPlot;
class QCPTextElement;

namespace ladder {

/// Colours `plot`'s background, axes, tick labels, grid, legend, text elements and text items
/// from `plot`'s palette, now and on every later palette change, then replots. Plots that add
/// items as data arrives call it again after adding them (it installs itself once).
void followPalette(QCustomPlot *plot);
/// Marks a text element as secondary (a subtitle): drawn in the palette's muted colour.
void setMutedText(QCPTextElement *element);
/// Marks a line that annotates data (a cursor, a frontier, a peak line): drawn in
/// annotationColour(), its width and dash kept.
void setAnnotation(QCPGraph *graph);
void setAnnotation(QCPItemStraightLine *line);
/// Marks a text item that names a datum in its data colour: drawn readableOn() the background.
void setDataColouredText(QCPItemText *text, const QColor &dataColour);

/// A data colour made readable as text or a thin line on `palette`'s background: darker on a
/// light one, lighter on a dark one.
QColor readableOn(const QColor &colour, const QPalette &palette);
/// Lines that annotate data (a cursor, a frontier): the text colour, a little softened.
QColor annotationColour(const QPalette &palette);

} // namespace ladder
