// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder forward` reproduces every golden HuggingFace tensor through the executable, and
// `ladder info` reports the configuration and parameter counts; bad input is one line and a
// non-zero exit.

#include "CliRunner.h"
#include "GoldenT5.h"
#include "io/Safetensors.h"

#include <QTemporaryDir>
#include <QtTest>

#include <nlohmann/json.hpp>

namespace {

using ladder::test::CliResult;
using ladder::test::runLadder;

QString golden(const QString &config, const char *file = nullptr)
{
    const std::string path = file ? ladder::test::goldenFile(config, file) : ladder::test::goldenDir(config);
    return QString::fromStdString(path);
}

} // namespace

class TestCliModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void forwardReproducesGoldenOutputs_data()
    {
        QTest::addColumn<QString>("config");
        for (const char *name : ladder::test::kGoldenConfigs)
            QTest::newRow(name) << QString::fromLatin1(name);
    }

    void forwardReproducesGoldenOutputs()
    {
        QFETCH(QString, config);
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString outPath = dir.filePath(QStringLiteral("out.safetensors"));
        // cases.safetensors holds the inputs under their HF names next to the expected outputs;
        // the command reads only the inputs.
        const CliResult run = runLadder({QStringLiteral("forward"), QStringLiteral("--model"), golden(config),
                                         QStringLiteral("--inputs"), golden(config, "cases.safetensors"),
                                         QStringLiteral("--out"), outPath, QStringLiteral("--max-new-tokens"),
                                         QStringLiteral("8")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));

        const ladder::SafetensorsContents out = ladder::readSafetensors(outPath.toStdString());
        const ladder::SafetensorsContents ref = ladder::readSafetensors(golden(config, "cases.safetensors").toStdString());
        for (const char *name : {"encoder_last_hidden_state", "encoder_hidden_states", "decoder_last_hidden_state",
                                 "decoder_hidden_states", "logits", "loss"}) {
            QVERIFY2(out.find(name), name);
            LADDER_VERIFY_GOLDEN(out.at(name), ref.at(name), name);
        }
        QVERIFY(out.find("generated_ids"));
        QVERIFY2(torch::equal(out.at("generated_ids"), ref.at("generated_ids")),
                 c10::str(out.at("generated_ids")).c_str());
    }

    void infoPrintsConfigAndCounts()
    {
        const CliResult run = runLadder({QStringLiteral("info"), QStringLiteral("--preset"),
                                         QStringLiteral("t5-base"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        const nlohmann::json info = nlohmann::json::parse(run.out.toStdString());
        QCOMPARE(info["config"]["d_model"].get<int>(), 768);
        QCOMPARE(info["config"]["num_layers"].get<int>(), 12);
        // t5-base with the preset's 32128-token vocabulary: 222,903,552 parameters
        // (LST-SPEC.md §1.7: 222,882,048 at vocab 32100, plus 28·768).
        QCOMPARE(info["params_total"].get<int64_t>(), int64_t(222903552));
    }

    void infoReadsAFolder()
    {
        const CliResult run = runLadder({QStringLiteral("info"), QStringLiteral("--model"), golden(QStringLiteral("t5v11_tiny"))});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        QVERIFY2(run.out.contains(QStringLiteral("gated-gelu")), qPrintable(run.out));
    }

    void badInputIsOneLineAndNonZeroExit_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown preset") << QStringList{QStringLiteral("info"), QStringLiteral("--preset"), QStringLiteral("t5-huge")}
                                        << QStringLiteral("t5-huge");
        QTest::newRow("no backbone") << QStringList{QStringLiteral("info")} << QStringLiteral("--model or --preset");
        QTest::newRow("inputs are weights")
            << QStringList{QStringLiteral("forward"), QStringLiteral("--model"), golden(QStringLiteral("t5v1_tiny")),
                           QStringLiteral("--inputs"), golden(QStringLiteral("t5v1_tiny"), "model.safetensors"),
                           QStringLiteral("--out"), QStringLiteral("/tmp/ladder-never-written.safetensors")}
            << QStringLiteral("input_ids");
    }

    void badInputIsOneLineAndNonZeroExit()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const CliResult run = runLadder(arguments);
        QVERIFY(run.exitCode > 0);
        QVERIFY2(run.err.contains(expected), qPrintable(run.err));
        QCOMPARE(run.err.trimmed().count(QLatin1Char('\n')), 0);
    }
};

QTEST_GUILESS_MAIN(TestCliModel)
#include "test_cli_model.moc"
