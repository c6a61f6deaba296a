// SPDX-License-Identifier: GPL-3.0-or-later
// Public header: no LibTorch or Qt include.
#pragma once

#include <string>
#include <vector>

namespace ladder {

/// Runs `arguments` (arguments[0]: the executable's path) as a new process and returns what it
/// wrote to stdout; its stderr goes to ours. A process of its own per measurement means no
/// allocator history, cached buffer or thread pool of one measurement can colour the next.
/// Throws ladder::Error when it cannot start, is killed, or exits non-zero (with the status).
std::string runFreshProcess(const std::vector<std::string> &arguments);

/// The running executable's path (/proc/self/exe), to re-run it with a hidden subcommand.
std::string currentExecutable();

} // namespace ladder
