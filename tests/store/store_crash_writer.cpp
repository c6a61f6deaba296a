// SPDX-License-Identifier: GPL-3.0-or-later
// The SIGKILL test's victim (tests/store/test_store_concurrency.cpp): opens the store, creates a
// running run, and writes loss points in batches as fast as it can, printing "run <id>" once and
// "committed <n>" after every commit, until it is killed (or after a minute, so that a test that
// dies first leaves no process behind).

#include "store/RunStore.h"
#include "store/RunWriter.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

int main(int argc, char **argv)
{
    using namespace ladder;
    if (argc < 2) {
        std::fprintf(stderr, "usage: store_crash_writer DATABASE [BATCH]\n");
        return 2;
    }
    const std::string path = argv[1];
    const long batch = argc > 2 ? std::atol(argv[2]) : 500;
    try {
        RunStore store(path);
        RunRecord run;
        run.name = "crash victim";
        run.method = "lst";
        run.status = RunStatus::Running;
        const RunId id = store.createRun(run);
        RunWriterOptions options;
        options.batchRecords = static_cast<std::size_t>(batch) + 1; // commits only when told to
        options.batchInterval = std::chrono::hours(1);
        RunWriter writer(path, id, options);
        std::printf("run %lld\n", static_cast<long long>(id));
        std::fflush(stdout);

        const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(1);
        for (std::int64_t step = 0; std::chrono::steady_clock::now() < deadline; ++step) {
            writer.addMetric("loss", step, 1.0 / static_cast<double>(step + 1));
            if ((step + 1) % batch == 0) {
                writer.flush();
                std::printf("committed %lld\n", static_cast<long long>(step + 1));
                std::fflush(stdout);
            }
        }
        writer.finish(RunStatus::Finished);
    } catch (const std::exception &e) {
        std::fprintf(stderr, "store_crash_writer: %s\n", e.what());
        return 1;
    }
    return 0;
}
