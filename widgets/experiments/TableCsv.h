// SPDX-License-Identifier: GPL-3.0-or-later
// A table's rows as the user sees them, written as CSV (RFC 4180): for "Export as CSV…" of
// views whose numbers are already formatted.
#pragma once

#include <QByteArray>
#include <QList>

class QAbstractItemModel;

namespace ladder {

/// The header row, then one line per row of `rows`, each with the DisplayRole text of
/// `columns` in that order. Fields with a comma, quote or line break are quoted.
QByteArray tableCsv(const QAbstractItemModel *model, const QList<int> &rows, const QList<int> &columns);

} // namespace ladder
