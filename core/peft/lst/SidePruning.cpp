// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/SidePruning.h"

#include "util/Error.h"

#include <algorithm>
#include <numeric>

namespace ladder {

namespace {

using Indices = std::vector<int64_t>;
using NamedParameters = torch::OrderedDict<std::string, torch::Tensor>;

std::string blockPrefix(const std::string &stack, int64_t layer)
{
    return stack + ".block." + std::to_string(layer) + ".";
}

/// The feed-forward sub-layer's index inside a block: after self- (and cross-) attention.
std::string feedForwardLayer(bool isDecoder)
{
    return isDecoder ? "layer.2." : "layer.1.";
}

std::string outputProjection(const std::string &stack, int64_t layer, bool isDecoder)
{
    return blockPrefix(stack, layer) + feedForwardLayer(isDecoder) + "DenseReluDense.wo.weight";
}

torch::Tensor indexTensor(const Indices &indices)
{
    return torch::tensor(indices, torch::kLong);
}

torch::Tensor cut(const torch::Tensor &weight, const Indices &rows, const Indices &columns)
{
    return weight.index_select(0, indexTensor(rows)).index_select(1, indexTensor(columns));
}

/// Prunes one backbone stack into its side stack, in forward order.
class StackPruner
{
public:
    StackPruner(LadderSideStackImpl &side, const T5StackImpl &backboneStack, const std::string &stack,
                const NamedParameters &backboneParameters, const ImportanceMap &importance, const T5Config &sideConfig)
        : m_side(side)
        , m_depth(static_cast<int64_t>(backboneStack.blocks().size()))
        , m_stack(stack)
        , m_parameters(backboneParameters)
        , m_importance(importance)
        , m_sideConfig(sideConfig)
    {
    }

    /// Prunes every kept block; returns the entries the stack's final norm keeps.
    Indices run(const Indices &embeddingEntries, const Indices &encoderFinalEntries)
    {
        for (int64_t layer : m_side.keptLayers()) {
            const Indices input = layer == 0 ? embeddingEntries : outputRows(layer - 1);
            pruneBlock(layer, input, encoderFinalEntries);
        }
        const Indices final = outputRows(m_depth - 1);
        m_side.final_side_layer_norm->weight.copy_(
            weight(m_stack + ".final_layer_norm.weight").index_select(0, indexTensor(final)));
        return final;
    }

    /// The rows block `layer`'s last projection (wo) keeps: the entries its output passes on.
    Indices outputRows(int64_t layer) const
    {
        return selectRowsByL1(importance(outputProjection(m_stack, layer, m_side.isDecoder())), m_sideConfig.dModel);
    }

private:
    const torch::Tensor &weight(const std::string &name) const
    {
        const torch::Tensor *found = m_parameters.find(name);
        if (!found)
            throw Error("LST pruning: the backbone has no weight " + name);
        return *found;
    }

    const torch::Tensor &importance(const std::string &name) const
    {
        const auto it = m_importance.find(name);
        if (it == m_importance.end())
            throw Error("LST pruning: no importance was computed for " + name);
        return it->second;
    }

    void pruneBlock(int64_t layer, Indices entries, const Indices &encoderFinalEntries)
    {
        m_prefix = blockPrefix(m_stack, layer);
        m_sideParameters = m_side.sideBlock(layer)->named_parameters();
        copyNorm("layer.0.layer_norm.weight", entries);
        entries = pruneAttention("layer.0.SelfAttention.", entries, entries);
        if (m_side.isDecoder()) {
            copyNorm("layer.1.layer_norm.weight", entries);
            // The side decoder cross-attends to the side encoder's output: its entries are the
            // ones the encoder's final norm kept.
            entries = pruneAttention("layer.1.EncDecAttention.", entries, encoderFinalEntries);
        }
        const std::string ff = feedForwardLayer(m_side.isDecoder());
        copyNorm(ff + "layer_norm.weight", entries);
        pruneFeedForward(ff + "DenseReluDense.", entries);
    }

    void set(const std::string &suffix, const torch::Tensor &value)
    {
        torch::Tensor *target = m_sideParameters.find(suffix);
        if (!target || !target->sizes().equals(value.sizes()))
            throw Error("LST pruning: side weight " + suffix + " does not match the pruned backbone weight");
        target->copy_(value);
    }

    void copyNorm(const std::string &suffix, const Indices &entries)
    {
        set(suffix, weight(m_prefix + suffix).index_select(0, indexTensor(entries)));
    }

