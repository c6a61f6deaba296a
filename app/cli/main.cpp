// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder`: runs the workbench's core headless.

#include "Commands.h"

#include "memory/MemoryMeter.h"
#include "runtime/BuildInfo.h"
#include "util/Error.h"
#include "util/UserMessage.h"
#include "runtime/Threads.h"

#include <iostream>
#include <vector>

int main(int argc, char **argv)
{
    using namespace ladder;
    // Installed before any tensor exists, so every tensor byte is counted.
    MemoryMeter::install();

    CLI::App app{"ladder — Ladder Side-Tuning workbench, command line"};
    app.require_subcommand(1);
    // Bad input is one line on stderr and a non-zero exit, for scripts and for people.
    app.failure_message([](const CLI::App *, const CLI::Error &e) {
        return std::string("ladder: error: ") + e.what() + " (see --help)\n";
    });
    app.set_version_flag("--version", "ladder " + appVersion() + " (LibTorch " + libtorchVersion() + ")");
    int threads = 0;
    app.add_option("--threads", threads, "Intra-op threads (0: one per core)")->check(CLI::NonNegativeNumber);

    const std::vector<cli::Command> commands{cli::addInfoCommand(app),    cli::addForwardCommand(app),
                                             cli::addRunsCommand(app),    cli::addShowCommand(app),
                                             cli::addExportCommand(app),  cli::addImportCommand(app),
                                             cli::addRemoveCommand(app),  cli::addCompareCommand(app),
                                             cli::addTrainCommand(app),
                                             cli::addDataCommand(app),    cli::addPlanCommand(app),
                                             cli::addPretrainCommand(app),   cli::addOptionsCommand(app),
                                             cli::addBenchCommand(app)};

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError &e) {
        return app.exit(e);
    }

    try {
        configureThreads(threads);
        for (const cli::Command &command : commands) {
            if (command.subcommand->parsed())
                return command.run();
        }
    } catch (const std::exception &e) {
        std::cerr << "ladder: error: " << withoutLibraryCodes(e.what()) << '\n';
        return 1;
    }
    return 0;
}
