// SPDX-License-Identifier: GPL-3.0-or-later
// A user's own task from TSV, CSV (RFC 4180) or JSONL: named text and label columns, and an
// error with file:line for anything that does not parse.

#include "DataTestSupport.h"
#include "data/GenericTask.h"

#include <QtTest>

using namespace ladder;
using ladder::test::errorOf;
using ladder::test::q;
using ladder::test::writeFile;

namespace {

GenericTaskSpec spec(TableFormat format, std::vector<std::string> texts, bool regression = false)
{
    GenericTaskSpec result;
    result.format = format;
    result.textColumns = std::move(texts);
    result.regression = regression;
    return result;
}

} // namespace

class TestGenericReaders : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    Dataset read(const std::string &content, const GenericTaskSpec &taskSpec, ReadOptions options = {})
    {
        return readGenericFile(writeFile(m_dir, "task.txt", content), taskSpec, options);
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void tsvColumnsAreFoundByName()
    {
        const Dataset dataset = read("id\tlabel\treview\ttitle\n7\tpos\t\"Great\" film\tA title\n8\tneg\tdull\tB\n",
            spec(TableFormat::Tsv, { "title", "review" }));
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(q(dataset.examples[0].texts[0]), QStringLiteral("A title"));
        QCOMPARE(q(dataset.examples[0].texts[1]), QStringLiteral("\"Great\" film")); // quotes are text in TSV
        QCOMPARE(q(dataset.examples[0].label), QStringLiteral("pos"));
        QCOMPARE(dataset.examples[1].line, int64_t(3));
    }

    void csvFollowsRfc4180()
    {
        const Dataset dataset = read("text,label\r\n"
                                     "\"Hello, world\",a\r\n"
                                     "\"She said \"\"hi\"\"\",b\r\n"
                                     "plain,c\r\n"
                                     ",d\r\n",
            spec(TableFormat::Csv, { "text" }));
        QCOMPARE(int(dataset.examples.size()), 4);
        QCOMPARE(q(dataset.examples[0].texts[0]), QStringLiteral("Hello, world"));
        QCOMPARE(q(dataset.examples[1].texts[0]), QStringLiteral("She said \"hi\""));
        QCOMPARE(q(dataset.examples[2].texts[0]), QStringLiteral("plain"));
        QCOMPARE(q(dataset.examples[3].texts[0]), QString());
        QCOMPARE(q(dataset.examples[3].label), QStringLiteral("d"));
    }

    void csvMultiLineFieldsKeepLineNumbers()
    {
        const Dataset dataset = read("text,label\n"
                                     "one,a\n"
                                     "\"first line\r\nsecond line\n\nfourth\",b\n" // lines 3-6
                                     "after,c\n", // line 7
            spec(TableFormat::Csv, { "text" }));
        QCOMPARE(int(dataset.examples.size()), 3);
        QCOMPARE(q(dataset.examples[1].texts[0]), QStringLiteral("first line\nsecond line\n\nfourth"));
        QCOMPARE(dataset.examples[1].line, int64_t(3));
        QCOMPARE(dataset.examples[2].line, int64_t(7));
    }

    void jsonlReadsKeysAndLabelTypes()
    {
        const Dataset dataset = read("{\"q\": \"Is it?\", \"label\": \"yes\", \"extra\": [1]}\n"
                                     "\n"
                                     "{\"label\": 1, \"q\": \"caf\xC3\xA9\"}\n"
                                     "{\"q\": \"b\", \"label\": true}\n",
            spec(TableFormat::Jsonl, { "q" }));
        QCOMPARE(int(dataset.examples.size()), 3);
        QCOMPARE(q(dataset.examples[0].label), QStringLiteral("yes"));
        QCOMPARE(q(dataset.examples[1].texts[0]), QStringLiteral("café"));
        QCOMPARE(q(dataset.examples[1].label), QStringLiteral("1"));
        QCOMPARE(dataset.examples[1].line, int64_t(3));
        QCOMPARE(q(dataset.examples[2].label), QStringLiteral("true"));
    }

    void regressionLabelsAreNumbers_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("tsv") << int(TableFormat::Tsv) << QByteArray("s\tlabel\nx\t0.25\ny\t-3e1\n");
        QTest::newRow("csv") << int(TableFormat::Csv) << QByteArray("s,label\nx,0.25\ny,\"-3e1\"\n");
        QTest::newRow("jsonl") << int(TableFormat::Jsonl)
                               << QByteArray("{\"s\":\"x\",\"label\":0.25}\n{\"s\":\"y\",\"label\":\"-3e1\"}\n");
    }

    void regressionLabelsAreNumbers()
    {
        QFETCH(int, format);
        QFETCH(QByteArray, content);
        const Dataset dataset = read(content.toStdString(), spec(TableFormat(format), { "s" }, true));
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(dataset.examples[0].score, 0.25);
        QCOMPARE(dataset.examples[1].score, -30.0);
        QVERIFY(dataset.examples[1].hasLabel);
        QVERIFY(dataset.examples[1].label.empty());
    }

    void unlabelledFilesWhenTheLabelIsOptional()
    {
        GenericTaskSpec taskSpec = spec(TableFormat::Tsv, { "s" });
        taskSpec.requireLabel = false;
        const Dataset dataset = read("id\ts\n1\tpredict me\n", taskSpec);
        QCOMPARE(int(dataset.examples.size()), 1);
        QVERIFY(!dataset.examples[0].hasLabel);
        taskSpec.format = TableFormat::Jsonl;
        const Dataset jsonl = read("{\"s\": \"a\"}\n{\"s\": \"b\", \"label\": \"x\"}\n", taskSpec);
        QVERIFY(!jsonl.examples[0].hasLabel);
        QVERIFY(jsonl.examples[1].hasLabel);
    }

    void badInputIsAnErrorNamingFileAndLine_data()
    {
        QTest::addColumn<int>("format");
        QTest::addColumn<bool>("regression");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message"); // what follows the path

        const int tsv = int(TableFormat::Tsv), csv = int(TableFormat::Csv), jsonl = int(TableFormat::Jsonl);
        QTest::newRow("tsv header lacks the text column")
            << tsv << false << QByteArray("sentence\tlabel\na\tb\n")
            << QStringLiteral(":1: expected a header line with a column 'text', found columns: sentence, label");
        QTest::newRow("csv header lacks the label column")
            << csv << false << QByteArray("text,gold\na,b\n")
            << QStringLiteral(":1: expected a header line with a column 'label', found columns: text, gold");
        QTest::newRow("duplicate header column") << tsv << false << QByteArray("text\tlabel\ttext\n")
                                                 << QStringLiteral(":1: column 'text' appears twice in the header");
        QTest::newRow("empty file") << csv << false << QByteArray()
                                    << QStringLiteral(": the file is empty, expected a header line naming the columns");
        QTest::newRow("tsv wrong field count") << tsv << false << QByteArray("text\tlabel\na\tb\nc\n")
                                               << QStringLiteral(":3: expected 2 tab-separated fields, found 1");
        QTest::newRow("csv wrong field count") << csv << false << QByteArray("text,label\n\"a,b\",c,d\n")
                                               << QStringLiteral(":2: expected 2 comma-separated fields, found 3");
        QTest::newRow("csv quote inside unquoted field")
            << csv << false << QByteArray("text,label\nsay \"hi\",a\n")
            << QStringLiteral(":2: unexpected '\"' inside an unquoted field at byte 5");
        QTest::newRow("csv text after closing quote")
            << csv << false << QByteArray("text,label\n\"hi\" there,a\n")
            << QStringLiteral(":2: unexpected text after a closing quote at byte 5");
        QTest::newRow("csv quote never closed") << csv << false << QByteArray("text,label\nok,a\n\"open,b\nmore\n")
                                                << QStringLiteral(":3: quoted field never closed");
        QTest::newRow("csv invalid UTF-8 inside a multi-line field")
            << csv << false << QByteArray("text,label\n\"line\n\xC0\xAF\",a\n")
            << QStringLiteral(":3: invalid UTF-8 at byte 1");
        QTest::newRow("classification label empty")
            << tsv << false << QByteArray("text\tlabel\na\t\n")
            << QStringLiteral(":2: expected a label in column 'label', found an empty cell");
        QTest::newRow("regression label not a number")
            << csv << true << QByteArray("text,label\na,high\n")
            << QStringLiteral(":2: expected a number in label column 'label', found 'high'");
        QTest::newRow("regression label nan")
            << tsv << true << QByteArray("text\tlabel\na\tnan\n")
            << QStringLiteral(":2: expected a number in label column 'label', found 'nan'");
        QTest::newRow("jsonl invalid JSON")
            << jsonl << false << QByteArray("{\"text\": \"a\", \"label\": \"b\"}\n{\"text\": \"a\",}\n")
            << QStringLiteral(":2: invalid JSON (parse error");
        // Found by fuzz_generic_table: nlohmann throws out_of_range, not parse_error, for it.
        QTest::newRow("jsonl number beyond double")
            << jsonl << false << QByteArray("{\"text\": \"a\", \"label\": 66e666}\n")
            << QStringLiteral(":1: invalid JSON (number overflow parsing '66e666')");
        QTest::newRow("jsonl not an object") << jsonl << false << QByteArray("[\"a\", \"b\"]\n")
                                             << QStringLiteral(":1: expected a JSON object per line, found array");
        QTest::newRow("jsonl missing text key") << jsonl << false << QByteArray("{\"txt\": \"a\", \"label\": \"b\"}\n")
                                                << QStringLiteral(":1: missing key 'text'");
        QTest::newRow("jsonl text not a string")
            << jsonl << false << QByteArray("{\"text\": 5, \"label\": \"b\"}\n")
            << QStringLiteral(":1: expected a string for key 'text', found number");
        QTest::newRow("jsonl missing label") << jsonl << false << QByteArray("{\"text\": \"a\"}\n")
                                             << QStringLiteral(":1: missing key 'label' (the label)");
        QTest::newRow("jsonl float class label")
            << jsonl << false << QByteArray("{\"text\": \"a\", \"label\": 0.5}\n")
            << QStringLiteral(":1: expected a string or an integer for key 'label', found number");
        QTest::newRow("jsonl regression label object")
            << jsonl << true << QByteArray("{\"text\": \"a\", \"label\": {}}\n")
            << QStringLiteral(":1: expected a number for key 'label', found object");
        QTest::newRow("jsonl invalid UTF-8") << jsonl << false << QByteArray("{\"text\": \"\xF5\", \"label\": \"b\"}\n")
                                             << QStringLiteral(":1: invalid UTF-8 at byte 11");
    }

    void badInputIsAnErrorNamingFileAndLine()
    {
        QFETCH(int, format);
        QFETCH(bool, regression);
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const std::string path = writeFile(m_dir, "bad.txt", content.toStdString());
        const std::string error
            = errorOf([&] { readGenericFile(path, spec(TableFormat(format), { "text" }, regression)); });
        QVERIFY2(!error.empty(), "expected a ladder::Error");
        QCOMPARE(q(error.substr(0, path.size())), q(path));
        QVERIFY2(q(error).mid(int(path.size())).startsWith(message), error.c_str());
    }

    void skipPolicyCountsBadRowsAndReadsOn()
    {
        ReadOptions skip;
        skip.malformedRows = MalformedRowPolicy::Skip;
        const Dataset dataset
            = read("text,label\nok,a\nbad \"quote\",b\nx,y,z\n\"fine\",c\n", spec(TableFormat::Csv, { "text" }), skip);
        QCOMPARE(int(dataset.examples.size()), 2);
        QCOMPARE(q(dataset.examples[1].label), QStringLiteral("c"));
        QCOMPARE(dataset.examples[1].line, int64_t(5));
        QCOMPARE(dataset.skippedRows, int64_t(2));
        QVERIFY(dataset.skipReasons[0].find("task.txt:3: unexpected '\"'") != std::string::npos);
        QVERIFY(
            dataset.skipReasons[1].find("task.txt:4: expected 2 comma-separated fields, found 3") != std::string::npos);
    }

    void specMistakesAreErrors()
    {
        const std::string path = writeFile(m_dir, "ok.tsv", "text\tlabel\na\tb\n");
        QVERIFY(errorOf([&] { readGenericFile(path, spec(TableFormat::Tsv, {})); }).find("no text column")
            != std::string::npos);
        QVERIFY(errorOf([&] {
            readGenericFile(path, spec(TableFormat::Tsv, { "label" }));
        }).find("both a text and the label")
            != std::string::npos);
        QVERIFY(errorOf([&] {
            readGenericFile(m_dir.path().toStdString() + "/missing.tsv", spec(TableFormat::Tsv, { "text" }));
        }).find("missing.tsv: cannot open")
            != std::string::npos);
        QVERIFY(errorOf([&] {
            readGenericFile(m_dir.path().toStdString(), spec(TableFormat::Tsv, { "text" }));
        }).find("is a folder")
            != std::string::npos);
    }

    void collectLabelsIsSortedAndUnique()
    {
        const Dataset dataset
            = read("text\tlabel\na\tpositive\nb\tnegative\nc\tpositive\n", spec(TableFormat::Tsv, { "text" }));
        QCOMPARE(collectLabels(dataset), (std::vector<std::string> { "negative", "positive" }));
    }

    void formatNames()
    {
        QCOMPARE(int(tableFormatFromName("CSV")), int(TableFormat::Csv));
        QCOMPARE(int(tableFormatFromName("jsonl")), int(TableFormat::Jsonl));
        QCOMPARE(q(tableFormatName(TableFormat::Tsv)), QStringLiteral("tsv"));
        QCOMPARE(q(errorOf([] { tableFormatFromName("xlsx"); })),
            QStringLiteral("unknown task file format 'xlsx', expected tsv, csv or jsonl"));
    }
};

QTEST_GUILESS_MAIN(TestGenericReaders)
#include "test_generic_readers.moc"
