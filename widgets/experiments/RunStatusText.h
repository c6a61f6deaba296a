// SPDX-License-Identifier: GPL-3.0-or-later
// A run status as the experiment views show it: translated, and coloured so a failed or
// interrupted run stands out in a long list.
#pragma once

#include "store/RunRecords.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace ladder {

QString runStatusText(RunStatus status);
/// The status's text colour on `palette`'s background; invalid (the palette's own text colour)
/// for a finished or queued run, which need no attention.
QColor runStatusColor(RunStatus status, const QPalette &palette);

} // namespace ladder
