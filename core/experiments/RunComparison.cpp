// SPDX-License-Identifier: GPL-3.0-or-later
#include "experiments/RunComparison.h"

#include "experiments/RunLabels.h"
#include "store/ConfigDiff.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>
#include <set>
#include <tuple>

namespace ladder {

namespace {

using Json = nlohmann::json;

/// The categories' peak is the step's "tensor_peak" sample; the trainer defines the five
/// categories to add up to it (core/train/Trainer.cpp, measureMemory).
constexpr const char *kPeakCategory = "tensor_peak";

bool isUnfinished(RunStatus status)
{
    return status == RunStatus::Queued || status == RunStatus::Running || status == RunStatus::Paused;
}

std::string unfinishedMessage(const RunRecord &run)
{
    const std::string label = "run " + std::to_string(run.id);
    const char *advice = "; compare it when it ends, or in the workbench, whose compare view follows live runs";
    if (run.status == RunStatus::Queued)
        return label + " is queued and has not started" + advice;
    return label + " is still " + runStatusName(run.status) + advice;
}

void fillMemory(const RunStore &store, ComparedRun &compared)
{
    const std::vector<MemorySample> samples = store.memorySamples(compared.run.id);
    const MemorySample *peak = nullptr;
    for (const MemorySample &sample : samples) {
        // Ties keep the earliest step: the first time the run reached its peak.
        if (sample.category == kPeakCategory && (!peak || sample.bytes > peak->bytes))
            peak = &sample;
    }
    if (!peak)
        return;
    compared.peakBytes = peak->bytes;
    compared.peakStep = peak->step;
    for (const std::string &category : peakMemoryCategories())
        compared.memoryAtPeak[category] = 0;
    for (const MemorySample &sample : samples) {
        if (sample.step == peak->step && compared.memoryAtPeak.count(sample.category))
            compared.memoryAtPeak[sample.category] = sample.bytes;
    }
}

void fillScores(const RunStore &store, const RunSummary &summary, ComparedRun &compared)
{
    for (const BestEvaluation &best : summary.bestEvaluations) {
        if (best.split == "validation" && best.metric == "score") {
            compared.bestValidationScore = best.value;
            compared.bestValidationStep = best.step;
        }
    }
    // evaluations() is ordered by step: the last test score wins (a resumed run may re-test).
    for (const EvaluationRecord &record : store.evaluations(compared.run.id)) {
        if (record.split == "test" && record.metric == "score" && !std::isnan(record.value))
            compared.testScore = record.value;
    }
}

double durationOf(const RunRecord &run)
{
    if (run.startedAt <= 0)
        return 0;
    const double end = run.finishedAt > 0 ? run.finishedAt : isUnfinished(run.status) ? nowSeconds() : run.startedAt;
    return std::max(0.0, end - run.startedAt);
}

template<typename T> std::optional<double> meanOf(const std::vector<T> &values)
{
    if (values.empty())
        return std::nullopt;
    return std::accumulate(values.begin(), values.end(), 0.0) / static_cast<double>(values.size());
}

/// The paper's row order (its Table 1), then unknown methods.
int methodRank(const std::string &kind)
{
    static const char *const order[] = { "full", "bitfit", "adapter", "lora", "prompt", "lst" };
    for (int i = 0; i < 6; ++i) {
        if (kind == order[i])
            return i;
    }
    return 6;
}

/// The knob's number in a label ("lora r=32" → 32), so r=8 sorts before r=16; -1 without one.
double knobValue(const std::string &label)
{
    const std::size_t equals = label.find('=');
    if (equals == std::string::npos)
        return -1;
    char *end = nullptr;
    const double value = std::strtod(label.c_str() + equals + 1, &end);
    return end == label.c_str() + equals + 1 ? -1 : value;
}

std::vector<ComparisonRow> tableRows(const std::vector<ComparedRun> &runs, const std::vector<std::string> &tasks)
{
    std::vector<ComparisonRow> rows;
    for (const ComparedRun &run : runs) {
        auto row = std::find_if(rows.begin(), rows.end(),
            [&](const ComparisonRow &r) { return r.method == run.label && r.backbone == run.backbone; });
        if (row == rows.end()) {
            rows.push_back({});
            row = std::prev(rows.end());
            row->method = run.label;
            row->methodKind = run.run.method;
            row->backbone = run.backbone;
        }
        row->runs.push_back(run.run.id);
    }

    for (ComparisonRow &row : rows) {
        std::vector<double> percents;
        std::vector<double> throughputs;
        std::map<std::string, std::vector<const ComparedRun *>> scored;
        for (const ComparedRun &run : runs) {
            if (std::find(row.runs.begin(), row.runs.end(), run.run.id) == row.runs.end())
                continue;
            if (run.trainablePercent)
                percents.push_back(*run.trainablePercent);
            if (run.samplesPerSecond)
                throughputs.push_back(*run.samplesPerSecond);
            if (run.peakBytes)
                row.peakBytes = std::max(row.peakBytes.value_or(0), *run.peakBytes);
            if (run.score())
                scored[run.task].push_back(&run);
        }
        row.trainablePercent = meanOf(percents);
        row.samplesPerSecond = meanOf(throughputs);
        for (const auto &[task, taskRuns] : scored) {
            TaskScore cell;
            std::vector<double> values;
            cell.source = taskRuns.front()->scoreSource();
            for (const ComparedRun *run : taskRuns) {
                values.push_back(*run->score());
                cell.runs.push_back(run->run.id);
                if (run->scoreSource() != cell.source)
                    cell.source = ScoreSource::Mixed;
            }
            cell.value = *meanOf(values);
            row.scores[task] = cell;
        }
        if (!tasks.empty() && row.scores.size() == tasks.size()) {
            double sum = 0;
            for (const std::string &task : tasks)
                sum += row.scores.at(task).value;
            row.meanScore = sum / static_cast<double>(tasks.size());
        }
    }

    std::stable_sort(rows.begin(), rows.end(), [](const ComparisonRow &a, const ComparisonRow &b) {
        return std::make_tuple(methodRank(a.methodKind), a.methodKind, knobValue(a.method), a.method, a.backbone)
            < std::make_tuple(methodRank(b.methodKind), b.methodKind, knobValue(b.method), b.method, b.backbone);
    });
    return rows;
}

/// The value at a JSON pointer as compact JSON; absent where the key (or its parent) is missing.
std::optional<std::string> valueAt(const Json &config, const std::string &path)
{
    try {
        const Json::json_pointer pointer(path);
        if (config.contains(pointer))
            return config.at(pointer).dump();
    } catch (const Json::exception &) {
        // A path through a scalar in this run: the key does not exist here.
    }
    return std::nullopt;
}

std::vector<ConfigDifference> differences(const std::vector<ComparedRun> &runs)
{
    // Every path where some run differs from the first one: if two runs differ at a path, at
    // least one of them differs from the first there.
    std::set<std::string> paths;
    for (std::size_t i = 1; i < runs.size(); ++i) {
        for (const ConfigChange &change : diffConfigs(runs.front().run.configJson, runs[i].run.configJson))
            paths.insert(change.path);
    }
    std::vector<Json> configs;
    for (const ComparedRun &run : runs)
        configs.push_back(Json::parse(run.run.configJson, nullptr, false));
    std::vector<ConfigDifference> out;
    for (const std::string &path : paths) {
        ConfigDifference difference { path, {} };
        for (const Json &config : configs)
            difference.values.push_back(valueAt(config, path));
        out.push_back(difference);
    }
    return out;
}

} // namespace

const std::vector<std::string> &peakMemoryCategories()
{
    static const std::vector<std::string> categories { "frozen_weights", "trainable_weights", "gradients",
        "optimizer_state", "activations" };
    return categories;
}

std::string scoreSourceName(ScoreSource source)
{
    switch (source) {
    case ScoreSource::Test:
        return "test";
    case ScoreSource::Validation:
        return "validation";
    case ScoreSource::Mixed:
        return "mixed";
    }
    return "test";
}

std::optional<double> ComparedRun::score() const
{
    return testScore ? testScore : bestValidationScore;
}

ScoreSource ComparedRun::scoreSource() const
{
    return testScore ? ScoreSource::Test : ScoreSource::Validation;
}

ComparedRun compareRun(const RunStore &store, RunId id)
{
    if (!store.findRun(id))
        throw Error("run " + std::to_string(id) + " is not in " + store.path());
    const RunSummary summary = store.summary(id);
    ComparedRun compared;
    compared.run = summary.run;
    compared.label = methodLabel(compared.run.configJson, compared.run.method);
    compared.backbone = backboneLabel(compared.run.configJson);
    if (compared.backbone.empty())
        compared.backbone = compared.run.backbone;
    compared.task = taskLabel(compared.run.configJson);
    if (compared.task.empty())
        compared.task = compared.run.task;
    if (compared.run.totalParameters > 0)
        compared.trainablePercent = 100.0 * static_cast<double>(compared.run.trainableParameters)
            / static_cast<double>(compared.run.totalParameters);
    fillMemory(store, compared);
    fillScores(store, summary, compared);
    compared.samplesPerSecond = summary.meanThroughput;
    compared.steps = summary.lastStep.value_or(0);
    compared.durationSeconds = durationOf(compared.run);
    return compared;
}

RunComparison compareRuns(const RunStore &store, const std::vector<RunId> &ids, const CompareOptions &options)
{
    if (ids.empty())
        throw Error("no runs to compare; give at least one run id (`ladder runs` lists them)");
    for (std::size_t i = 0; i < ids.size(); ++i) {
        if (std::find(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(i), ids[i]) != ids.begin() + i)
            throw Error("run " + std::to_string(ids[i]) + " is listed twice; give each run once");
        const std::optional<RunRecord> run = store.findRun(ids[i]);
        if (!run)
            throw Error("run " + std::to_string(ids[i]) + " is not in " + store.path());
        if (!options.includeUnfinished && isUnfinished(run->status))
            throw Error(unfinishedMessage(*run));
    }

    RunComparison comparison;
    for (RunId id : ids)
        comparison.runs.push_back(compareRun(store, id));
    for (const ComparedRun &run : comparison.runs) {
        if (std::find(comparison.tasks.begin(), comparison.tasks.end(), run.task) == comparison.tasks.end())
            comparison.tasks.push_back(run.task);
    }
    comparison.rows = tableRows(comparison.runs, comparison.tasks);
    comparison.differences = differences(comparison.runs);
    return comparison;
}

} // namespace ladder
