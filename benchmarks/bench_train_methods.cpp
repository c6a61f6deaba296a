// SPDX-License-Identifier: GPL-3.0-or-later
// Every fine-tuning method through the real trainer (Trainer::run) on the polarity demo task:
// measured peak tensor memory by category, step time, samples/s, and the memory predictor's
// error against the measured peak. Prints a Markdown table.
//
//   bench_train_methods [--presets t5-tiny,t5-mini,t5-small] [--methods full,bitfit,...]
//                       [--batch 8] [--steps 6] [--threads 0]
//
// Step time is the median over steps 2…N (step 1 allocates the optimizer state). The predictor
// is asked for the padded batch shape of the step whose peak was highest.

#include "memory/MemoryMeter.h"
#include "train/MemoryPredictor.h"
#include "train/Trainer.h"
#include "util/CommaList.h"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using namespace ladder;

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
}

double mib(int64_t bytes) { return static_cast<double>(bytes) / (1024.0 * 1024.0); }

/// Keeps each step's shape next to its memory, to ask the predictor about the peak step.
class BenchObserver : public TrainerObserver
{
public:
    void stepFinished(const StepMetrics &metrics) override
    {
        m_last = metrics;
        if (metrics.step > 1)
            stepSeconds.push_back(metrics.stepSeconds);
        samples += metrics.examples;
        seconds += metrics.step > 1 ? metrics.stepSeconds : 0;
    }
    void memoryMeasured(int64_t, const MemoryBreakdown &memory) override
    {
        if (memory.peak > peak.peak) {
            peak = memory;
            peakStep = m_last;
        }
    }
    void logLine(const std::string &) override {}

    std::vector<double> stepSeconds;
    int64_t samples = 0;
    double seconds = 0;
    MemoryBreakdown peak;
    StepMetrics peakStep;

private:
    StepMetrics m_last;
};

} // namespace

int main(int argc, char **argv)
{
    MemoryMeter::install();
    CLI::App app{"Trainer memory, speed and memory-predictor error per fine-tuning method"};
    std::string presets = "t5-tiny,t5-mini,t5-small";
    std::string methods = "full,bitfit,adapter,lora,prompt,lst";
    int64_t batch = 8;
    int64_t steps = 6;
    int threads = 0;
    app.add_option("--presets", presets, "Comma-separated backbone presets");
    app.add_option("--methods", methods, "Comma-separated methods");
    app.add_option("--batch", batch, "Batch size");
    app.add_option("--steps", steps, "Optimizer steps per run (at least 2)");
    app.add_option("--threads", threads, "Intra-op threads (0: one per core)");
    CLI11_PARSE(app, argc, argv);

    std::printf("| Backbone | Method | Trainable | Shape B×Ts×Tt | s/step | samples/s | Frozen MiB | Trainable MiB | "
                "Grads MiB | Optim MiB | Activations MiB | Peak MiB | Predicted MiB | Predictor error |\n");
    std::printf("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (const std::string &preset : splitCommaList(presets)) {
        for (const std::string &method : splitCommaList(methods)) {
            RunConfig config;
            config.name = "bench";
            config.backbone.preset = preset;
            config.method.kind = methodKindFromName(method);
            config.method.prompt.length = 20;
            config.method.lst.init = SideInit::Random; // init costs time once, not per step
            config.task.trainSize = std::max<int64_t>(256, batch * steps);
            config.task.validationSize = 8;
            config.task.testSize = 8;
            config.train.batchSize = batch;
            config.train.maxSteps = steps;
            config.train.evalEvery = 0;
            config.train.evalTest = false;
            config.train.threads = threads;
            BenchObserver observer;
            RunControl control;
            const TrainResult result = Trainer::run(config, observer, control);
            if (result.status != TrainerStatus::Finished) {
                std::printf("| %s | %s | failed: %s |\n", preset.c_str(), method.c_str(), result.message.c_str());
                continue;
            }
            const MemoryPrediction prediction = predictTrainingMemory(T5Config::preset(preset), config.method, batch,
                observer.peakStep.sourceLength, observer.peakStep.targetLength);
            const MemoryBreakdown &m = observer.peak;
            const double error = 100.0 * (static_cast<double>(prediction.memory.peak) - static_cast<double>(m.peak))
                / static_cast<double>(m.peak);
            const double stepTime = median(observer.stepSeconds);
            std::printf("| %s | %s | %.2f%% | %lld×%lld×%lld | %.3f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | "
                        "%.1f | %+.1f%% |\n",
                preset.c_str(), method.c_str(),
                100.0 * static_cast<double>(result.trainableParameters) / static_cast<double>(result.totalParameters),
                static_cast<long long>(batch), static_cast<long long>(observer.peakStep.sourceLength),
                static_cast<long long>(observer.peakStep.targetLength), stepTime,
                stepTime > 0 ? static_cast<double>(batch) / stepTime : 0.0, mib(m.frozenWeights),
                mib(m.trainableWeights), mib(m.gradients), mib(m.optimizerState), mib(m.activations), mib(m.peak),
                mib(prediction.memory.peak), error);
            std::fflush(stdout);
        }
    }
    return 0;
}
