// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/LegendFit.h"

#include <qcustomplot.h>

#include <algorithm>
#include <vector>

namespace ladder {

void fitLegendColumns(QCustomPlot *plot, int maxColumns)
{
    QCPLegend *legend = plot->legend;
    // The grid may hold empty cells from an earlier wrap: the entries, in order, are what count.
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i) {
        if (QCPAbstractLegendItem *item = legend->item(i))
            widths.push_back(item->minimumOuterSizeHint().width());
    }
    const int count = static_cast<int>(widths.size());
    const int available = plot->width() - legend->margins().left() - legend->margins().right();
    int columns = std::max(1, std::min(maxColumns, count));
    for (; columns > 1; --columns) {
        // Entry i sits in column i % columns once the legend wraps after `columns` entries.
        int total = (columns - 1) * legend->columnSpacing();
        for (int column = 0; column < columns; ++column) {
            int widest = 0;
            for (int i = column; i < count; i += columns)
                widest = std::max(widest, widths[static_cast<std::size_t>(i)]);
            total += widest;
        }
        if (total <= available)
            break;
    }
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true);
}

} // namespace ladder
