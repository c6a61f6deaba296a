// SPDX-License-Identifier: GPL-3.0-or-later
// Compare methods: the designer's run once per chosen method, everything else held equal.
// Widget-free, so the rule "only the method and its learning rate differ" is tested on its own.
#pragma once

#include "train/LearningRates.h"
#include "train/RunConfig.h"

#include <QMap>
#include <QString>

#include <vector>

namespace ladder {

/// One configuration per method in `methods`, in that order: `base` with the method block
/// replaced by that method at its default options and train.learning_rate set to
/// `learningRates[methodName(kind)]` (a missing or non-positive entry: defaultLearningRate(kind)).
/// The name is cleared so each run is stored under its descriptive default name; backbone,
/// task, data order, seed and every other setting stay the base's.
std::vector<RunConfig> methodComparisonConfigs(
    const RunConfig &base, const std::vector<MethodKind> &methods, const QMap<QString, double> &learningRates);

/// The paper's learning rate for every method (defaultLearningRate), by code name.
QMap<QString, double> paperLearningRates();

/// Learning rates measured to work on the shipped teaching backbones (wordnet-t5-tiny and
/// wordnet-t5-mini; teachingBackboneLearningRate()), by code name; the paper's rates are tuned
/// for T5-base. hasMeasuredLearningRates() (train/LearningRates.h) says which backbones.
QMap<QString, double> demoLearningRates();

/// The rates Compare methods offers before the user edits them: demoLearningRates() for a
/// shipped teaching backbone, the paper's otherwise.
QMap<QString, double> defaultComparisonRates(const BackboneConfig &backbone);

/// The methods Compare methods checks until the user chooses: LST, Adapters and LoRA.
std::vector<MethodKind> defaultComparedMethods();

} // namespace ladder
