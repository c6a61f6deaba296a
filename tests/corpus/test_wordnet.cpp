// SPDX-License-Identifier: GPL-3.0-or-later
// The WordNet 3.0 data-file reader: real lines from tests/data/wordnet (see its LICENSE).
#include "corpus/WordNet.h"
#include "util/Error.h"

#include <QTemporaryDir>
#include <QtTest>

#include <fstream>

using namespace ladder;

namespace {
const std::string kFixture = std::string(LADDER_TEST_DATA_DIR) + "/wordnet";
const std::string kBreathe =
    "00001740 29 v 04 breathe 0 take_a_breath 0 respire 0 suspire 3 021 * 00005041 v 0000 * 00004227 v 0000 + 03110323 "
    "a 0301 + 00831191 n 0303 + 04080833 n 0301 + 04250850 n 0105 + 00831191 n 0101 ^ 00004227 v 0103 ^ 00005041 v "
    "0103 $ 00002325 v 0000 $ 00002573 v 0000 ~ 00002573 v 0000 ~ 00002724 v 0000 ~ 00002942 v 0000 ~ 00003826 v 0000 "
    "~ 00004032 v 0000 ~ 00004227 v 0000 ~ 00005041 v 0000 ~ 00006697 v 0000 ~ 00007328 v 0000 ~ 00017031 v 0000 02 + "
    "02 00 + 08 00 | draw air into, and expel out of, the lungs; \"I can breathe better when the air is clean\"; \"The "
    "patient is respiring\"  ";
} // namespace

class TestWordNet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesAVerbLineWithFramesAndExamples()
    {
        const WordNetSynset synset = parseWordNetLine(kBreathe, "data.verb", 7);
        QCOMPARE(synset.offset, int64_t(1740));
        QCOMPARE(synset.lexFile, 29);
        QCOMPARE(lexFileName(synset.lexFile), std::string("verb.body"));
        QCOMPARE(synset.type, 'v');
        QCOMPARE(synset.words, (std::vector<std::string>{"breathe", "take_a_breath", "respire", "suspire"}));
        QCOMPARE(synset.word(1), std::string("take a breath"));
        QCOMPARE(synset.definition(), std::string("draw air into, and expel out of, the lungs"));
        QVERIFY(synset.gloss.find("The patient is respiring\"") != std::string::npos);
        QCOMPARE(synset.gloss.back(), '"'); // trailing spaces dropped
        QCOMPARE(synset.line, int64_t(7));
    }

    void stripsAdjectiveMarkers()
    {
        const WordNetSynset synset =
            parseWordNetLine("00001740 00 a 02 able(a) 0 capable(p) 0 000 | (usually followed by `to')", "data.adj", 1);
        QCOMPARE(synset.words, (std::vector<std::string>{"able", "capable"}));
        QCOMPARE(synset.type, 'a');
    }

    void lexicographerTableMatchesLexnames()
    {
        QCOMPARE(lexFileNames().size(), std::size_t(45));
        QCOMPARE(lexFileName(0), std::string("adj.all"));
        QCOMPARE(lexFileName(5), std::string("noun.animal"));
        QCOMPARE(lexFileName(13), std::string("noun.food"));
        QCOMPARE(lexFileName(20), std::string("noun.plant"));
        QCOMPARE(lexFileName(38), std::string("verb.motion"));
        QCOMPARE(lexFileName(44), std::string("adj.ppl"));
        QCOMPARE(lexFileNumber("noun.artifact"), 6);
        QCOMPARE(lexFileNumber("noun.nothing"), -1);
        QVERIFY_THROWS_EXCEPTION(Error, lexFileName(45));
    }

    void readsTheFixtureSkippingTheLicenceHeader()
    {
        const std::vector<WordNetSynset> nouns = readWordNetDataFile(kFixture + "/data.noun");
        QCOMPARE(nouns.size(), std::size_t(210));
        QCOMPARE(nouns.front().line, int64_t(30)); // 29 header lines
        for (const WordNetSynset &synset : nouns)
            QCOMPARE(synset.type, 'n');
        const std::vector<WordNetSynset> all = readWordNet(kFixture);
        QCOMPARE(all.size(), std::size_t(210 + 50 + 10 + 10));
    }

    void malformedLinesNameFileAndLine_data()
    {
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("no gloss bar") << QByteArray("00001740 29 v 01 breathe 0 000") << QByteArray("no \" | \"");
        QTest::newRow("offset not a number") << QByteArray("0000x740 29 v 01 breathe 0 000 | gloss") << QByteArray("synset_offset");
        QTest::newRow("lex file too big") << QByteArray("00001740 45 v 01 breathe 0 000 | gloss") << QByteArray("lex_filenum");
        QTest::newRow("unknown ss_type") << QByteArray("00001740 29 q 01 breathe 0 000 | gloss") << QByteArray("ss_type");
        QTest::newRow("w_cnt not hex") << QByteArray("00001740 29 v zz breathe 0 000 | gloss") << QByteArray("w_cnt");
        QTest::newRow("fewer words than w_cnt") << QByteArray("00001740 29 v 03 breathe 0 | gloss") << QByteArray("the line ends");
        QTest::newRow("too few pointers") << QByteArray("00001740 29 v 01 breathe 0 002 @ 00000001 v 0000 | gloss") << QByteArray("p_cnt");
        QTest::newRow("lex_id not hex") << QByteArray("00001740 29 v 01 breathe x 000 | gloss") << QByteArray("lex_id");
    }

    void malformedLinesNameFileAndLine()
    {
        QFETCH(QByteArray, line);
        QFETCH(QByteArray, expected);
        QTemporaryDir dir;
        const std::string path = dir.filePath(QStringLiteral("data.verb")).toStdString();
        {
            std::ofstream out(path);
            out << "  1 licence header line  \n" << kBreathe << "\n" << line.toStdString() << "\n";
        }
        try {
            readWordNetDataFile(path);
            QFAIL("no error");
        } catch (const Error &e) {
            const std::string message = e.what();
            QVERIFY2(message.find(path + ":3: ") == 0, message.c_str());
            QVERIFY2(message.find(expected.toStdString()) != std::string::npos, message.c_str());
        }
    }

    void missingFolderSaysHowToInstallWordNet()
    {
        QTemporaryDir dir;
        try {
            readWordNet(dir.path().toStdString());
            QFAIL("no error");
        } catch (const Error &e) {
            QVERIFY(std::string(e.what()).find("wordnet-base") != std::string::npos);
        }
    }
};

QTEST_GUILESS_MAIN(TestWordNet)
#include "test_wordnet.moc"
