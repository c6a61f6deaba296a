// SPDX-License-Identifier: GPL-3.0-or-later
// The run history: a model that follows the store file (runs another process imports or
// deletes appear and vanish without a restart, selections survive), and the dock view's
// filters, sorting and exports.

#include "RecordedRuns.h"

#include "experiments/RunHistoryFilter.h"
#include "experiments/RunHistoryModel.h"
#include "experiments/RunHistoryView.h"
#include "settings/WorkbenchSettings.h"

#include "store/RunExport.h"
#include "util/Error.h"

#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QProcess>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace ladder;
using namespace ladder::test;

namespace {

// A generous bound for the model's once-a-second poll to see another process's commit; the
// tests wait for the change, they do not time it.
constexpr int kFollowWaitMs = 15000;

QString ladderExecutable()
{
    return QStringLiteral(LADDER_BIN_DIR "/ladder");
}

RecordedRun smallRun(const std::string &name, const std::string &methodJson, const std::string &method,
    double samplesPerSecond, RunStatus status = RunStatus::Finished)
{
    RecordedRun run;
    run.name = name;
    run.methodJson = methodJson;
    run.method = method;
    run.trainablePercent = method == "full" ? 100 : 1.2;
    run.peakMiB = method == "full" ? 41.6 : 28.5;
    run.testScore = 70 + static_cast<double>(name.size());
    run.samplesPerSecond = samplesPerSecond;
    run.steps = 40;
    run.evalEvery = 10;
    run.status = status;
    return run;
}

void runLadder(const QStringList &arguments)
{
    QProcess process;
    process.start(ladderExecutable(), arguments);
    QVERIFY2(process.waitForFinished(120000), qPrintable(process.errorString()));
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0,
        qPrintable(QString::fromUtf8(process.readAllStandardError())));
}

