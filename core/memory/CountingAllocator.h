// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <c10/core/Allocator.h>
#include <torch/version.h>

#include <atomic>
#include <cstdint>

// Allocator::allocate became non-const, and copy_data() pure virtual, in LibTorch 2.3
// (ARCHITECTURE.md, hazard 7). This is the one place that knows.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 3)
#define LADDER_ALLOCATE_CONST
#else
#define LADDER_ALLOCATE_CONST const
#endif

namespace ladder {

/// A CPU allocator that counts live and peak bytes. Each block carries a small header holding
/// its size, so frees through the raw deleter are counted too and no lookup table is needed.
class CountingAllocator final : public c10::Allocator
{
public:
    c10::DataPtr allocate(size_t bytes) LADDER_ALLOCATE_CONST override;
    c10::DeleterFnPtr raw_deleter() const override;
    void copy_data(void *dest, const void *src, std::size_t count) const;

    int64_t currentBytes() const { return m_current.load(std::memory_order_relaxed); }
    int64_t peakBytes() const { return m_peak.load(std::memory_order_relaxed); }
    int64_t liveAllocations() const { return m_allocations.load(std::memory_order_relaxed); }
    void resetPeak() { m_peak.store(currentBytes(), std::memory_order_relaxed); }

    static CountingAllocator &instance();

private:
    static void deallocate(void *data);
    void recordAllocation(int64_t bytes);
    void recordFree(int64_t bytes);

    std::atomic<int64_t> m_current{0};
    std::atomic<int64_t> m_peak{0};
    std::atomic<int64_t> m_allocations{0};
};

} // namespace ladder
