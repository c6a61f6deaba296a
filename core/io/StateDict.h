// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal header: includes LibTorch, so never include it from app/ or widgets/.

#include <torch/torch.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ladder {

/// All weights of a HuggingFace folder. Each tensor remembers the file it came from, for
/// error messages.
struct CheckpointTensors
{
    std::string dir;
    std::map<std::string, torch::Tensor> tensors;
    std::map<std::string, std::string> sourceFile; ///< tensor name → path of its .safetensors file
};

/// Reads all weights of a HuggingFace folder: `model.safetensors`, or the sharded form
/// `model.safetensors.index.json` + the shards it names. The index is validated: its
/// weight_map must name existing shard files inside the folder, each tensor must be in the
/// shard the index names and in no other, and every shard tensor must be listed.
CheckpointTensors readHuggingFaceWeights(const std::string &dir);

/// How loadStateDict maps a checkpoint onto a module.
struct StateDictLoadOptions
{
    /// Floating-point tensors (F64/F32/F16/BF16 in the file) are converted to this dtype, and
    /// the module's floating-point parameters and buffers end up in it.
    torch::Dtype dtype = torch::kFloat32;
    /// Module key → other names the file may use for it (e.g. "shared.weight" ←
    /// "encoder.embed_tokens.weight"). The module key itself is tried first.
    std::map<std::string, std::vector<std::string>> aliases;
    /// File keys that are silently skipped.
    std::set<std::string> ignoredKeys;
    /// Named in shape errors ("does not fit config.json").
    std::string configName = "config.json";
};

/// Copies every parameter and buffer of `module` (by its named_parameters()/named_buffers()
/// keys) from `weights`, under NoGradGuard. Everything is checked before anything is copied,
/// so on error the module is left as it was. Errors (ladder::Error, naming file and tensor):
/// missing keys, unexpected keys, a shape that does not fit the model built from the config,
/// a non-float dtype for a float parameter (or the reverse).
void loadStateDict(torch::nn::Module &module, const CheckpointTensors &weights, const StateDictLoadOptions &options);

/// Saves the module's parameters (and, when `includeBuffers`, its buffers) to `path` as
/// safetensors with metadata {"format":"pt"}, leaving out the keys in `skipKeys` (e.g. tied
/// weights HuggingFace does not save).
void saveStateDict(const torch::nn::Module &module, const std::string &path, const std::set<std::string> &skipKeys = {},
    bool includeBuffers = true);

} // namespace ladder
