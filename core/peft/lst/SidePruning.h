// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header: includes LibTorch, so never include it from app/ or widgets/.
#pragma once

#include "model/T5Model.h"
#include "peft/FineTuningModel.h"
#include "peft/lst/LadderSideNetwork.h"

#include <torch/torch.h>

#include <map>
#include <set>
#include <string>
#include <vector>

namespace ladder {

/// Importance of each entry of a backbone weight, by the weight's HF name
/// ("encoder.block.1.layer.0.SelfAttention.q.weight", "shared.weight", ...).
using ImportanceMap = std::map<std::string, torch::Tensor>;

/// The `keep` rows of `importance` [rows, cols] with the **largest** L1 norm, returned in
/// ascending index order. Ties go to the lower index (a stable sort), so the choice is
/// deterministic. (The official code asks L1Strategy for the smallest rows *to prune*; keeping
/// the largest is the same selection.)
std::vector<int64_t> selectRowsByL1(const torch::Tensor &importance, int64_t keep);

/// The backbone weights whose importance initializeSideByPruning reads for this side network:
/// every projection of a kept block, the `wo` whose output rows fix a kept block's (or the final
/// norm's) input entries, and `shared.weight` when a stack keeps layer 0.
std::set<std::string> weightsToRank(const LadderSideNetworkImpl &network);

/// Empirical Fisher F = Σ (∂L/∂W)² over `samples` training examples at batch 1 (batches from
/// `nextBatch` are split into rows), for the named weights only (LST-SPEC §1.8 step 1). Runs on
/// the backbone itself in eval mode (so the result is deterministic): requires_grad is switched
/// on for those weights for the duration and off again, gradients are cleared after each
/// example. Throws ladder::Error when no example with labels arrives.
ImportanceMap fisherImportance(T5ForConditionalGenerationImpl &backbone, const std::set<std::string> &names,
                               const std::function<std::optional<T5Inputs>()> &nextBatch, int64_t samples);

/// |W| for the named weights: the data-free ranking.
ImportanceMap magnitudeImportance(T5ForConditionalGenerationImpl &backbone, const std::set<std::string> &names);

/// Structured pruning "fisher-v2" (LST-SPEC §1.8 step 2–3): walking each stack in forward order,
/// side block i takes backbone block i's weights keeping 1/r of the rows of each matrix, ranked
/// by row-L1 of `importance` over the full matrix; q/k/v (and gated wi_0/wi_1) jointly by the
/// product of their importances; the rows kept by the previous step select the input columns
/// (cross-attention k/v: the encoder's final entries) and the RMSNorm entries; each sub-layer's
/// output rows are chosen independently ("without residual"). Final side norms take the pruned
/// final_layer_norm; relative-bias tables are copied unchanged; ladders, up-projection and
/// gates are left as they are.
void initializeSideByPruning(LadderSideNetworkImpl &network, const ImportanceMap &importance);

} // namespace ladder
