// SPDX-License-Identifier: GPL-3.0-or-later
// Times LST training steps and measures their peak tensor memory, as PEERS.md measures the
// Python peers: zero_grad (set to none) → forward with labels → backward → AdamW, dropout on,
// random weights, 2 threads; median over the timed steps; peak = highest live tensor bytes of
// a steady-state step. Not a ctest: run it by hand.
//   lst_step_benchmark [preset] [batch] [source] [target] [layers|full] [steps] [threads]
#include "memory/MemoryMeter.h"
#include "model/T5Init.h"
#include "peft/lst/LadderSideTuning.h"
#include "peft/lst/LstMemoryEstimate.h"
#include "peft/lst/LstParameters.h"
#include "runtime/Threads.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <string>
#include <vector>

using namespace ladder;

namespace {

double mib(int64_t bytes)
{
    return static_cast<double>(bytes) / (1024.0 * 1024.0);
}

} // namespace

int main(int argc, char **argv)
{
    MemoryMeter::install();
    configureThreads(argc > 7 ? std::stoi(argv[7]) : 2);
    const std::string preset = argc > 1 ? argv[1] : "t5-small";
    const int64_t batch = argc > 2 ? std::stoll(argv[2]) : 8;
    const int64_t source = argc > 3 ? std::stoll(argv[3]) : 128;
    const int64_t target = argc > 4 ? std::stoll(argv[4]) : 4;
    const std::string layers = argc > 5 ? argv[5] : "1,2,3,5";
    const int steps = argc > 6 ? std::stoi(argv[6]) : 5;
    const bool full = layers == "full";

    const T5Config config = T5Config::preset(preset);
    T5ForConditionalGeneration backbone = createRandomT5(config, 0);
    std::unique_ptr<FineTuningModel> lst;
    std::vector<torch::Tensor> trainable;
    MethodConfig method;
    method.lst.layers = full ? "default" : layers;
    method.lst.init = SideInit::Random;
    if (full) {
        trainable = backbone->parameters();
    } else {
        lst = createLadderSideTuning(backbone, method, {});
        trainable = lst->trainableParameters();
    }
    torch::nn::Module &module = full ? static_cast<torch::nn::Module &>(*backbone) : lst->module();
    module.train();
    torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(full ? 3e-4 : 3e-3).weight_decay(0.0));

    torch::manual_seed(1);
    T5Inputs inputs;
    inputs.inputIds = torch::randint(2, config.vocabSize, {batch, source}, torch::kLong);
    inputs.attentionMask = torch::ones({batch, source}, torch::kLong);
    inputs.labels = torch::randint(2, config.vocabSize, {batch, target}, torch::kLong);

    std::vector<double> seconds;
    std::vector<double> cpuSeconds; // process CPU time: a load-independent view on a busy machine
    int64_t peak = 0;
    for (int step = 0; step <= steps; ++step) {
        MemoryMeter::resetPeak();
        const std::clock_t cpuStart = std::clock();
        const auto start = std::chrono::steady_clock::now();
        optimizer.zero_grad(); // LibTorch 1.13 sets gradients to none
        const torch::Tensor loss = full ? backbone->forward(inputs).loss : lst->forward(inputs).loss;
        loss.backward();
        optimizer.step();
        const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (step > 0) { // the first step allocates the optimizer state
            seconds.push_back(elapsed);
            cpuSeconds.push_back(static_cast<double>(std::clock() - cpuStart) / CLOCKS_PER_SEC);
            peak = std::max(peak, MemoryMeter::snapshot().peakBytes);
        }
    }
    // One more step, split into phases: what the forward pass keeps for backward, and how far
    // backward rises above the state before the step.
    optimizer.zero_grad();
    const int64_t before = MemoryMeter::snapshot().currentBytes;
    MemoryMeter::resetPeak();
    torch::Tensor loss = full ? backbone->forward(inputs).loss : lst->forward(inputs).loss;
    const MemorySnapshot afterForward = MemoryMeter::snapshot();
    MemoryMeter::resetPeak();
    loss.backward();
    const MemorySnapshot afterBackward = MemoryMeter::snapshot();
    std::printf("phases: before the step %.1f MiB; forward keeps %.1f MiB (peak +%.1f); backward peak +%.1f MiB "
                "over the state before the step\n",
                mib(before), mib(afterForward.currentBytes - before), mib(afterForward.peakBytes - before),
                mib(afterBackward.peakBytes - before));

    std::sort(seconds.begin(), seconds.end());
    std::sort(cpuSeconds.begin(), cpuSeconds.end());
    std::printf("CPU time per step: median %.3f s (all threads together)\n", cpuSeconds[cpuSeconds.size() / 2]);
    std::printf("%s %s batch %lld source %lld target %lld: median %.3f s/step (min %.3f), peak %.1f MiB\n",
                preset.c_str(), full ? "full" : ("lst layers " + layers).c_str(), static_cast<long long>(batch),
                static_cast<long long>(source), static_cast<long long>(target), seconds[seconds.size() / 2],
                seconds.front(), mib(peak));
    if (!full) {
        const LstMemoryEstimate e = estimateLstMemory(config, method.lst, {batch, source, target, 4, true});
        std::printf("estimate %.1f MiB: parameters %.1f, optimizer %.1f, ladder inputs %.1f, side activations %.1f, "
                    "outputs %.1f, transient %.1f\n",
                    mib(e.peakBytes()), mib(e.parameterBytes), mib(e.optimizerBytes), mib(e.ladderInputBytes),
                    mib(e.sideActivationBytes), mib(e.outputBytes), mib(e.transientBytes));
    }
    return 0;
}
