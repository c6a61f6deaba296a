// SPDX-License-Identifier: GPL-3.0-or-later
// What the workbench's window costs a training run, and how soon a stop ends a preparing run.
// Run by hand (offscreen unless QT_QPA_PLATFORM says otherwise); prints Markdown tables:
//
//  stall     the longest GUI-thread stalls while the demo run trains with the live plots shown:
//            lateness of a 5 ms timer on the GUI thread (max and p99). Target: max <= 50 ms.
//  speed     samples/s of the demo run through the window's TrainingSession (plots attached)
//            against `ladder train` (a fresh process) on the same configuration, alternating;
//            each run's stored mean throughput (the store's summary, as `ladder runs` shows).
//            Target: the window's >= 95 % of the CLI's.
//  variants  where the difference comes from: the session without receivers and with plots, at
//            the window's thread count (a core left to the GUI) and at a thread per core (as
//            `ladder train`), the trainer on a plain thread in this process, the CLI with one
//            thread; with the GUI thread's CPU share while training.
//  stop      per preparation stage: how long the stage takes, and how long after a stop
//            requested halfway through it the run ends.
//
//   bench_workbench_training [--steps 300] [--repeats 2] [--sections stall,speed,variants,stop]
//                            [--stop-configs demo,preset]
//
// The speed runs start LST's side network by magnitude instead of the demo's Fisher pruning: the
// same steps, a minute less preparation each.
//
// The machine's load (uptime) is printed first: the numbers mean little on a busy machine.

#include "plots/RunCurves.h"
#include "designer/RunDesigner.h"
#include "run/TrainingSession.h"
#include "store/RunStore.h"
#include "train/RunRecorder.h"
#include "train/Trainer.h"
#include "util/CommaList.h"

#include <CLI/CLI.hpp>

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace ladder;
using Clock = std::chrono::steady_clock;

double secondsBetween(Clock::time_point from, Clock::time_point to)
{
    return std::chrono::duration<double>(to - from).count();
}

/// CPU seconds the calling thread has used. The GUI thread's share of a run's wall time is what
/// the window takes from training on a machine whose cores the trainer's threads all use,
/// whatever else loads the machine.
double threadCpuSeconds()
{
    timespec now {};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

/// The live plots as the workbench shows them, fed as MainWindow feeds them. The one place this
/// benchmark names the plot widget: switch it to the new one here.
std::unique_ptr<QWidget> attachLivePlots(TrainingSession &session)
{
    auto curves = std::make_unique<RunCurves>();
    RunCurves *raw = curves.get();
    QObject::connect(&session, &TrainingSession::prepared, raw, [raw, &session](const RunPreparation &p) {
        raw->beginLiveRun(session.runId(), QStringLiteral("live"), p.totalSteps);
    });
    QObject::connect(&session, &TrainingSession::stepFinished, raw, &RunCurves::addStep);
    QObject::connect(&session, &TrainingSession::memoryMeasured, raw, &RunCurves::addMemory);
    QObject::connect(&session, &TrainingSession::evaluated, raw, &RunCurves::addEvaluation);
    curves->resize(1400, 900);
    curves->show();
    return curves;
}

/// Lateness of a 5 ms timer on the GUI thread: how long the event loop was kept from it.
class StallProbe
{
public:
    StallProbe()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(5);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            m_lateMs.push_back(static_cast<double>(now - m_last) / 1e6 - 5.0);
            m_last = now;
        });
    }
    void start()
    {
        m_clock.start();
        m_last = 0;
        m_timer.start();
    }
    void stop() { m_timer.stop(); }
    double maxMs() const { return m_lateMs.empty() ? 0 : *std::max_element(m_lateMs.begin(), m_lateMs.end()); }
    double percentileMs(double p) const
    {
        if (m_lateMs.empty())
            return 0;
        std::vector<double> sorted = m_lateMs;
        std::sort(sorted.begin(), sorted.end());
        return sorted[static_cast<std::size_t>(p * static_cast<double>(sorted.size() - 1))];
    }
    std::size_t ticks() const { return m_lateMs.size(); }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    std::vector<double> m_lateMs;
};

