// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/ProcessOwner.h"

#include "store/RunRecords.h"

#include <cerrno>
#include <csignal>
#include <fstream>
#include <sstream>
#include <thread>

#include <signal.h>
#include <unistd.h>

namespace ladder {

namespace {

std::string hostName()
{
    char buffer[256] = {};
    if (gethostname(buffer, sizeof buffer - 1) != 0)
        return "unknown";
    return buffer;
}

/// State (field 3) and start time (field 22) from /proc/<pid>/stat. The command name (field 2)
/// may hold spaces and parentheses, so fields are counted after its last ')'.
bool readProcStat(std::int64_t pid, char &state, std::string &startTime)
{
    std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
    std::string line;
    if (!in || !std::getline(in, line))
        return false;
    const std::size_t close = line.rfind(')');
    if (close == std::string::npos)
        return false;
    std::istringstream fields(line.substr(close + 1));
    std::string field;
    for (int index = 3; fields >> field; ++index) {
        if (index == 3)
            state = field.empty() ? '?' : field[0];
        if (index == 22) {
            startTime = field;
            return true;
        }
    }
    return false;
}

} // namespace

ProcessIdentity currentProcess()
{
    ProcessIdentity self;
    self.pid = getpid();
    self.host = hostName();
    char state = '?';
    readProcStat(self.pid, state, self.startToken);
    return self;
}

bool processMayBeAlive(const ProcessIdentity &owner)
{
    if (owner.pid <= 0)
        return false;
    if (owner.host != hostName())
        return true;
    if (kill(static_cast<pid_t>(owner.pid), 0) != 0 && errno == ESRCH)
        return false;
    char state = '?';
    std::string startTime;
    if (readProcStat(owner.pid, state, startTime)) {
        if (state == 'Z' || state == 'X')
            return false;
        if (!owner.startToken.empty() && startTime != owner.startToken)
            return false;
    }
    return true;
}

HostFacts currentHostFacts()
{
    HostFacts facts;
    facts.hostName = hostName();
    facts.threads = static_cast<int>(std::thread::hardware_concurrency());
    std::ifstream cpuinfo("/proc/cpuinfo");
    for (std::string line; std::getline(cpuinfo, line);) {
        if (line.rfind("model name", 0) == 0) {
            const std::size_t colon = line.find(':');
            const std::size_t start = colon == std::string::npos ? colon : line.find_first_not_of(" \t", colon + 1);
            if (start != std::string::npos)
                facts.cpu = line.substr(start);
            break;
        }
    }
#ifdef LADDER_VERSION
    facts.appVersion = LADDER_VERSION;
#endif
    return facts;
}

} // namespace ladder
