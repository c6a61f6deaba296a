// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder bench memory|speed`: the paper's memory comparison and training speed (core/bench
// does the work). `bench memory` re-runs this executable once per method with the hidden
// `bench memory-step`, which prints one JSON object, so each method is measured in a fresh process.

#include "Commands.h"

#include "bench/BenchMethods.h"
#include "bench/FreshProcess.h"
#include "bench/MemoryBench.h"
#include "bench/SpeedBench.h"
#include "util/CommaList.h"
#include "util/Error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>


namespace ladder::cli {

namespace {

struct BenchOptions
{
    // memory and memory-step
    std::string preset = "t5-base";
    int64_t batch = 100;
    int64_t sourceLength = 128;
    int64_t targetLength = 4;
    std::string methods;
    std::string method;
    bool json = false;
    std::string outDir;
    std::vector<std::string> fromJson;
    // speed
    std::string presets = "t5-small,t5-base";
    int64_t speedBatch = 8;
    int steps = 3;
    int threads = 0;
};

void writeFile(const std::filesystem::path &path, const std::string &text)
{
    std::ofstream out(path);
    out << text;
    if (!out)
        throw Error::inFile(path.string(), "cannot write");
}

/// Text as SVG character data.
std::string svgText(const std::string &text)
{
    std::string out;
    for (char c : text) {
        switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        default: out += c;
        }
    }
    return out;
}

std::string fixed(double value, int decimals)
{
    std::ostringstream out;
    out.setf(std::ios::fixed);
    out.precision(decimals);
    out << value;
    return out.str();
}

/// The SVG bar chart: measured peak per method beside the paper's figure, in the paper's unit.
/// Written as text, so the command-line tool needs no graphics library.
std::string memoryChartSvg(const MemoryBenchReport &report)
{
    const int width = 160 + 120 * static_cast<int>(report.rows.size());
    const int height = 520;
    const int left = 80, top = 50, plotWidth = width - 110, plotHeight = height - 150;
    const int bottom = top + plotHeight;
    double maximum = 1.0;
    for (const MemoryBenchRow &row : report.rows) {
        if (row.measured)
            maximum = std::max(maximum, paperUnits(row.measured->memory.peak));
        if (const auto paper = paperFigure(row.method))
            maximum = std::max(maximum, paper->value);
    }
    maximum *= 1.1;
    std::ostringstream svg;
    svg << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width << "\" height=\"" << height
        << "\" font-family=\"sans-serif\" font-size=\"13\">\n"
        << "<defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
           "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"white\"/>"
           "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#969696\" stroke-width=\"3\"/></pattern></defs>\n"
        << "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        << "<text x=\"" << width / 2 << "\" y=\"28\" text-anchor=\"middle\">"
        << svgText("Peak training memory, " + report.options.preset + ", source "
               + std::to_string(report.options.sourceLength) + " (1000 MiB)")
        << "</text>\n";
    for (int tick = 0; tick <= 5; ++tick) {
        const double y = bottom - plotHeight * tick / 5.0;
        svg << "<line x1=\"" << left << "\" y1=\"" << y << "\" x2=\"" << left + plotWidth << "\" y2=\"" << y
            << "\" stroke=\"" << (tick == 0 ? "black" : "#dcdcdc") << "\"/>\n"
            << "<text x=\"" << left - 8 << "\" y=\"" << y + 4 << "\" text-anchor=\"end\">"
            << fixed(maximum * tick / 5.0, 1) << "</text>\n";
    }
    svg << "<line x1=\"" << left << "\" y1=\"" << top << "\" x2=\"" << left << "\" y2=\"" << bottom
        << "\" stroke=\"black\"/>\n";
    const int slot = plotWidth / std::max<int>(1, static_cast<int>(report.rows.size()));
    const auto bar = [&](int x, int barWidth, double value, const std::string &fill) {
        const double barHeight = plotHeight * value / maximum;
        svg << "<rect x=\"" << x << "\" y=\"" << bottom - barHeight << "\" width=\"" << barWidth << "\" height=\""
            << barHeight << "\" fill=\"" << fill << "\" stroke=\"black\"/>\n"
            << "<text x=\"" << x + barWidth / 2 << "\" y=\"" << bottom - barHeight - 5
            << "\" text-anchor=\"middle\">" << fixed(value, 2) << "</text>\n";
    };
    for (std::size_t i = 0; i < report.rows.size(); ++i) {
        const MemoryBenchRow &row = report.rows[i];
        const int x = left + static_cast<int>(i) * slot + 10;
        const int barWidth = (slot - 30) / 2;
        if (row.measured)
            bar(x, barWidth, paperUnits(row.measured->memory.peak), "#286ebe");
        if (const auto paper = paperFigure(row.method))
            bar(x + barWidth + 4, barWidth, paper->value, paper->recalled ? "url(#hatch)" : "#969696");
        const int centre = x + barWidth + 2;
        svg << "<text x=\"" << centre << "\" y=\"" << bottom + 20 << "\" text-anchor=\"middle\">" << svgText(row.method)
            << "</text>\n";
        if (row.runBatch != report.options.batch)
            svg << "<text x=\"" << centre << "\" y=\"" << bottom + 36 << "\" text-anchor=\"middle\">batch "
                << row.runBatch << "</text>\n";
    }
    const int legendY = height - 40;
    svg << "<rect x=\"" << left << "\" y=\"" << legendY << "\" width=\"14\" height=\"14\" fill=\"#286ebe\"/>\n"
        << "<text x=\"" << left + 20 << "\" y=\"" << legendY + 12 << "\">measured (memory meter, this machine)</text>\n"
        << "<rect x=\"" << left + 320 << "\" y=\"" << legendY << "\" width=\"14\" height=\"14\" fill=\"#969696\"/>\n"
        << "<text x=\"" << left + 340 << "\" y=\"" << legendY + 12
        << "\">paper, batch 100 (hatched: recalled)</text>\n</svg>\n";
    return svg.str();
}

int runMemory(const BenchOptions &options)
{
    MemoryBenchOptions bench;
    bench.preset = options.preset;
    bench.batch = options.batch;
    bench.sourceLength = options.sourceLength;
    bench.targetLength = options.targetLength;
    bench.methods = splitCommaList(options.methods);
    bench.executable = currentExecutable();
    bench.threads = options.threads;
    MemoryBenchReport report;
    if (!options.fromJson.empty()) {
        // Rows of several earlier runs (e.g. one per method) in the order given; the first
        // file's settings head the table.
        for (const std::string &path : options.fromJson) {
            std::ifstream in(path);
            if (!in)
                throw Error::inFile(path, "cannot read");
            std::stringstream text;
            text << in.rdbuf();
            const MemoryBenchReport part = memoryBenchFromJson(text.str(), path);
            if (report.rows.empty()) {
                report = part;
                continue;
            }
            if (part.options.preset != report.options.preset || part.options.batch != report.options.batch
                || part.options.sourceLength != report.options.sourceLength
                || part.options.targetLength != report.options.targetLength)
                throw Error::inFile(path, "measured with other settings (preset, batch, lengths) than "
                                              + options.fromJson.front());
            report.rows.insert(report.rows.end(), part.rows.begin(), part.rows.end());
        }
    } else {
        report = runMemoryBench(bench, [](const std::string &line) { std::cerr << line << '\n'; });
    }
    const std::string markdown = memoryBenchMarkdown(report);
    std::cout << (options.json ? memoryBenchJson(report) : markdown) << '\n';
    if (!options.outDir.empty()) {
        const std::filesystem::path dir(options.outDir);
        std::filesystem::create_directories(dir);
        writeFile(dir / "memory.md", markdown);
        writeFile(dir / "memory.json", memoryBenchJson(report) + "\n");
        writeFile(dir / "memory.svg", memoryChartSvg(report));
    }
    for (const MemoryBenchRow &row : report.rows)
        if (!row.measured)
            return 1;
    return 0;
}

int runMemoryStepCommand(const BenchOptions &options)
{
    MemoryStepRequest request;
    request.preset = options.preset;
    request.method = options.method;
    request.batch = options.batch;
    request.sourceLength = options.sourceLength;
    request.targetLength = options.targetLength;
    std::cout << memoryStepToJson(runMemoryStep(request)) << '\n';
    return 0;
}

int runSpeed(const BenchOptions &options)
{
    SpeedBenchOptions bench;
    bench.presets = splitCommaList(options.presets);
    bench.methods = splitCommaList(options.methods);
    bench.batch = options.speedBatch;
    bench.sourceLength = options.sourceLength;
    bench.targetLength = options.targetLength;
    bench.steps = options.steps;
    const SpeedBenchReport report = runSpeedBench(bench, [](const std::string &line) { std::cerr << line << '\n'; });
    std::cout << speedBenchMarkdown(report) << '\n';
    return 0;
}

} // namespace

