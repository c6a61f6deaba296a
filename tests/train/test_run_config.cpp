// SPDX-License-Identifier: GPL-3.0-or-later
// The run configuration: the issue's JSON shape, defaults, and errors that name the key.
#include "train/RunConfig.h"
#include "util/Error.h"

#include <QtTest>

using namespace ladder;

class TestRunConfig : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsTheIssueExample()
    {
        const RunConfig config = RunConfig::fromJson(R"({"name": "sst2-lst",
            "backbone": {"preset": "t5-small"},
            "method": {"kind": "lst", "reduction": 8, "layers": "1,2,3,5,6,7,9,10,11", "init": "fisher"},
            "task": {"kind": "glue", "name": "sst2", "dir": "/data/glue/SST-2"},
            "train": {"batch_size": 32, "learning_rate": 3e-3, "epochs": 3, "max_steps": 0,
                      "warmup_steps": 500, "max_source_length": 128, "seed": 0, "eval_every": 200,
                      "threads": 0, "precision": "fp32", "device": "cpu"}})",
            "run.json");
        QCOMPARE(config.name, std::string("sst2-lst"));
        QCOMPARE(config.backbone.preset, std::string("t5-small"));
        QCOMPARE(config.method.kind, MethodKind::Lst);
        QCOMPARE(config.method.lst.layers, std::string("1,2,3,5,6,7,9,10,11"));
        QCOMPARE(config.task.kind, std::string("glue"));
        QCOMPARE(config.task.dir, std::string("/data/glue/SST-2"));
        QCOMPARE(config.train.batchSize, int64_t(32));
        QCOMPARE(config.train.warmupSteps, int64_t(500));
        QCOMPARE(config.effectiveLearningRate(), 3e-3);
    }

    void everyFieldHasADefault()
    {
        const RunConfig config = RunConfig::fromJson("{}", "empty.json");
        QCOMPARE(config.backbone.preset, std::string("t5-tiny"));
        QCOMPARE(config.task.kind, std::string("demo"));
        QCOMPARE(config.train.maxGradNorm, 1.0);
        QCOMPARE(config.train.gradAccumulation, int64_t(1));
        QCOMPARE(config.effectiveLearningRate(), defaultLearningRate(config.method.kind));
        for (const OptionDescription &option : describeRunConfigOptions()) {
            QVERIFY2(!option.description.empty(), option.key.c_str());
            QVERIFY2(!option.defaultValue.empty(), option.key.c_str());
        }
    }

    void roundTripsThroughJson()
    {
        RunConfig config;
        config.name = "x";
        config.backbone.preset = "t5-mini";
        config.task.kind = "file";
        config.task.train = "train.tsv";
        config.task.textColumns = {"a", "b"};
        config.train.batchSize = 7;
        config.train.maxGradNorm = 0.5;
        config.method.kind = MethodKind::Lora;
        const RunConfig back = RunConfig::fromJson(config.toJson(), "round trip");
        QCOMPARE(back.toJson(), config.toJson());
        QCOMPARE(back.task.textColumns, config.task.textColumns);
        QCOMPARE(back.method.kind, MethodKind::Lora);
    }

    void pathBackboneReplacesTheDefaultPreset()
    {
        const RunConfig config = RunConfig::fromJson(R"({"backbone": {"path": "/models/t5"}})", "run.json");
        QCOMPARE(config.backbone.path, std::string("/models/t5"));
        QVERIFY(config.backbone.preset.empty());
        const RunConfig back = RunConfig::fromJson(config.toJson(), "again");
        QCOMPARE(back.backbone.path, std::string("/models/t5"));
    }

    void errorsNameTheKeyPath_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("wrong type") << QByteArray(R"({"train": {"batch_size": "8"}})")
                                    << QByteArray("run.json: train.batch_size: expected an integer >= 1, got \"8\"");
        QTest::newRow("fraction for an integer") << QByteArray(R"({"train": {"epochs": 1.5}})")
                                                 << QByteArray("run.json: train.epochs: expected a non-negative integer, got 1.5");
        QTest::newRow("negative") << QByteArray(R"({"train": {"max_steps": -1}})")
                                  << QByteArray("run.json: train.max_steps: expected a non-negative integer");
        QTest::newRow("unknown train key") << QByteArray(R"({"train": {"batchsize": 8}})")
                                           << QByteArray("run.json: train.batchsize: unknown key");
        QTest::newRow("unknown top key") << QByteArray(R"({"trian": {}})") << QByteArray("run.json: trian: unknown key");
        QTest::newRow("unknown task key") << QByteArray(R"({"task": {"kind": "demo", "colour": 1}})")
                                          << QByteArray("run.json: task.colour: unknown key");
        QTest::newRow("section not an object") << QByteArray(R"({"train": 3})") << QByteArray("run.json: train: expected an object");
        QTest::newRow("text columns not strings") << QByteArray(R"({"task": {"text_columns": ["a", 2]}})")
                                                  << QByteArray("run.json: task.text_columns[1]: expected a string");
        QTest::newRow("bool") << QByteArray(R"({"train": {"length_buckets": "yes"}})")
                              << QByteArray("run.json: train.length_buckets: expected true or false");
        QTest::newRow("both backbones") << QByteArray(R"({"backbone": {"preset": "t5-tiny", "path": "/m"}})")
                                        << QByteArray("run.json: backbone: give exactly one");
        QTest::newRow("bad precision") << QByteArray(R"({"train": {"precision": "fp8"}})")
                                       << QByteArray("run.json: train.precision: expected \"fp32\" or \"bf16\"");
        QTest::newRow("bad task kind") << QByteArray(R"({"task": {"kind": "web"}})") << QByteArray("run.json: task.kind: expected");
        QTest::newRow("glue without dir") << QByteArray(R"({"task": {"kind": "glue", "name": "sst2"}})")
                                          << QByteArray("run.json: task.dir:");
        QTest::newRow("zero batch") << QByteArray(R"({"train": {"batch_size": 0}})")
                                    << QByteArray("run.json: train.batch_size: expected an integer >= 1, got 0");
        QTest::newRow("checkpoints need a folder") << QByteArray(R"({"train": {"checkpoint_every": 5}})")
                                                   << QByteArray("run.json: train.checkpoint_every:");
        QTest::newRow("not json") << QByteArray("{\"train\": ") << QByteArray("run.json: not valid JSON");
        // Found by fuzz_run_config: nlohmann throws out_of_range, not parse_error, for these.
        QTest::newRow("number beyond double") << QByteArray("1e1711") << QByteArray("run.json: not valid JSON");
        QTest::newRow("number beyond double in a section")
            << QByteArray(R"({"train": {"learning_rate": 1e999}})") << QByteArray("run.json: not valid JSON");
    }

    void errorsNameTheKeyPath()
    {
        QFETCH(QByteArray, json);
        QFETCH(QByteArray, expected);
        try {
            RunConfig::fromJson(json.toStdString(), "run.json");
            QFAIL("no error");
        } catch (const Error &e) {
            const std::string message = e.what();
            QVERIFY2(message.find(expected.toStdString()) == 0, message.c_str());
        }
    }

    void overridesSetKeyPaths_data()
    {
        QTest::addColumn<QByteArray>("assignment");
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("integer") << QByteArray("train.batch_size=8") << QByteArray("batch_size") << QByteArray("8");
        QTest::newRow("number") << QByteArray("train.learning_rate=0.01") << QByteArray("learning_rate") << QByteArray("0.01");
        QTest::newRow("bare word") << QByteArray("task.name=wordnet-lexname") << QByteArray("name") << QByteArray("wordnet-lexname");
        QTest::newRow("method") << QByteArray("method.kind=lora") << QByteArray("kind") << QByteArray("lora");
    }

    void overridesSetKeyPaths()
    {
        QFETCH(QByteArray, assignment);
        RunConfig config;
        config.applyOverride(assignment.toStdString());
        const std::string text = assignment.toStdString();
        if (text.rfind("train.batch_size", 0) == 0)
            QCOMPARE(config.train.batchSize, int64_t(8));
        else if (text.rfind("train.learning_rate", 0) == 0)
            QCOMPARE(config.train.learningRate, 0.01);
        else if (text.rfind("task.name", 0) == 0)
            QCOMPARE(config.task.name, std::string("wordnet-lexname"));
        else
            QCOMPARE(config.method.kind, MethodKind::Lora);
    }

    void badOverridesAreErrors_data()
    {
        QTest::addColumn<QByteArray>("assignment");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("no equals") << QByteArray("train.batch_size") << QByteArray("expected key.path=value");
        QTest::newRow("wrong type") << QByteArray("train.batch_size=eight") << QByteArray("train.batch_size: expected an integer >= 1");
        QTest::newRow("unknown key") << QByteArray("train.batchsize=8") << QByteArray("train.batchsize: unknown key");
        QTest::newRow("unknown section") << QByteArray("trian.batch_size=8") << QByteArray("unknown key \"trian\"");
        QTest::newRow("number beyond double") << QByteArray("train.learning_rate=1e999")
                                              << QByteArray("train.learning_rate: expected a non-negative number");
    }

    void badOverridesAreErrors()
    {
        QFETCH(QByteArray, assignment);
        QFETCH(QByteArray, expected);
        RunConfig config;
        try {
            config.applyOverride(assignment.toStdString());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY2(std::string(e.what()).find(expected.toStdString()) != std::string::npos, e.what());
        }
    }

    void backbonePathOverrideReplacesThePreset()
    {
        RunConfig config;
        config.applyOverride("backbone.path=/models/t5");
        QCOMPARE(config.backbone.path, std::string("/models/t5"));
        QVERIFY(config.backbone.preset.empty());
    }
};

QTEST_GUILESS_MAIN(TestRunConfig)
#include "test_run_config.moc"
