// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/RunPreflight.h"

#include "train/MemoryPredictor.h"
#include "train/TaskData.h"
#include "util/Error.h"

#include <torch/cuda.h>

namespace ladder {

void requireDeviceAvailable(const std::string &device)
{
    if (device == "cuda" && !torch::cuda::is_available())
        throw Error("train.device: \"cuda\" was asked for, but this LibTorch has no CUDA device available "
                    "(build against a CUDA LibTorch, or use \"cpu\")");
}

void checkRunCanStart(const RunConfig &config)
{
    config.validate();
    requireDeviceAvailable(config.train.device);
    // The plan `ladder plan` prints: reads the backbone's shape and sizes the method on it.
    (void)predictTrainingMemory(config);
    // The rows `ladder data` reads: files, columns, labels.
    (void)loadTask(config);
}

} // namespace ladder