/// One measured run: how it went and what the store says of it.
struct Measured
{
    std::string how;
    TrainerStatus status = TrainerStatus::Failed;
    std::string message;
    double storedMeanThroughput = 0; ///< the store's summary: mean of the per-step series
    double wallSeconds = 0;
    double guiCpuShare = -1; ///< GUI-thread CPU seconds per wall second while training (-1: no GUI)
};

double storedThroughput(const std::string &database, RunId run)
{
    return RunStore(database).summary(run).meanThroughput.value_or(0.0);
}

/// The demo run through a TrainingSession on this process's event loop, optionally with the
/// live plots and the stall probe.
Measured runInWindow(const RunConfig &config, const std::string &database, bool plots, StallProbe *probe)
{
    TrainingSession session;
    std::unique_ptr<QWidget> curves = plots ? attachLivePlots(session) : nullptr;
    Measured measured;
    QEventLoop loop;
    QObject::connect(&session, &TrainingSession::finished, &loop, [&](const TrainResult &result) {
        measured.status = result.status;
        measured.message = result.message;
        loop.quit();
    });
    QString error;
    const auto start = Clock::now();
    if (!session.start(config, QString::fromStdString(database), &error)) {
        measured.message = error.toStdString();
        return measured;
    }
    // GUI-thread CPU from the first step's preparation being done to the run's end.
    double cpuAtPrepared = 0;
    Clock::time_point wallAtPrepared;
    QObject::connect(&session, &TrainingSession::prepared, &loop, [&] {
        cpuAtPrepared = threadCpuSeconds();
        wallAtPrepared = Clock::now();
        if (probe)
            probe->start();
    });
    loop.exec();
    if (probe)
        probe->stop();
    if (wallAtPrepared != Clock::time_point())
        measured.guiCpuShare = (threadCpuSeconds() - cpuAtPrepared) / secondsBetween(wallAtPrepared, Clock::now());
    measured.wallSeconds = secondsBetween(start, Clock::now());
    measured.storedMeanThroughput = storedThroughput(database, session.runId());
    return measured;
}

/// The trainer on a plain std::thread of this process, recorded as `ladder train` records; the
/// main thread only waits (no event loop).
Measured runOnPlainThread(const RunConfig &config, const std::string &database)
{
    const RunId run = RunStore(database).createRun(runRecordFor(config));
    Measured measured;
    const auto start = Clock::now();
    std::thread worker([&] {
        RunRecorder recorder(database, run);
        RunControl control;
        const TrainResult result = Trainer::run(config, recorder, control);
        recorder.finish(result.status);
        measured.status = result.status;
        measured.message = result.message;
    });
    worker.join();
    measured.wallSeconds = secondsBetween(start, Clock::now());
    measured.storedMeanThroughput = storedThroughput(database, run);
    return measured;
}

/// `ladder train` in a fresh process on the same configuration and store.
Measured runCli(const RunConfig &config, const std::string &database, const QString &workDir)
{
    Measured measured;
    const QString configFile = QDir(workDir).filePath(QStringLiteral("cli-run.json"));
    {
        std::ofstream out(configFile.toStdString());
        out << config.toJson();
    }
    const std::vector<RunId> before = [&] {
        std::vector<RunId> ids;
        for (const RunRecord &record : RunStore(database).listRuns())
            ids.push_back(record.id);
        return ids;
    }();
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    const auto start = Clock::now();
    process.start(QCoreApplication::applicationDirPath() + QStringLiteral("/ladder"),
        { QStringLiteral("train"), configFile, QStringLiteral("--quiet"), QStringLiteral("--db"),
            QString::fromStdString(database) });
    process.waitForFinished(-1);
    measured.wallSeconds = secondsBetween(start, Clock::now());
    measured.status = process.exitCode() == 0 ? TrainerStatus::Finished : TrainerStatus::Failed;
    if (process.exitCode() != 0)
        measured.message = process.readAll().toStdString();
    for (const RunRecord &record : RunStore(database).listRuns()) {
        if (std::find(before.begin(), before.end(), record.id) == before.end())
            measured.storedMeanThroughput = storedThroughput(database, record.id);
    }
    return measured;
}

