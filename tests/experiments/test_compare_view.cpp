// SPDX-License-Identifier: GPL-3.0-or-later
// The compare view: its table shows exactly what compareRuns() computes from the store, its
// bars stack each run's memory categories up to the stored peak, the frontier holds the runs
// nothing beats, and every export writes a valid file.

#include "RecordedRuns.h"

#include "experiments/CompareView.h"
#include "experiments/ComparisonTableModel.h"
#include "experiments/ConfigDifferenceModel.h"
#include "experiments/ParetoFrontier.h"
#include "experiments/PeakMemoryBars.h"
#include "experiments/RunHistoryModel.h"
#include "experiments/RunHistoryView.h"
#include "experiments/ScoreMemoryBubbles.h"
#include "plots/PlotExport.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ladder;
using namespace ladder::test;

namespace {

QByteArray readFile(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

/// The five methods of docs/pretrain.md's table, 100 steps each, in the paper's order.
std::vector<RunId> recordPaperRuns(const std::string &path)
{
    std::vector<RunId> ids;
    for (const RecordedRun &spec : paperTableRuns(100))
        ids.push_back(writeThroughWriter(path, recordedRunData(spec)));
    return ids;
}

QList<qint64> asList(const std::vector<RunId> &ids)
{
    return QList<qint64>(ids.begin(), ids.end());
}

RunId idOf(const std::vector<RunId> &ids, const char *method)
{
    static const std::vector<std::string> order = { "full", "bitfit", "adapter", "lora", "lst" };
    return ids.at(static_cast<std::size_t>(std::find(order.begin(), order.end(), method) - order.begin()));
}

} // namespace

class TestCompareView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableNumbersAreCompareRunsAndTheStores()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        CompareView view(QString::fromStdString(path));
        view.setRuns(asList(ids));

