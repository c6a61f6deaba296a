// SPDX-License-Identifier: GPL-3.0-or-later
// The experiment store from the command line: `ladder runs`, `show`, `export`, `import`, `rm`.
// Every command takes `--db PATH`; the default is the per-user database the workbench shares.

#include "Commands.h"

#include "peft/MethodConfig.h"
#include "store/DataLocation.h"
#include "store/RunExport.h"
#include "store/RunStore.h"
#include "util/Error.h"
#include "util/Text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <memory>
#include <sstream>

namespace ladder::cli {

namespace {

using nlohmann::json;

void addDatabaseOption(CLI::App &command, std::string &db)
{
    command.add_option("--db", db, "Run database (default: $LADDER_DB or " + defaultDatabasePath() + ")");
}

/// "full, bitfit, adapter, …": the names `--method` accepts, as the store records them.
std::string methodNames()
{
    std::vector<std::string> names;
    for (MethodKind kind : allMethodKinds())
        names.push_back(methodName(kind));
    return joined(names);
}

std::string localTime(double seconds)
{
    if (seconds <= 0)
        return "-";
    const std::time_t time = static_cast<std::time_t>(seconds);
    std::tm parts {};
    localtime_r(&time, &parts);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &parts);
    return text;
}

std::string duration(double seconds)
{
    const long total = static_cast<long>(seconds);
    std::ostringstream out;
    if (total >= 3600)
        out << total / 3600 << "h " << std::setw(2) << std::setfill('0') << (total % 3600) / 60 << 'm';
    else if (total >= 60)
        out << total / 60 << "m " << std::setw(2) << std::setfill('0') << total % 60 << 's';
    else
        out << std::fixed << std::setprecision(1) << seconds << 's';
    return out.str();
}

std::string mebibytes(std::int64_t bytes)
{
    std::ostringstream out;
    out << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / (1024.0 * 1024.0) << " MiB";
    return out.str();
}

json runJson(const RunRecord &run)
{
    return { { "id", run.id }, { "name", run.name }, { "status", runStatusName(run.status) }, { "method", run.method },
        { "backbone", run.backbone }, { "task", run.task }, { "created_at", run.createdAt },
        { "started_at", run.startedAt > 0 ? json(run.startedAt) : json() },
        { "finished_at", run.finishedAt > 0 ? json(run.finishedAt) : json() }, { "seed", run.seed },
        { "config_hash", run.configHash }, { "trainable_parameters", run.trainableParameters },
        { "total_parameters", run.totalParameters }, { "tags", run.tags } };
}

/// The database for commands that only read or delete: a mistyped --db must not leave an
/// empty database behind.
RunStore openExisting(const std::string &option)
{
    const std::string path = resolveDatabasePath(option);
    if (!std::filesystem::exists(path))
        throw Error::inFile(path,
            "there is no run database here (`ladder train` and the workbench create it; "
            "choose another with --db)");
    return RunStore(path);
}

// --- ladder runs -------------------------------------------------------------------------------

struct RunsOptions
{
    std::string db;
    bool json = false;
    std::string method, task, backbone, tag, status;
};

int listRuns(const RunsOptions &options)
{
    RunFilter filter;
    auto set = [](std::optional<std::string> &field, const std::string &value) {
        if (!value.empty())
            field = value;
    };
    set(filter.method, options.method);
    set(filter.task, options.task);
    set(filter.backbone, options.backbone);
    set(filter.tag, options.tag);
    if (!options.status.empty())
        filter.status = runStatusFromName(options.status);

    const std::string path = resolveDatabasePath(options.db);
    if (!std::filesystem::exists(path)) {
        // Nothing recorded yet is not an error for a list.
        std::cout << (options.json ? "[]\n" : "");
        std::cerr << "no run database at " << path << " yet\n";
        return 0;
    }
    RunStore store(path);
    const std::vector<RunRecord> runs = store.listRuns(filter);
    if (options.json) {
        json list = json::array();
        for (const RunRecord &run : runs)
            list.push_back(runJson(run));
        std::cout << list.dump(2) << '\n';
        return 0;
    }
    // Columns as wide as their longest entry (task names such as "pretrain/wordnet" or
    // "file/…" and backbone names run long), plus two spaces.
    std::size_t methodWidth = 6, taskWidth = 4, backboneWidth = 8;
    for (const RunRecord &run : runs) {
        methodWidth = std::max(methodWidth, run.method.size());
        taskWidth = std::max(taskWidth, run.task.size());
        backboneWidth = std::max(backboneWidth, run.backbone.size());
    }
    const auto column = [](std::size_t width) { return std::setw(static_cast<int>(width + 2)); };
    std::cout << std::left << std::setw(6) << "ID" << std::setw(12) << "STATUS" << column(methodWidth) << "METHOD"
              << column(taskWidth) << "TASK" << column(backboneWidth) << "BACKBONE" << std::setw(21) << "CREATED"
              << "NAME [TAGS]\n";
    for (const RunRecord &run : runs) {
        std::cout << std::left << std::setw(6) << run.id << std::setw(12) << runStatusName(run.status)
                  << column(methodWidth) << run.method << column(taskWidth) << run.task << column(backboneWidth)
                  << run.backbone << std::setw(21) << localTime(run.createdAt) << run.name;
        if (!run.tags.empty())
            std::cout << " [" << joined(run.tags, ",") << ']';
        std::cout << '\n';
    }
    if (runs.empty())
        std::cerr << "no runs in " << store.path()
                  << (filter.method || filter.task || filter.backbone || filter.tag || filter.status
                             ? " match the filters"
                             : "")
                  << '\n';
    return 0;
}

// --- ladder show -------------------------------------------------------------------------------

struct ShowOptions
{
    std::string db;
    RunId run = 0;
    bool json = false;
};

json parsedConfig(const RunRecord &run)
{
    try {
        return json::parse(run.configJson);
    } catch (const json::exception &) {
        return run.configJson; // stored text that is not JSON: show it as it is
    }
}

int showRunJson(const RunStore &store, const RunSummary &summary)
{
    const RunRecord &run = summary.run;
    json out = runJson(run);
    out["config"] = parsedConfig(run);
    out["notes"] = run.notes;
    out["status_message"] = run.statusMessage;
    out["host"] = { { "name", run.host.hostName }, { "cpu", run.host.cpu }, { "threads", run.host.threads },
        { "libtorch_version", run.host.libtorchVersion }, { "app_version", run.host.appVersion }, { "device", run.host.device } };
    json best = json::array();
    for (const BestEvaluation &b : summary.bestEvaluations)
        best.push_back({ { "split", b.split }, { "metric", b.metric }, { "step", b.step }, { "value", b.value },
            { "lower_is_better", b.lowerIsBetter } });
    out["best_evaluations"] = best;
    out["peak_memory_bytes"] = summary.peakMemoryBytes;
    out["mean_throughput"] = summary.meanThroughput ? json(*summary.meanThroughput) : json();
    out["last_step"] = summary.lastStep ? json(*summary.lastStep) : json();
    json series = json::array();
    for (const std::string &name : store.seriesNames(run.id)) {
        const std::vector<SeriesPoint> points = store.series(run.id, name);
        json entry { { "name", name }, { "points", points.size() } };
        if (!points.empty()) {
            entry["last_step"] = points.back().step;
            entry["last_value"] = std::isfinite(points.back().value) ? json(points.back().value) : json();
        }
        series.push_back(entry);
    }
    out["series"] = series;
    json checkpoints = json::array();
    for (const CheckpointRecord &c : store.checkpoints(run.id))
        checkpoints.push_back({ { "step", c.step }, { "wall_time", c.wallTime }, { "path", c.path } });
    out["checkpoints"] = checkpoints;
    std::cout << out.dump(2) << '\n';
    return 0;
}

int showRunText(const RunStore &store, const RunSummary &summary)
{
    const RunRecord &run = summary.run;
    // Labels in a column 24 wide; a longer one ("best validation/accuracy") keeps two spaces.
    auto line = [](const std::string &label, const std::string &value) {
        std::cout << label << std::string(label.size() + 2 <= 24 ? 24 - label.size() : 2, ' ') << value << '\n';
    };
    line("run", std::to_string(run.id) + (run.name.empty() ? "" : "  " + run.name));
    line("status", runStatusName(run.status));
    if (!run.statusMessage.empty())
        line("why", run.statusMessage);
    line("method", run.method);
    line("backbone", run.backbone);
    line("task", run.task);
    line("created", localTime(run.createdAt));
    line("started", localTime(run.startedAt));
    line("finished", localTime(run.finishedAt));
    if (run.startedAt > 0 && run.finishedAt > run.startedAt)
        line("duration", duration(run.finishedAt - run.startedAt));
    line("seed", std::to_string(run.seed));
    line(
        "parameters", std::to_string(run.trainableParameters) + " trainable of " + std::to_string(run.totalParameters));
    line("config hash", run.configHash);
    if (!run.host.hostName.empty())
        line("host", run.host.hostName + ", " + run.host.cpu + ", " + std::to_string(run.host.threads) + " threads");
    line("device", run.host.device + " (tensor memory measured there; rss is the host's)");
    if (!run.host.appVersion.empty() || !run.host.libtorchVersion.empty())
        line("versions", "ladder " + run.host.appVersion + ", LibTorch " + run.host.libtorchVersion);
    if (!run.tags.empty())
        line("tags", joined(run.tags, ", "));
    if (!run.notes.empty())
        line("notes", run.notes);

    if (summary.lastStep)
        line("last step", std::to_string(*summary.lastStep));
    if (summary.meanThroughput) {
        std::ostringstream value;
        value << std::fixed << std::setprecision(1) << *summary.meanThroughput << " examples/s";
        line("mean throughput", value.str());
    }
    for (const auto &[category, bytes] : summary.peakMemoryBytes)
        line("peak " + category, mebibytes(bytes));
    for (const BestEvaluation &b : summary.bestEvaluations) {
        std::ostringstream value;
        value << b.value << " at step " << b.step << (b.lowerIsBetter ? " (lowest)" : " (highest)");
        line("best " + b.split + "/" + b.metric, value.str());
    }
    for (const std::string &name : store.seriesNames(run.id)) {
        const std::vector<SeriesPoint> points = store.series(run.id, name);
        std::ostringstream value;
        value << points.size() << " points";
        if (!points.empty())
            value << ", last " << points.back().value << " at step " << points.back().step;
        line("series " + name, value.str());
    }
    for (const CheckpointRecord &c : store.checkpoints(run.id))
        line("checkpoint " + std::to_string(c.step), c.path);
    std::cout << "configuration\n" << parsedConfig(run).dump(2) << '\n';
    return 0;
}

// --- ladder export / import / rm ---------------------------------------------------------------

struct ExportOptions
{
    std::string db;
    std::vector<RunId> runs;
    bool csv = false;
    bool json = false;
    std::string out;
};

int exportRuns(const ExportOptions &options)
{
    const RunStore store = openExisting(options.db);
    for (RunId id : options.runs)
        store.run(id); // a missing run is an error before anything is written
    const std::string text = options.csv ? exportRunsCsv(store, options.runs) : exportRunsJson(store, options.runs);
    if (options.out.empty() || options.out == "-") {
        std::cout << text;
        return 0;
    }
    std::ofstream file(options.out, std::ios::binary | std::ios::trunc);
    file << text;
    file.close();
    if (!file)
        throw Error::inFile(options.out, "cannot write the export (is the folder there and writable?)");
    std::cerr << "exported " << options.runs.size() << " run(s) to " << options.out << '\n';
    return 0;
}

} // namespace

