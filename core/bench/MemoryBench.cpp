// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/MemoryBench.h"

#include "bench/BenchMethods.h"
#include "bench/FreshProcess.h"
#include "util/Error.h"

#include <fstream>
#include <sstream>

namespace ladder {

const MemoryBenchRow *MemoryBenchReport::row(const std::string &method) const
{
    for (const MemoryBenchRow &candidate : rows)
        if (candidate.method == method)
            return &candidate;
    return nullptr;
}

std::optional<double> MemoryBenchReport::measuredRatioToFull(const MemoryBenchRow &target) const
{
    const MemoryBenchRow *full = row("full");
    if (!full || !full->measured || !target.measured || full->runBatch != target.runBatch)
        return std::nullopt;
    return static_cast<double>(target.measured->memory.peak) / static_cast<double>(full->measured->memory.peak);
}

std::optional<double> MemoryBenchReport::predictedRatioToFull(const MemoryBenchRow &target) const
{
    const MemoryBenchRow *full = row("full");
    if (!full)
        return std::nullopt;
    return static_cast<double>(target.predictedAtRequest.memory.peak)
           / static_cast<double>(full->predictedAtRequest.memory.peak);
}

int64_t availableMemoryBytes()
{
    std::ifstream meminfo("/proc/meminfo");
    std::string line;
    while (std::getline(meminfo, line)) {
        if (line.rfind("MemAvailable:", 0) == 0) {
            std::istringstream fields(line.substr(13));
            int64_t kib = 0;
            if (fields >> kib)
                return kib * 1024;
        }
    }
    throw Error("/proc/meminfo: no MemAvailable line, so the memory budget is unknown (pass a budget)");
}

int64_t memoryBudgetBytes(int64_t availableBytes)
{
    return std::max<int64_t>(0, availableBytes - static_cast<int64_t>(1.5 * 1024 * 1024 * 1024));
}

int64_t largestBatchThatFits(const T5Config &backbone, const MethodConfig &method, int64_t sourceLength,
                             int64_t targetLength, int64_t budgetBytes, int64_t maxBatch)
{
    // The predicted peak grows with the batch: bisect for the last batch that fits.
    const auto fits = [&](int64_t batch) {
        return predictTrainingMemory(backbone, method, batch, sourceLength, targetLength).memory.peak <= budgetBytes;
    };
    if (maxBatch < 1 || !fits(1))
        return 0;
    int64_t low = 1, high = maxBatch;
    while (low < high) {
        const int64_t middle = low + (high - low + 1) / 2;
        if (fits(middle))
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

MemoryBenchReport runMemoryBench(const MemoryBenchOptions &options,
                                 const std::function<void(const std::string &)> &progress)
{
    MemoryBenchReport report;
    report.options = options;
    if (report.options.methods.empty())
        report.options.methods = benchMethodNames();
    if (options.batch < 1 || options.sourceLength < 1 || options.targetLength < 1)
        throw Error("bench memory: --batch, --seq and --target-length must be at least 1");
    if (options.executable.empty())
        throw Error("bench memory: no executable to run each method in a fresh process");
    const T5Config config = T5Config::preset(options.preset);
    report.availableBytes = availableMemoryBytes();
    report.budgetBytes = options.budgetBytes > 0 ? options.budgetBytes : memoryBudgetBytes(report.availableBytes);

    // Every method is checked (names, options that fit the backbone) and predicted before any runs.
    for (const std::string &name : report.options.methods) {
        MemoryBenchRow row;
        row.method = name;
        const BenchMethod bench = benchMethod(name);
        row.predictedAtRequest =
            predictTrainingMemory(config, bench.method, options.batch, options.sourceLength, options.targetLength);
        row.fitsAtRequest = row.predictedAtRequest.memory.peak <= report.budgetBytes;
        row.runBatch = row.fitsAtRequest ? options.batch
                                         : largestBatchThatFits(config, bench.method, options.sourceLength,
                                                                options.targetLength, report.budgetBytes, options.batch);
        if (row.runBatch > 0)
            row.predictedAtRun =
                predictTrainingMemory(config, bench.method, row.runBatch, options.sourceLength, options.targetLength);
        report.rows.push_back(row);
    }
    for (MemoryBenchRow &row : report.rows) {
        std::ostringstream line;
        line.precision(2);
        line << std::fixed << row.method << ": predicted " << paperUnits(row.predictedAtRequest.memory.peak)
             << " (1000 MiB) at batch " << options.batch;
        if (!row.fitsAtRequest)
            line << ", over the budget of " << paperUnits(report.budgetBytes) << " — running at batch " << row.runBatch
                 << ", the largest the predictor says fits";
        progress(line.str());
        if (row.runBatch == 0) {
            row.failure = "not even batch 1 fits the memory budget";
            continue;
        }
        std::vector<std::string> arguments{options.executable, "--threads", std::to_string(options.threads), "bench",
                                           "memory-step", "--preset", options.preset, "--method", row.method,
                                           "--batch", std::to_string(row.runBatch), "--seq",
                                           std::to_string(options.sourceLength), "--target-length",
                                           std::to_string(options.targetLength)};
        try {
            row.measured = memoryStepFromJson(runFreshProcess(arguments), "bench memory-step " + row.method);
            std::ostringstream done;
            done.precision(2);
            done << std::fixed << row.method << ": measured " << paperUnits(row.measured->memory.peak) << " at batch "
                 << row.runBatch << " in " << row.measured->stepSeconds << " s (process " << row.measured->processId
                 << ")";
            progress(done.str());
        } catch (const Error &error) {
            row.failure = error.what();
            progress(row.method + ": failed: " + row.failure);
        }
    }
    return report;
}

} // namespace ladder