std::string percent(double share)
{
    return std::to_string(static_cast<int>(100.0 * share + 0.5)) + " %";
}

void printRow(const Measured &m, double reference)
{
    std::printf("| %s | %.0f | %s | %s | %.1f | %s |\n", m.how.c_str(), m.storedMeanThroughput,
        reference > 0 ? percent(m.storedMeanThroughput / reference).c_str() : "",
        m.guiCpuShare >= 0 ? percent(m.guiCpuShare).c_str() : "", m.wallSeconds,
        m.status == TrainerStatus::Finished ? "finished" : m.message.c_str());
    std::fflush(stdout);
}

void stallSection(const RunConfig &config, const std::string &database)
{
    StallProbe probe;
    const Measured m = runInWindow(config, database, true, &probe);
    std::printf("\n## GUI-thread stall while the demo run trains (live plots shown, 5 ms timer)\n\n");
    std::printf("| ticks | max lateness (ms) | p99 (ms) | p50 (ms) | run |\n|---|---|---|---|---|\n");
    std::printf("| %zu | %.1f | %.1f | %.1f | %s, %.0f samples/s |\n", probe.ticks(), probe.maxMs(),
        probe.percentileMs(0.99), probe.percentileMs(0.5),
        m.status == TrainerStatus::Finished ? "finished" : m.message.c_str(), m.storedMeanThroughput);
    std::fflush(stdout);
}

void speedSection(const RunConfig &config, const std::string &database, const QString &workDir, int repeats)
{
    std::printf("\n## Demo run: samples/s with the window against `ladder train` (alternating)\n\n");
    std::printf("| run | stored mean samples/s | of the CLI's mean | GUI thread CPU | wall s | status |\n"
                "|---|---|---|---|---|---|\n");
    std::vector<Measured> window, cli;
    for (int i = 0; i < repeats; ++i) {
        window.push_back(runInWindow(config, database, true, nullptr));
        window.back().how = "window (plots) #" + std::to_string(i + 1);
        printRow(window.back(), 0);
        cli.push_back(runCli(config, database, workDir));
        cli.back().how = "`ladder train` #" + std::to_string(i + 1);
        printRow(cli.back(), 0);
    }
    auto mean = [](const std::vector<Measured> &runs) {
        double sum = 0;
        for (const Measured &m : runs)
            sum += m.storedMeanThroughput;
        return runs.empty() ? 0.0 : sum / static_cast<double>(runs.size());
    };
    std::printf("\nwindow mean %.0f samples/s, CLI mean %.0f samples/s: the window runs at %.0f %% of the CLI's "
                "speed (target >= 95 %%)\n",
        mean(window), mean(cli), 100.0 * mean(window) / std::max(1e-9, mean(cli)));
    std::fflush(stdout);
}

