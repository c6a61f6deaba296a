// SPDX-License-Identifier: GPL-3.0-or-later
// Forward+backward+AdamW step time of a T5 backbone on random weights, with achieved GFLOP/s
// read against the machine's fp32 GEMM rate measured in the same run. Prints a Markdown table.
//
//   bench_t5_step [--preset t5-small] [--batch 8] [--source-length 128] [--target-length 4]
//                 [--steps 5] [--warmup 1] [--threads 0]
//
// The step matches PEERS.md: zero_grad (set to none) → forward with labels → backward → AdamW
// (lr 3e-4, no weight decay), dropout on (train mode), fp32.

#include "memory/MemoryMeter.h"
#include "model/T5Init.h"
#include "plan/FlopEstimate.h"
#include "runtime/GemmRate.h"
#include "runtime/Threads.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

namespace {

struct Options
{
    std::string preset = "t5-small";
    ladder::BatchShape shape;
    int steps = 5;
    int warmup = 1;
    int threads = 0;
    uint64_t seed = 0;
};

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace

int main(int argc, char **argv)
{
    ladder::MemoryMeter::install();
    Options options;
    CLI::App app{"T5 training-step benchmark"};
    app.add_option("--preset", options.preset, "Backbone preset");
    app.add_option("--batch", options.shape.batch)->check(CLI::PositiveNumber);
    app.add_option("--source-length", options.shape.sourceLength)->check(CLI::PositiveNumber);
    app.add_option("--target-length", options.shape.targetLength)->check(CLI::PositiveNumber);
    app.add_option("--steps", options.steps, "Timed steps")->check(CLI::PositiveNumber);
    app.add_option("--warmup", options.warmup, "Untimed steps first")->check(CLI::NonNegativeNumber);
    app.add_option("--threads", options.threads, "Intra-op threads (0: one per core)");
    app.add_option("--seed", options.seed);
    CLI11_PARSE(app, argc, argv);

    const int threads = ladder::configureThreads(options.threads);
    const ladder::T5Config config = ladder::T5Config::preset(options.preset);
    const ladder::GemmRate gemm = ladder::measureGemmRate(2048, "fp32");

    auto model = ladder::createRandomT5(config, options.seed);
    model->train();
    torch::optim::AdamW optimizer(model->parameters(),
                                  torch::optim::AdamWOptions(3e-4).weight_decay(0.0));
    torch::manual_seed(options.seed);
    const auto &s = options.shape;
    ladder::T5Inputs inputs;
    inputs.inputIds = torch::randint(2, config.vocabSize, {s.batch, s.sourceLength}, torch::kLong);
    inputs.attentionMask = torch::ones({s.batch, s.sourceLength}, torch::kLong);
    inputs.labels = torch::randint(2, config.vocabSize, {s.batch, s.targetLength}, torch::kLong);

    std::vector<double> seconds;
    ladder::MemoryMeter::resetPeak();
    for (int step = 0; step < options.warmup + options.steps; ++step) {
        const auto start = std::chrono::steady_clock::now();
        // LibTorch 1.13's zero_grad() zeroes gradients in place; PyTorch's default (and
        // PEERS.md) sets them to none, which frees them between steps.
        for (torch::Tensor &parameter : model->parameters())
            parameter.mutable_grad() = torch::Tensor();
        const ladder::T5Output out = model->forward(inputs);
        out.loss.backward();
        optimizer.step();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (step >= options.warmup)
            seconds.push_back(elapsed);
    }
    const ladder::MemorySnapshot memory = ladder::MemoryMeter::snapshot();
    const double stepSeconds = median(seconds);
    const double flops = ladder::estimateT5Flops(config, s).fullTrainingStep();
    const double achieved = flops / stepSeconds / 1e9;

    std::printf("| backbone | batch × source × target | threads | s/step (median of %d) | samples/s | "
                "model GFLOP/step | achieved GFLOP/s | fp32 GEMM %lld² GFLOP/s | share of GEMM rate | "
                "peak tensor MiB |\n",
                options.steps, static_cast<long long>(gemm.size));
    std::printf("|---|---|---|---|---|---|---|---|---|---|\n");
    std::printf("| %s | %lld × %lld × %lld | %d | %.3f | %.2f | %.1f | %.1f | %.1f | %.0f%% | %.0f |\n",
                options.preset.c_str(), static_cast<long long>(s.batch), static_cast<long long>(s.sourceLength),
                static_cast<long long>(s.targetLength), threads, stepSeconds, s.batch / stepSeconds, flops / 1e9,
                achieved, gemm.gflops, 100.0 * achieved / gemm.gflops,
                static_cast<double>(memory.peakBytes) / (1024.0 * 1024.0));
    return 0;
}