Command addRunsCommand(CLI::App &app)
{
    auto options = std::make_shared<RunsOptions>();
    CLI::App *command = app.add_subcommand("runs", "List recorded runs");
    addDatabaseOption(*command, options->db);
    command->add_flag("--json", options->json, "Print JSON instead of a table");
    command->add_option("--method", options->method, "Only runs of this method (" + methodNames() + ")");
    command->add_option("--task", options->task, "Only runs on this task");
    command->add_option("--backbone", options->backbone, "Only runs on this backbone");
    command->add_option("--tag", options->tag, "Only runs carrying this tag");
    command->add_option("--status", options->status,
        "Only runs in this status: queued, running, paused, finished, stopped, failed, interrupted");
    return { command, [options] { return listRuns(*options); } };
}

Command addShowCommand(CLI::App &app)
{
    auto options = std::make_shared<ShowOptions>();
    CLI::App *command = app.add_subcommand("show", "Show one run: configuration, summary, series, checkpoints");
    addDatabaseOption(*command, options->db);
    command->add_option("RUN", options->run, "Run id (see `ladder runs`)")->required();
    command->add_flag("--json", options->json, "Print JSON");
    return { command, [options] {
                const RunStore store = openExisting(options->db);
                const RunSummary summary = store.summary(options->run);
                return options->json ? showRunJson(store, summary) : showRunText(store, summary);
            } };
}

