// SPDX-License-Identifier: GPL-3.0-or-later
// Downsampling for plots must never hide a spike: each bucket keeps its minimum and maximum, and
// the first and last points stay.

#include "store/Downsample.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <limits>

using ladder::downsampleMinMax;
using ladder::SeriesPoint;

namespace {

std::vector<SeriesPoint> noisySeries(std::size_t n)
{
    std::vector<SeriesPoint> points;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = static_cast<double>(i);
        points.push_back({ static_cast<std::int64_t>(i), 1000.0 + x, std::sin(x * 0.37) * 10.0 + std::cos(x * 0.011) });
    }
    return points;
}

bool contains(const std::vector<SeriesPoint> &points, std::int64_t step)
{
    return std::any_of(points.begin(), points.end(), [&](const SeriesPoint &p) { return p.step == step; });
}

} // namespace

class TestDownsample : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsBucketExtremesAndEnds_data()
    {
        QTest::addColumn<int>("size");
        QTest::addColumn<int>("maxPoints");
        QTest::newRow("10000 to 200") << 10000 << 200;
        QTest::newRow("10000 to 201 (odd)") << 10000 << 201;
        QTest::newRow("1001 to 10") << 1001 << 10;
        QTest::newRow("7 to 4") << 7 << 4;
        QTest::newRow("100000 to 1000") << 100000 << 1000;
    }

    void keepsBucketExtremesAndEnds()
    {
        QFETCH(int, size);
        QFETCH(int, maxPoints);
        const std::vector<SeriesPoint> points = noisySeries(static_cast<std::size_t>(size));
        const std::vector<SeriesPoint> out = downsampleMinMax(points, static_cast<std::size_t>(maxPoints));

        QVERIFY(out.size() <= static_cast<std::size_t>(maxPoints));
        QVERIFY(out.size() >= static_cast<std::size_t>(maxPoints) - 1);
        QCOMPARE(out.front(), points.front());
        QCOMPARE(out.back(), points.back());
        QVERIFY(std::is_sorted(
            out.begin(), out.end(), [](const SeriesPoint &a, const SeriesPoint &b) { return a.step < b.step; }));

        // Recompute each bucket independently and check that its extremes survived.
        const std::size_t interior = points.size() - 2;
        const std::size_t buckets = (static_cast<std::size_t>(maxPoints) - 2) / 2;
        for (std::size_t b = 0; b < buckets; ++b) {
            const auto begin = points.begin() + 1 + static_cast<std::ptrdiff_t>(b * interior / buckets);
            const auto end = points.begin() + 1 + static_cast<std::ptrdiff_t>((b + 1) * interior / buckets);
            const auto byValue = [](const SeriesPoint &a, const SeriesPoint &c) { return a.value < c.value; };
            QVERIFY(contains(out, std::min_element(begin, end, byValue)->step));
            QVERIFY(contains(out, std::max_element(begin, end, byValue)->step));
        }
    }

    void keepsTheGlobalExtremes()
    {
        std::vector<SeriesPoint> points = noisySeries(50000);
        points[12345].value = 1e9; // a loss spike
        points[33333].value = -1e9; // and a dip
        const std::vector<SeriesPoint> out = downsampleMinMax(points, 100);
        QVERIFY(contains(out, 12345));
        QVERIFY(contains(out, 33333));
    }

    void shortSeriesComeBackUnchanged()
    {
        const std::vector<SeriesPoint> points = noisySeries(50);
        QCOMPARE(downsampleMinMax(points, 50), points);
        QCOMPARE(downsampleMinMax(points, 1000), points);
        QVERIFY(downsampleMinMax({}, 10).empty());
    }

    void tinyTargetsStillKeepBothEnds()
    {
        const std::vector<SeriesPoint> points = noisySeries(100);
        const std::vector<SeriesPoint> out = downsampleMinMax(points, 1);
        QCOMPARE(out.size(), std::size_t(4));
        QCOMPARE(out.front(), points.front());
        QCOMPARE(out.back(), points.back());
    }

    void aNumberBeatsNaNButAnAllNaNBucketStillShows()
    {
        const double nan = std::numeric_limits<double>::quiet_NaN();
        std::vector<SeriesPoint> points = noisySeries(1002);
        // Bucket 0 holds interior points 1..500 with one NaN; bucket 1 (501..1000) is all NaN.
        points[7].value = nan;
        for (std::size_t i = 501; i <= 1000; ++i)
            points[i].value = nan;
        const std::vector<SeriesPoint> out = downsampleMinMax(points, 6);
        QCOMPARE(out.size(), std::size_t(5)); // first, bucket 0's min and max, bucket 1's one NaN, last
        QVERIFY(!std::isnan(out[1].value));
        QVERIFY(!std::isnan(out[2].value));
        QVERIFY(std::isnan(out[3].value));
    }
};

QTEST_APPLESS_MAIN(TestDownsample)
#include "test_downsample.moc"
