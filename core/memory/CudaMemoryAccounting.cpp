// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory/CudaMemoryAccounting.h"

#include "util/Error.h"

#include <c10/cuda/CUDACachingAllocator.h>
#include <c10/cuda/CUDAFunctions.h>
#include <torch/torch.h>

namespace ladder {

namespace {

namespace caching = c10::cuda::CUDACachingAllocator;

// Every statistic is an array by pool kind; element 0 is StatType::AGGREGATE (all pools) in
// LibTorch 1.13 and 2.x alike. The enum itself moved namespaces in 2.4, its order did not
// (ARCHITECTURE.md, hazard 7), so the index is spelled once here instead of the enum.
constexpr std::size_t kAllPools = 0;

class CudaMemoryAccounting final : public DeviceMemoryAccounting
{
public:
    explicit CudaMemoryAccounting(c10::DeviceIndex index)
        : m_index(index)
    {
    }

    std::string device() const override { return "cuda:" + std::to_string(static_cast<int>(m_index)); }

    DeviceMemorySnapshot snapshot() const override
    {
        // getDeviceStats takes an int in 1.13 and a DeviceIndex from 2.3: a DeviceIndex converts to both.
        const auto stats = caching::getDeviceStats(m_index);
        DeviceMemorySnapshot snap;
        snap.device = device();
        snap.currentBytes = stats.allocated_bytes[kAllPools].current;
        snap.peakBytes = stats.allocated_bytes[kAllPools].peak;
        snap.reservedBytes = stats.reserved_bytes[kAllPools].current;
        snap.allocations = stats.allocation[kAllPools].current;
        return snap;
    }

    void resetPeak() override { caching::resetPeakStats(m_index); }

private:
    c10::DeviceIndex m_index;
};

} // namespace

std::unique_ptr<DeviceMemoryAccounting> makeCudaMemoryAccounting(int index)
{
    const int count = static_cast<int>(c10::cuda::device_count());
    if (count == 0)
        throw Error("memory accounting: this LibTorch has CUDA, but this machine has no CUDA device");
    if (index < 0)
        index = static_cast<int>(c10::cuda::current_device());
    if (index >= count)
        throw Error("memory accounting: there is no device cuda:" + std::to_string(index) + " (this machine has "
            + std::to_string(count) + " CUDA device" + (count == 1 ? "" : "s") + ", cuda:0 to cuda:"
            + std::to_string(count - 1) + ")");
    // The caching allocator's per-device statistics exist once CUDA is initialised on the device;
    // one allocation does that in every LibTorch version (the lazy-init entry point was renamed).
    (void)torch::empty({1}, torch::TensorOptions().device(torch::Device(torch::kCUDA, static_cast<c10::DeviceIndex>(index))));
    return std::make_unique<CudaMemoryAccounting>(static_cast<c10::DeviceIndex>(index));
}

} // namespace ladder