Command addExportCommand(CLI::App &app)
{
    auto options = std::make_shared<ExportOptions>();
    CLI::App *command = app.add_subcommand("export", "Export runs with all their curves as CSV or JSON");
    addDatabaseOption(*command, options->db);
    command->add_option("RUN", options->runs, "Run ids")->required();
    auto *csv = command->add_flag("--csv", options->csv, "One CSV row per recorded value");
    auto *json = command->add_flag("--json", options->json, "JSON that `ladder import` reads back");
    csv->excludes(json);
    command->add_option("--out", options->out, "Output file (default: standard output)");
    command->callback([csv, json] {
        if (csv->count() == 0 && json->count() == 0)
            throw CLI::RequiredError("--csv or --json");
    });
    return { command, [options] { return exportRuns(*options); } };
}

Command addImportCommand(CLI::App &app)
{
    auto options = std::make_shared<std::pair<std::string, std::string>>(); // db, file
    CLI::App *command = app.add_subcommand("import", "Import the runs of a JSON export under new ids");
    addDatabaseOption(*command, options->first);
    command->add_option("FILE", options->second, "A file written by `ladder export --json`")
        ->required()
        ->check(CLI::ExistingFile);
    return { command, [options] {
                RunStore store(resolveDatabasePath(options->first));
                const std::vector<RunId> ids = importRunsJsonFile(store, options->second);
                std::cout << "imported " << ids.size() << " run(s) into " << store.path();
                for (std::size_t i = 0; i < ids.size(); ++i)
                    std::cout << (i == 0 ? " as " : ", ") << ids[i];
                std::cout << '\n';
                return 0;
            } };
}

Command addRemoveCommand(CLI::App &app)
{
    auto options = std::make_shared<std::pair<std::string, std::vector<RunId>>>(); // db, runs
    CLI::App *command = app.add_subcommand("rm", "Delete runs and all their data");
    addDatabaseOption(*command, options->first);
    command->add_option("RUN", options->second, "Run ids")->required();
    return { command, [options] {
                RunStore store = openExisting(options->first);
                for (RunId id : options->second)
                    store.run(id); // all or nothing for typos: check every id first
                for (RunId id : options->second) {
                    store.removeRun(id);
                    std::cout << "removed run " << id << '\n';
                }
                return 0;
            } };
}

} // namespace ladder::cli
