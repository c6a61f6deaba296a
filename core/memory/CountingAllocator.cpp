// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory/CountingAllocator.h"

#include <cstdlib>
#include <cstring>
#include <new>

namespace ladder {

namespace {

// 64 bytes keeps the 64-byte alignment LibTorch's own CPU allocator gives (vectorised kernels
// rely on it) while leaving room for the size header in front of the data.
constexpr size_t kAlignment = 64;
constexpr size_t kHeader = 64;

} // namespace

CountingAllocator &CountingAllocator::instance()
{
    static CountingAllocator allocator;
    return allocator;
}

c10::DataPtr CountingAllocator::allocate(size_t bytes) LADDER_ALLOCATE_CONST
{
    const c10::Device device(c10::DeviceType::CPU);
    if (bytes == 0)
        return c10::DataPtr(nullptr, nullptr, &CountingAllocator::deallocate, device);
    void *block = nullptr;
    if (bytes > SIZE_MAX - kHeader || posix_memalign(&block, kAlignment, bytes + kHeader) != 0)
        throw std::bad_alloc();
    std::memcpy(block, &bytes, sizeof bytes);
    void *data = static_cast<char *>(block) + kHeader;
    // The counters are logically part of the allocator's state even where allocate() is const.
    const_cast<CountingAllocator *>(this)->recordAllocation(static_cast<int64_t>(bytes));
    return c10::DataPtr(data, data, &CountingAllocator::deallocate, device);
}

c10::DeleterFnPtr CountingAllocator::raw_deleter() const
{
    return &CountingAllocator::deallocate;
}

void CountingAllocator::copy_data(void *dest, const void *src, std::size_t count) const
{
    std::memcpy(dest, src, count);
}

void CountingAllocator::deallocate(void *data)
{
    if (data == nullptr)
        return;
    void *block = static_cast<char *>(data) - kHeader;
    size_t bytes = 0;
    std::memcpy(&bytes, block, sizeof bytes);
    instance().recordFree(static_cast<int64_t>(bytes));
    std::free(block);
}

void CountingAllocator::recordAllocation(int64_t bytes)
{
    const int64_t now = m_current.fetch_add(bytes, std::memory_order_relaxed) + bytes;
    m_allocations.fetch_add(1, std::memory_order_relaxed);
    int64_t peak = m_peak.load(std::memory_order_relaxed);
    while (now > peak && !m_peak.compare_exchange_weak(peak, now, std::memory_order_relaxed)) {
    }
}

void CountingAllocator::recordFree(int64_t bytes)
{
    m_current.fetch_sub(bytes, std::memory_order_relaxed);
    m_allocations.fetch_sub(1, std::memory_order_relaxed);
}

} // namespace ladder
