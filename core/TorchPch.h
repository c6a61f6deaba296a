// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled header for LibTorch translation units (core, its tests and benchmarks).
#pragma once

#include <torch/torch.h>
