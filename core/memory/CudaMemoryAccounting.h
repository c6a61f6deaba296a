// SPDX-License-Identifier: GPL-3.0-or-later
// Internal: built only when LibTorch has CUDA (LADDER_HAVE_CUDA_MEMORY); DeviceMemory.cpp is its
// one caller.
#pragma once

#include "memory/DeviceMemory.h"

namespace ladder {

/// CUDA's caching-allocator statistics for device `index` (-1: the current device). Throws
/// ladder::Error when the index is not a device of this machine.
std::unique_ptr<DeviceMemoryAccounting> makeCudaMemoryAccounting(int index);

} // namespace ladder