        RunStore store(path);
        const RunComparison expected = compareRuns(store, ids);
        const auto *table = qobject_cast<ComparisonTableModel *>(view.table()->model());
        QVERIFY(table);
        QCOMPARE(table->rowCount(), static_cast<int>(expected.rows.size()));
        QCOMPARE(table->rowCount(), 5);
        const int task = table->taskColumn("wordnet-lexname");
        QVERIFY(task >= 0);
        for (int row = 0; row < table->rowCount(); ++row) {
            const ComparisonRow &want = expected.rows[static_cast<std::size_t>(row)];
            const auto cell
                = [&](int column) { return table->index(row, column).data(ComparisonTableModel::ValueRole); };
            QCOMPARE(table->index(row, ComparisonTableModel::MethodColumn).data().toString(),
                QString::fromStdString(want.method));
            QCOMPARE(cell(ComparisonTableModel::TrainableColumn).toDouble(), *want.trainablePercent);
            QCOMPARE(cell(ComparisonTableModel::MemoryColumn).toLongLong(), *want.peakBytes);
            QCOMPARE(cell(task).toDouble(), want.scores.at("wordnet-lexname").value);
            QCOMPARE(cell(table->meanColumn()).toDouble(), *want.meanScore);
            QCOMPARE(cell(table->samplesPerSecondColumn()).toDouble(), *want.samplesPerSecond);

            // …and so the store's own figures: one run per row here.
            QCOMPARE(want.runs.size(), std::size_t { 1 });
            const RunSummary summary = store.summary(want.runs.front());
            QCOMPARE(cell(ComparisonTableModel::MemoryColumn).toLongLong(), summary.peakMemoryBytes.at("tensor_peak"));
            QCOMPARE(cell(table->samplesPerSecondColumn()).toDouble(), *summary.meanThroughput);
            double testScore = -1;
            for (const EvaluationRecord &evaluation : store.evaluations(want.runs.front())) {
                if (evaluation.split == "test" && evaluation.metric == "score")
                    testScore = evaluation.value;
            }
            QCOMPARE(cell(task).toDouble(), testScore);
        }
        // The paper's row order: full, bitfit, adapter, lora, lst.
        QCOMPARE(table->index(0, 0).data().toString(), QStringLiteral("full"));
        QCOMPARE(table->index(4, 0).data().toString(), QStringLiteral("lst r=8"));
    }

    void barsStackTheCategoriesUpToEachPeak()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        CompareView view(QString::fromStdString(path));
        view.setRuns(asList(ids));

        PeakMemoryBars *plot = view.memoryPlot();
        QCOMPARE(plot->plottableCount(), 5); // one stack layer per category
        const RunComparison &comparison = view.comparison();
        for (std::size_t run = 0; run < comparison.runs.size(); ++run) {
            const double key = static_cast<double>(run + 1);
            double stacked = 0;
            for (int layer = 0; layer < plot->plottableCount(); ++layer) {
                auto *bars = qobject_cast<QCPBars *>(plot->plottable(layer));
                QVERIFY(bars);
                const auto point = bars->data()->findBegin(key, false);
                QVERIFY(point != bars->data()->constEnd());
                QCOMPARE(point->key, key);
                stacked += point->value;
            }
            // The axis is in MiB for these sizes: the stack's top is the stored peak.
            QCOMPARE(stacked * 1024 * 1024, static_cast<double>(*comparison.runs[run].peakBytes));
        }
        RunStore store(path);
        QCOMPARE(*comparison.runs[4].peakBytes, store.summary(ids[4]).peakMemoryBytes.at("tensor_peak"));
    }

    void frontierHoldsTheRunsNothingBeats()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        CompareView view(QString::fromStdString(path));
        view.setRuns(asList(ids));
        // LST: least memory (26.0 MiB) at 79.5; only full fine-tuning scores higher (83.0), with
        // more memory (41.6). BitFit, adapters and LoRA need more memory than LST for less.
        QCOMPARE(view.scorePlot()->frontierRunIds(), QList<qint64>({ idOf(ids, "lst"), idOf(ids, "full") }));
    }

    void frontierOfPoints_data()
    {
        QTest::addColumn<QList<double>>("memory");
        QTest::addColumn<QList<double>>("score");
        QTest::addColumn<QList<int>>("frontier");
        QTest::newRow("one point") << QList<double> { 1 } << QList<double> { 50 } << QList<int> { 0 };
        QTest::newRow("a chain") << QList<double> { 3, 1, 2 } << QList<double> { 90, 70, 80 } << QList<int> { 1, 2, 0 };
        QTest::newRow("dominated") << QList<double> { 1, 2 } << QList<double> { 80, 70 } << QList<int> { 0 };
        QTest::newRow("same memory, better score wins")
            << QList<double> { 2, 2 } << QList<double> { 60, 70 } << QList<int> { 1 };
        QTest::newRow("same score, less memory wins")
            << QList<double> { 3, 2 } << QList<double> { 70, 70 } << QList<int> { 1 };
    }

    void frontierOfPoints()
    {
        QFETCH(QList<double>, memory);
        QFETCH(QList<double>, score);
        QFETCH(QList<int>, frontier);
        std::vector<MemoryScorePoint> points;
        for (qsizetype i = 0; i < memory.size(); ++i)
            points.push_back({ memory[i], score[i] });
        QList<int> got;
        for (std::size_t index : ladder::paretoFrontier(points))
            got << static_cast<int>(index);
        QCOMPARE(got, frontier);
    }

    void differencesAreTheCoresAndHighlighted()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        CompareView view(QString::fromStdString(path));
        const std::vector<RunId> picked = { idOf(ids, "lst"), idOf(ids, "lora") };
        view.setRuns(asList(picked));
        const QAbstractItemModel *model = view.differencesTable()->model();
        const RunComparison expected = compareRuns(RunStore(path), picked);
        QCOMPARE(model->rowCount(), static_cast<int>(expected.differences.size()));
        QCOMPARE(model->columnCount(), 2);
        int kindRow = -1;
        for (int row = 0; row < model->rowCount(); ++row) {
            if (model->headerData(row, Qt::Vertical).toString() == QStringLiteral("method.kind"))
                kindRow = row;
            // The reference column is never highlighted; every listed path differs somewhere.
            QVERIFY(!model->index(row, 0).data(ConfigDifferenceModel::DiffersRole).toBool());
        }
        QVERIFY(kindRow >= 0);
        QCOMPARE(model->index(kindRow, 0).data().toString(), QStringLiteral("lst"));
        QCOMPARE(model->index(kindRow, 1).data().toString(), QStringLiteral("lora"));
        QVERIFY(model->index(kindRow, 1).data(ConfigDifferenceModel::DiffersRole).toBool());
        QVERIFY(model->index(kindRow, 1).data(Qt::BackgroundRole).isValid());
    }

    void exportsWriteValidFiles()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        CompareView view(QString::fromStdString(path));
        view.resize(1400, 900);
        view.setRuns(asList(ids));
        QString error;

        const QString csv = dir.filePath(QStringLiteral("table.csv"));
        QVERIFY2(view.exportCsv(csv, &error), qPrintable(error));
        const QStringList csvLines = QString::fromUtf8(readFile(csv)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QCOMPARE(csvLines.size(), 1 + 5);
        QVERIFY(csvLines[0].startsWith(QStringLiteral("method,backbone,trainable_percent,peak_memory_bytes")));
        // The stored peak of LST, in bytes, in LST's row.
        const RunStore store(path);
        const QString lstPeak = QString::number(store.summary(idOf(ids, "lst")).peakMemoryBytes.at("tensor_peak"));
        QVERIFY(csvLines.last().startsWith(QStringLiteral("lst r=8,")));
        QVERIFY(csvLines.last().contains(lstPeak));

        const QString markdown = dir.filePath(QStringLiteral("table.md"));
        QVERIFY2(view.exportMarkdown(markdown, &error), qPrintable(error));
        const QStringList markdownLines
            = QString::fromUtf8(readFile(markdown)).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(markdownLines.size() >= 2 + 5);
        QVERIFY(markdownLines[0].startsWith(QLatin1Char('|')));
        QVERIFY(markdownLines[1].startsWith(QStringLiteral("|-")) || markdownLines[1].startsWith(QStringLiteral("| -"))
            || markdownLines[1].startsWith(QStringLiteral("|:")));
        for (const char *method : { "full", "bitfit", "adapter r=16", "lora r=32", "lst r=8" })
            QVERIFY2(readFile(markdown).contains(QByteArray(QByteArray("| ") + method + " |")), method);

        const QString json = dir.filePath(QStringLiteral("comparison.json"));
        QVERIFY2(view.exportJson(json, &error), qPrintable(error));
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(readFile(json), &parseError);
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        QCOMPARE(document.object().value(QStringLiteral("rows")).toArray().size(), 5);
        QCOMPARE(document.object().value(QStringLiteral("runs")).toArray().size(), 5);

        for (QCustomPlot *plot :
            { static_cast<QCustomPlot *>(view.memoryPlot()), static_cast<QCustomPlot *>(view.scorePlot()) }) {
            const QString png = dir.filePath(plot->objectName().left(10) + QStringLiteral(".png"));
            QVERIFY2(savePlotImage(plot, png, &error), qPrintable(error));
            QVERIFY(readFile(png).startsWith(QByteArray("\x89PNG\r\n\x1a\n", 8)));
            QVERIFY(!QImage(png).isNull());
        }
        QVERIFY(!view.exportCsv(dir.filePath(QStringLiteral("no/such/folder/table.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("table.csv")));
    }

    void followsAnUnfinishedRunAndLeavesOutDeletedOnes()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const std::vector<RunId> ids = recordPaperRuns(path);
        RecordedRun liveSpec = paperTableRuns(100).back();
        liveSpec.status = RunStatus::Running;
        std::unique_ptr<RunWriter> writer;
        const RunId live = writeThroughWriter(path, recordedRunData(liveSpec), &writer);
        CompareView view(QString::fromStdString(path));
        view.setRuns({ ids[0], live, 999 });
        QCOMPARE(view.comparison().runs.size(), std::size_t { 2 });
        QCOMPARE(view.comparison().runs[1].steps, std::int64_t { 100 });
        QVERIFY(!view.comparison().runs[1].testScore);

        writer->addMetric("loss", 101, 0.3);
        writer->addEvaluation({ "test", "score", 101, 0, 81.0 });
        writer->finish(RunStatus::Finished);
        // The view polls every second while a compared run is unfinished.
        QTRY_COMPARE_WITH_TIMEOUT(view.comparison().runs[1].steps, std::int64_t { 101 }, 15000);
        QCOMPARE(*view.comparison().runs[1].testScore, 81.0);
        QCOMPARE(view.comparison().runs[1].run.status, RunStatus::Finished);
    }

    // Not a check: with LADDER_SCREENSHOT_DIR set, saves the history and the compare view at
    // 1400×900 over the paper table's runs, for a person to look at.
    void savesScreenshots()
    {
        const QString folder = qEnvironmentVariable("LADDER_SCREENSHOT_DIR");
        if (folder.isEmpty())
            QSKIP("set LADDER_SCREENSHOT_DIR to save screenshots");
        QDir().mkpath(folder);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        std::vector<RunId> ids;
        double start = 1767261600; // 2026-01-01 10:00 UTC
        for (RecordedRun spec : paperTableRuns(1000)) {
            spec.tags = { "lexname" };
            const RunData data = recordedRunData(spec, start);
            ids.push_back(importRecorded(path, data));
            start = data.run.finishedAt + 40;
        }
        RecordedRun prompt = paperTableRuns(1000).front();
        prompt.name = "lexname prompt";
        prompt.method = "prompt";
        prompt.methodJson = R"({"kind": "prompt", "length": 100})";
        prompt.trainablePercent = 0.84;
        prompt.peakMiB = 83.8;
        prompt.testScore = 22.0;
        prompt.samplesPerSecond = 244;
        prompt.steps = 430;
        prompt.status = RunStatus::Failed;
        importRecorded(path, recordedRunData(prompt, start));
        RecordedRun interrupted = paperTableRuns(1000).back();
        interrupted.name = "lexname lst r=16, mini";
        interrupted.methodJson = R"({"kind": "lst", "reduction": 16})";
        interrupted.backbone = "wordnet-t5-mini";
        interrupted.backboneParameters = 1967872;
        interrupted.trainablePercent = 1.47;
        interrupted.peakMiB = 36.6;
        interrupted.testScore = 74.0;
        interrupted.samplesPerSecond = 1123;
        interrupted.steps = 620;
        interrupted.checkpoint = true;
        interrupted.status = RunStatus::Interrupted;
        importRecorded(path, recordedRunData(interrupted, start + 200));
        RecordedRun running = paperTableRuns(1000)[2];
        running.name = "lexname adapter r=8";
        running.methodJson = R"({"kind": "adapter", "reduction": 8})";
        running.trainablePercent = 1.41;
        running.steps = 240;
        running.status = RunStatus::Running;
        std::unique_ptr<RunWriter> writer;
        writeThroughWriter(path, recordedRunData(running, start + 900), &writer);

        RunHistoryModel model(QString::fromStdString(path));
        RunHistoryView history(&model, nullptr);
        history.resize(1400, 900);
        history.selectRuns(asList(ids));
        history.show();
        QVERIFY(QTest::qWaitForWindowExposed(&history));
        QVERIFY(history.grab().save(folder + QStringLiteral("/run-history.png")));

        CompareView compare(QString::fromStdString(path));
        compare.resize(1400, 900);
        compare.setRuns(asList(ids));
        compare.show();
        QVERIFY(QTest::qWaitForWindowExposed(&compare));
        QVERIFY(compare.grab().save(folder + QStringLiteral("/compare-view.png")));
    }
};

QTEST_MAIN(TestCompareView)
#include "test_compare_view.moc"
