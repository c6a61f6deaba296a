// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory/DeviceMemory.h"

#include "memory/CountingAllocator.h"
#include "memory/MemoryMeter.h"
#include "util/Error.h"

#ifdef LADDER_HAVE_CUDA_MEMORY
#include "memory/CudaMemoryAccounting.h"
#endif

#include <cctype>

namespace ladder {

namespace {

class CpuMemoryAccounting final : public DeviceMemoryAccounting
{
public:
    CpuMemoryAccounting() { MemoryMeter::install(); }

    std::string device() const override { return "cpu"; }

    DeviceMemorySnapshot snapshot() const override
    {
        const CountingAllocator &allocator = CountingAllocator::instance();
        DeviceMemorySnapshot snap;
        snap.device = device();
        snap.currentBytes = allocator.currentBytes();
        snap.peakBytes = allocator.peakBytes();
        snap.reservedBytes = snap.currentBytes;
        snap.allocations = allocator.liveAllocations();
        return snap;
    }

    void resetPeak() override { CountingAllocator::instance().resetPeak(); }
};

// "cuda" → -1 (the current device), "cuda:N" → N; anything else → -2.
int cudaIndex(const std::string &device)
{
    if (device == "cuda")
        return -1;
    const std::string prefix = "cuda:";
    if (device.compare(0, prefix.size(), prefix) != 0 || device.size() == prefix.size() || device.size() > prefix.size() + 3)
        return -2;
    int index = 0;
    for (std::size_t i = prefix.size(); i < device.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(device[i])))
            return -2;
        index = index * 10 + (device[i] - '0');
    }
    return index;
}

} // namespace

std::unique_ptr<DeviceMemoryAccounting> makeDeviceMemoryAccounting(const std::string &device)
{
    if (device == "cpu")
        return std::make_unique<CpuMemoryAccounting>();
    const int index = cudaIndex(device);
    if (index == -2)
        throw Error("memory accounting: unknown device \"" + device + "\" (expected cpu, cuda or cuda:N)");
#ifdef LADDER_HAVE_CUDA_MEMORY
    return makeCudaMemoryAccounting(index);
#else
    throw Error("memory accounting: device \"" + device
        + "\" needs a build against a LibTorch with CUDA; this one was built against a CPU-only LibTorch");
#endif
}

bool cudaMemoryAccountingBuilt()
{
#ifdef LADDER_HAVE_CUDA_MEMORY
    return true;
#else
    return false;
#endif
}

} // namespace ladder
