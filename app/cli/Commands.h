// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace ladder::cli {

/// A subcommand and the action to run when the user chose it. Each command file registers
/// its options on the subcommand and binds them into the action.
struct Command
{
    CLI::App *subcommand = nullptr;
    std::function<int()> run;
};

Command addInfoCommand(CLI::App &app);
Command addForwardCommand(CLI::App &app);

/// Adds the backbone choice every model command shares: `--model DIR` or `--preset NAME`.
void addBackboneOptions(CLI::App &command, std::string &modelDir, std::string &preset);

} // namespace ladder::cli
