// SPDX-License-Identifier: GPL-3.0-or-later
// The predictor's LST peak (what `ladder plan`, the designer, the ladder view and `ladder bench`
// show) against the memory meter on a real training step (forward, backward, AdamW with its
// moments allocated): within 10% for t5-tiny, t5-mini and t5-small, with each of LST's memory
// options — one memory model, checked where it is used.
#include "bench/BenchMethods.h"
#include "bench/MemoryStep.h"
#include "memory/MemoryMeter.h"
#include "model/T5Config.h"
#include "train/MemoryPredictor.h"

#include <QObject>
#include <QTest>

#include <cmath>

class TestLstMemoryPrediction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        ladder::MemoryMeter::install();
    }

    void predictionIsWithinTenPercentOfTheMeter_data()
    {
        QTest::addColumn<QString>("preset");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("sourceLength");
        QTest::addColumn<QString>("method");
        const struct
        {
            const char *preset;
            int batch;
            int sourceLength;
        } shapes[] = {{"t5-tiny", 8, 64}, {"t5-mini", 32, 64}, {"t5-small", 8, 128}};
        for (const auto &shape : shapes)
            for (const char *method : {"lst", "lst+bf16", "lst+recompute", "lst+both"})
                QTest::addRow("%s B%d×%d %s", shape.preset, shape.batch, shape.sourceLength, method)
                    << QString::fromLatin1(shape.preset) << shape.batch << shape.sourceLength
                    << QString::fromLatin1(method);
    }

    void predictionIsWithinTenPercentOfTheMeter()
    {
        QFETCH(QString, preset);
        QFETCH(int, batch);
        QFETCH(int, sourceLength);
        QFETCH(QString, method);
        ladder::MemoryStepRequest request;
        request.preset = preset.toStdString();
        request.method = method.toStdString();
        request.batch = batch;
        request.sourceLength = sourceLength;
        request.targetLength = 4;
        const int64_t measured = ladder::runMemoryStep(request).memory.peak;
        const int64_t predicted = ladder::predictTrainingMemory(ladder::T5Config::preset(request.preset),
            ladder::benchMethod(request.method).method, request.batch, request.sourceLength, request.targetLength)
                                      .memory.peak;
        const double error = static_cast<double>(predicted - measured) / static_cast<double>(measured);
        const QByteArray message = QStringLiteral("measured %1 bytes, predicted %2 (%3%)")
                                       .arg(measured)
                                       .arg(predicted)
                                       .arg(100 * error, 0, 'f', 1)
                                       .toUtf8();
        qInfo("%s", message.constData());
        QVERIFY2(std::abs(error) <= 0.10, message.constData());
    }
};

QTEST_GUILESS_MAIN(TestLstMemoryPrediction)
#include "test_lst_memory_prediction.moc"
