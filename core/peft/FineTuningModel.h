// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "io/Safetensors.h"
#include "model/T5Model.h"
#include "peft/MethodConfig.h"

#include <torch/torch.h>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace ladder {

/// A backbone with a fine-tuning method applied: what trains, which modules were added and how
/// the forward pass runs. The trainer and evaluator only talk to this interface.
class FineTuningModel
{
public:
    virtual ~FineTuningModel() = default;

    /// Training or evaluation forward with the same inputs and outputs as the backbone's
    /// (logits and, with labels, the loss). LST returns the side network's logits; its
    /// encoder/decoder stack outputs are the backbone's.
    virtual T5Output forward(const T5Inputs &inputs) = 0;

    /// Greedy decoding (as T5ForConditionalGeneration::generate) through the method.
    virtual torch::Tensor generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                                   int64_t maxNewTokens) = 0;

    /// The module tree holding every parameter (backbone and added), for train()/eval()/to().
    virtual torch::nn::Module &module() = 0;

    /// The parameters the optimizer updates (requires_grad), in a stable order.
    std::vector<torch::Tensor> trainableParameters();

    /// The trained part under stable names, for saving just that (safetensors + method JSON).
    virtual std::vector<NamedTensor> trainedState();
    /// Loads what trainedState() saved; names and shapes must match (ladder::Error otherwise).
    virtual void loadTrainedState(const SafetensorsContents &state);

    /// LST gate values μ_i per kept layer, encoder then decoder (empty for other methods).
    virtual std::vector<double> gateValues() const { return {}; }

    virtual const MethodConfig &method() const = 0;
    virtual T5ForConditionalGeneration backbone() const = 0;
};

/// What applying a method may need besides the backbone: LST's Fisher initialisation reads
/// training batches (batch 1) until it has `fisherSamples` examples or the source runs dry.
struct MethodContext
{
    std::function<std::optional<T5Inputs>()> nextFisherBatch;
    uint64_t seed = 0;
};

/// Applies `method` to `backbone` (which it takes over: for full fine-tuning it trains it, for
/// the others it freezes it and adds modules). Throws ladder::Error for options that do not fit
/// the backbone (a reduction that does not divide d_model, a layer index past the depth, ...).
std::unique_ptr<FineTuningModel> applyMethod(T5ForConditionalGeneration backbone, const MethodConfig &method,
                                             const MethodContext &context = {});

} // namespace ladder
