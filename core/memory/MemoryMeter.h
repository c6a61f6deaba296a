// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <cstdint>

namespace ladder {

/// What the memory meter knows at one moment. Tensor figures count the bytes of tensor storage
/// that LibTorch allocated through the CPU allocator (the CPU counterpart of
/// `torch.cuda.memory_allocated()` / `max_memory_allocated()`); RSS figures are the process's
/// resident set as the kernel reports it, which also holds code, glibc's retained free memory
/// and everything not made by LibTorch.
struct MemorySnapshot
{
    int64_t currentBytes = 0;  ///< live tensor bytes now
    int64_t peakBytes = 0;     ///< highest live tensor bytes since install() or resetPeak()
    int64_t allocations = 0;   ///< live tensor allocations now
    int64_t currentRssBytes = 0;
    int64_t peakRssBytes = 0;  ///< VmHWM: since process start, or since resetPeak() where the kernel allows
    bool peakRssResettable = false; ///< whether resetPeak() could reset VmHWM (Linux clear_refs)
};

/// Allocator accounting for every memory figure the product shows. install() puts a counting
/// allocator in front of LibTorch's CPU allocator (c10::SetCPUAllocator); tensors allocated
/// before that are not counted, so entry points install it first.
class MemoryMeter
{
public:
    /// Installs the counting allocator once per process; later calls do nothing.
    static void install();
    static bool isInstalled();

    static MemorySnapshot snapshot();

    /// Starts a new peak window: peak tensor bytes become the current bytes, and the kernel's
    /// peak RSS is reset where possible.
    static void resetPeak();
};

} // namespace ladder
