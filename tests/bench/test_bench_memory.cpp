// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder bench memory --preset t5-tiny --batch 4 --seq 16 --json` end to end: every default
// method has a measured row whose categories add up to its peak, measured in a process of its
// own; the paper's figures, ratios and predictor errors are there; --out writes the table and
// JSON; a wrong method name is an error naming it.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

namespace {

const QString kLadder = QStringLiteral(LADDER_BIN_DIR "/ladder");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 pid = 0;
};

Run runLadder(const QStringList &arguments)
{
    QProcess process;
    process.start(kLadder, arguments);
    Run run;
    if (!process.waitForStarted(10000))
        return run;
    run.pid = process.processId();
    process.waitForFinished(240000);
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

} // namespace

class TestBenchMemory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tinyBenchJson()
    {
        QTemporaryDir out;
        QVERIFY(out.isValid());
        const Run run = runLadder({QStringLiteral("--threads"), QStringLiteral("1"), QStringLiteral("bench"),
                                   QStringLiteral("memory"), QStringLiteral("--preset"), QStringLiteral("t5-tiny"),
                                   QStringLiteral("--batch"), QStringLiteral("4"), QStringLiteral("--seq"),
                                   QStringLiteral("16"), QStringLiteral("--json"), QStringLiteral("--out"), out.path()});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(run.out, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
        const QJsonObject root = document.object();
        QCOMPARE(root.value(QStringLiteral("preset")).toString(), QStringLiteral("t5-tiny"));
        QCOMPARE(root.value(QStringLiteral("batch")).toInt(), 4);
        QCOMPARE(root.value(QStringLiteral("source_length")).toInt(), 16);
        QVERIFY(root.value(QStringLiteral("budget_bytes")).toDouble() > 0);

        const QStringList expected{QStringLiteral("full"), QStringLiteral("adapter"), QStringLiteral("lora"),
                                   QStringLiteral("bitfit"), QStringLiteral("prompt"), QStringLiteral("lst"),
                                   QStringLiteral("lst+bf16"), QStringLiteral("lst+recompute"),
                                   QStringLiteral("lst+both")};
        const QJsonArray methods = root.value(QStringLiteral("methods")).toArray();
        QCOMPARE(methods.size(), expected.size());
        QSet<qint64> processes{run.pid};
        for (int i = 0; i < methods.size(); ++i) {
            const QJsonObject row = methods[i].toObject();
            const QString method = row.value(QStringLiteral("method")).toString();
            QCOMPARE(method, expected[i]);
            QCOMPARE(row.value(QStringLiteral("batch")).toInt(), 4);
            const QJsonObject bytes = row.value(QStringLiteral("measured_bytes")).toObject();
            const QStringList categories{QStringLiteral("frozen_weights"), QStringLiteral("trainable_weights"),
                                         QStringLiteral("gradients"), QStringLiteral("optimizer_state"),
                                         QStringLiteral("activations")};
            qint64 sum = 0;
            for (const QString &category : categories) {
                QVERIFY2(bytes.contains(category), qPrintable(method + QStringLiteral(": no ") + category));
                sum += static_cast<qint64>(bytes.value(category).toDouble());
            }
            const qint64 peak = static_cast<qint64>(bytes.value(QStringLiteral("peak")).toDouble());
            QVERIFY(peak > 0);
            QCOMPARE(sum, peak);
            QVERIFY(bytes.value(QStringLiteral("trainable_weights")).toDouble() > 0);
            QVERIFY(bytes.value(QStringLiteral("gradients")).toDouble() > 0);
            QCOMPARE(bytes.value(QStringLiteral("optimizer_state")).toDouble(),
                     2 * bytes.value(QStringLiteral("trainable_weights")).toDouble());
            QVERIFY(qAbs(row.value(QStringLiteral("measured_peak_paper_units")).toDouble()
                         - static_cast<double>(peak) / 1024.0 / 1024.0 / 1000.0)
                    < 1e-12);
            // Each method in a process of its own, none of them the parent.
            const qint64 pid = static_cast<qint64>(row.value(QStringLiteral("process_id")).toDouble());
            QVERIFY2(!processes.contains(pid), qPrintable(method + QStringLiteral(": process reused")));
            processes.insert(pid);
            QVERIFY(row.contains(QStringLiteral("predictor_error")));
            QVERIFY(row.value(QStringLiteral("predicted_at_requested_batch_bytes")).toObject().value(QStringLiteral("peak")).toDouble() > 0);
            QVERIFY(row.contains(QStringLiteral("ratio_to_full")));
            QVERIFY(std::isfinite(row.value(QStringLiteral("loss")).toDouble()));
            const bool hasPaper = row.contains(QStringLiteral("paper"));
            QCOMPARE(hasPaper, !method.contains(QLatin1Char('+')));
            if (hasPaper) {
                const bool recalled = row.value(QStringLiteral("paper")).toObject().value(QStringLiteral("recalled")).toBool();
                QCOMPARE(recalled, method == QStringLiteral("bitfit") || method == QStringLiteral("prompt"));
            }
        }
        QCOMPARE(methods[0].toObject().value(QStringLiteral("ratio_to_full")).toDouble(), 1.0);
        // The options shrink what they should: bf16 halves the frozen backbone.
        const QJsonObject lst = methods[5].toObject().value(QStringLiteral("measured_bytes")).toObject();
        const QJsonObject bf16 = methods[6].toObject().value(QStringLiteral("measured_bytes")).toObject();
        QCOMPARE(2 * bf16.value(QStringLiteral("frozen_weights")).toDouble(),
                 lst.value(QStringLiteral("frozen_weights")).toDouble());
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("memory.md"))));
        QVERIFY(QFile::exists(out.filePath(QStringLiteral("memory.json"))));
        // The chart is SVG text: a bar per measured method, parseable as XML.
        QFile chart(out.filePath(QStringLiteral("memory.svg")));
        QVERIFY(chart.open(QIODevice::ReadOnly));
        const QByteArray svg = chart.readAll();
        QVERIFY(svg.startsWith("<svg "));
        QVERIFY(svg.count("fill=\"#286ebe\" stroke") == methods.size());
    }

    void unknownMethodIsNamed()
    {
        const Run run = runLadder({QStringLiteral("bench"), QStringLiteral("memory"), QStringLiteral("--preset"),
                                   QStringLiteral("t5-tiny"), QStringLiteral("--methods"), QStringLiteral("full,lst+fp8")});
        QVERIFY(run.exitCode != 0);
        QVERIFY2(run.err.contains("\"lst+fp8\"") && run.err.contains("lst+both"), run.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestBenchMemory)
#include "test_bench_memory.moc"
