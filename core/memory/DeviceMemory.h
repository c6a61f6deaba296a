// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (the trainer, the benchmarks and `ladder` name devices).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace ladder {

/// Tensor memory of one device as its allocator counts it, at one moment.
struct DeviceMemorySnapshot
{
    std::string device;       ///< "cpu" or "cuda:N"
    int64_t currentBytes = 0; ///< live tensor bytes (torch.cuda.memory_allocated() on CUDA)
    int64_t peakBytes = 0;    ///< highest live tensor bytes since the last resetPeak()
    /// Bytes the allocator holds from the device, live or cached for reuse
    /// (torch.cuda.memory_reserved()): what other processes cannot have. The CPU counting
    /// allocator caches nothing, so there it equals currentBytes.
    int64_t reservedBytes = 0;
    int64_t allocations = 0;  ///< live tensor allocations
};

/// The one interface every tensor-memory figure comes through: the CPU counting allocator
/// (MemoryMeter) or CUDA's caching allocator statistics. Training, `ladder bench` and the
/// curves ask it, so a run on a GPU plots the GPU's memory, not the host's.
class DeviceMemoryAccounting
{
public:
    virtual ~DeviceMemoryAccounting() = default;

    /// "cpu" or "cuda:N", as stored with the run (HostFacts::device).
    virtual std::string device() const = 0;
    virtual DeviceMemorySnapshot snapshot() const = 0;
    /// Starts a new peak window: the peak becomes the current bytes.
    virtual void resetPeak() = 0;
};

/// The accounting for a device named as `train.device` names it: "cpu", "cuda" (the current
/// CUDA device) or "cuda:N". The CPU one installs the counting allocator (MemoryMeter::install());
/// tensors allocated before that are not counted. CUDA exists only when this build's LibTorch
/// has CUDA (cudaMemoryAccountingBuilt()); otherwise, and for an unknown device or a CUDA index
/// this machine lacks, throws ladder::Error saying which.
std::unique_ptr<DeviceMemoryAccounting> makeDeviceMemoryAccounting(const std::string &device);

/// Whether the CUDA accounting was compiled in (LibTorch with CUDA at configure time).
bool cudaMemoryAccountingBuilt();

} // namespace ladder
