// SPDX-License-Identifier: GPL-3.0-or-later
// Measures the experiment store the way training and the GUI use it:
//  1. sustained insert rate of a training-like writer (4 series per step, default batching);
//  2. with RUNS runs × POINTS points each: the run list, a downsampled series, all summaries.
// Usage: store_benchmark [DATABASE] [RUNS] [POINTS]   (defaults: a file in /tmp, 1000, 10000)

#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

namespace {

using Clock = std::chrono::steady_clock;

double secondsSince(Clock::time_point start)
{
    return std::chrono::duration<double>(Clock::now() - start).count();
}

template<typename F> double bestOf(int repeats, F &&work)
{
    double best = 1e30;
    for (int i = 0; i < repeats; ++i) {
        const auto start = Clock::now();
        work();
        best = std::min(best, secondsSince(start));
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    using namespace ladder;
    const std::string path = argc > 1 ? argv[1] : "/tmp/ladder-store-benchmark.sqlite";
    const int runs = argc > 2 ? std::atoi(argv[2]) : 1000;
    const int points = argc > 3 ? std::atoi(argv[3]) : 10000;
    for (const char *suffix : { "", "-wal", "-shm" })
        std::filesystem::remove(path + suffix);

    RunStore store(path);
    RunRecord record;
    record.method = "lst";
    record.task = "glue/sst2";
    record.backbone = "t5-base";
    record.configJson = R"({"method": "lst", "reduction": 8})";

    // 1. Insert rate.
    {
        const RunId id = store.createRun(record);
        constexpr int kSteps = 250000;
        const auto start = Clock::now();
        {
            RunWriter writer(path, id);
            for (int step = 0; step < kSteps; ++step) {
                writer.addMetric("loss", step, 1.0 / (step + 1));
                writer.addMetric("lr", step, 3e-3);
                writer.addMetric("grad_norm", step, 0.5);
                writer.addMetric(kThroughputSeries, step, 120.0);
            }
            writer.finish(RunStatus::Finished);
        }
        const double seconds = secondsSince(start);
        std::printf("insert: %d points in %.3f s = %.0f points/s\n", kSteps * 4, seconds, kSteps * 4 / seconds);
        store.removeRun(id);
    }

    // 2. Queries over a populated database.
    const auto fillStart = Clock::now();
    RunId sample = 0;
    for (int r = 0; r < runs; ++r) {
        record.method = r % 2 ? "lst" : "lora";
        record.tags = { r % 10 == 0 ? "sweep" : "single" };
        const RunId id = store.createRun(record);
        sample = id;
        RunWriter writer(path, id);
        for (int step = 0; step < points; ++step)
            writer.addMetric("loss", step, 1.0 / (step + 1) + (step % 97) * 1e-3);
        writer.addMetric(kThroughputSeries, points, 100.0);
        writer.addEvaluation({ "validation", "accuracy", points, 0, 0.5 + r * 1e-4 });
        writer.addMemory({ "tensor_peak", points, 0, 1000000 + r });
        writer.finish(RunStatus::Finished);
    }
    std::printf("filled %d runs x %d points in %.1f s (%.1f MiB)\n", runs, points, secondsSince(fillStart),
        std::filesystem::file_size(path) / 1048576.0);

    std::size_t listed = 0;
    const double list = bestOf(5, [&] { listed = store.listRuns().size(); });
    RunFilter filter;
    filter.method = "lora";
    filter.tag = "sweep";
    std::size_t filtered = 0;
    const double filteredList = bestOf(5, [&] { filtered = store.listRuns(filter).size(); });
    std::size_t plotted = 0;
    const double downsampled = bestOf(5, [&] { plotted = store.downsampledSeries(sample, "loss", 1000).size(); });
    std::size_t summarised = 0;
    const double summaries = bestOf(3, [&] { summarised = store.summaries().size(); });
    std::printf("run list (%zu runs): %.2f ms\n", listed, list * 1e3);
    std::printf("filtered run list (%zu runs): %.2f ms\n", filtered, filteredList * 1e3);
    std::printf("downsampled series (%d -> %zu points): %.2f ms\n", points, plotted, downsampled * 1e3);
    std::printf("summaries of all runs (%zu): %.1f ms\n", summarised, summaries * 1e3);
    return 0;
}
