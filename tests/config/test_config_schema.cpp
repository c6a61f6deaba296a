// SPDX-License-Identifier: GPL-3.0-or-later
// The one configuration binder (core/config): what a declaration accepts, the errors it gives,
// what it writes and how it describes itself; and that the run, method and pretraining
// configurations declare every option with a type its default satisfies.
#include "config/ConfigSchema.h"
#include "peft/MethodConfig.h"
#include "pretrain/PretrainConfig.h"
#include "train/RunConfig.h"

#include <QtTest/QtTest>

using namespace ladder;

namespace {

enum class Shade { Light, Dark };

struct Sample
{
    std::string label = "x";
    int64_t count = 2;
    uint64_t seed = 7;
    int threads = 0;
    double rate = 0.5;
    bool on = true;
    std::string mode = "fast";
    Shade shade = Shade::Light;
    std::vector<std::string> columns{"a"};
};

const ConfigSchema<Sample> &sampleSchema()
{
    static const ConfigSchema<Sample> schema = [] {
        using C = Sample;
        ConfigSchema<C> s;
        s.text("label", "A label.", [](C &c) -> auto & { return c.label; });
        s.integer<int64_t>("run.count", "A count.", [](C &c) -> auto & { return c.count; }, atLeast(1));
        s.integer<uint64_t>("run.seed", "A seed.", [](C &c) -> auto & { return c.seed; });
        s.integer<int>("run.threads", "Threads.", [](C &c) -> auto & { return c.threads; }, between(0, 64));
        s.number("run.rate", "A rate.", [](C &c) -> auto & { return c.rate; }, fromBelow(0, 1));
        s.boolean("run.on", "A switch.", [](C &c) -> auto & { return c.on; });
        s.choice("look.mode", "A mode.", [](C &c) -> auto & { return c.mode; }, {"fast", "slow", "exact"});
        s.choice<Shade>("look.shade", "A shade.", [](C &c) -> auto & { return c.shade; },
            {{Shade::Light, "light"}, {Shade::Dark, "dark"}});
        s.textList("look.columns", "Columns.", [](C &c) -> auto & { return c.columns; });
        return s;
    }();
    return schema;
}

std::string errorReading(const std::string &json)
{
    Sample sample;
    try {
        sampleSchema().read(sample, ConfigJson::parse(json), "sample configuration");
    } catch (const Error &error) {
        return error.what();
    }
    return {};
}

} // namespace

