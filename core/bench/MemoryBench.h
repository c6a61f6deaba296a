// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include "bench/MemoryStep.h"
#include "train/MemoryPredictor.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ladder {

struct MemoryBenchOptions
{
    std::string preset = "t5-base";
    int64_t batch = 100;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
    std::vector<std::string> methods; ///< empty: benchMethodNames()
    std::string executable;           ///< the `ladder` to re-run per method (bench memory-step)
    int threads = 0;                  ///< passed to each fresh process
    int64_t budgetBytes = 0;          ///< 0: memoryBudgetBytes()
};

/// One method's row: what the predictor says before running, what ran and what was measured.
struct MemoryBenchRow
{
    std::string method;
    MemoryPrediction predictedAtRequest; ///< at the requested batch
    bool fitsAtRequest = true;           ///< predicted peak within the budget
    int64_t runBatch = 0;                ///< the batch it ran at (the requested one, or the largest that fits)
    MemoryPrediction predictedAtRun;     ///< at runBatch
    std::optional<MemoryStepResult> measured;
    std::string failure;                 ///< why nothing was measured
};

struct MemoryBenchReport
{
    MemoryBenchOptions options;
    int64_t availableBytes = 0; ///< MemAvailable when the bench started
    int64_t budgetBytes = 0;    ///< what a step's tensors may take
    std::vector<MemoryBenchRow> rows;

    /// The row of `method`, or null.
    const MemoryBenchRow *row(const std::string &method) const;
    /// Measured peak / full fine-tuning's measured peak when both ran at the same batch.
    std::optional<double> measuredRatioToFull(const MemoryBenchRow &row) const;
    /// Predicted peak / full fine-tuning's predicted peak, both at the requested batch.
    std::optional<double> predictedRatioToFull(const MemoryBenchRow &row) const;
};

/// MemAvailable from /proc/meminfo (bytes). Throws ladder::Error when it cannot be read.
int64_t availableMemoryBytes();
/// What a measured step's tensors may use: MemAvailable less 1.5 GiB for the process itself
/// (LibTorch's code and thread pools, the allocator's retained free memory) — with less
/// headroom a step predicted to fit can still be killed.
int64_t memoryBudgetBytes(int64_t availableBytes);

/// The largest batch ≤ `maxBatch` whose predicted peak fits `budgetBytes` (0 when not even 1).
int64_t largestBatchThatFits(const T5Config &backbone, const MethodConfig &method, int64_t sourceLength,
                             int64_t targetLength, int64_t budgetBytes, int64_t maxBatch);

/// Predicts every method, then runs each (at the requested batch, or the largest that fits)
/// in a fresh process `options.executable bench memory-step ...` and reads its JSON. A method
/// whose process fails keeps its row with the failure. `progress` gets one line per event.
MemoryBenchReport runMemoryBench(const MemoryBenchOptions &options,
                                 const std::function<void(const std::string &)> &progress);

/// A report from the measurements of an earlier run's JSON (memoryBenchJson), with every
/// prediction made again by the current predictor: a predictor change can be checked against
/// measured points without re-measuring. Throws ladder::Error naming the file and field.
MemoryBenchReport memoryBenchFromJson(const std::string &jsonText, const std::string &source);

/// The Markdown table (with the notes that explain it) and the JSON document.
std::string memoryBenchMarkdown(const MemoryBenchReport &report);
std::string memoryBenchJson(const MemoryBenchReport &report);

} // namespace ladder
