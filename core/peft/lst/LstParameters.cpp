// SPDX-License-Identifier: GPL-3.0-or-later
#include "peft/lst/LstParameters.h"

#include "model/ModelSummary.h"
#include "util/Error.h"
#include "util/Text.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace ladder {

namespace {

Error layerSpecError(const std::string &spec, int64_t numLayers, const std::string &what)
{
    return Error("LST side layers \"" + spec + "\": " + what + " (a stack of " + std::to_string(numLayers)
                 + " layers; expected \"default\", \"all\", \"every:K\" or a list of indices 0.."
                 + std::to_string(numLayers - 1) + " such as \"1,2,3\")");
}

/// A non-negative decimal integer, the whole of `text`; -1 when it is not one (or too long to
/// be a layer index).
int64_t parseIndex(const std::string &text)
{
    if (text.empty() || text.size() > 9)
        return -1;
    int64_t value = 0;
    for (char c : text) {
        if (!std::isdigit(static_cast<unsigned char>(c)))
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

std::vector<int64_t> allLayers(int64_t numLayers)
{
    std::vector<int64_t> layers(static_cast<size_t>(numLayers));
    for (int64_t i = 0; i < numLayers; ++i)
        layers[static_cast<size_t>(i)] = i;
    return layers;
}

std::vector<int64_t> everyKth(int64_t k, int64_t numLayers)
{
    std::vector<int64_t> layers;
    for (int64_t i = k - 1; i < numLayers; i += k)
        layers.push_back(i);
    return layers;
}

std::vector<int64_t> defaultLayers(int64_t numLayers, bool threeB)
{
    if (numLayers == 12) // T5-base, repo: ladder_side_tuning_base.sh
        return {1, 2, 3, 5, 6, 7, 9, 10, 11};
    if (numLayers == 24) // T5-3B keeps only the last layer, T5-large the odd ones
        return threeB ? std::vector<int64_t>{23} : everyKth(2, numLayers);
    return allLayers(numLayers);
}

std::vector<int64_t> resolve(const std::string &rawSpec, int64_t numLayers, bool threeB)
{
    if (numLayers < 1)
        throw layerSpecError(rawSpec, numLayers, "the stack has no layer");
    const std::string spec = trimmed(rawSpec);
    std::vector<int64_t> layers;
    if (spec == "default") {
        layers = defaultLayers(numLayers, threeB);
    } else if (spec == "all") {
        layers = allLayers(numLayers);
    } else if (spec.rfind("every:", 0) == 0) {
        const int64_t k = parseIndex(trimmed(spec.substr(6)));
        if (k < 1)
            throw layerSpecError(rawSpec, numLayers, "K in \"every:K\" must be a whole number ≥ 1");
        layers = everyKth(k, numLayers);
    } else {
        std::set<int64_t> seen;
        size_t start = 0;
        while (true) {
            const size_t comma = spec.find(',', start);
            const std::string item = trimmed(spec.substr(start, comma == std::string::npos ? std::string::npos
                                                                                          : comma - start));
            const int64_t index = parseIndex(item);
            if (index < 0)
                throw layerSpecError(rawSpec, numLayers, "\"" + item + "\" is not a layer index");
            if (index >= numLayers)
                throw layerSpecError(rawSpec, numLayers, "layer " + item + " is past the last layer");
            if (!seen.insert(index).second)
                throw layerSpecError(rawSpec, numLayers, "layer " + item + " is listed twice");
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        layers.assign(seen.begin(), seen.end());
    }
    if (layers.empty())
        throw layerSpecError(rawSpec, numLayers, "keeps no layer");
    return layers;
}

} // namespace

T5Config lstSideConfig(const T5Config &backbone, const LstOptions &options)
{
    const int64_t r = options.reduction;
    if (r < 1)
        throw Error("LST reduction factor " + std::to_string(r) + " is impossible, expected a whole number ≥ 1");
    const auto check = [&](const char *key, int64_t value) {
        if (value % r != 0)
            throw Error("LST reduction factor " + std::to_string(r) + " does not divide the backbone's " + key
                        + " (" + std::to_string(value) + "); choose a divisor of d_model, d_ff and d_kv");
    };
    check("d_model", backbone.dModel);
    check("d_ff", backbone.dFf);
    check("d_kv", backbone.dKv);
    if (options.dropout < 0.0 || options.dropout >= 1.0)
        throw Error("LST dropout " + std::to_string(options.dropout) + " is impossible, expected 0 ≤ dropout < 1");
    T5Config side = backbone;
    side.dModel = backbone.dModel / r;
    side.dFf = backbone.dFf / r;
    side.dKv = backbone.dKv / r;
    side.dropoutRate = options.dropout;
    return side;
}

std::vector<int64_t> resolveLstLayers(const std::string &spec, int64_t numLayers)
{
    return resolve(spec, numLayers, false);
}

std::vector<int64_t> resolveLstLayers(const std::string &spec, const T5Config &backbone, bool isDecoder)
{
    // T5-3B and T5-large share depth and d_model; 3B's heads are 128 wide (LST-SPEC §1.1).
    const bool threeB = backbone.dKv == 128;
    return resolve(spec, isDecoder ? backbone.numDecoderLayers : backbone.numLayers, threeB);
}

ParameterReport countLstParameters(const T5Config &backbone, const LstOptions &options)
{
    const T5Config side = lstSideConfig(backbone, options);
    const int64_t d = backbone.dModel;
    const int64_t ds = side.dModel;
    const int64_t inner = side.innerDim();
    const int64_t feedForward = (side.isGatedAct ? 3 : 2) * ds * side.dFf;
    const int64_t attention = 3 * ds * inner + inner * ds;
    const int64_t encoderBlock = attention + feedForward + 2 * ds;
    const int64_t decoderBlock = 2 * attention + feedForward + 3 * ds;
    const int64_t ladder = d * ds + ds;

    int64_t blocks = 0, ladders = 0, gates = 0, norms = 0, relativeBias = 0;
    for (bool isDecoder : {false, true}) {
        const auto kept = static_cast<int64_t>(resolveLstLayers(options.layers, backbone, isDecoder).size());
        const int64_t depth = isDecoder ? backbone.numDecoderLayers : backbone.numLayers;
        blocks += kept * (isDecoder ? decoderBlock : encoderBlock);
        ladders += (kept + 1) * ladder; // + side_first_downsample
        if (options.gate == GateMode::Learnable)
            gates += depth; // one α per backbone layer, dropped layers' unused (as the official code)
        norms += ds;
        relativeBias += side.relativeAttentionNumBuckets * side.numHeads;
    }
    const int64_t upProjection = ds * d + d;

    ParameterReport report;
    const int64_t backboneCount = summarizeModel(backbone).total;
    report.groups = {
        {"backbone", backboneCount, false},
        {"side blocks", blocks, true},
        {"ladders", ladders, true},
        {"gates", gates, true},
        {"side norms", norms, true},
        {"relative bias", relativeBias, true},
        {"up-projection", upProjection, true},
    };
    report.trainable = blocks + ladders + gates + norms + relativeBias + upProjection;
    report.total = backboneCount + report.trainable;
    return report;
}

} // namespace ladder
