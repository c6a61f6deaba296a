// SPDX-License-Identifier: GPL-3.0-or-later
// The stderr side of a long command (`ladder train`, `ladder pretrain`): log lines, and one
// progress line that a terminal redraws in place and a log file gets only at milestones.
#pragma once

#include <iostream>
#include <string>
#include <unistd.h>

namespace ladder::cli {

class ProgressLine
{
public:
    explicit ProgressLine(bool quiet) : m_quiet(quiet), m_tty(::isatty(STDERR_FILENO) != 0) {}

    /// A log line, below any progress line shown.
    void say(const std::string &line)
    {
        if (m_quiet)
            return;
        end();
        std::cerr << line << '\n';
    }

    /// Redraws the progress line on a terminal; elsewhere prints it when `milestone` is true.
    void show(const std::string &line, bool milestone)
    {
        if (m_quiet)
            return;
        if (m_tty) {
            std::cerr << '\r' << line << "\x1b[K" << std::flush;
            m_shown = true;
        } else if (milestone) {
            std::cerr << line << '\n';
        }
    }

    /// Ends a progress line left on the terminal (before a summary or an error).
    void end()
    {
        if (m_shown && m_tty && !m_quiet)
            std::cerr << '\n';
        m_shown = false;
    }

    bool quiet() const { return m_quiet; }

private:
    bool m_quiet;
    bool m_tty;
    bool m_shown = false;
};

} // namespace ladder::cli
