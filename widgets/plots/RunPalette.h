// SPDX-License-Identifier: GPL-3.0-or-later
// The colours runs and memory categories are drawn in, shared by every plot so a run keeps its
// colour from the live view to the history and the compare view.
#pragma once

#include <QColor>
#include <QList>
#include <QString>

namespace ladder {

/// A run's colour, from its id alone (stable across views and restarts): Okabe & Ito's
/// qualitative palette, chosen to stay distinguishable with the common colour-vision
/// deficiencies, less its yellow, with a mid grey for its black (readable on light and dark
/// themes alike). Ids seven apart share a colour (legends tell them apart).
QColor runColour(qint64 runId);

/// One memory category as plots show it.
struct MemoryCategoryStyle
{
    QString key; ///< the store's category name, e.g. "optimizer_state"
    QString label; ///< translated, e.g. "optimizer state"
    QColor colour;
};

/// The five categories a training step's tensor memory is split into, bottom to top of a
/// stacked area: frozen weights, trainable weights, gradients, optimizer state, activations.
/// Colours are the ones the workbench has always used, so users keep those they learnt.
QList<MemoryCategoryStyle> memoryCategoryStyles();


} // namespace ladder
