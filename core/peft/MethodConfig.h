// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (used by the CLI and the GUI).
#pragma once

#include "config/OptionDescription.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ladder {

/// The fine-tuning methods a user compares.
enum class MethodKind { Full, BitFit, Adapter, Lora, Prompt, Lst };

/// "full", "bitfit", "adapter", "lora", "prompt", "lst" (the CLI's and the JSON's names).
std::string methodName(MethodKind kind);
/// Inverse of methodName(); throws ladder::Error listing the names.
MethodKind methodKindFromName(const std::string &name);
std::vector<MethodKind> allMethodKinds();

/// Houlsby-style bottleneck adapters after the self-attention and feed-forward sub-layers.
struct AdapterOptions
{
    int64_t reductionFactor = 16;  ///< bottleneck width = d_model / reductionFactor
    bool trainLayerNorms = true;   ///< the paper's adapters also train every RMSNorm weight
};

/// Low-rank updates W + (alpha/rank)·B·A on chosen projections.
struct LoraOptions
{
    int64_t rank = 32;
    double alpha = 32.0;
    double dropout = 0.1;
    std::vector<std::string> targets{"q", "v"}; ///< any of q, k, v, o, wi, wo (wi = wi / wi_0 / wi_1)
    bool trainBiases = true;                     ///< the paper's config also adds and trains BitFit biases
};

/// Soft tokens prepended to the encoder input.
struct PromptOptions
{
    int64_t length = 100;
};

/// How the LST side network's weights start.
enum class SideInit { Random, Fisher, Magnitude };

/// How a kept layer's ladder output is mixed into the side state.
enum class GateMode { Learnable, Fixed };

/// The number format the frozen LST backbone's weights (and so its block outputs, the ladders'
/// saved inputs) are kept in. The backbone never updates, so it needs no fp32 master copy.
enum class BackbonePrecision { Fp32, Bf16 };

/// How the LST side network's attention keeps what its backward needs: "standard" saves the
/// heads × len × len probabilities (and their dropout mask) per layer; "recompute" saves only
/// q, k, v and recomputes the probabilities in backward, a batch chunk at a time.
enum class SideAttention { Standard, Recompute };

/// Ladder Side-Tuning (LST-SPEC.md §1).
struct LstOptions
{
    int64_t reduction = 8;       ///< side d_model, d_ff, d_kv = backbone's / reduction; heads unchanged
    /// Side layers kept: "default" (the paper's choice for the backbone's depth), "all",
    /// "every:K" (layers K−1, 2K−1, …), or a list such as "1,2,3,5,6,7,9,10,11".
    std::string layers = "default";
    GateMode gate = GateMode::Learnable;
    double gateTemperature = 0.1; ///< μ = sigmoid(α / T)
    double gateAlpha = 0.0;       ///< α's start value (learnable) or the fixed α
    SideInit init = SideInit::Fisher;
    int64_t fisherSamples = 1024; ///< training examples (batch 1) summed into the Fisher importance
    double dropout = 0.1;         ///< side network dropout
    /// bf16: the backbone is cast to bf16 after the side network is initialised from it; the
    /// side network stays fp32 and reads the ladder inputs through a cast.
    BackbonePrecision backbonePrecision = BackbonePrecision::Fp32;
    SideAttention sideAttention = SideAttention::Standard;
};

/// One method with its options; only the block of `kind` is used.
struct MethodConfig
{
    MethodKind kind = MethodKind::Lst;
    AdapterOptions adapter;
    LoraOptions lora;
    PromptOptions prompt;
    LstOptions lst;

    /// {"kind": "lst", "reduction": 8, ...} — the run configuration's "method" object. Unknown
    /// keys and wrong types are errors naming the key (`sourceName` prefixes the message).
    static MethodConfig fromJson(const std::string &jsonText, const std::string &sourceName);
    std::string toJson() const;
};

/// Every option of `kind`: its key, one-sentence description, default, type and range or choices.
std::vector<OptionDescription> describeMethodOptions(MethodKind kind);

} // namespace ladder
