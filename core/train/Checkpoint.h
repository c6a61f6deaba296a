// SPDX-License-Identifier: GPL-3.0-or-later
// Internal to core/train (LibTorch): what a training checkpoint holds and how it is written.
#pragma once

#include "peft/FineTuningModel.h"

#include <torch/torch.h>

#include <functional>
#include <string>

namespace ladder {

/// Where training stands: enough, with the trained state, optimizer state and RNG, to
/// continue exactly as the uninterrupted run would have.
struct TrainingPosition
{
    int64_t step = 0;        ///< optimizer steps done
    int64_t epoch = 0;       ///< the epoch the next micro-batch belongs to
    int64_t microBatch = 0;  ///< index of the next micro-batch in that epoch's order
    double bestScore = 0.0;
    int64_t bestStep = -1;   ///< -1: no validation yet
    std::string runName;
};

/// Writes `folder`/trained.safetensors, optimizer.pt (AdamW state), rng.pt (LibTorch's CPU
/// generator) and position.json, into a temporary folder renamed at the end, so a crash never
/// leaves a half-written checkpoint.
void writeCheckpoint(const std::string &folder, FineTuningModel &model, torch::optim::Optimizer &optimizer,
    const TrainingPosition &position);

/// Loads what writeCheckpoint() wrote into a model and optimizer built the same way, restores
/// the CPU generator, and returns the position. Throws ladder::Error naming the file.
TrainingPosition readCheckpoint(const std::string &folder, FineTuningModel &model, torch::optim::Optimizer &optimizer);

/// The part of a checkpoint every training loop shares: `folder`/optimizer.pt (the optimizer's
/// state) and rng.pt (LibTorch's CPU generator, so dropout continues as uninterrupted).
void writeOptimizerAndGenerator(const std::string &folder, torch::optim::Optimizer &optimizer);
/// Restores what writeOptimizerAndGenerator() wrote; throws ladder::Error naming the file.
void readOptimizerAndGenerator(const std::string &folder, torch::optim::Optimizer &optimizer);

/// A checkpoint is written into `folder`.partial (made empty here) and then renamed over
/// `folder` (replaceFolder), so a crash mid-write never leaves a half checkpoint under its name.
std::string temporaryBeside(const std::string &folder);
void replaceFolder(const std::string &temporary, const std::string &folder);
/// Reads `folder`/position.json, where a checkpoint says how far its run got, and hands the text
/// to `parse`. Throws ladder::Error "<folder>: <missingMessage>" when the file is absent, and
/// "<file>: malformed checkpoint position: …" when `parse` throws a JSON error.
void readCheckpointPosition(const std::string &folder, const std::string &missingMessage,
    const std::function<void(const std::string &text)> &parse);

/// Writes only the trained state (the best model so far).
void writeTrainedState(const std::string &folder, FineTuningModel &model);

} // namespace ladder
