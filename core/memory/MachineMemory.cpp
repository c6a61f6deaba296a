// SPDX-License-Identifier: GPL-3.0-or-later
#include "memory/MachineMemory.h"

#include <unistd.h>

namespace ladder {

int64_t physicalMemoryBytes()
{
    const long pages = sysconf(_SC_PHYS_PAGES);
    const long pageSize = sysconf(_SC_PAGESIZE);
    if (pages <= 0 || pageSize <= 0)
        return 0;
    return static_cast<int64_t>(pages) * static_cast<int64_t>(pageSize);
}

} // namespace ladder
