// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory/MemoryMeter.h"

#include "memory/CountingAllocator.h"

#include <c10/core/CPUAllocator.h>

#include <fstream>
#include <mutex>
#include <string>

namespace ladder {

namespace {

std::once_flag g_installOnce;
bool g_installed = false;

// Reads a "Key:   1234 kB" line of /proc/self/status, in bytes; 0 where unavailable.
int64_t procStatusBytes(const std::string &key)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line)) {
        if (line.compare(0, key.size(), key) == 0 && line.size() > key.size() && line[key.size()] == ':')
            return std::stoll(line.substr(key.size() + 1)) * 1024;
    }
    return 0;
}

// Writing "5" to clear_refs resets VmHWM (Linux ≥ 4.0); refused in some sandboxes.
bool resetKernelPeakRss()
{
    std::ofstream clear("/proc/self/clear_refs");
    if (!clear)
        return false;
    clear << "5";
    clear.flush();
    return static_cast<bool>(clear);
}

bool g_peakRssResettable = false;

} // namespace

void MemoryMeter::install()
{
    std::call_once(g_installOnce, [] {
        c10::SetCPUAllocator(&CountingAllocator::instance(), /*priority=*/100);
        g_installed = true;
    });
}

bool MemoryMeter::isInstalled()
{
    return g_installed;
}

MemorySnapshot MemoryMeter::snapshot()
{
    const CountingAllocator &allocator = CountingAllocator::instance();
    MemorySnapshot snap;
    snap.currentBytes = allocator.currentBytes();
    snap.peakBytes = allocator.peakBytes();
    snap.allocations = allocator.liveAllocations();
    snap.currentRssBytes = procStatusBytes("VmRSS");
    snap.peakRssBytes = procStatusBytes("VmHWM");
    snap.peakRssResettable = g_peakRssResettable;
    return snap;
}

void MemoryMeter::resetPeak()
{
    CountingAllocator::instance().resetPeak();
    g_peakRssResettable = resetKernelPeakRss();
}

} // namespace ladder
