// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Internal: who owns a running run, and whether that process still exists.

#include <cstdint>
#include <string>

namespace ladder {

/// A process, told apart from a later process that reuses its pid by its start time.
struct ProcessIdentity
{
    std::int64_t pid = 0;
    std::string host;
    std::string startToken; ///< /proc/<pid>/stat start time; empty where unknown
};

ProcessIdentity currentProcess();

/// False only when the process is certainly gone: same host, and no such pid, or a zombie, or
/// a different process (start time) under that pid. A process on another host is assumed
/// alive: this machine cannot tell.
bool processMayBeAlive(const ProcessIdentity &owner);

} // namespace ladder
