// SPDX-License-Identifier: GPL-3.0-or-later
#include "runtime/Threads.h"

#include <ATen/Parallel.h>

#include <thread>

namespace ladder {

int configureThreads(int requested)
{
    int count = requested;
    if (count <= 0)
        count = static_cast<int>(std::thread::hardware_concurrency());
    if (count <= 0)
        count = 1;
    at::set_num_threads(count);
    return at::get_num_threads();
}

} // namespace ladder
