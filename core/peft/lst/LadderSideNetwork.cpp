// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LadderSideNetwork.h"

#include "model/T5Init.h"
#include "model/T5Masks.h"
#include "peft/lst/LowPrecisionLadder.h"
#include "peft/lst/LstParameters.h"
#include "peft/lst/SideBlockForward.h"
#include "util/Error.h"

#include <algorithm>
#include <cmath>

namespace ladder {

namespace F = torch::nn::functional;

namespace {

torch::nn::Linear biasedLinear(int64_t in, int64_t out)
{
    return torch::nn::Linear(torch::nn::LinearOptions(in, out).bias(true));
}

/// What LST-SPEC §1.2 prescribes for every plain nn.Linear: N(0, 0.01²), bias 0.
void initializeLadderLinear(torch::nn::LinearImpl &linear)
{
    linear.weight.normal_(0.0, 0.01);
    linear.bias.zero_();
}

/// Removes backbone block outputs the side network does not read, so that they are freed as
/// soon as the backbone stack has run (only the kept layers' ladder inputs stay alive).
void keepOnlyLadderInputs(T5StackOutput &output, const LadderSideStackImpl &side)
{
    for (size_t i = 0; i < output.blockOutputs.size(); ++i)
        if (!side.isKept(static_cast<int64_t>(i)))
            output.blockOutputs[i] = torch::Tensor();
}

} // namespace

LadderSideStackImpl::LadderSideStackImpl(const T5Config &backbone, const LstOptions &options, bool isDecoder,
                                         std::vector<int64_t> keptLayers)
    : m_kept(std::move(keptLayers))
    , m_isDecoder(isDecoder)
    , m_attention(options.sideAttention)
    , m_temperature(options.gateTemperature)
    , m_dropout(options.dropout)
{
    if (!(m_temperature > 0.0))
        throw Error("LST gate temperature " + std::to_string(m_temperature) + " is impossible, expected T > 0");
    const T5Config side = lstSideConfig(backbone, options);
    const int64_t depth = isDecoder ? backbone.numDecoderLayers : backbone.numLayers;
    if (m_kept.empty() || !std::is_sorted(m_kept.begin(), m_kept.end()) || m_kept.front() < 0
        || m_kept.back() >= depth)
        throw Error("LST side stack: kept layers must be ascending indices below " + std::to_string(depth));

    // Registration order follows the official module: blocks, first downsample, ladders, gates, norm.
    auto blockHolder = register_module("side_block", std::make_shared<torch::nn::Module>());
    for (size_t k = 0; k < m_kept.size(); ++k) {
        // Only the first kept block owns the relative-bias table; the bias is shared (as T5).
        m_blocks.emplace_back(side, isDecoder, /*hasRelativeAttentionBias=*/k == 0);
        blockHolder->register_module(std::to_string(m_kept[k]), m_blocks.back());
    }
    side_first_downsample = register_module("side_first_downsample", biasedLinear(backbone.dModel, side.dModel));
    auto downsampleHolder = register_module("side_downsamples", std::make_shared<torch::nn::Module>());
    for (int64_t layer : m_kept) {
        m_downsamples.push_back(biasedLinear(backbone.dModel, side.dModel));
        downsampleHolder->register_module(std::to_string(layer), m_downsamples.back());
    }
    const torch::Tensor alpha = torch::full({depth}, options.gateAlpha);
    if (options.gate == GateMode::Learnable)
        side_gate_params = register_parameter("side_gate_params", alpha);
    else
        side_gate_params = register_buffer("side_gate_params", alpha);
    final_side_layer_norm =
        register_module("final_side_layer_norm", T5LayerNorm(side.dModel, side.layerNormEpsilon));
}

bool LadderSideStackImpl::isKept(int64_t layer) const
{
    return std::binary_search(m_kept.begin(), m_kept.end(), layer);
}

size_t LadderSideStackImpl::slot(int64_t layer) const
{
    const auto it = std::lower_bound(m_kept.begin(), m_kept.end(), layer);
    if (it == m_kept.end() || *it != layer)
        throw Error("LST side stack: layer " + std::to_string(layer) + " is not kept in the side network");
    return static_cast<size_t>(it - m_kept.begin());
}

T5Block LadderSideStackImpl::sideBlock(int64_t layer) const
{
    return m_blocks[slot(layer)];
}

torch::nn::Linear LadderSideStackImpl::downsample(int64_t layer) const
{
    return m_downsamples[slot(layer)];
}

torch::Tensor LadderSideStackImpl::gate(int64_t layer) const
{
    return torch::sigmoid(side_gate_params[layer] / m_temperature);
}

torch::Tensor LadderSideStackImpl::positionBias(int64_t queryLength, int64_t pastLength,
                                                const torch::Tensor &attentionMask, torch::Dtype dtype) const
{
    return selfAttentionBias(*m_blocks.front()->selfAttention->SelfAttention, m_isDecoder, queryLength, pastLength,
                             attentionMask, dtype);
}

torch::Tensor LadderSideStackImpl::forward(const torch::Tensor &embeddings,
                                           const std::vector<torch::Tensor> &blockOutputs,
                                           const torch::Tensor &attentionMask,
                                           const torch::Tensor &sideEncoderHidden,
                                           const torch::Tensor &encoderAttentionMask, T5DecoderCache *cache)
{
    if (m_isDecoder && !sideEncoderHidden.defined())
        throw Error("LST side decoder: needs the side encoder's output");
    if (static_cast<int64_t>(blockOutputs.size()) <= m_kept.back())
        throw Error("LST side stack: the backbone stack returned " + std::to_string(blockOutputs.size())
                    + " block outputs, the side network reads layer " + std::to_string(m_kept.back()));
    // The side network's own dtype: a bf16 backbone hands over bf16 embeddings and block outputs.
    const auto dtype = side_first_downsample->weight.scalar_type();
    const int64_t pastLength = cache ? cache->length : 0;
    if (cache && cache->blocks.size() != m_blocks.size())
        cache->blocks.resize(m_blocks.size());

    torch::Tensor crossBias;
    if (m_isDecoder && encoderAttentionMask.defined())
        crossBias = paddingMaskBias(encoderAttentionMask, dtype);
    // Decoding with a cache runs without a graph: only training forwards need the recomputed path.
    const bool recompute = m_attention == SideAttention::Recompute && !cache;
    torch::Tensor bias;
    SideAttentionInputs sideInputs;
    const int64_t length = embeddings.size(1);
    if (recompute) {
        sideInputs.positionBias =
            m_blocks.front()->selfAttention->SelfAttention->computePositionBias(length, length).to(dtype);
        if (m_isDecoder)
            sideInputs.selfMask = causalMaskBias(length, length, attentionMask, dtype, embeddings.device());
        else if (attentionMask.defined())
            sideInputs.selfMask = paddingMaskBias(attentionMask, dtype);
        sideInputs.encoderHidden = sideEncoderHidden;
        sideInputs.crossMask = crossBias;
    } else {
        bias = positionBias(length, pastLength, attentionMask, dtype);
    }

    torch::Tensor state = ladderDownsample(embeddings, side_first_downsample);
    for (size_t k = 0; k < m_kept.size(); ++k) {
        const auto layer = static_cast<size_t>(m_kept[k]);
        // s = μ·s + (1 − μ)·down(h): lerp(down, s, μ) is that in one kernel.
        state = torch::lerp(ladderDownsample(blockOutputs[layer], m_downsamples[k]), state, gate(m_kept[k]));
        if (recompute)
            state = sideBlockForwardRecomputed(*m_blocks[k], state, sideInputs, m_dropout, is_training());
        else
            state = m_blocks[k]->forward(state, bias, sideEncoderHidden, crossBias,
                                         cache ? &cache->blocks[k] : nullptr);
    }
    if (cache)
        cache->length += embeddings.size(1);
    return F::dropout(final_side_layer_norm(state), F::DropoutFuncOptions().p(m_dropout).training(is_training()));
}

LadderSideNetworkImpl::LadderSideNetworkImpl(T5ForConditionalGeneration frozenBackbone, const LstOptions &options)
    : m_options(options)
{
    const T5Config &config = frozenBackbone->config();
    m_sideConfig = lstSideConfig(config, options);
    for (auto &parameter : frozenBackbone->parameters())
        parameter.set_requires_grad(false);
    backbone = register_module("backbone", frozenBackbone);
    encoder = register_module(
        "encoder", LadderSideStack(config, options, false, resolveLstLayers(options.layers, config, false)));
    decoder = register_module(
        "decoder", LadderSideStack(config, options, true, resolveLstLayers(options.layers, config, true)));
    side_final_upsample = register_module("side_final_upsample", biasedLinear(m_sideConfig.dModel, config.dModel));
}

torch::Tensor LadderSideNetworkImpl::sideLogits(const torch::Tensor &sideDecoderOutput)
{
    // computeLogits applies the tied-embedding rescale d_model^-½ itself (LST-SPEC §1.5).
    const torch::Tensor upsampled = side_final_upsample(sideDecoderOutput);
    const auto backboneDtype = backbone->shared->weight.scalar_type();
    if (upsampled.scalar_type() == backboneDtype)
        return backbone->computeLogits(upsampled);
    // A bf16 backbone's head: the same product in fp32 on a widened copy of its weight.
    if (backbone->lm_head)
        return frozenLowPrecisionLinear(upsampled, backbone->lm_head->weight);
    const double scale = std::pow(static_cast<double>(backbone->config().dModel), -0.5);
    return frozenLowPrecisionLinear(upsampled * scale, backbone->shared->weight);
}

T5Output LadderSideNetworkImpl::forward(const T5Inputs &inputs)
{
    T5Output output;
    torch::Tensor decoderInputIds = inputs.decoderInputIds;
    if (!decoderInputIds.defined()) {
        if (!inputs.labels.defined())
            throw Error("LST forward: needs decoder_input_ids or labels");
        decoderInputIds = backbone->shiftRight(inputs.labels);
    }
    {
        // Nothing in the backbone trains: without a graph its internals are freed at once and
        // only the block outputs the ladders read survive.
        torch::NoGradGuard noGrad;
        const torch::Tensor embeds =
            inputs.inputsEmbeds.defined() ? inputs.inputsEmbeds : backbone->shared(inputs.inputIds);
        output.encoder = backbone->encoder->forward(embeds, inputs.attentionMask, {}, {}, true);
    }
    if (!inputs.outputHiddenStates)
        keepOnlyLadderInputs(output.encoder, *encoder);
    const torch::Tensor sideEncoderHidden =
        encoder->forward(output.encoder.embeddings, output.encoder.blockOutputs, inputs.attentionMask);
    if (!inputs.outputHiddenStates)
        output.encoder.blockOutputs.clear();
    {
        torch::NoGradGuard noGrad;
        output.decoder = backbone->decode(decoderInputIds, output.encoder.lastHiddenState, inputs.attentionMask,
                                          inputs.decoderAttentionMask, true);
    }
    if (!inputs.outputHiddenStates)
        keepOnlyLadderInputs(output.decoder, *decoder);
    const torch::Tensor sideDecoderHidden =
        decoder->forward(output.decoder.embeddings, output.decoder.blockOutputs, inputs.decoderAttentionMask,
                         sideEncoderHidden, inputs.attentionMask);
    if (!inputs.outputHiddenStates)
        output.decoder.blockOutputs.clear();
    output.logits = sideLogits(sideDecoderHidden);
    if (inputs.labels.defined())
        output.loss = T5ForConditionalGenerationImpl::computeLoss(output.logits, inputs.labels);
    return output;
}

torch::Tensor LadderSideNetworkImpl::generate(const torch::Tensor &inputIds, const torch::Tensor &attentionMask,
                                              int64_t maxNewTokens)
{
    torch::NoGradGuard noGrad;
    const T5Config &config = backbone->config();
    const int64_t batch = inputIds.size(0);
    const auto longOptions = inputIds.options().dtype(torch::kLong);
    torch::Tensor tokens = torch::full({batch, 1}, config.decoderStartTokenId, longOptions);
    if (maxNewTokens <= 0)
        return tokens;

    T5StackOutput backboneEncoder = backbone->encode(inputIds, attentionMask, true);
    const torch::Tensor sideEncoderHidden =
        encoder->forward(backboneEncoder.embeddings, backboneEncoder.blockOutputs, attentionMask);
    backboneEncoder.blockOutputs.clear();

    T5DecoderCache backboneCache;
    T5DecoderCache sideCache;
    torch::Tensor unfinished = torch::ones({batch}, longOptions.dtype(torch::kBool));
    torch::Tensor nextInput = tokens;
    std::vector<torch::Tensor> steps{tokens};
    for (int64_t step = 0; step < maxNewTokens; ++step) {
        const T5StackOutput backboneDecoder = backbone->decode(
            nextInput, backboneEncoder.lastHiddenState, attentionMask, {}, true, &backboneCache);
        const torch::Tensor sideHidden = decoder->forward(backboneDecoder.embeddings, backboneDecoder.blockOutputs,
                                                          {}, sideEncoderHidden, attentionMask, &sideCache);
        torch::Tensor next = sideLogits(sideHidden.select(1, -1)).argmax(-1);
        next = torch::where(unfinished, next, torch::full_like(next, config.padTokenId));
        steps.push_back(next.unsqueeze(1));
        unfinished = unfinished.logical_and(next != config.eosTokenId);
        if (!unfinished.any().item<bool>())
            break;
        nextInput = next.unsqueeze(1);
    }
    return torch::cat(steps, 1);
}

void copyRelativeBias(LadderSideNetworkImpl &network)
{
    torch::NoGradGuard noGrad;
    for (const auto &[side, stack] : {std::make_pair(network.encoder.ptr(), network.backbone->encoder.ptr()),
                                      std::make_pair(network.decoder.ptr(), network.backbone->decoder.ptr())}) {
        const auto source = stack->blocks().front()->selfAttention->SelfAttention->relativeAttentionBias();
        const auto target =
            side->sideBlock(side->keptLayers().front())->selfAttention->SelfAttention->relativeAttentionBias();
        target->weight.copy_(source->weight);
    }
}

void initializeSideRandom(LadderSideNetworkImpl &network)
{
    torch::NoGradGuard noGrad;
    for (LadderSideStackImpl *stack : {network.encoder.ptr().get(), network.decoder.ptr().get()}) {
        for (int64_t layer : stack->keptLayers())
            initializeT5Block(*stack->sideBlock(layer), network.sideConfig());
        stack->final_side_layer_norm->weight.fill_(network.sideConfig().initializerFactor);
        initializeLadderLinear(*stack->side_first_downsample);
        for (int64_t layer : stack->keptLayers())
            initializeLadderLinear(*stack->downsample(layer));
        stack->side_gate_params.fill_(network.options().gateAlpha);
    }
    initializeLadderLinear(*network.side_final_upsample);
    copyRelativeBias(network);
}

} // namespace ladder
