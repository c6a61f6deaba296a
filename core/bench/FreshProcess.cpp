// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/FreshProcess.h"

#include "util/Error.h"

#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace ladder {

std::string currentExecutable()
{
    std::error_code error;
    const std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        throw Error("cannot find the running executable (/proc/self/exe): " + error.message());
    return path.string();
}

std::string runFreshProcess(const std::vector<std::string> &arguments)
{
    if (arguments.empty())
        throw Error("fresh process: no executable given");
    int pipeEnds[2];
    if (::pipe(pipeEnds) != 0)
        throw Error(std::string("fresh process: pipe: ") + std::strerror(errno));
    std::vector<char *> argv;
    for (const std::string &argument : arguments)
        argv.push_back(const_cast<char *>(argument.c_str()));
    argv.push_back(nullptr);
    const pid_t child = ::fork();
    if (child < 0) {
        ::close(pipeEnds[0]);
        ::close(pipeEnds[1]);
        throw Error(std::string("fresh process: fork: ") + std::strerror(errno));
    }
    if (child == 0) {
        ::dup2(pipeEnds[1], STDOUT_FILENO);
        ::close(pipeEnds[0]);
        ::close(pipeEnds[1]);
        ::execv(argv[0], argv.data());
        _exit(127);
    }
    ::close(pipeEnds[1]);
    std::string output;
    char buffer[4096];
    while (true) {
        const ssize_t got = ::read(pipeEnds[0], buffer, sizeof buffer);
        if (got > 0)
            output.append(buffer, static_cast<size_t>(got));
        else if (got == 0 || errno != EINTR)
            break;
    }
    ::close(pipeEnds[0]);
    int status = 0;
    while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (WIFSIGNALED(status))
        throw Error(arguments[0] + " " + (arguments.size() > 1 ? arguments[1] : "") + " was killed by signal "
                    + std::to_string(WTERMSIG(status))
                    + (WTERMSIG(status) == SIGKILL ? " (out of memory?)" : ""));
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw Error(arguments[0] + " exited with status " + std::to_string(WEXITSTATUS(status))
                    + (WEXITSTATUS(status) == 127 ? " (could not be started)" : ""));
    return output;
}

} // namespace ladder
