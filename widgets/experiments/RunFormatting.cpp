// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunFormatting.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QLocale>

#include <cmath>

namespace ladder {

namespace {

constexpr double kMiB = 1024.0 * 1024.0;
constexpr double kGiB = 1024.0 * kMiB;

// lupdate files the strings of a free tr() under its namespace: look them up there.
QString tr(const char *text)
{
    return QCoreApplication::translate("ladder", text);
}

} // namespace

QString formatBytes(double bytes)
{
    const QLocale locale;
    if (std::abs(bytes) >= kGiB)
        return tr("%1 GiB").arg(locale.toString(bytes / kGiB, 'f', 2));
    return tr("%1 MiB").arg(locale.toString(bytes / kMiB, 'f', 1));
}

ByteUnit byteUnitFor(double largestBytes)
{
    if (largestBytes >= 2 * kGiB)
        return { kGiB, tr("GiB") };
    return { kMiB, tr("MiB") };
}

QString formatPercent(double percent)
{
    const QLocale locale;
    int decimals = 1;
    if (percent >= 99.95)
        decimals = 0;
    else if (percent > 0 && percent < 1)
        // Two significant digits: BitFit's 0.052 % and LST's 0.81 % both stay readable.
        decimals = std::max(2, 1 - static_cast<int>(std::floor(std::log10(percent))));
    return tr("%1 %").arg(locale.toString(percent, 'f', decimals));
}

QString formatDuration(double seconds)
{
    const QLocale locale;
    if (seconds < 60)
        return tr("%1 s").arg(locale.toString(seconds, 'f', 1));
    const auto total = static_cast<qint64>(seconds);
    if (total < 3600)
        return tr("%1 min %2 s").arg(total / 60).arg(total % 60, 2, 10, QLatin1Char('0'));
    return tr("%1 h %2 min").arg(total / 3600).arg((total % 3600) / 60, 2, 10, QLatin1Char('0'));
}

QString formatTime(double secondsSinceEpoch)
{
    if (secondsSinceEpoch <= 0)
        return {};
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(secondsSinceEpoch * 1000.0));
    return time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd hh:mm"));
}

QString formatScore(double score)
{
    return QLocale().toString(score, 'f', 1);
}

QString formatRate(double perSecond)
{
    return QLocale().toString(perSecond, 'f', perSecond >= 100 ? 0 : 1);
}

} // namespace ladder
