// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/MemoryStep.h"

#include "bench/BenchMethods.h"
#include "memory/DeviceMemory.h"
#include "memory/MemoryMeter.h"
#include "model/T5Init.h"
#include "peft/FineTuningModel.h"
#include "train/MemoryAccounting.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>

namespace ladder {

namespace {

using Json = nlohmann::json;

/// What any AdamW step after the first starts with: both moments of every trainable weight.
/// An AdamW step at learning rate 0 on zero gradients allocates them and changes no weight.
void allocateOptimizerState(torch::optim::AdamW &optimizer, std::vector<torch::Tensor> &parameters)
{
    for (torch::Tensor &parameter : parameters)
        parameter.mutable_grad() = torch::zeros_like(parameter);
    const double rate = static_cast<torch::optim::AdamWOptions &>(optimizer.param_groups().front().options()).lr();
    for (auto &group : optimizer.param_groups())
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(0.0);
    optimizer.step();
    for (auto &group : optimizer.param_groups())
        static_cast<torch::optim::AdamWOptions &>(group.options()).lr(rate);
    for (torch::Tensor &parameter : parameters)
        parameter.mutable_grad() = torch::Tensor();
}

} // namespace

MemoryStepResult runMemoryStep(const MemoryStepRequest &request)
{
    if (!MemoryMeter::isInstalled())
        throw Error("memory step: the memory meter is not installed (install it before any tensor exists)");
    if (request.batch < 1 || request.sourceLength < 1 || request.targetLength < 1)
        throw Error("memory step: batch, source length and target length must be at least 1");
    const BenchMethod bench = benchMethod(request.method);
    const T5Config config = T5Config::preset(request.preset);
    MemoryStepResult result;
    result.request = request;
    result.processId = static_cast<int64_t>(::getpid());

    std::unique_ptr<FineTuningModel> model;
    {
        MethodContext context;
        context.seed = request.seed;
        model = applyMethod(createRandomT5(config, request.seed), bench.method, context);
    }
    model->module().train();
    std::vector<torch::Tensor> parameters = model->trainableParameters();
    for (const torch::Tensor &parameter : parameters)
        result.trainableParameters += parameter.numel();
    for (const torch::Tensor &parameter : model->module().parameters())
        result.totalParameters += parameter.numel();
    torch::optim::AdamW optimizer(parameters, torch::optim::AdamWOptions(3e-4).weight_decay(0.0));
    allocateOptimizerState(optimizer, parameters);

    torch::manual_seed(request.seed + 1);
    T5Inputs inputs;
    inputs.inputIds = torch::randint(2, config.vocabSize, {request.batch, request.sourceLength}, torch::kLong);
    inputs.attentionMask = torch::ones({request.batch, request.sourceLength}, torch::kLong);
    inputs.labels = torch::randint(2, config.vocabSize, {request.batch, request.targetLength}, torch::kLong);

    MemoryBreakdown memory;
    countWeightBytes(model->module(), memory);
    // The bench's steps run on the CPU; the figures come through the trainer's interface.
    const std::unique_ptr<DeviceMemoryAccounting> tensors = makeDeviceMemoryAccounting("cpu");
    memory.device = tensors->device();
    const auto start = std::chrono::steady_clock::now();
    MemoryMeter::resetPeak();
    {
        // Keep only the loss, as a training loop does: logits and stack outputs go at once.
        torch::Tensor loss = model->forward(inputs).loss;
        result.loss = loss.item<double>();
        loss.backward();
    }
    result.peakForwardBackward = tensors->snapshot().peakBytes;
    memory.gradients = gradientBytes(parameters);
    tensors->resetPeak();
    optimizer.step();
    result.peakOptimizer = tensors->snapshot().peakBytes;
    result.stepSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    memory.optimizerState = optimizerStateBytes(optimizer);
    // As the trainer's accounting: the categories add up to the peak; activations are what the
    // peak held beyond weights, gradients and optimizer state.
    memory.peak = std::max({result.peakForwardBackward, result.peakOptimizer, memory.staticBytes()});
    memory.activations = memory.peak - memory.staticBytes();
    memory.reserved = tensors->snapshot().reservedBytes;
    const MemorySnapshot host = MemoryMeter::snapshot();
    memory.rss = host.currentRssBytes;
    memory.peakRss = host.peakRssBytes;
    result.memory = memory;
    return result;
}

std::string memoryStepToJson(const MemoryStepResult &result)
{
    const MemoryBreakdown &m = result.memory;
    const Json json = {{"preset", result.request.preset}, {"method", result.request.method},
        {"batch", result.request.batch}, {"source_length", result.request.sourceLength},
        {"target_length", result.request.targetLength}, {"seed", result.request.seed},
        {"frozen_weights", m.frozenWeights}, {"trainable_weights", m.trainableWeights}, {"gradients", m.gradients},
        {"optimizer_state", m.optimizerState}, {"activations", m.activations}, {"peak", m.peak}, {"rss", m.rss},
        {"peak_rss", m.peakRss}, {"device", m.device}, {"reserved", m.reserved}, {"peak_forward_backward", result.peakForwardBackward},
        {"peak_optimizer", result.peakOptimizer}, {"step_seconds", result.stepSeconds}, {"loss", result.loss},
        {"process_id", result.processId}, {"trainable_parameters", result.trainableParameters},
        {"total_parameters", result.totalParameters}};
    return json.dump();
}

MemoryStepResult memoryStepFromJson(const std::string &text, const std::string &source)
{
    Json json;
    try {
        json = Json::parse(text);
    } catch (const Json::exception &error) {
        throw Error(source + ": not a memory-step JSON object: " + error.what());
    }
    if (!json.is_object())
        throw Error(source + ": expected a memory-step JSON object");
    const auto field = [&](const char *key) -> const Json & {
        const auto it = json.find(key);
        if (it == json.end())
            throw Error(source + ": memory-step result has no \"" + key + "\"");
        return *it;
    };
    try {
        MemoryStepResult result;
        result.request.preset = field("preset").get<std::string>();
        result.request.method = field("method").get<std::string>();
        result.request.batch = field("batch").get<int64_t>();
        result.request.sourceLength = field("source_length").get<int64_t>();
        result.request.targetLength = field("target_length").get<int64_t>();
        result.request.seed = field("seed").get<uint64_t>();
        MemoryBreakdown &m = result.memory;
        m.frozenWeights = field("frozen_weights").get<int64_t>();
        m.trainableWeights = field("trainable_weights").get<int64_t>();
        m.gradients = field("gradients").get<int64_t>();
        m.optimizerState = field("optimizer_state").get<int64_t>();
        m.activations = field("activations").get<int64_t>();
        m.peak = field("peak").get<int64_t>();
        m.rss = field("rss").get<int64_t>();
        m.peakRss = field("peak_rss").get<int64_t>();
        m.device = field("device").get<std::string>();
        m.reserved = field("reserved").get<int64_t>();
        result.peakForwardBackward = field("peak_forward_backward").get<int64_t>();
        result.peakOptimizer = field("peak_optimizer").get<int64_t>();
        result.stepSeconds = field("step_seconds").get<double>();
        result.loss = field("loss").get<double>();
        result.processId = field("process_id").get<int64_t>();
        result.trainableParameters = field("trainable_parameters").get<int64_t>();
        result.totalParameters = field("total_parameters").get<int64_t>();
        return result;
    } catch (const Json::exception &error) {
        throw Error(source + ": memory-step result: " + error.what());
    }
}

} // namespace ladder
