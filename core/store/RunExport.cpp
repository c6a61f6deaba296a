// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/RunExport.h"

#include "store/RunStore.h"
#include "store/SqliteDatabase.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

namespace ladder {

using nlohmann::json;

namespace {

constexpr const char *kFormat = "ladder-runs";
constexpr int kFormatVersion = 1;

// JSON has no NaN or infinity; a diverged loss must survive the trip, so they become strings.
json number(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    return value;
}

double number(const json &value)
{
    if (value.is_string()) {
        const std::string text = value.get<std::string>();
        if (text == "NaN")
            return std::numeric_limits<double>::quiet_NaN();
        if (text == "Infinity")
            return std::numeric_limits<double>::infinity();
        if (text == "-Infinity")
            return -std::numeric_limits<double>::infinity();
        throw Error("\"" + text + "\" is not a number (expected a number, \"NaN\", \"Infinity\" or \"-Infinity\")");
    }
    return value.get<double>();
}

/// An integer field, range-checked: nlohmann's get<int>() converts a fraction or 1e300 with a
/// cast that is undefined behaviour out of range (found by fuzz_run_import).
template <typename Int>
Int integer(const json &value)
{
    constexpr Int lowest = std::numeric_limits<Int>::min(), highest = std::numeric_limits<Int>::max();
    if (value.is_number_unsigned()) {
        if (value.get<std::uint64_t>() <= static_cast<std::uint64_t>(highest))
            return static_cast<Int>(value.get<std::uint64_t>());
    } else if (value.is_number_integer()) {
        const std::int64_t read = value.get<std::int64_t>();
        if (read >= lowest && read <= highest)
            return static_cast<Int>(read);
    }
    throw Error("expected an integer from " + std::to_string(lowest) + " to " + std::to_string(highest) + ", found "
        + value.dump());
}

json runToJson(const RunData &data)
{
    const RunRecord &r = data.run;
    json run { { "id", r.id }, { "name", r.name }, { "status", runStatusName(r.status) }, { "created_at", r.createdAt },
        { "started_at", r.startedAt }, { "finished_at", r.finishedAt }, { "method", r.method },
        { "backbone", r.backbone }, { "task", r.task }, { "config_json", r.configJson },
        { "config_hash", r.configHash }, { "seed", r.seed }, { "trainable_parameters", r.trainableParameters },
        { "total_parameters", r.totalParameters },
        { "host",
            { { "name", r.host.hostName }, { "cpu", r.host.cpu }, { "threads", r.host.threads },
                { "libtorch_version", r.host.libtorchVersion }, { "app_version", r.host.appVersion }, { "device", r.host.device } } },
        { "notes", r.notes }, { "tags", r.tags }, { "status_message", r.statusMessage } };

    // Series are stored column-wise: a long curve is three arrays, not thousands of objects.
    json series = json::object();
    for (const auto &[name, points] : data.series) {
        json steps = json::array(), times = json::array(), values = json::array();
        for (const SeriesPoint &p : points) {
            steps.push_back(p.step);
            times.push_back(p.wallTime);
            values.push_back(number(p.value));
        }
        series[name] = { { "step", steps }, { "wall_time", times }, { "value", values } };
    }
    run["series"] = series;

    json memory = json::array();
    for (const MemorySample &s : data.memory)
        memory.push_back(
            { { "category", s.category }, { "step", s.step }, { "wall_time", s.wallTime }, { "bytes", s.bytes } });
    run["memory"] = memory;
    json evaluations = json::array();
    for (const EvaluationRecord &e : data.evaluations)
        evaluations.push_back({ { "split", e.split }, { "metric", e.metric }, { "step", e.step },
            { "wall_time", e.wallTime }, { "value", number(e.value) } });
    run["evaluations"] = evaluations;
    json gates = json::array();
    for (const GateValue &g : data.gates)
        gates.push_back({ { "layer", g.layer }, { "step", g.step }, { "value", number(g.value) } });
    run["gates"] = gates;
    json checkpoints = json::array();
    for (const CheckpointRecord &c : data.checkpoints)
        checkpoints.push_back({ { "step", c.step }, { "wall_time", c.wallTime }, { "path", c.path } });
    run["checkpoints"] = checkpoints;
    return run;
}

RunData runFromJson(const json &in)
{
    RunData data;
    RunRecord &r = data.run;
    r.id = integer<RunId>(in.at("id"));
    r.name = in.at("name").get<std::string>();
    r.status = runStatusFromName(in.at("status").get<std::string>());
    r.createdAt = in.at("created_at").get<double>();
    r.startedAt = in.at("started_at").get<double>();
    r.finishedAt = in.at("finished_at").get<double>();
    r.method = in.at("method").get<std::string>();
    r.backbone = in.at("backbone").get<std::string>();
    r.task = in.at("task").get<std::string>();
    r.configJson = in.at("config_json").get<std::string>();
    r.configHash = in.at("config_hash").get<std::string>();
    r.seed = integer<std::int64_t>(in.at("seed"));
    r.trainableParameters = integer<std::int64_t>(in.at("trainable_parameters"));
    r.totalParameters = integer<std::int64_t>(in.at("total_parameters"));
    const json &host = in.at("host");
    r.host.hostName = host.at("name").get<std::string>();
    r.host.cpu = host.at("cpu").get<std::string>();
    r.host.threads = integer<int>(host.at("threads"));
    r.host.libtorchVersion = host.at("libtorch_version").get<std::string>();
    // Exports written before devices were recorded come from CPU runs.
    r.host.device = host.value("device", std::string("cpu"));
    r.statusMessage = in.value("status_message", std::string());
    r.host.appVersion = host.at("app_version").get<std::string>();
    r.notes = in.at("notes").get<std::string>();
    r.tags = in.at("tags").get<std::vector<std::string>>();

    for (const auto &[name, columns] : in.at("series").items()) {
        const json &steps = columns.at("step"), &times = columns.at("wall_time"), &values = columns.at("value");
        if (steps.size() != times.size() || steps.size() != values.size())
            throw Error("series \"" + name + "\" has columns of different lengths");
        std::vector<SeriesPoint> &points = data.series[name];
        points.reserve(steps.size());
        for (std::size_t i = 0; i < steps.size(); ++i)
            points.push_back({ integer<std::int64_t>(steps[i]), times[i].get<double>(), number(values[i]) });
    }
    for (const json &s : in.at("memory"))
        data.memory.push_back({ s.at("category").get<std::string>(), integer<std::int64_t>(s.at("step")),
            s.at("wall_time").get<double>(), integer<std::int64_t>(s.at("bytes")) });
    for (const json &e : in.at("evaluations"))
        data.evaluations.push_back({ e.at("split").get<std::string>(), e.at("metric").get<std::string>(),
            integer<std::int64_t>(e.at("step")), e.at("wall_time").get<double>(), number(e.at("value")) });
    for (const json &g : in.at("gates"))
        data.gates.push_back({ integer<int>(g.at("layer")), integer<std::int64_t>(g.at("step")), number(g.at("value")) });
    for (const json &c : in.at("checkpoints"))
        data.checkpoints.push_back(
            { integer<std::int64_t>(c.at("step")), c.at("wall_time").get<double>(), c.at("path").get<std::string>() });
    return data;
}

/// RFC 4180 quoting: fields holding a comma, quote or line break are quoted, quotes doubled.
std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string out = "\"";
    for (char c : text) {
        if (c == '"')
            out += '"';
        out += c;
    }
    return out + '"';
}

/// The shortest text that reads back as the same double ("0.1", not "0.10000000000000001").
std::string csvNumber(double value)
{
    if (std::isnan(value))
        return "NaN";
    if (std::isinf(value))
        return value > 0 ? "Infinity" : "-Infinity";
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

} // namespace

std::string exportRunsJson(const RunStore &store, const std::vector<RunId> &runs)
{
    json list = json::array();
    for (RunId id : runs)
        list.push_back(runToJson(store.loadRun(id)));
    const json document { { "format", kFormat }, { "version", kFormatVersion }, { "runs", list } };
    // Compact: an indented export puts every curve value on a line of its own.
    return document.dump() + '\n';
}

std::string exportRunsCsv(const RunStore &store, const std::vector<RunId> &runs)
{
    std::string out = "run_id,run_name,kind,series,step,wall_time,value\n";
    for (RunId id : runs) {
        const RunData data = store.loadRun(id);
        const std::string prefix = std::to_string(id) + ',' + csvField(data.run.name) + ',';
        auto row = [&](const char *kind, const std::string &series, std::int64_t step, double wallTime,
                       const std::string &value) {
            out += prefix + kind + ',' + csvField(series) + ',' + std::to_string(step) + ','
                + (std::isnan(wallTime) ? std::string() : csvNumber(wallTime)) + ',' + value + '\n';
        };
        for (const auto &[name, points] : data.series)
            for (const SeriesPoint &p : points)
                row("metric", name, p.step, p.wallTime, csvNumber(p.value));
        for (const MemorySample &s : data.memory)
            row("memory", s.category, s.step, s.wallTime, std::to_string(s.bytes));
        for (const EvaluationRecord &e : data.evaluations)
            row("evaluation", e.split + '/' + e.metric, e.step, e.wallTime, csvNumber(e.value));
        for (const GateValue &g : data.gates)
            row("gate", std::to_string(g.layer), g.step, std::numeric_limits<double>::quiet_NaN(), csvNumber(g.value));
        for (const CheckpointRecord &c : data.checkpoints)
            row("checkpoint", "", c.step, c.wallTime, csvField(c.path));
    }
    return out;
}

std::vector<RunId> importRunsJson(RunStore &store, const std::string &text, const std::string &sourceName)
{
    std::vector<RunData> runs;
    try {
        const json document = json::parse(text);
        if (!document.is_object() || document.value("format", "") != kFormat)
            throw Error("not a ladder run export (expected \"format\": \"ladder-runs\")");
        const int version = integer<int>(document.at("version"));
        if (version > kFormatVersion)
            throw Error("export format version " + std::to_string(version)
                + " is newer than this build of ladder reads (" + std::to_string(kFormatVersion) + "); update ladder");
        std::size_t index = 0;
        for (const json &run : document.at("runs")) {
            try {
                runs.push_back(runFromJson(run));
            } catch (const std::exception &e) {
                throw Error("run #" + std::to_string(index) + " of the export: " + e.what());
            }
            ++index;
        }
    } catch (const json::exception &e) {
        throw Error::inFile(sourceName, std::string("invalid run export: ") + e.what());
    } catch (const Error &e) {
        throw Error::inFile(sourceName, e.what());
    }

    // All runs in one transaction: a failure (disk full, a bad record) imports none of them.
    sqlite::Transaction transaction(store.database());
    std::vector<RunId> ids;
    for (const RunData &run : runs)
        ids.push_back(store.importRun(run));
    transaction.commit();
    return ids;
}

std::vector<RunId> importRunsJsonFile(RunStore &store, const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error::inFile(path, "cannot open the file for reading");
    std::ostringstream text;
    text << in.rdbuf();
    return importRunsJson(store, text.str(), path);
}

} // namespace ladder