/// The model shows exactly what the store's summaries say, row for row (by id).
void compareWithStore(const RunHistoryModel &model, const std::string &databasePath)
{
    RunStore store(databasePath);
    const std::vector<RunSummary> summaries = store.summaries();
    QCOMPARE(model.rowCount(), static_cast<int>(summaries.size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const RunSummary &summary = summaries[static_cast<std::size_t>(row)];
        const auto value = [&](int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
        QCOMPARE(value(RunHistoryModel::IdColumn, RunHistoryModel::RunIdRole).toLongLong(), summary.run.id);
        QCOMPARE(value(RunHistoryModel::NameColumn).toString(), QString::fromStdString(summary.run.name));
        QCOMPARE(value(RunHistoryModel::StatusColumn, RunHistoryModel::StatusRole).toInt(),
            static_cast<int>(summary.run.status));
        QCOMPARE(
            value(RunHistoryModel::StepsColumn, RunHistoryModel::SortRole).toLongLong(), summary.lastStep.value_or(0));
        QCOMPARE(value(RunHistoryModel::PeakMemoryColumn, RunHistoryModel::SortRole).toLongLong(),
            summary.peakMemoryBytes.at("tensor_peak"));
        QCOMPARE(value(RunHistoryModel::SamplesPerSecondColumn, RunHistoryModel::SortRole).toDouble(),
            *summary.meanThroughput);
        QCOMPARE(value(RunHistoryModel::TrainablePercentColumn, RunHistoryModel::SortRole).toDouble(),
            100.0 * static_cast<double>(summary.run.trainableParameters)
                / static_cast<double>(summary.run.totalParameters));
        for (const BestEvaluation &best : summary.bestEvaluations) {
            if (best.split == "validation" && best.metric == "score")
                QCOMPARE(
                    value(RunHistoryModel::BestValidationColumn, RunHistoryModel::SortRole).toDouble(), best.value);
            if (best.split == "test" && best.metric == "score")
                QCOMPARE(value(RunHistoryModel::TestScoreColumn, RunHistoryModel::SortRole).toDouble(), best.value);
        }
    }
}

QList<qint64> idsInViewOrder(const RunHistoryView &view)
{
    QList<qint64> ids;
    const QAbstractItemModel *shown = view.table()->model();
    for (int row = 0; row < shown->rowCount(); ++row)
        ids << shown->index(row, 0).data(RunHistoryModel::RunIdRole).toLongLong();
    return ids;
}

} // namespace

class TestRunHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFile::exists(ladderExecutable()))
            QSKIP("build/bin/ladder is not built (the `ladder` target)");
    }

    void followsRunsAnotherProcessImportsAndDeletes()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        // Two runs recorded by a RunWriter in one database, exported as `ladder export --json` does.
        const std::string source = dir.filePath(QStringLiteral("source.db")).toStdString();
        const RunId lora = writeThroughWriter(
            source, recordedRunData(smallRun("lora try", R"({"kind": "lora", "rank": 8})", "lora", 763)));
        const RunId lst = writeThroughWriter(
            source, recordedRunData(smallRun("lst try", R"({"kind": "lst", "reduction": 8})", "lst", 1028)));
        const QString exported = dir.filePath(QStringLiteral("runs.json"));
        {
            QFile file(exported);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray::fromStdString(exportRunsJson(RunStore(source), { lora, lst })));
        }

        const QString history = dir.filePath(QStringLiteral("history.db"));
        RunHistoryModel model(history);
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);

        runLadder({ QStringLiteral("import"), exported, QStringLiteral("--db"), history });
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 2, kFollowWaitMs);
        compareWithStore(model, history.toStdString());
        QCOMPARE(model.index(0, RunHistoryModel::NameColumn).data().toString(), QStringLiteral("lora try"));
        QCOMPARE(model.index(0, RunHistoryModel::MethodColumn).data().toString(), QStringLiteral("lora r=8"));

        runLadder({ QStringLiteral("rm"), QString::number(model.runId(0)), QStringLiteral("--db"), history });
        QTRY_COMPARE_WITH_TIMEOUT(model.rowCount(), 1, kFollowWaitMs);
        compareWithStore(model, history.toStdString());
        QCOMPARE(model.index(0, RunHistoryModel::NameColumn).data().toString(), QStringLiteral("lst try"));
        QCOMPARE(resets.count(), 0);
    }

    void refreshKeepsTheSelection()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        std::vector<RunId> ids;
        for (const char *name : { "first", "second", "third" })
            ids.push_back(
                writeThroughWriter(path, recordedRunData(smallRun(name, R"({"kind": "bitfit"})", "bitfit", 900))));
        RunHistoryModel model(QString::fromStdString(path));
        RunHistoryView view(&model, nullptr);
        view.selectRuns({ ids[1] });
        QCOMPARE(view.selectedRunIds(), QList<qint64>({ ids[1] }));
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // Another connection adds a run, deletes one and renames the selected one.
        const RunId added
            = writeThroughWriter(path, recordedRunData(smallRun("fourth", R"({"kind": "full"})", "full", 1400)));
        {
            RunStore other(path);
            other.removeRun(ids[0]);
            other.setName(ids[1], "second, renamed");
        }
        model.refresh();

        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.rowOf(ids[0]), -1);
        QVERIFY(model.rowOf(added) >= 0);
        QCOMPARE(view.selectedRunIds(), QList<qint64>({ ids[1] }));
        QCOMPARE(model.index(model.rowOf(ids[1]), RunHistoryModel::NameColumn).data().toString(),
            QStringLiteral("second, renamed"));
        // Only the renamed row changed; nothing was reset.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), model.rowOf(ids[1]));
        QCOMPARE(resets.count(), 0);
        compareWithStore(model, path);
    }

    void followsALiveRunUntilItEnds()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        std::unique_ptr<RunWriter> writer;
        RecordedRun spec = smallRun("live", R"({"kind": "lst"})", "lst", 1000, RunStatus::Running);
        const RunId id = writeThroughWriter(path, recordedRunData(spec), &writer);
        RunHistoryModel model(QString::fromStdString(path));
        const int row = model.rowOf(id);
        QCOMPARE(model.index(row, RunHistoryModel::StepsColumn).data(RunHistoryModel::SortRole).toLongLong(), 40);
        QCOMPARE(model.index(row, RunHistoryModel::StatusColumn).data(RunHistoryModel::StatusRole).toInt(),
            static_cast<int>(RunStatus::Running));

        writer->addMetric("loss", 41, 0.4);
        writer->addMetric(kThroughputSeries, 41, 2000);
        writer->flush();
        model.refresh();
        QCOMPARE(model.index(row, RunHistoryModel::StepsColumn).data(RunHistoryModel::SortRole).toLongLong(), 41);

        writer->finish(RunStatus::Stopped);
        model.refresh();
        QCOMPARE(model.index(row, RunHistoryModel::StatusColumn).data(RunHistoryModel::StatusRole).toInt(),
            static_cast<int>(RunStatus::Stopped));
        compareWithStore(model, path);
    }

    void deletingARunALiveProcessWritesIsRefused()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        std::unique_ptr<RunWriter> writer;
        const RunId id = writeThroughWriter(
            path, recordedRunData(smallRun("live", R"({"kind": "lst"})", "lst", 1000, RunStatus::Running)), &writer);
        RunHistoryModel model(QString::fromStdString(path));
        QVERIFY_THROWS_EXCEPTION(Error, model.removeRun(id));
        QCOMPARE(model.rowCount(), 1);
        writer->finish(RunStatus::Finished);
        model.removeRun(id);
        QCOMPARE(model.rowCount(), 0);
    }

    void filtersByTextTagAndStatus_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("status"); // -1: all
        QTest::addColumn<QStringList>("names");
        QTest::newRow("everything") << QString() << -1
                                    << QStringList { QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c"),
                                           QStringLiteral("d") };
        QTest::newRow("method label") << QStringLiteral("lora r=32") << -1 << QStringList { QStringLiteral("b") };
        QTest::newRow("method, any case")
            << QStringLiteral("LST") << -1 << QStringList { QStringLiteral("a"), QStringLiteral("d") };
        QTest::newRow("tag") << QStringLiteral("paper") << -1
                             << QStringList { QStringLiteral("a"), QStringLiteral("c") };
        QTest::newRow("task and backbone words")
            << QStringLiteral("lexname tiny adapter") << -1 << QStringList { QStringLiteral("c") };
        QTest::newRow("status") << QString() << static_cast<int>(RunStatus::Failed)
                                << QStringList { QStringLiteral("d") };
        QTest::newRow("text and status") << QStringLiteral("paper") << static_cast<int>(RunStatus::Finished)
                                         << QStringList { QStringLiteral("a"), QStringLiteral("c") };
        QTest::newRow("nothing matches") << QStringLiteral("prompt") << -1 << QStringList {};
    }

    void filtersByTextTagAndStatus()
    {
        QFETCH(QString, text);
        QFETCH(int, status);
        QFETCH(QStringList, names);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        RecordedRun a = smallRun("a", R"({"kind": "lst", "reduction": 8})", "lst", 1000);
        a.tags = { "paper" };
        RecordedRun b = smallRun("b", R"({"kind": "lora", "rank": 32})", "lora", 700);
        RecordedRun c = smallRun("c", R"({"kind": "adapter"})", "adapter", 1600);
        c.tags = { "baseline", "paper" };
        RecordedRun d = smallRun("d", R"({"kind": "lst", "reduction": 16})", "lst", 1000, RunStatus::Failed);
        for (const RecordedRun &run : { a, b, c, d })
            writeThroughWriter(path, recordedRunData(run));

        RunHistoryModel model(QString::fromStdString(path));
        RunHistoryView view(&model, nullptr);
        view.filterEdit()->setText(text);
        view.statusCombo()->setCurrentIndex(view.statusCombo()->findData(status));
        view.table()->sortByColumn(RunHistoryModel::NameColumn, Qt::AscendingOrder);
        QStringList shown;
        const QAbstractItemModel *proxy = view.table()->model();
        for (int row = 0; row < proxy->rowCount(); ++row)
            shown << proxy->index(row, RunHistoryModel::NameColumn).data().toString();
        QCOMPARE(shown, names);
    }

    void aFailedRunSaysWhyInItsStatusTooltip()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        RunData data = recordedRunData(smallRun("broken", R"({"kind": "lst"})", "lst", 1000, RunStatus::Failed));
        data.run.statusMessage = "the loss became NaN at step 3";
        data.run.host.device = "cuda:0";
        importRecorded(path, data);
        RunHistoryModel model(QString::fromStdString(path));
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, RunHistoryModel::StatusColumn).data(Qt::ToolTipRole).toString(),
            QStringLiteral("the loss became NaN at step 3"));
        QVERIFY(model.index(0, RunHistoryModel::PeakMemoryColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("on cuda:0")));
    }

    void sortsNumbersAsNumbersAndMissingValuesFirst()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const RunId slow
            = writeThroughWriter(path, recordedRunData(smallRun("slow", R"({"kind": "lora"})", "lora", 763)));
        const RunId fast
            = writeThroughWriter(path, recordedRunData(smallRun("fast", R"({"kind": "full"})", "full", 1422)));
        const RunId middle
            = writeThroughWriter(path, recordedRunData(smallRun("middle", R"({"kind": "lst"})", "lst", 1028)));
        RunStore store(path);
        RunRecord queued;
        queued.name = "queued";
        queued.method = "lst";
        const RunId waiting = store.createRun(queued); // no throughput yet

        RunHistoryModel model(QString::fromStdString(path));
        RunHistoryView view(&model, nullptr);
        // As text, "1,028" < "1,422" < "763"; as numbers 763 < 1028 < 1422.
        view.table()->sortByColumn(RunHistoryModel::SamplesPerSecondColumn, Qt::AscendingOrder);
        QCOMPARE(idsInViewOrder(view), QList<qint64>({ waiting, slow, middle, fast }));
        view.table()->sortByColumn(RunHistoryModel::SamplesPerSecondColumn, Qt::DescendingOrder);
        QCOMPARE(idsInViewOrder(view), QList<qint64>({ fast, middle, slow, waiting }));
    }

    void exportsTheSelectionAsShownAndAsJson()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        const RunId lora
            = writeThroughWriter(path, recordedRunData(smallRun("lora, rank 32", R"({"kind": "lora"})", "lora", 763)));
        writeThroughWriter(path, recordedRunData(smallRun("bitfit", R"({"kind": "bitfit"})", "bitfit", 1383)));
        const RunId lst = writeThroughWriter(path, recordedRunData(smallRun("lst", R"({"kind": "lst"})", "lst", 1028)));
        RunHistoryModel model(QString::fromStdString(path));
        RunHistoryView view(&model, nullptr);
        view.table()->sortByColumn(RunHistoryModel::IdColumn, Qt::DescendingOrder);
        view.table()->horizontalHeader()->setSectionHidden(RunHistoryModel::BackboneColumn, true);
        view.table()->horizontalHeader()->moveSection(
            view.table()->horizontalHeader()->visualIndex(RunHistoryModel::StatusColumn), 0);
        view.selectRuns({ lora, lst });
        QCOMPARE(view.selectedRunIds(), QList<qint64>({ lst, lora }));

        const QStringList lines
            = QString::fromUtf8(view.selectedRowsCsv()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        QVERIFY(lines[0].startsWith(QStringLiteral("Status,ID,Name,Method,Task,")));
        QVERIFY(!lines[0].contains(QStringLiteral("Backbone")));
        const int loraRow = model.rowOf(lora);
        QCOMPARE(lines[2].section(QLatin1Char(','), 0, 1), QStringLiteral("finished,%1").arg(lora));
        // A name with a comma is quoted; the numbers are the table's text.
        QVERIFY(lines[2].contains(QStringLiteral("\"lora, rank 32\"")));
        QVERIFY(lines[2].contains(model.index(loraRow, RunHistoryModel::PeakMemoryColumn).data().toString()));

        const QJsonDocument json = QJsonDocument::fromJson(model.exportJson(view.selectedRunIds()));
        QCOMPARE(json.object().value(QStringLiteral("format")).toString(), QStringLiteral("ladder-runs"));
        const QJsonArray runs = json.object().value(QStringLiteral("runs")).toArray();
        QCOMPARE(runs.size(), 2);
        // The full run document: it imports back with every point.
        QTemporaryDir other;
        RunStore imported(other.filePath(QStringLiteral("imported.db")).toStdString());
        const std::vector<RunId> back = importRunsJson(imported, model.exportJson({ lora }).toStdString(), "export");
        QCOMPARE(back.size(), std::size_t { 1 });
        QCOMPARE(imported.loadRun(back[0]).series, RunStore(path).loadRun(lora).series);
    }

    void editsGoThroughTheModelsConnection()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        RecordedRun spec = smallRun("plain", R"({"kind": "lst"})", "lst", 1000, RunStatus::Interrupted);
        spec.checkpoint = true;
        const RunId id = writeThroughWriter(path, recordedRunData(spec));
        const RunId noCheckpoint = writeThroughWriter(
            path, recordedRunData(smallRun("x", R"({"kind": "lst"})", "lst", 1000, RunStatus::Interrupted)));
        RunHistoryModel model(QString::fromStdString(path));
        QVERIFY(model.canResume(id));
        QVERIFY(!model.canResume(noCheckpoint));

        model.renameRun(id, QStringLiteral("lst r=8, second try"));
        model.setTags(id, { QStringLiteral(" paper "), QStringLiteral("lst") });
        model.setNotes(id, QStringLiteral("killed by the OOM killer"));
        const RunRecord stored = RunStore(path).run(id);
        QCOMPARE(stored.name, std::string("lst r=8, second try"));
        QCOMPARE(stored.tags, std::vector<std::string>({ "lst", "paper" }));
        QCOMPARE(stored.notes, std::string("killed by the OOM killer"));
        QCOMPARE(model.index(model.rowOf(id), RunHistoryModel::NameColumn).data().toString(),
            QStringLiteral("lst r=8, second try"));
        model.setTags(id, { QStringLiteral("lst") });
        QCOMPARE(RunStore(path).run(id).tags, std::vector<std::string>({ "lst" }));
    }

    void headerLayoutIsRemembered()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("runs.db")).toStdString();
        writeThroughWriter(path, recordedRunData(smallRun("a", R"({"kind": "lst"})", "lst", 1000)));
        RunHistoryModel model(QString::fromStdString(path));
        WorkbenchSettings settings(dir.filePath(QStringLiteral("settings.ini")));
        {
            RunHistoryView view(&model, &settings);
            view.table()->horizontalHeader()->setSectionHidden(RunHistoryModel::TaskColumn, true);
            view.table()->horizontalHeader()->resizeSection(RunHistoryModel::NameColumn, 333);
            view.table()->sortByColumn(RunHistoryModel::PeakMemoryColumn, Qt::AscendingOrder);
        }
        RunHistoryView restored(&model, &settings);
        const QHeaderView *header = restored.table()->horizontalHeader();
        QVERIFY(header->isSectionHidden(RunHistoryModel::TaskColumn));
        QCOMPARE(header->sectionSize(RunHistoryModel::NameColumn), 333);
        QCOMPARE(header->sortIndicatorSection(), static_cast<int>(RunHistoryModel::PeakMemoryColumn));
    }
};

QTEST_MAIN(TestRunHistory)
#include "test_run_history.moc"