class TestConfigSchema : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsEveryTypeAndWritesItBack()
    {
        Sample sample;
        sampleSchema().read(sample, ConfigJson::parse(R"({"label": "y", "run": {"count": 5, "seed": 18446744073709551615,
            "threads": 64, "rate": 0, "on": false}, "look": {"mode": "exact", "shade": "dark", "columns": ["p", "q"]}})"),
            "sample configuration");
        QCOMPARE(sample.label, std::string("y"));
        QCOMPARE(sample.count, int64_t(5));
        QCOMPARE(sample.seed, std::numeric_limits<uint64_t>::max());
        QCOMPARE(sample.threads, 64);
        QCOMPARE(sample.rate, 0.0);
        QCOMPARE(sample.on, false);
        QCOMPARE(sample.mode, std::string("exact"));
        QVERIFY(sample.shade == Shade::Dark);
        QCOMPARE(sample.columns, (std::vector<std::string>{"p", "q"}));
        // Sections nest, keys keep their declaration order.
        QCOMPARE(QString::fromStdString(sampleSchema().write(sample).dump()),
            QStringLiteral(R"({"label":"y","run":{"count":5,"seed":18446744073709551615,"threads":64,"rate":0.0,"on":false},)"
                           R"("look":{"mode":"exact","shade":"dark","columns":["p","q"]}})"));
        Sample again;
        sampleSchema().read(again, sampleSchema().write(sample), "sample configuration");
        QCOMPARE(sampleSchema().write(again), sampleSchema().write(sample));
    }

    void errorsSayThePathAndWhatWasExpected_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("error");
        QTest::newRow("below minimum") << R"({"run": {"count": 0}})" << "run.count: expected an integer >= 1, got 0";
        QTest::newRow("fraction") << R"({"run": {"count": 1.5}})" << "run.count: expected an integer >= 1, got 1.5";
        QTest::newRow("string for integer") << R"({"run": {"count": "3"}})"
                                            << "run.count: expected an integer >= 1, got \"3\"";
        QTest::newRow("negative unsigned") << R"({"run": {"seed": -1}})"
                                           << "run.seed: expected a non-negative integer, got -1";
        QTest::newRow("above maximum") << R"({"run": {"threads": 65}})"
                                       << "run.threads: expected an integer in [0, 64], got 65";
        QTest::newRow("beyond int") << R"({"run": {"threads": 4294967296}})"
                                    << "run.threads: expected an integer in [0, 64], got 4294967296";
        QTest::newRow("open maximum") << R"({"run": {"rate": 1}})" << "run.rate: expected a number in [0, 1), got 1";
        QTest::newRow("bool") << R"({"run": {"on": 1}})" << "run.on: expected true or false, got 1";
        QTest::newRow("choice of three") << R"({"look": {"mode": "quick"}})"
                                         << "look.mode: expected one of \"fast\", \"slow\", \"exact\", got \"quick\"";
        QTest::newRow("enum of two") << R"({"look": {"shade": "grey"}})"
                                     << "look.shade: expected \"light\" or \"dark\", got \"grey\"";
        QTest::newRow("list element") << R"({"look": {"columns": ["a", 2]}})"
                                      << "look.columns[1]: expected a string, got 2";
        QTest::newRow("null") << R"({"label": null})" << "label: expected a string, got null";
        QTest::newRow("unknown key in section") << R"({"run": {"cuont": 1}})"
                                                << "run.cuont: unknown key (run keys: count, seed, threads, rate, on)";
        QTest::newRow("unknown top-level key") << R"({"colour": 1})"
                                               << "colour: unknown key (sample configuration keys: label, run, look)";
        QTest::newRow("section not an object") << R"({"run": 3})" << "run: expected an object, got 3";
        QTest::newRow("root not an object") << "[1]" << "the sample configuration: expected a JSON object, got [1]";
    }
    void errorsSayThePathAndWhatWasExpected()
    {
        QFETCH(QString, json);
        QFETCH(QString, error);
        QCOMPARE(QString::fromStdString(errorReading(json.toStdString())), error);
    }

    void describesTypesRangesChoicesAndDefaults()
    {
        const std::vector<OptionDescription> options = sampleSchema().describeAll();
        QCOMPARE(options.size(), std::size_t(9));
        QCOMPARE(options[1].key, std::string("run.count"));
        QVERIFY(options[1].type == OptionType::Integer);
        QCOMPARE(*options[1].minimum, 1.0);
        QVERIFY(!options[1].maximum);
        QCOMPARE(options[1].defaultValue, std::string("2"));
        QCOMPARE(describeType(options[1]), std::string("integer >= 1"));
        QCOMPARE(*options[2].minimum, 0.0); // unsigned: non-negative without saying so
        QCOMPARE(describeType(options[4]), std::string("number in [0, 1)"));
        QVERIFY(options[7].type == OptionType::Choice);
        QCOMPARE(options[7].choices, (std::vector<std::string>{"light", "dark"}));
        QCOMPARE(options[7].defaultValue, std::string("\"light\""));
        QCOMPARE(describeType(options[6]), std::string("one of fast|slow|exact"));
        QCOMPARE(sampleSchema().keys(""), (std::vector<std::string>{"label", "run", "look"}));
    }

    // Every option of the real configurations: described, typed, and its default accepted by
    // its own declaration (a default outside its range would make the defaults unreadable).
    void everyRealOptionIsDeclaredCompletely()
    {
        std::vector<OptionDescription> all = describeRunConfigOptions();
        for (const OptionDescription &option : describePretrainOptions())
            all.push_back(option);
        for (MethodKind kind : allMethodKinds()) {
            for (const OptionDescription &option : describeMethodOptions(kind))
                all.push_back(option);
        }
        QVERIFY(all.size() > 80);
        for (const OptionDescription &option : all) {
            const char *key = option.key.c_str();
            QVERIFY2(!option.description.empty() && option.description.back() == '.', key);
            const ConfigJson value = ConfigJson::parse(option.defaultValue);
            switch (option.type) {
            case OptionType::Integer:
                QVERIFY2(value.is_number_integer(), key);
                QVERIFY2(!option.minimum || value.get<double>() >= *option.minimum, key);
                QVERIFY2(!option.maximum || value.get<double>() <= *option.maximum, key);
                break;
            case OptionType::Number:
                QVERIFY2(value.is_number(), key);
                break;
            case OptionType::Boolean:
                QVERIFY2(value.is_boolean(), key);
                break;
            case OptionType::Choice:
                QVERIFY2(value.is_string(), key);
                QVERIFY2(std::find(option.choices.begin(), option.choices.end(), value.get<std::string>())
                        != option.choices.end(), key);
                break;
            case OptionType::NameSet:
                QVERIFY2(value.is_array() && !option.choices.empty(), key);
                break;
            case OptionType::Object:
                QVERIFY2(value.is_object(), key);
                break;
            default:
                break;
            }
        }
    }

    // A configuration built in code is held to the declarations too (the designer builds one).
    void validateAppliesTheDeclarationsToCodeBuiltConfigs()
    {
        RunConfig run;
        run.train.precision = "fp16";
        QVERIFY_THROWS_EXCEPTION(Error, run.validate());
        run = RunConfig();
        run.train.threads = 5000;
        QVERIFY_THROWS_EXCEPTION(Error, run.validate());
        run = RunConfig();
        run.method.lst.dropout = 1.0;
        QVERIFY_THROWS_EXCEPTION(Error, run.validate());
        PretrainConfig pretrain;
        pretrain.outputDir = "o";
        pretrain.train.noiseDensity = 0;
        QVERIFY_THROWS_EXCEPTION(Error, pretrain.validate());
        pretrain.train.noiseDensity = 0.15;
        pretrain.validate();
    }
};

QTEST_GUILESS_MAIN(TestConfigSchema)
#include "test_config_schema.moc"
