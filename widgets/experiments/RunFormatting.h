// SPDX-License-Identifier: GPL-3.0-or-later
// How the experiment views write numbers a user compares: memory in MiB or GiB, shares in
// percent, durations, times. One place, so the history and the compare view never disagree.
#pragma once

#include <QString>

namespace ladder {

/// 512 KiB → "0.5 MiB", 12 582 912 → "12.0 MiB", 3 GiB → "3.00 GiB".
QString formatBytes(double bytes);
/// The unit an axis of these byte values reads best in: 1 MiB or 1 GiB, with its name.
struct ByteUnit
{
    double bytes = 1;
    QString name;
};
ByteUnit byteUnitFor(double largestBytes);
/// A share in percent with the digits small shares need: "100 %", "12.4 %", "0.81 %", "0.052 %".
QString formatPercent(double percent);
/// "41.2 s", "3 min 05 s", "1 h 02 min".
QString formatDuration(double seconds);
/// Seconds since the Unix epoch as local "yyyy-MM-dd hh:mm"; empty for 0 (not yet).
QString formatTime(double secondsSinceEpoch);
/// A score as evaluations report it (×100): one decimal.
QString formatScore(double score);
/// Samples per second: no decimals above 100, one below.
QString formatRate(double perSecond);

} // namespace ladder