Command addBenchCommand(CLI::App &app)
{
    auto options = std::make_shared<BenchOptions>();
    CLI::App *bench = app.add_subcommand("bench", "Memory and speed benchmarks of the fine-tuning methods");
    bench->require_subcommand(1);
    const std::string methodHelp = "Comma-separated methods (default: all of full, adapter, lora, bitfit, prompt, "
                                   "lst, lst+bf16, lst+recompute, lst+both)";

    CLI::App *memory = bench->add_subcommand(
        "memory", "Peak training memory per method, each in a fresh process, beside the paper's figures");
    memory->add_option("--preset", options->preset, "Backbone preset")->capture_default_str();
    memory->add_option("--batch", options->batch, "Batch size")->check(CLI::PositiveNumber)->capture_default_str();
    memory->add_option("--seq", options->sourceLength, "Source length")->check(CLI::PositiveNumber)->capture_default_str();
    memory->add_option("--target-length", options->targetLength, "Target length")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    memory->add_option("--methods", options->methods, methodHelp);
    memory->add_flag("--json", options->json, "Print JSON instead of the Markdown table");
    memory->add_option("--out", options->outDir, "Also write memory.md, memory.json and memory.svg (a bar chart) here");
    memory->add_option("--from-json", options->fromJson,
                       "Measure nothing: re-render earlier runs' JSON (one or more files, rows in order) with the "
                       "current predictor")
        ->check(CLI::ExistingFile);

    // Hidden: one method's measured step, as JSON on stdout (what `bench memory` runs per method).
    CLI::App *step = bench->add_subcommand("memory-step", "One method's measured training step as JSON");
    step->group("");
    step->add_option("--preset", options->preset)->required();
    step->add_option("--method", options->method)->required();
    step->add_option("--batch", options->batch)->required()->check(CLI::PositiveNumber);
    step->add_option("--seq", options->sourceLength)->required()->check(CLI::PositiveNumber);
    step->add_option("--target-length", options->targetLength)->required()->check(CLI::PositiveNumber);

    CLI::App *speed = bench->add_subcommand("speed", "Samples/s and achieved GFLOP/s per method against the GEMM rate");
    speed->add_option("--presets", options->presets, "Comma-separated backbone presets")->capture_default_str();
    speed->add_option("--seq", options->sourceLength, "Source length")->check(CLI::PositiveNumber)->capture_default_str();
    speed->add_option("--target-length", options->targetLength, "Target length")
        ->check(CLI::PositiveNumber)
        ->capture_default_str();
    speed->add_option("--batch", options->speedBatch, "Batch size")->check(CLI::PositiveNumber)->capture_default_str();
    speed->add_option("--steps", options->steps, "Timed steps after a warm-up")->check(CLI::PositiveNumber)->capture_default_str();
    speed->add_option("--methods", options->methods, methodHelp);

    // The global --threads is parsed into main's variable; read it back for the child processes.
    return {bench, [options, memory, step, speed, &app] {
                if (const CLI::Option *threads = app.get_option_no_throw("--threads"); threads && threads->count() > 0)
                    options->threads = threads->as<int>();
                if (memory->parsed())
                    return runMemory(*options);
                if (step->parsed())
                    return runMemoryStepCommand(*options);
                if (speed->parsed())
                    return runSpeed(*options);
                return 1;
            }};
}

} // namespace ladder::cli
