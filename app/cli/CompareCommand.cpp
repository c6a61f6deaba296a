// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder compare RUN… [--json|--csv|--markdown]`: the comparison table the workbench's compare
// view shows, built by the same core function (experiments/RunComparison.h).

#include "Commands.h"

#include "experiments/RunComparison.h"
#include "store/DataLocation.h"
#include "store/RunStore.h"
#include "util/Error.h"

#include <filesystem>
#include <iostream>
#include <memory>

namespace ladder::cli {

namespace {

struct CompareCommandOptions
{
    std::string db;
    std::vector<RunId> runs;
    bool json = false;
    bool csv = false;
    bool markdown = false;
};

int compare(const CompareCommandOptions &options)
{
    const std::string path = resolveDatabasePath(options.db);
    // Opening would create an empty database; a mistyped --db should say so instead.
    if (!std::filesystem::exists(path))
        throw Error::inFile(path,
            "there is no run database here (`ladder train` and the workbench create it; choose another with --db)");
    const RunStore store(path);
    const RunComparison comparison = compareRuns(store, options.runs);
    if (options.json)
        std::cout << comparisonJson(comparison);
    else if (options.csv)
        std::cout << comparisonCsv(comparison);
    else if (options.markdown)
        std::cout << comparisonMarkdown(comparison);
    else
        std::cout << comparisonText(comparison);
    return 0;
}

} // namespace

Command addCompareCommand(CLI::App &app)
{
    auto options = std::make_shared<CompareCommandOptions>();
    CLI::App *command = app.add_subcommand("compare",
        "Compare finished runs: trainable %, peak training memory, score per task, samples/s, configuration "
        "differences");
    command->add_option("--db", options->db, "Run database (default: $LADDER_DB or " + defaultDatabasePath() + ")");
    command->add_option("RUN", options->runs, "Run ids (see `ladder runs`)")->required();
    auto *json = command->add_flag("--json", options->json, "Print every figure as JSON");
    auto *csv = command->add_flag("--csv", options->csv, "Print the table as CSV");
    auto *markdown = command->add_flag("--markdown", options->markdown, "Print the table as Markdown");
    json->excludes(csv, markdown);
    csv->excludes(markdown);
    return { command, [options] { return compare(*options); } };
}

} // namespace ladder::cli
