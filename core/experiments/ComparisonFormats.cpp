// SPDX-License-Identifier: GPL-3.0-or-later
// The comparison's four renderings: JSON (every number), and the paper table as CSV, Markdown
// and aligned text. They format RunComparison's numbers; none computes a figure of its own.
#include "experiments/RunComparison.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

namespace ladder {

namespace {

using Json = nlohmann::ordered_json;

template<typename T> Json orNull(const std::optional<T> &value)
{
    return value ? Json(*value) : Json(nullptr);
}

Json runJson(const ComparedRun &c)
{
    Json memory = Json::object();
    for (const std::string &category : peakMemoryCategories()) {
        const auto it = c.memoryAtPeak.find(category);
        if (it != c.memoryAtPeak.end())
            memory[category] = it->second;
    }
    return { { "id", c.run.id }, { "name", c.run.name }, { "status", runStatusName(c.run.status) },
        { "label", c.label }, { "method", c.run.method }, { "backbone", c.backbone }, { "task", c.task },
        { "trainable_parameters", c.run.trainableParameters }, { "total_parameters", c.run.totalParameters },
        { "trainable_percent", orNull(c.trainablePercent) }, { "peak_memory_bytes", orNull(c.peakBytes) },
        { "peak_step", c.peakBytes ? Json(c.peakStep) : Json(nullptr) }, { "memory_at_peak_bytes", memory },
        { "best_validation_score", orNull(c.bestValidationScore) },
        { "best_validation_step", c.bestValidationScore ? Json(c.bestValidationStep) : Json(nullptr) },
        { "test_score", orNull(c.testScore) }, { "samples_per_second", orNull(c.samplesPerSecond) },
        { "steps", c.steps }, { "duration_seconds", c.durationSeconds } };
}

Json rowJson(const ComparisonRow &row)
{
    Json scores = Json::object();
    for (const auto &[task, cell] : row.scores)
        scores[task] = { { "value", cell.value }, { "source", scoreSourceName(cell.source) }, { "runs", cell.runs } };
    return { { "method", row.method }, { "method_kind", row.methodKind }, { "backbone", row.backbone },
        { "runs", row.runs }, { "trainable_percent", orNull(row.trainablePercent) },
        { "peak_memory_bytes", orNull(row.peakBytes) }, { "scores", scores }, { "mean_score", orNull(row.meanScore) },
        { "samples_per_second", orNull(row.samplesPerSecond) } };
}

std::string fixed(double value, int decimals)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, value);
    return buffer;
}

/// Trainable shares span 100% (full) to a few thousandths (LST on big backbones).
std::string percentText(const std::optional<double> &percent)
{
    if (!percent)
        return "-";
    if (*percent != 0 && std::fabs(*percent) < 0.1) {
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.2g%%", *percent);
        return buffer;
    }
    return fixed(*percent, 2) + "%";
}

std::string bytesText(const std::optional<std::int64_t> &bytes)
{
    if (!bytes)
        return "-";
    const double kib = static_cast<double>(*bytes) / 1024.0;
    if (kib < 1.0)
        return std::to_string(*bytes) + " B";
    if (kib < 1024.0)
        return fixed(kib, 1) + " KiB";
    const double mib = kib / 1024.0;
    return mib >= 1024.0 ? fixed(mib / 1024.0, 2) + " GiB" : fixed(mib, 1) + " MiB";
}

std::string optionalFixed(const std::optional<double> &value, int decimals)
{
    return value ? fixed(*value, decimals) : "-";
}

std::string scoreText(const ComparisonRow &row, const std::string &task)
{
    const auto cell = row.scores.find(task);
    if (cell == row.scores.end())
        return "-";
    const std::string value = fixed(cell->second.value, 2);
    switch (cell->second.source) {
    case ScoreSource::Test:
        return value;
    case ScoreSource::Validation:
        return value + " (val)";
    case ScoreSource::Mixed:
        return value + " (mixed)";
    }
    return value;
}