    /// q, k, v rows chosen jointly by the product of their importances (in double: the product
    /// of three squared gradients underflows float32).
    Indices pruneAttention(const std::string &attention, const Indices &queryColumns, const Indices &keyValueColumns)
    {
        const auto name = [&](const char *projection) { return m_prefix + attention + projection + ".weight"; };
        const torch::Tensor joint = importance(name("q")).to(torch::kDouble) * importance(name("k")).to(torch::kDouble)
                                    * importance(name("v")).to(torch::kDouble);
        const Indices rows = selectRowsByL1(joint, m_sideConfig.innerDim());
        set(attention + "q.weight", cut(weight(name("q")), rows, queryColumns));
        set(attention + "k.weight", cut(weight(name("k")), rows, keyValueColumns));
        set(attention + "v.weight", cut(weight(name("v")), rows, keyValueColumns));
        const Indices outputRows = selectRowsByL1(importance(name("o")), m_sideConfig.dModel);
        set(attention + "o.weight", cut(weight(name("o")), outputRows, rows));
        return outputRows;
    }

    void pruneFeedForward(const std::string &feedForward, const Indices &columns)
    {
        const auto name = [&](const char *projection) { return m_prefix + feedForward + projection + ".weight"; };
        Indices hidden;
        if (m_sideConfig.isGatedAct) {
            // wi_0 and wi_1 are multiplied elementwise, so they must keep the same rows.
            const torch::Tensor joint =
                importance(name("wi_0")).to(torch::kDouble) * importance(name("wi_1")).to(torch::kDouble);
            hidden = selectRowsByL1(joint, m_sideConfig.dFf);
            set(feedForward + "wi_0.weight", cut(weight(name("wi_0")), hidden, columns));
            set(feedForward + "wi_1.weight", cut(weight(name("wi_1")), hidden, columns));
        } else {
            hidden = selectRowsByL1(importance(name("wi")), m_sideConfig.dFf);
            set(feedForward + "wi.weight", cut(weight(name("wi")), hidden, columns));
        }
        const Indices outputRows = selectRowsByL1(importance(name("wo")), m_sideConfig.dModel);
        set(feedForward + "wo.weight", cut(weight(name("wo")), outputRows, hidden));
    }

    LadderSideStackImpl &m_side;
    int64_t m_depth;
    std::string m_stack;
    const NamedParameters &m_parameters;
    const ImportanceMap &m_importance;
    const T5Config &m_sideConfig;
    std::string m_prefix;
    NamedParameters m_sideParameters;
};

/// Restores requires_grad = false on the ranked weights however fisherImportance ends.
class GradientSwitch
{
public:
    explicit GradientSwitch(std::vector<torch::Tensor> weights)
        : m_weights(std::move(weights))
    {
        for (auto &weight : m_weights)
            weight.set_requires_grad(true);
    }
    ~GradientSwitch()
    {
        for (auto &weight : m_weights) {
            weight.mutable_grad() = torch::Tensor();
            weight.set_requires_grad(false);
        }
    }
    GradientSwitch(const GradientSwitch &) = delete;
    GradientSwitch &operator=(const GradientSwitch &) = delete;

private:
    std::vector<torch::Tensor> m_weights;
};

torch::Tensor row(const torch::Tensor &tensor, int64_t index)
{
    return tensor.defined() ? tensor.narrow(0, index, 1) : tensor;
}

} // namespace

std::vector<int64_t> selectRowsByL1(const torch::Tensor &importance, int64_t keep)
{
    if (importance.dim() < 1 || keep < 0 || keep > importance.size(0))
        throw Error("LST pruning: cannot keep " + std::to_string(keep) + " rows of a tensor with "
                    + (importance.dim() < 1 ? std::string("no rows") : std::to_string(importance.size(0)) + " rows"));
    const torch::Tensor scores = importance.dim() == 1
                                     ? importance.to(torch::kDouble).abs().contiguous()
                                     : importance.to(torch::kDouble).abs().sum(1).contiguous();
    const double *data = scores.data_ptr<double>();
    Indices order(static_cast<size_t>(scores.size(0)));
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [data](int64_t a, int64_t b) { return data[a] > data[b]; });
    order.resize(static_cast<size_t>(keep));
    std::sort(order.begin(), order.end());
    return order;
}

