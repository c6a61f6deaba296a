// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. The learning rate a run should start from: the
// rates measured on the shipped teaching backbones, the paper's elsewhere. The designer and
// Compare methods both read them here, so the numbers exist once.
#pragma once

#include "train/RunConfig.h"

namespace ladder {

/// Whether teachingBackboneLearningRate() was measured on this backbone: the shipped teaching
/// backbones wordnet-t5-tiny and wordnet-t5-mini, named as presets (not a folder).
bool hasMeasuredLearningRates(const BackboneConfig &backbone);

/// The rate measured to work for `kind` on the shipped teaching backbones (the paper's rates
/// are tuned for T5-base; see the .cpp for the measurement).
double teachingBackboneLearningRate(MethodKind kind);

/// The rate a run of `kind` on `backbone` starts from: teachingBackboneLearningRate() on a
/// shipped teaching backbone, defaultLearningRate() (the paper's) otherwise.
double suggestedLearningRate(MethodKind kind, const BackboneConfig &backbone);

} // namespace ladder
