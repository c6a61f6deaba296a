// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include (the designer checks a run fits before it starts).
#pragma once

#include <cstdint>

namespace ladder {

/// The machine's physical memory in bytes (sysconf: pages × page size), or 0 where the system
/// does not say.
int64_t physicalMemoryBytes();

} // namespace ladder
