// SPDX-License-Identifier: GPL-3.0-or-later
#include "plots/RunCurveData.h"

#include "experiments/RunLabels.h"
#include "plots/RunPalette.h"
#include "store/RunStore.h"
#include "train/RunConfig.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

namespace ladder {

namespace {

struct SeriesName
{
    CurveSeries series;
    const char *name;
};

constexpr SeriesName kSeriesNames[] = {
    {CurveSeries::Loss, "loss"},
    {CurveSeries::Throughput, "samples_per_second"},
    {CurveSeries::Validation, "validation"},
    {CurveSeries::Test, "test"},
    {CurveSeries::FrozenWeights, "frozen_weights"},
    {CurveSeries::TrainableWeights, "trainable_weights"},
    {CurveSeries::Gradients, "gradients"},
    {CurveSeries::OptimizerState, "optimizer_state"},
    {CurveSeries::Activations, "activations"},
    {CurveSeries::Peak, "peak"},
};

/// Examples seen at a step: a running sum of the stored per-step counts, or a fixed count per
/// step for runs stored before the "examples" series existed.
class ExamplesSeen
{
public:
    ExamplesSeen(const RunStore &store, RunId run, const RunRecord &record)
    {
        if (store.seriesPointCount(run, kExamplesSeries) > 0) {
            double sum = 0;
            for (const SeriesPoint &point : store.series(run, kExamplesSeries)) {
                sum += point.value;
                m_steps.push_back(point.step);
                m_cumulative.push_back(sum);
            }
            return;
        }
        // Older runs: every optimizer step saw batch_size × grad_accumulation examples (a key
        // the configuration leaves out takes TrainSettings' default, as the trainer did).
        const QJsonObject train = QJsonDocument::fromJson(QByteArray::fromStdString(record.configJson))
                                      .object()
                                      .value(QStringLiteral("train"))
                                      .toObject();
        const TrainSettings defaults;
        const double batch = train.value(QStringLiteral("batch_size")).toDouble(static_cast<double>(defaults.batchSize));
        const double accumulation =
            train.value(QStringLiteral("grad_accumulation")).toDouble(static_cast<double>(defaults.gradAccumulation));
        m_perStep = batch * accumulation;
    }

