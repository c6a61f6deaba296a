// SPDX-License-Identifier: GPL-3.0-or-later
// The memory meter counts exactly the bytes of tensor storage that LibTorch allocates.

#include "memory/DeviceMemory.h"
#include "memory/MemoryMeter.h"
#include "util/Error.h"

#include <QtTest>
#include <torch/torch.h>

#include <thread>
#include <vector>

using ladder::MemoryMeter;

class TestMemoryMeter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        MemoryMeter::install();
        QVERIFY(MemoryMeter::isInstalled());
    }

    void allocationMovesCurrentAndPeakByItsBytes_data()
    {
        QTest::addColumn<qint64>("elements");
        QTest::addColumn<int>("dtype");
        QTest::addColumn<qint64>("bytes");
        QTest::newRow("1 float") << qint64(1) << int(torch::kFloat32) << qint64(4);
        QTest::newRow("1000 floats") << qint64(1000) << int(torch::kFloat32) << qint64(4000);
        QTest::newRow("4 MiB of doubles") << qint64(512 * 1024) << int(torch::kFloat64) << qint64(4 * 1024 * 1024);
        QTest::newRow("777 bf16") << qint64(777) << int(torch::kBFloat16) << qint64(1554);
        QTest::newRow("3 int64") << qint64(3) << int(torch::kInt64) << qint64(24);
    }

    void allocationMovesCurrentAndPeakByItsBytes()
    {
        QFETCH(qint64, elements);
        QFETCH(int, dtype);
        QFETCH(qint64, bytes);
        MemoryMeter::resetPeak();
        const auto before = MemoryMeter::snapshot();
        QCOMPARE(before.peakBytes, before.currentBytes);
        {
            const torch::Tensor t = torch::empty({elements}, torch::TensorOptions().dtype(torch::ScalarType(dtype)));
            const auto during = MemoryMeter::snapshot();
            QCOMPARE(during.currentBytes - before.currentBytes, bytes);
            QCOMPARE(during.peakBytes - before.currentBytes, bytes);
            QCOMPARE(during.allocations - before.allocations, 1);
        }
        const auto after = MemoryMeter::snapshot();
        QCOMPARE(after.currentBytes, before.currentBytes);
        QCOMPARE(after.allocations, before.allocations);
        QCOMPARE(after.peakBytes - before.currentBytes, bytes); // the peak remembers
    }

    void peakIsTheHighestSimultaneousTotal()
    {
        MemoryMeter::resetPeak();
        const int64_t base = MemoryMeter::snapshot().currentBytes;
        {
            torch::Tensor a = torch::empty({1000}); // 4000 bytes
            torch::Tensor b = torch::empty({500});  // 2000 bytes, 6000 live
            a.reset();                              // 2000 live
            torch::Tensor c = torch::empty({250});  // 3000 live
            QCOMPARE(MemoryMeter::snapshot().currentBytes - base, int64_t(3000));
        }
        QCOMPARE(MemoryMeter::snapshot().peakBytes - base, int64_t(6000));
    }

    void resetPeakStartsANewWindow()
    {
        { torch::Tensor big = torch::empty({1 << 20}); }
        MemoryMeter::resetPeak();
        const auto snap = MemoryMeter::snapshot();
        QCOMPARE(snap.peakBytes, snap.currentBytes);
    }

    void zeroSizedTensorsCostNothing()
    {
        const auto before = MemoryMeter::snapshot();
        const torch::Tensor empty = torch::empty({0});
        QCOMPARE(MemoryMeter::snapshot().currentBytes, before.currentBytes);
    }

    void computedResultsAreCountedAndAligned()
    {
        const torch::Tensor a = torch::ones({64, 64});
        const int64_t base = MemoryMeter::snapshot().currentBytes;
        const torch::Tensor product = torch::matmul(a, a);
        QCOMPARE(product.index({0, 0}).item<float>(), 64.0f);
        QCOMPARE(MemoryMeter::snapshot().currentBytes - base, int64_t(64 * 64 * 4));
        // Vectorised kernels expect LibTorch's 64-byte alignment.
        QCOMPARE(reinterpret_cast<uintptr_t>(product.data_ptr()) % 64, uintptr_t(0));
    }

    void concurrentAllocationsBalance()
    {
        const int64_t base = MemoryMeter::snapshot().currentBytes;
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([] {
                for (int i = 0; i < 2000; ++i)
                    torch::Tensor x = torch::empty({(i % 37) + 1});
            });
        }
        for (std::thread &thread : threads)
            thread.join();
        QCOMPARE(MemoryMeter::snapshot().currentBytes, base);
    }

    void rssIsReported()
    {
        const auto snap = MemoryMeter::snapshot();
        QVERIFY(snap.currentRssBytes > 0);
        QVERIFY(snap.peakRssBytes >= snap.currentRssBytes);
    }

    // The interface the trainer and the benchmarks read tensor memory through.
    void cpuAccountingCountsLikeTheMeter()
    {
        const std::unique_ptr<ladder::DeviceMemoryAccounting> cpu = ladder::makeDeviceMemoryAccounting("cpu");
        QCOMPARE(cpu->device(), std::string("cpu"));
        cpu->resetPeak();
        const ladder::DeviceMemorySnapshot before = cpu->snapshot();
        QCOMPARE(before.device, std::string("cpu"));
        QCOMPARE(before.peakBytes, before.currentBytes);
        {
            const torch::Tensor t = torch::empty({1000}, torch::kFloat32);
            const ladder::DeviceMemorySnapshot during = cpu->snapshot();
            QCOMPARE(during.currentBytes - before.currentBytes, 4000);
            QCOMPARE(during.reservedBytes, during.currentBytes); // the counting allocator caches nothing
            QCOMPARE(during.allocations - before.allocations, 1);
            QCOMPARE(during.currentBytes, MemoryMeter::snapshot().currentBytes);
        }
        QCOMPARE(cpu->snapshot().peakBytes - before.currentBytes, 4000);
        cpu->resetPeak();
        QCOMPARE(cpu->snapshot().peakBytes, before.currentBytes);
    }

    void devicesAreNamedOrRefused_data()
    {
        QTest::addColumn<QString>("device");
        QTest::addColumn<QString>("error");
        QTest::newRow("tpu") << "tpu" << "unknown device \"tpu\" (expected cpu, cuda or cuda:N)";
        QTest::newRow("cuda:") << "cuda:" << "unknown device \"cuda:\"";
        QTest::newRow("cuda:x") << "cuda:x" << "unknown device \"cuda:x\"";
        QTest::newRow("CPU") << "CPU" << "unknown device \"CPU\"";
        if (!ladder::cudaMemoryAccountingBuilt()) {
            QTest::newRow("cuda, CPU-only build") << "cuda" << "needs a build against a LibTorch with CUDA";
            QTest::newRow("cuda:0, CPU-only build") << "cuda:0" << "needs a build against a LibTorch with CUDA";
        }
    }

    void devicesAreNamedOrRefused()
    {
        QFETCH(QString, device);
        QFETCH(QString, error);
        try {
            ladder::makeDeviceMemoryAccounting(device.toStdString());
            QFAIL("no error");
        } catch (const ladder::Error &e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(error), e.what());
        }
    }
};

QTEST_GUILESS_MAIN(TestMemoryMeter)
#include "test_memory_meter.moc"
