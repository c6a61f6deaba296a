// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/SpeedBench.h"

#include "bench/BenchMethods.h"
#include "model/T5Init.h"
#include "peft/FineTuningModel.h"
#include "plan/MethodFlops.h"
#include "util/Error.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <sstream>

namespace ladder {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

} // namespace

SpeedBenchReport runSpeedBench(const SpeedBenchOptions &options,
                               const std::function<void(const std::string &)> &progress)
{
    if (options.batch < 1 || options.sourceLength < 1 || options.targetLength < 1 || options.steps < 1)
        throw Error("bench speed: --batch, --seq, --target-length and --steps must be at least 1");
    SpeedBenchReport report;
    report.options = options;
    if (report.options.methods.empty())
        report.options.methods = benchMethodNames();
    for (const std::string &name : report.options.methods)
        benchMethod(name); // every name checked before the long part
    report.gemm = measureGemmRate(2048, "fp32", 5);
    report.gemmBf16 = measureGemmRate(2048, "bf16", 3);
    progress("GEMM rate: fp32 " + std::to_string(report.gemm.gflops) + " GFLOP/s, bf16 "
             + std::to_string(report.gemmBf16.gflops) + " GFLOP/s");
    for (const std::string &preset : options.presets) {
        const T5Config config = T5Config::preset(preset);
        for (const std::string &name : report.options.methods) {
            const BenchMethod bench = benchMethod(name);
            MethodContext context;
            context.seed = 1;
            auto model = applyMethod(createRandomT5(config, 1), bench.method, context);
            model->module().train();
            std::vector<torch::Tensor> parameters = model->trainableParameters();
            torch::optim::AdamW optimizer(parameters, torch::optim::AdamWOptions(1e-5).weight_decay(0.0));
            torch::manual_seed(2);
            T5Inputs inputs;
            inputs.inputIds = torch::randint(2, config.vocabSize, {options.batch, options.sourceLength}, torch::kLong);
            inputs.attentionMask = torch::ones({options.batch, options.sourceLength}, torch::kLong);
            inputs.labels = torch::randint(2, config.vocabSize, {options.batch, options.targetLength}, torch::kLong);
            std::vector<double> seconds;
            for (int step = 0; step <= options.steps; ++step) {
                const auto start = std::chrono::steady_clock::now();
                model->forward(inputs).loss.backward();
                optimizer.step();
                for (torch::Tensor &parameter : parameters)
                    parameter.mutable_grad() = torch::Tensor();
                if (step > 0) // step 0 allocates AdamW's state and warms the caches
                    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
            }
            SpeedBenchRow row;
            row.preset = preset;
            row.method = name;
            row.stepSeconds = median(seconds);
            row.samplesPerSecond = static_cast<double>(options.batch) / row.stepSeconds;
            row.flops = estimateTrainingStepFlops(config, bench.method,
                                                  {options.batch, options.sourceLength, options.targetLength});
            row.gflops = row.flops / row.stepSeconds / 1e9;
            report.rows.push_back(row);
            progress(preset + " " + name + ": " + std::to_string(row.stepSeconds) + " s/step");
        }
    }
    return report;
}

std::string speedBenchMarkdown(const SpeedBenchReport &report)
{
    const SpeedBenchOptions &o = report.options;
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line,
                  "Training steps (forward, backward, AdamW) at batch %lld, source %lld, target %lld; median of %d "
                  "steps after a warm-up. fp32 GEMM rate in the same run: %.1f GFLOP/s (%lld×%lld, median of 5); "
                  "bf16: %.1f GFLOP/s (median of 3).\n\n",
                  static_cast<long long>(o.batch), static_cast<long long>(o.sourceLength),
                  static_cast<long long>(o.targetLength), o.steps, report.gemm.gflops,
                  static_cast<long long>(report.gemm.size), static_cast<long long>(report.gemm.size),
                  report.gemmBf16.gflops);
    out << line;
    out << "| Backbone | Method | s/step | samples/s | GFLOP/step | achieved GFLOP/s | share of GEMM rate |\n";
    out << "|---|---|---|---|---|---|---|\n";
    for (const SpeedBenchRow &row : report.rows) {
        std::snprintf(line, sizeof line, "| %s | %s | %.3f | %.2f | %.1f | %.1f | %.0f%% |\n", row.preset.c_str(),
                      row.method.c_str(), row.stepSeconds, row.samplesPerSecond, row.flops / 1e9, row.gflops,
                      100.0 * row.gflops / report.gemm.gflops);
        out << line;
    }
    out << "\nFLOPs count the matrix products a step must do for each method (core/plan MethodFlops: full 3× the "
           "forward; BitFit, adapters, LoRA, prompt tuning 2× through the frozen backbone; LST the backbone's "
           "forward once and its side network 3×). lst+bf16 runs the backbone's products in bf16.\n";
    return out.str();
}

} // namespace ladder