    double at(std::int64_t step) const
    {
        if (m_steps.empty())
            return static_cast<double>(step) * m_perStep;
        const auto after = std::upper_bound(m_steps.begin(), m_steps.end(), step);
        return after == m_steps.begin() ? 0.0 : m_cumulative[static_cast<std::size_t>(after - m_steps.begin() - 1)];
    }

private:
    std::vector<std::int64_t> m_steps;
    std::vector<double> m_cumulative;
    double m_perStep = 0;
};

struct RawPoint
{
    std::int64_t step;
    double wallTime;
    double value;
};

std::vector<RawPoint> rawSeries(const RunStore &store, RunId run, const std::string &name, std::size_t maxPoints)
{
    const std::vector<SeriesPoint> points = store.seriesPointCount(run, name) > maxPoints
        ? store.downsampledSeries(run, name, maxPoints)
        : store.series(run, name);
    std::vector<RawPoint> raw;
    raw.reserve(points.size());
    for (const SeriesPoint &point : points)
        raw.push_back({point.step, point.wallTime, point.value});
    return raw;
}

/// The steps whose memory is drawn: all, or for long runs the lowest and highest tensor_peak of
/// each of maxPoints/2 step buckets plus the first and last (what downsampledSeries keeps).
std::set<std::int64_t> memorySteps(const std::vector<MemorySample> &peaks, std::size_t maxPoints)
{
    std::set<std::int64_t> steps;
    if (peaks.size() <= maxPoints || maxPoints < 4) {
        for (const MemorySample &sample : peaks)
            steps.insert(sample.step);
        return steps;
    }
    steps.insert(peaks.front().step);
    steps.insert(peaks.back().step);
    const std::size_t buckets = maxPoints / 2 - 1;
    for (std::size_t b = 0; b < buckets; ++b) {
        const std::size_t first = b * peaks.size() / buckets;
        const std::size_t last = (b + 1) * peaks.size() / buckets;
        const auto [low, high] = std::minmax_element(peaks.begin() + static_cast<std::ptrdiff_t>(first),
            peaks.begin() + static_cast<std::ptrdiff_t>(last),
            [](const MemorySample &a, const MemorySample &b) { return a.bytes < b.bytes; });
        steps.insert(low->step);
        steps.insert(high->step);
    }
    return steps;
}

} // namespace

QString curveSeriesName(CurveSeries series)
{
    for (const SeriesName &entry : kSeriesNames) {
        if (entry.series == series)
            return QString::fromLatin1(entry.name);
    }
    return {};
}

std::optional<CurveSeries> curveSeriesFromName(const QString &name)
{
    for (const SeriesName &entry : kSeriesNames) {
        if (name == QLatin1String(entry.name))
            return entry.series;
    }
    return std::nullopt;
}

const std::array<CurveSeries, 5> &memoryCategorySeries()
{
    static const std::array<CurveSeries, 5> categories = {CurveSeries::FrozenWeights, CurveSeries::TrainableWeights,
        CurveSeries::Gradients, CurveSeries::OptimizerState, CurveSeries::Activations};
    return categories;
}

RunCurveData loadStoredCurves(const RunStore &store, RunId run, std::size_t maxPoints)
{
    const RunRecord record = store.run(run);
    RunCurveData data;
    data.runId = run;
    data.label = QString::fromStdString(methodLabel(record.configJson, record.method));
    data.colour = runColour(run);
    data.device = QString::fromStdString(record.host.device);

    // Everything is read first, then placed on the run's clock, whose zero is its earliest point.
    std::vector<std::pair<CurveSeries, std::vector<RawPoint>>> raw;
    raw.emplace_back(CurveSeries::Loss, rawSeries(store, run, "loss", maxPoints));
    raw.emplace_back(CurveSeries::Throughput, rawSeries(store, run, kThroughputSeries, maxPoints));
    std::vector<RawPoint> validation;
    std::vector<RawPoint> test;
    for (const EvaluationRecord &evaluation : store.evaluations(run)) {
        if (evaluation.metric != "score")
            continue;
        if (evaluation.split == "validation")
            validation.push_back({evaluation.step, evaluation.wallTime, evaluation.value});
        else if (evaluation.split == "test")
            test.push_back({evaluation.step, evaluation.wallTime, evaluation.value});
    }
    raw.emplace_back(CurveSeries::Validation, std::move(validation));
    raw.emplace_back(CurveSeries::Test, std::move(test));

    const std::vector<MemorySample> peaks = store.memorySamples(run, "tensor_peak");
    const std::set<std::int64_t> steps = memorySteps(peaks, maxPoints);
    const auto memory = [&](const std::vector<MemorySample> &samples) {
        std::vector<RawPoint> kept;
        for (const MemorySample &sample : samples) {
            if (steps.count(sample.step) != 0)
                kept.push_back({sample.step, sample.wallTime, static_cast<double>(sample.bytes)});
        }
        return kept;
    };
    raw.emplace_back(CurveSeries::Peak, memory(peaks));
    for (CurveSeries category : memoryCategorySeries())
        raw.emplace_back(category, memory(store.memorySamples(run, curveSeriesName(category).toStdString())));

    double origin = std::numeric_limits<double>::infinity();
    for (const auto &entry : raw) {
        for (const RawPoint &point : entry.second)
            origin = std::min(origin, point.wallTime);
    }
    const ExamplesSeen examples(store, run, record);
    for (const auto &[series, points] : raw) {
        CurvePoints &target = data.points(series);
        target.reserve(static_cast<qsizetype>(points.size()));
        for (const RawPoint &point : points)
            target.append({point.step, point.wallTime - origin, examples.at(point.step), point.value});
    }
    return data;
}

} // namespace ladder
