// SPDX-License-Identifier: GPL-3.0-or-later
// The queue tests' run: LoRA on the demo's backbone and task with a small split, one thread (a few
// seconds), as tests/app/test_workbench.cpp trains.
#pragma once

#include "designer/RunDesigner.h"
#include "train/RunConfig.h"

#include <string>

inline ladder::RunConfig tinyRun(const std::string &name, int64_t steps)
{
    ladder::RunConfig config = ladder::RunDesigner::demoConfig();
    config.name = name;
    config.method.kind = ladder::MethodKind::Lora;
    config.task.trainSize = 64;
    config.task.validationSize = 16;
    config.task.testSize = 16;
    config.train.batchSize = 8;
    config.train.maxSteps = steps;
    config.train.evalEvery = steps;
    config.train.maxSourceLength = 32;
    config.train.threads = 1;
    return config;
}