void variantsSection(const RunConfig &config, const std::string &database, const QString &workDir)
{
    std::printf("\n## Where the window's cost comes from (one run each, in this order)\n\n");
    std::printf("| run | stored mean samples/s | of the first CLI run | GUI thread CPU | wall s | status |\n"
                "|---|---|---|---|---|---|\n");
    RunConfig oneThread = config;
    oneThread.train.threads = 1;
    // What the window did before it left a core to itself (TrainingSession::windowThreads).
    RunConfig everyCore = config;
    everyCore.train.threads = static_cast<int>(std::thread::hardware_concurrency());
    struct Variant
    {
        std::string how;
        std::function<Measured()> run;
    };
    const std::vector<Variant> variants = {
        { "`ladder train` (a thread per core)", [&] { return runCli(config, database, workDir); } },
        { "session, no receivers (window threads)", [&] { return runInWindow(config, database, false, nullptr); } },
        { "session + live plots (window threads)", [&] { return runInWindow(config, database, true, nullptr); } },
        { "session + live plots, a thread per core", [&] { return runInWindow(everyCore, database, true, nullptr); } },
        { "session, no receivers, a thread per core",
            [&] { return runInWindow(everyCore, database, false, nullptr); } },
        { "trainer on a plain thread (a thread per core)", [&] { return runOnPlainThread(config, database); } },
        { "`ladder train`, threads 1", [&] { return runCli(oneThread, database, workDir); } },
    };
    double reference = 0;
    for (const Variant &variant : variants) {
        Measured m = variant.run();
        m.how = variant.how;
        if (reference == 0)
            reference = m.storedMeanThroughput;
        printRow(m, reference);
    }
}

/// Watches the preparation stages of one run: when each began, and (optionally) requests a stop
/// `stopAfter` seconds into the stage named `stopIn`, from another thread.
class StageClock : public TrainerObserver
{
public:
    StageClock(RunControl &control, std::string stopIn, double stopAfter)
        : m_control(control)
        , m_stopIn(std::move(stopIn))
        , m_stopAfter(stopAfter)
    {
    }
    ~StageClock() override
    {
        if (m_stopper.joinable())
            m_stopper.join();
    }

    void statusChanged(TrainerStatus status, const std::string &message) override
    {
        const auto now = Clock::now();
        if (status == TrainerStatus::Preparing && !message.empty())
            stages.emplace_back(message, now);
        else if (status == TrainerStatus::Running && !m_running) {
            m_running = true;
            stages.emplace_back("(first step)", now);
            if (m_stopIn == "(first step)")
                m_control.requestStop();
        }
        if (status == TrainerStatus::Preparing && message == m_stopIn) {
            m_stopper = std::thread([this] {
                std::this_thread::sleep_for(std::chrono::duration<double>(m_stopAfter));
                requested.store(Clock::now().time_since_epoch().count());
                m_control.requestStop();
            });
        }
    }

    std::vector<std::pair<std::string, Clock::time_point>> stages;
    std::atomic<Clock::rep> requested { 0 };

private:
    RunControl &m_control;
    std::string m_stopIn;
    double m_stopAfter;
    std::thread m_stopper;
    bool m_running = false;
};

void stopSection(const RunConfig &demo, const std::vector<std::string> &which)
{
    std::printf("\n## Stop while preparing: stage length, and how soon a stop halfway through ends the run\n\n");
    std::printf(
        "| configuration | stage | stage takes (s) | stop requested after (s) | run ended after the request (ms) "
        "| status |\n|---|---|---|---|---|---|\n");
    // The demo (a shipped backbone with its vocabulary, WordNet task, LST with Fisher init), and a
    // preset that trains its vocabulary on a larger task.
    // The preset starts its side network by magnitude: Fisher on t5-small would take minutes
    // per run here, and the demo row already measures stopping inside Fisher.
    RunConfig preset = demo;
    preset.backbone.preset = "t5-small";
    preset.task.trainSize = 20000;
    preset.method.lst.init = SideInit::Magnitude;
    std::vector<std::pair<std::string, RunConfig>> configurations;
    if (std::find(which.begin(), which.end(), "demo") != which.end())
        configurations.emplace_back("demo (wordnet-t5-tiny, lst, fisher)", demo);
    if (std::find(which.begin(), which.end(), "preset") != which.end())
        configurations.emplace_back("t5-small preset, 20k examples, lst (magnitude)", preset);
    for (const auto &[name, config] : configurations) {
        QTemporaryDir cache;
        qputenv("LADDER_CACHE_DIR", cache.path().toUtf8());
        // Stage lengths from a run stopped at its first step.
        RunControl control;
        StageClock full(control, "(first step)", 0);
        const TrainResult result = Trainer::run(config, full, control);
        (void)result;
        std::map<std::string, double> lengths;
        for (std::size_t i = 0; i + 1 < full.stages.size(); ++i)
            lengths[full.stages[i].first] = secondsBetween(full.stages[i].second, full.stages[i + 1].second);
        for (std::size_t i = 0; i + 1 < full.stages.size(); ++i) {
            const std::string &stage = full.stages[i].first;
            QTemporaryDir stageCache; // a vocabulary is trained again, not found in the cache
            qputenv("LADDER_CACHE_DIR", stageCache.path().toUtf8());
            RunControl stopControl;
            // Halfway, but at most 5 s in: the demo's Fisher initialisation alone takes a minute or more.
            const double after = std::min(lengths[stage] / 2, 5.0);
            StageClock clock(stopControl, stage, after);
            const TrainResult stopped = Trainer::run(config, clock, stopControl);
            const auto ended = Clock::now();
            const Clock::time_point requested { Clock::duration(clock.requested.load()) };
            const double latencyMs = clock.requested.load() == 0 ? -1 : 1000.0 * secondsBetween(requested, ended);
            std::printf("| %s | %s | %.2f | %.2f | %.0f | %s |\n", name.c_str(), stage.c_str(), lengths[stage], after,
                latencyMs, stopped.message.c_str());
            std::fflush(stdout);
        }
        // A run stopped in its first step had the training loop's latency; not a preparation stage.
        if (full.stages.size() < 2)
            std::printf("| %s | (preparation failed: %s) | | | | |\n", name.c_str(), result.message.c_str());
    }
}

