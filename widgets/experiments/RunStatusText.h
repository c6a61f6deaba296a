// SPDX-License-Identifier: GPL-3.0-or-later
// A run status as the experiment views show it: translated, and coloured so a failed or
// interrupted run stands out in a long list.
#pragma once

#include "store/RunRecords.h"

#include <QColor>
#include <QString>

namespace ladder {

QString runStatusText(RunStatus status);
QColor runStatusColor(RunStatus status);

} // namespace ladder
