// SPDX-License-Identifier: GPL-3.0-or-later
// Internal header (includes LibTorch): what every training loop shares — fine-tuning (Trainer)
// and pretraining (Pretrainer) alike. Stop and pause as RunControl asks, AdamW with the paper's
// betas and epsilon, gradient clipping, the divergence check, and turning however a run ended
// into a status and a message. Each loop keeps only what differs: its data, its step, its
// evaluation and its checkpoints.
#pragma once

#include "train/Trainer.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ladder {

/// Thrown inside a run to end it with status Stopped (a stop was requested).
struct RunStopped
{
};

/// Throws RunStopped once `control` asks for a stop.
void stopIfRequested(const RunControl &control);

/// Blocks while `control` is paused, polling every 50 ms, then stops if asked to (a stop ends a
/// pause). `pauseChanged(true)` is called when a pause begins and `pauseChanged(false)` when it
/// ends with the run going on.
void waitWhilePaused(const RunControl &control, const std::function<void(bool paused)> &pauseChanged = {});

/// AdamW as the paper's code configures it (β = 0.9, 0.999; ε = 1e-8) at `rate` with
/// `weightDecay`. `groupPerTensor`: one parameter group per tensor, so each can be given its own
/// rate (setLearningRate's `scale`).
std::unique_ptr<torch::optim::AdamW> makeAdamW(const std::vector<torch::Tensor> &parameters, double rate,
    double weightDecay, bool groupPerTensor = false);

/// Sets every parameter group's learning rate to `rate`, times `scale(group)` when given.
void setLearningRate(torch::optim::Optimizer &optimizer, double rate,
    const std::function<double(torch::optim::OptimizerParamGroup &)> &scale = {});

/// Clips the gradients' global norm to `maxNorm` (no clipping when `maxNorm` <= 0) and returns
/// the norm before clipping.
double clipGradientNorm(const std::vector<torch::Tensor> &parameters, double maxNorm);

/// Throws Error when `loss` is NaN or infinite: "the loss became NaN at step 12 (learning rate
/// 0.01): training diverged; <advice>".
void checkLossIsFinite(double loss, int64_t step, double rate, const std::string &advice);

/// How a run ended.
struct RunEnding
{
    TrainerStatus status = TrainerStatus::Failed;
    std::string message;
};

/// Runs `body` and says how it ended: Finished with the message `body` returns; Stopped with
/// `stoppedMessage()` when it threw RunStopped; Failed with the error's message for a
/// ladder::Error, a LibTorch error ("LibTorch error: …") or any other exception.
RunEnding runToEnd(const std::function<std::string()> &body, const std::function<std::string()> &stoppedMessage);

} // namespace ladder
