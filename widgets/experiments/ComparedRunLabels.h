// SPDX-License-Identifier: GPL-3.0-or-later
// What a compared run is called on an axis, a bubble or a column header: its method label
// ("lst r=8"), with its id added where two compared runs share a label.
#pragma once

#include "experiments/RunComparison.h"

#include <QStringList>

namespace ladder {

QStringList comparedRunLabels(const std::vector<ComparedRun> &runs);

} // namespace ladder