std::set<std::string> weightsToRank(const LadderSideNetworkImpl &network)
{
    std::set<std::string> names;
    const auto parameters = network.backbone->named_parameters();
    for (const LadderSideStackImpl *side : {network.encoder.get(), network.decoder.get()}) {
        const std::string stack = side->isDecoder() ? "decoder" : "encoder";
        const int64_t depth = side->isDecoder() ? network.backbone->config().numDecoderLayers
                                                : network.backbone->config().numLayers;
        for (int64_t layer : side->keptLayers()) {
            const std::string prefix = blockPrefix(stack, layer);
            for (const auto &item : parameters)
                if (item.key().rfind(prefix, 0) == 0 && item.key().find("relative_attention_bias") == std::string::npos
                    && item.key().find("layer_norm") == std::string::npos)
                    names.insert(item.key());
            names.insert(layer == 0 ? std::string("shared.weight") : outputProjection(stack, layer - 1, side->isDecoder()));
        }
        names.insert(outputProjection(stack, depth - 1, side->isDecoder()));
    }
    return names;
}

ImportanceMap magnitudeImportance(T5ForConditionalGenerationImpl &backbone, const std::set<std::string> &names)
{
    torch::NoGradGuard noGrad;
    const auto parameters = backbone.named_parameters();
    ImportanceMap importance;
    for (const std::string &name : names)
        importance[name] = parameters[name].abs();
    return importance;
}

ImportanceMap fisherImportance(T5ForConditionalGenerationImpl &backbone, const std::set<std::string> &names,
                               const std::function<std::optional<T5Inputs>()> &nextBatch, int64_t samples)
{
    if (!nextBatch)
        throw Error("LST Fisher initialisation needs training examples, and none were given; "
                    "choose the magnitude or random initialisation instead");
    const auto parameters = backbone.named_parameters();
    std::vector<torch::Tensor> ranked;
    std::vector<std::string> rankedNames(names.begin(), names.end());
    ImportanceMap importance;
    for (const std::string &name : names) {
        ranked.push_back(parameters[name]);
        importance[name] = torch::zeros_like(parameters[name]);
    }
    const bool wasTraining = backbone.is_training();
    backbone.eval();
    int64_t seen = 0;
    try {
        GradientSwitch gradients(ranked);
        while (seen < samples) {
            std::optional<T5Inputs> batch = nextBatch();
            if (!batch)
                break;
            if (!batch->labels.defined())
                throw Error("LST Fisher initialisation: a training batch has no labels");
            const int64_t rows = batch->labels.size(0);
            for (int64_t b = 0; b < rows && seen < samples; ++b) {
                T5Inputs example;
                example.inputIds = row(batch->inputIds, b);
                example.attentionMask = row(batch->attentionMask, b);
                example.decoderInputIds = row(batch->decoderInputIds, b);
                example.decoderAttentionMask = row(batch->decoderAttentionMask, b);
                example.labels = row(batch->labels, b);
                example.inputsEmbeds = row(batch->inputsEmbeds, b);
                backbone.forward(example).loss.backward();
                torch::NoGradGuard noGrad;
                for (size_t i = 0; i < ranked.size(); ++i) {
                    const torch::Tensor &grad = ranked[i].grad();
                    if (grad.defined()) {
                        importance[rankedNames[i]].addcmul_(grad, grad);
                        ranked[i].mutable_grad() = torch::Tensor();
                    }
                }
                ++seen;
            }
        }
    } catch (...) {
        backbone.train(wasTraining);
        throw;
    }
    backbone.train(wasTraining);
    if (seen == 0)
        throw Error("LST Fisher initialisation: the training data gave no example; "
                    "choose the magnitude or random initialisation instead");
    return importance;
}

void initializeSideByPruning(LadderSideNetworkImpl &network, const ImportanceMap &importance)
{
    torch::NoGradGuard noGrad;
    const auto parameters = network.backbone->named_parameters();
    const T5Config &sideConfig = network.sideConfig();
    Indices embeddingEntries;
    if (importance.count("shared.weight")) {
        // Score each hidden dimension by the L1 of its column over the vocabulary.
        embeddingEntries = selectRowsByL1(importance.at("shared.weight").t(), sideConfig.dModel);
    }
    StackPruner encoder(*network.encoder, *network.backbone->encoder, "encoder", parameters, importance, sideConfig);
    const Indices encoderFinal = encoder.run(embeddingEntries, {});
    StackPruner decoder(*network.decoder, *network.backbone->decoder, "decoder", parameters, importance, sideConfig);
    decoder.run(embeddingEntries, encoderFinal);
    copyRelativeBias(network);
}

} // namespace ladder
