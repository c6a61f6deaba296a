// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <CLI/CLI.hpp>

#include <functional>
#include <string>

namespace ladder {
enum class TrainerStatus;
}

namespace ladder::cli {

/// A subcommand and the action to run when the user chose it. Each command file registers
/// its options on the subcommand and binds them into the action.
struct Command
{
    CLI::App *subcommand = nullptr;
    std::function<int()> run;
};

Command addInfoCommand(CLI::App &app);
// Every configuration option from its declaration (OptionsCommand.cpp): `options`.
Command addOptionsCommand(CLI::App &app);
Command addForwardCommand(CLI::App &app);
// The experiment store (StoreCommands.cpp): `runs`, `show`, `export`, `import`, `rm`.
Command addRunsCommand(CLI::App &app);
Command addShowCommand(CLI::App &app);
Command addExportCommand(CLI::App &app);
Command addImportCommand(CLI::App &app);
Command addRemoveCommand(CLI::App &app);
// Comparing stored runs (CompareCommand.cpp): `compare`.
Command addCompareCommand(CLI::App &app);
// The training engine (TrainCommand.cpp, DataCommand.cpp, PlanCommand.cpp): `train`, `data`, `plan`.
Command addTrainCommand(CLI::App &app);
Command addDataCommand(CLI::App &app);
Command addPlanCommand(CLI::App &app);
// Pretraining teaching backbones (PretrainCommand.cpp): `pretrain`.
Command addPretrainCommand(CLI::App &app);
// Benchmarks (BenchCommand.cpp): `bench memory`, `bench speed`.
Command addBenchCommand(CLI::App &app);

/// The exit status of a training command (`train`, `pretrain`): 0 finished, 130 stopped (as
/// Ctrl-C's), 1 failed after printing the message (TrainCommand.cpp).
int runExitStatus(TrainerStatus status, const std::string &message);

/// Adds the backbone choice every model command shares: `--model DIR` or `--preset NAME`.
void addBackboneOptions(CLI::App &command, std::string &modelDir, std::string &preset);

} // namespace ladder::cli
