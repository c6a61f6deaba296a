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

#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#ifdef LADDER_CLI_WITH_QT
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#endif

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

/// The PNG bar chart: measured peak per method beside the paper's figure, in the paper's unit.
/// Returns the line to print (where it went, or why there is none).
std::string writeChart(const MemoryBenchReport &report, const std::filesystem::path &path)
{
#ifdef LADDER_CLI_WITH_QT
    qputenv("QT_QPA_PLATFORM", "offscreen");
    int argc = 1;
    char name[] = "ladder";
    char *argv[] = {name, nullptr};
    std::unique_ptr<QGuiApplication> application;
    if (!QGuiApplication::instance())
        application = std::make_unique<QGuiApplication>(argc, argv);
    const int width = 160 + 120 * static_cast<int>(report.rows.size());
    const int height = 520;
    QImage image(width, height, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    double top = 1.0;
    for (const MemoryBenchRow &row : report.rows) {
        if (row.measured)
            top = std::max(top, paperUnits(row.measured->memory.peak));
        if (const auto paper = paperFigure(row.method))
            top = std::max(top, paper->value);
    }
    top *= 1.1;
    const QRect plot(80, 50, width - 110, height - 150);
    painter.drawText(QRect(0, 8, width, 30), Qt::AlignCenter,
                     QString::fromStdString("Peak training memory, " + report.options.preset + ", source "
                                            + std::to_string(report.options.sourceLength) + " (1000 MiB)"));
    painter.drawLine(plot.bottomLeft(), plot.bottomRight());
    painter.drawLine(plot.bottomLeft(), plot.topLeft());
    for (int tick = 0; tick <= 5; ++tick) {
        const double value = top * tick / 5.0;
        const int y = plot.bottom() - static_cast<int>(plot.height() * tick / 5.0);
        painter.drawText(QRect(0, y - 10, 72, 20), Qt::AlignRight | Qt::AlignVCenter, QString::number(value, 'f', 1));
        painter.setPen(QColor(220, 220, 220));
        painter.drawLine(plot.left() + 1, y, plot.right(), y);
        painter.setPen(Qt::black);
    }
    const int slot = plot.width() / std::max<int>(1, static_cast<int>(report.rows.size()));
    const auto bar = [&](int x, int barWidth, double value, const QColor &color, Qt::BrushStyle style) {
        const int barHeight = static_cast<int>(plot.height() * value / top);
        const QRect rect(x, plot.bottom() - barHeight, barWidth, barHeight);
        painter.fillRect(rect, QBrush(color, style));
        painter.drawRect(rect);
        painter.drawText(QRect(x - 10, rect.top() - 18, barWidth + 20, 16), Qt::AlignCenter,
                         QString::number(value, 'f', 2));
    };
    for (size_t i = 0; i < report.rows.size(); ++i) {
        const MemoryBenchRow &row = report.rows[i];
        const int x = plot.left() + static_cast<int>(i) * slot + 10;
        const int barWidth = (slot - 30) / 2;
        if (row.measured)
            bar(x, barWidth, paperUnits(row.measured->memory.peak), QColor(40, 110, 190), Qt::SolidPattern);
        if (const auto paper = paperFigure(row.method))
            bar(x + barWidth + 4, barWidth, paper->value, QColor(150, 150, 150),
                paper->recalled ? Qt::BDiagPattern : Qt::SolidPattern);
        QString label = QString::fromStdString(row.method);
        if (row.runBatch != report.options.batch)
            label += QStringLiteral("\nbatch %1").arg(row.runBatch);
        painter.drawText(QRect(x - 10, plot.bottom() + 6, slot, 40), Qt::AlignHCenter | Qt::AlignTop, label);
    }
    painter.fillRect(QRect(plot.left(), height - 40, 14, 14), QColor(40, 110, 190));
    painter.drawText(QRect(plot.left() + 20, height - 42, 300, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("measured (memory meter, this machine)"));
    painter.fillRect(QRect(plot.left() + 320, height - 40, 14, 14), QColor(150, 150, 150));
    painter.drawText(QRect(plot.left() + 340, height - 42, 400, 18), Qt::AlignLeft | Qt::AlignVCenter,
                     QStringLiteral("paper, batch 100 (hatched: recalled)"));
    painter.end();
    if (!image.save(QString::fromStdString(path.string()), "PNG"))
        throw Error::inFile(path.string(), "cannot write the PNG chart");
    return "chart: " + path.string();
#else
    (void)report;
    (void)path;
    return "chart: not available in this build (the CLI draws it with Qt; built with LADDER_WITH_QT=OFF)";
#endif
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
        std::cerr << writeChart(report, dir / "memory.png") << '\n';
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
    memory->add_option("--out", options->outDir, "Also write memory.md, memory.json and memory.png here");
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