std::string machineLoad()
{
    std::ifstream in("/proc/loadavg");
    std::string one, five, fifteen;
    in >> one >> five >> fifteen;
    return one + " " + five + " " + fifteen;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication application(argc, argv);
    CLI::App cli { "What the workbench's window costs a run, and how soon a stop ends a preparing run" };
    int64_t steps = 300;
    int repeats = 2;
    std::string sections = "stall,speed,variants,stop";
    std::string stopConfigs = "demo,preset";
    cli.add_option("--steps", steps, "Optimizer steps of each demo run")->check(CLI::PositiveNumber);
    cli.add_option("--repeats", repeats, "Window and CLI runs each in the speed section")->check(CLI::PositiveNumber);
    cli.add_option("--sections", sections, "Any of stall, speed, variants, stop");
    cli.add_option("--stop-configs", stopConfigs, "Configurations of the stop section: demo, preset");
    CLI11_PARSE(cli, argc, argv);
    const std::vector<std::string> chosen = splitCommaList(sections);
    auto wants = [&](const char *section) { return std::find(chosen.begin(), chosen.end(), section) != chosen.end(); };

    QTemporaryDir work;
    const std::string database = QDir(work.path()).filePath(QStringLiteral("runs.sqlite")).toStdString();
    qputenv("LADDER_CACHE_DIR", QDir(work.path()).filePath(QStringLiteral("cache")).toUtf8());
    RunConfig config = RunDesigner::demoConfig();
    config.train.maxSteps = steps;
    // Magnitude, not Fisher, for the speed runs: the side network and its steps are the same, and
    // Fisher initialisation (a minute or more of preparation per run, see the stop section) does
    // not count in samples/s anyway.
    config.method.lst.init = SideInit::Magnitude;

    std::printf("# Workbench training benchmark\n\nload average (1, 5, 15 min) at start: %s; %u cores; demo run, "
                "%lld steps\n",
        machineLoad().c_str(), std::thread::hardware_concurrency(), static_cast<long long>(steps));
    if (wants("stall"))
        stallSection(config, database);
    if (wants("speed"))
        speedSection(config, database, work.path(), repeats);
    if (wants("variants"))
        variantsSection(config, database, work.path());
    if (wants("stop"))
        stopSection(RunDesigner::demoConfig(), splitCommaList(stopConfigs));
    std::printf("\nload average at the end: %s\n", machineLoad().c_str());
    return 0;
}
