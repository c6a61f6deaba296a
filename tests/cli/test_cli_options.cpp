// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder options` prints every configuration option from its declaration; docs/options.md is
// exactly its Markdown (so the reference cannot drift from the code); `ladder info`'s method flags
// are generated from the same declarations, new options included.
#include "CliRunner.h"

#include <QFile>
#include <QtTest>

using ladder::test::parseJson;
using ladder::test::runLadder;

class TestCliOptions : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void jsonHasTypesRangesAndChoices()
    {
        const auto run = runLadder({QStringLiteral("options"), QStringLiteral("--json")});
        QCOMPARE(run.exitCode, 0);
        const nlohmann::json json = parseJson(run);
        QVERIFY(json.contains("run") && json.contains("method.lst") && json.contains("pretrain"));
        bool batchSize = false;
        for (const nlohmann::json &option : json["run"]) {
            if (option["key"] == "train.batch_size") {
                batchSize = true;
                QCOMPARE(option["minimum"].get<double>(), 1.0);
                QCOMPARE(option["default"].get<int>(), 32);
                QCOMPARE(option["accepts"].get<std::string>(), std::string("an integer >= 1"));
            }
            QVERIFY2(option["key"] != "method", "the method has its own tables");
        }
        QVERIFY(batchSize);
        const nlohmann::json &gate = json["method.lst"][2];
        QCOMPARE(gate["key"].get<std::string>(), std::string("gate"));
        QCOMPARE(gate["choices"], (nlohmann::json{"learnable", "fixed"}));
    }

    void docsAreTheCommandsMarkdown()
    {
        const auto run = runLadder({QStringLiteral("options"), QStringLiteral("--markdown")});
        QCOMPARE(run.exitCode, 0);
        QFile file(QStringLiteral(LADDER_SOURCE_DIR "/docs/options.md"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        // Regenerate with: build/bin/ladder options --markdown > docs/options.md
        QCOMPARE(QString::fromUtf8(file.readAll()), run.out);
    }

    void infoFlagsFollowTheDeclarations()
    {
        // --lst-side-attention and --lst-backbone-dtype had no hand-written flag: now they exist.
        auto run = runLadder({QStringLiteral("info"), QStringLiteral("--preset"), QStringLiteral("t5-small"),
            QStringLiteral("--method"), QStringLiteral("lst"), QStringLiteral("--lst-side-attention"),
            QStringLiteral("recompute"), QStringLiteral("--lst-backbone-dtype"), QStringLiteral("bf16"),
            QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.err));
        // A value outside the declaration is refused naming the flag and what it accepts.
        run = runLadder({QStringLiteral("info"), QStringLiteral("--preset"), QStringLiteral("t5-small"),
            QStringLiteral("--method"), QStringLiteral("lst"), QStringLiteral("--lst-dropout"), QStringLiteral("1.5")});
        QCOMPARE(run.exitCode, 1);
        QVERIFY2(run.err.contains(QStringLiteral("--lst-dropout")), qPrintable(run.err));
        QVERIFY2(run.err.contains(QStringLiteral("a number in [0, 1)")), qPrintable(run.err));
        const auto help = runLadder({QStringLiteral("info"), QStringLiteral("--help")});
        QVERIFY2(help.out.contains(QStringLiteral("--lst-gate-alpha")), qPrintable(help.out));
        QVERIFY2(help.out.contains(QStringLiteral("learnable|fixed")), qPrintable(help.out));
    }
};

QTEST_GUILESS_MAIN(TestCliOptions)
#include "test_cli_options.moc"
