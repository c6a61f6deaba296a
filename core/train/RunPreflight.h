// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include. What `ladder train` checks before it records a run.
#pragma once

#include "train/RunConfig.h"

#include <string>

namespace ladder {

/// The mistakes a run would otherwise meet only after its store row exists, found the way
/// `ladder plan` and `ladder data` find them: the configuration's cross-field rules, the method
/// on the backbone's shape (an LST reduction that does not divide d_model, an unreadable
/// backbone folder), the task's files and rows, and the device. Throws ladder::Error with the
/// message those commands give. Reads the task's data once more than training alone would.
void checkRunCanStart(const RunConfig &config);

/// Throws ladder::Error when `device` ("cpu" or "cuda") cannot be used by this build on this
/// machine.
void requireDeviceAvailable(const std::string &device);

} // namespace ladder
