// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include "runtime/GemmRate.h"

#include <functional>
#include <string>
#include <vector>

namespace ladder {

struct SpeedBenchOptions
{
    std::vector<std::string> presets{"t5-small", "t5-base"};
    std::vector<std::string> methods; ///< empty: benchMethodNames()
    int64_t batch = 8;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
    int steps = 3; ///< timed steps after one warm-up step
};

struct SpeedBenchRow
{
    std::string preset;
    std::string method;
    double stepSeconds = 0;      ///< median wall clock of forward + backward + AdamW step
    double samplesPerSecond = 0;
    double flops = 0;            ///< estimateTrainingStepFlops
    double gflops = 0;           ///< flops / stepSeconds / 1e9
};

struct SpeedBenchReport
{
    SpeedBenchOptions options;
    GemmRate gemm;     ///< fp32, measured in the same run
    GemmRate gemmBf16; ///< bf16 (LibTorch 1.13 CPU): what the bf16 backbone of lst+bf16 runs on
    std::vector<SpeedBenchRow> rows;
};

/// Times real training steps (random weights and tokens, full-length batches) per preset and
/// method in this process, and the fp32 GEMM rate before them.
SpeedBenchReport runSpeedBench(const SpeedBenchOptions &options,
                               const std::function<void(const std::string &)> &progress);
std::string speedBenchMarkdown(const SpeedBenchReport &report);

} // namespace ladder