const char *kScoreNote = "Scores: the test split's where a run has one, else the best validation score, marked "
                         "\"(val)\" (\"(mixed)\": a mean over runs of both kinds).";

std::vector<std::string> tableHeader(const RunComparison &comparison)
{
    std::vector<std::string> header { "method", "backbone", "trainable", "peak memory" };
    header.insert(header.end(), comparison.tasks.begin(), comparison.tasks.end());
    header.insert(header.end(), { "mean", "samples/s" });
    return header;
}

std::vector<std::string> tableCells(const RunComparison &comparison, const ComparisonRow &row)
{
    std::vector<std::string> cells { row.method, row.backbone, percentText(row.trainablePercent),
        bytesText(row.peakBytes) };
    for (const std::string &task : comparison.tasks)
        cells.push_back(scoreText(row, task));
    cells.push_back(optionalFixed(row.meanScore, 2));
    cells.push_back(optionalFixed(row.samplesPerSecond, 1));
    return cells;
}

/// Terminal columns of UTF-8 text: names contain "·", one column but two bytes.
std::size_t displayWidth(const std::string &text)
{
    return static_cast<std::size_t>(
        std::count_if(text.begin(), text.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

/// Columns padded to their widest cell; `rightAligned[i]` for numeric columns.
std::string alignedTable(const std::vector<std::vector<std::string>> &lines, const std::vector<bool> &rightAligned)
{
    std::vector<std::size_t> widths;
    for (const auto &line : lines) {
        widths.resize(std::max(widths.size(), line.size()), 0);
        for (std::size_t i = 0; i < line.size(); ++i)
            widths[i] = std::max(widths[i], displayWidth(line[i]));
    }
    std::string out;
    for (const auto &line : lines) {
        std::string text;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const std::string padding(widths[i] - displayWidth(line[i]), ' ');
            const bool right = i < rightAligned.size() && rightAligned[i];
            text += (i ? "  " : "") + (right ? padding + line[i] : line[i] + padding);
        }
        while (!text.empty() && text.back() == ' ')
            text.pop_back();
        out += "  " + text + "\n";
    }
    return out;
}

std::string csvField(const std::string &text)
{
    if (text.find_first_of(",\"\n\r") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

/// Shortest text that reads back to the same double (nlohmann's number formatting).
std::string csvNumber(double value)
{
    return nlohmann::json(value).dump();
}

std::string markdownCell(const std::string &text)
{
    std::string out;
    for (char c : text)
        out += c == '|' ? std::string("\\|") : std::string(1, c);
    return out;
}

std::string durationText(double seconds)
{
    if (seconds <= 0)
        return "-";
    const long long total = std::llround(seconds);
    char buffer[64];
    if (total >= 3600)
        std::snprintf(buffer, sizeof buffer, "%lldh%02lldm", total / 3600, (total % 3600) / 60);
    else if (total >= 60)
        std::snprintf(buffer, sizeof buffer, "%lldm%02llds", total / 60, total % 60);
    else
        std::snprintf(buffer, sizeof buffer, "%.1fs", seconds);
    return buffer;
}

} // namespace

std::string comparisonJson(const RunComparison &comparison)
{
    Json runs = Json::array();
    for (const ComparedRun &run : comparison.runs)
        runs.push_back(runJson(run));
    Json rows = Json::array();
    for (const ComparisonRow &row : comparison.rows)
        rows.push_back(rowJson(row));
    Json differences = Json::array();
    for (const ConfigDifference &difference : comparison.differences) {
        Json values = Json::array();
        for (const std::optional<std::string> &value : difference.values)
            values.push_back(value ? Json::parse(*value) : Json(nullptr));
        differences.push_back({ { "path", difference.path }, { "values", values } });
    }
    const Json out
        = { { "runs", runs }, { "tasks", comparison.tasks }, { "rows", rows }, { "differences", differences } };
    return out.dump(2) + "\n";
}

std::string comparisonCsv(const RunComparison &comparison)
{
    std::string out = "method,backbone,trainable_percent,peak_memory_bytes";
    for (const std::string &task : comparison.tasks)
        out += "," + csvField(task) + "," + csvField(task + "_source");
    out += ",mean_score,samples_per_second,runs\n";
    for (const ComparisonRow &row : comparison.rows) {
        out += csvField(row.method) + "," + csvField(row.backbone) + ","
            + (row.trainablePercent ? csvNumber(*row.trainablePercent) : "") + ","
            + (row.peakBytes ? std::to_string(*row.peakBytes) : "");
        for (const std::string &task : comparison.tasks) {
            const auto cell = row.scores.find(task);
            out += cell == row.scores.end()
                ? std::string(",,")
                : "," + csvNumber(cell->second.value) + "," + scoreSourceName(cell->second.source);
        }
        std::string ids;
        for (RunId id : row.runs)
            ids += (ids.empty() ? "" : " ") + std::to_string(id);
        out += "," + (row.meanScore ? csvNumber(*row.meanScore) : "") + ","
            + (row.samplesPerSecond ? csvNumber(*row.samplesPerSecond) : "") + "," + ids + "\n";
    }
    return out;
}

std::string comparisonMarkdown(const RunComparison &comparison)
{
    std::vector<std::string> header { "Method", "Backbone", "Trainable", "Peak memory" };
    header.insert(header.end(), comparison.tasks.begin(), comparison.tasks.end());
    header.insert(header.end(), { "Mean", "Samples/s" });
    std::string out = "|";
    std::string rule = "|";
    for (std::size_t i = 0; i < header.size(); ++i) {
        out += " " + markdownCell(header[i]) + " |";
        rule += i < 2 ? "---|" : "---:|";
    }
    out += "\n" + rule + "\n";
    for (const ComparisonRow &row : comparison.rows) {
        out += "|";
        for (const std::string &cell : tableCells(comparison, row))
            out += " " + markdownCell(cell) + " |";
        out += "\n";
    }
    return out + "\n" + kScoreNote + "\n";
}

std::string comparisonText(const RunComparison &comparison)
{
    std::ostringstream out;
    out << "Runs\n";
    std::vector<std::vector<std::string>> runLines { { "id", "name", "status", "method", "backbone", "task", "steps",
        "time", "best val", "test" } };
    for (const ComparedRun &run : comparison.runs)
        runLines.push_back({ std::to_string(run.run.id), run.run.name, runStatusName(run.run.status), run.label,
            run.backbone, run.task, std::to_string(run.steps), durationText(run.durationSeconds),
            optionalFixed(run.bestValidationScore, 2), optionalFixed(run.testScore, 2) });
    out << alignedTable(runLines, { true, false, false, false, false, false, true, true, true, true });

    out << "\nTable\n";
    std::vector<std::vector<std::string>> tableLines { tableHeader(comparison) };
    for (const ComparisonRow &row : comparison.rows)
        tableLines.push_back(tableCells(comparison, row));
    std::vector<bool> right(tableLines.front().size(), true);
    right[0] = right[1] = false;
    out << alignedTable(tableLines, right);
    out << "  " << kScoreNote << "\n";

    out << "\nConfiguration differences\n";
    if (comparison.differences.empty()) {
        out << "  "
            << (comparison.runs.size() < 2 ? "(one run: nothing to compare)" : "(none: the configurations are equal)")
            << "\n";
    } else {
        std::vector<std::vector<std::string>> lines { { "key" } };
        for (const ComparedRun &run : comparison.runs)
            lines.front().push_back("run " + std::to_string(run.run.id));
        for (const ConfigDifference &difference : comparison.differences) {
            std::vector<std::string> line { difference.path };
            for (const std::optional<std::string> &value : difference.values)
                line.push_back(value ? *value : "(absent)");
            lines.push_back(line);
        }
        out << alignedTable(lines, {});
    }
    return out.str();
}

} // namespace ladder
