// SPDX-License-Identifier: GPL-3.0-or-later
// The T5 tokenizer: a sentencepiece model trained here, loaded through the plugin in a process
// that also links LibTorch (ARCHITECTURE.md hazard 1), with T5's special ids and sentinels.

#include "tokenizer/SentencePiecePlugin.h"
#include "tokenizer/SentencePieceTokenizer.h"
#include "util/Error.h"

#include <QtTest>
#include <torch/torch.h>

#include <fstream>
#include <functional>
#include <random>
#include <sstream>
#include <thread>
#include <vector>

using ladder::SentencePiecePlugin;
using ladder::SentencePieceTokenizer;
using ladder::SentencePieceTrainingOptions;

namespace {

/// The message of the ladder::Error that body throws; a failure of the test when it throws none.
QString errorFrom(const std::function<void()> &body)
{
    try {
        body();
    } catch (const ladder::Error &error) {
        return QString::fromStdString(error.what());
    } catch (const std::exception &other) {
        return QStringLiteral("UNEXPECTED EXCEPTION TYPE: ") + QString::fromStdString(other.what());
    }
    return QStringLiteral("NO ERROR THROWN");
}

/// A few hundred varied English sentences, the same ones every run.
std::string makeCorpus(int sentences)
{
    const std::vector<std::string> subjects = {"The cat", "A young dog", "My neighbour", "The old farmer",
        "Every student", "Our teacher", "The small bird", "A tired traveller", "The river", "Her brother",
        "The quick brown fox", "Nobody", "The committee", "A curious child", "The baker"};
    const std::vector<std::string> verbs = {"walked to", "looked at", "painted", "carried", "found",
        "forgot about", "jumped over", "talked with", "cleaned", "wrote about", "counted", "visited",
        "bought", "watched", "remembered"};
    const std::vector<std::string> objects = {"the market", "a red apple", "the lazy dog", "three books",
        "the bright morning", "an empty box", "the village school", "twelve green bottles",
        "the quiet library", "a broken chair", "the winter garden", "her old letters",
        "the long bridge", "seven silver coins", "the dark forest"};
    const std::vector<std::string> endings = {".", "!", "?", " yesterday.", " again.",
        " before lunch.", " in 1999.", ", didn't they?", " with great care.", " at 7 o'clock."};
    std::mt19937 random(20240511u);
    auto pick = [&](const std::vector<std::string> &words) {
        return words[std::uniform_int_distribution<size_t>(0, words.size() - 1)(random)];
    };
    std::ostringstream corpus;
    for (int i = 0; i < sentences; ++i)
        corpus << pick(subjects) << ' ' << pick(verbs) << ' ' << pick(objects) << pick(endings) << '\n';
    return corpus.str();
}

void writeFile(const QString &path, const std::string &bytes)
{
    std::ofstream out(path.toStdString(), std::ios::binary);
    out << bytes;
}

std::string readFile(const QString &path)
{
    std::ifstream in(path.toStdString(), std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<int64_t> concatenated(std::initializer_list<std::vector<int64_t>> parts)
{
    std::vector<int64_t> all;
    for (const auto &part : parts)
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

/// Restores an environment variable when a test ends, whatever the outcome.
class EnvironmentGuard
{
public:
    explicit EnvironmentGuard(const char *name)
        : m_name(name)
        , m_wasSet(qEnvironmentVariableIsSet(name))
        , m_value(qgetenv(name))
    {
    }
    ~EnvironmentGuard()
    {
        if (m_wasSet)
            qputenv(m_name, m_value);
        else
            qunsetenv(m_name);
    }

private:
    const char *m_name;
    bool m_wasSet;
    QByteArray m_value;
};

} // namespace

class TestTokenizer : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_corpusPath;
    QString m_modelPath;
    std::optional<SentencePieceTokenizer> m_tokenizer;

    QString pathIn(const QString &name) const { return m_dir.filePath(name); }

    SentencePieceTrainingOptions smallTraining(const QString &prefix) const
    {
        SentencePieceTrainingOptions options;
        options.inputFiles = {m_corpusPath.toStdString()};
        options.modelPrefix = prefix.toStdString();
        options.vocabSize = 300;
        options.hardVocabLimit = false;
        options.seed = 11;
        return options;
    }

    const SentencePieceTokenizer &tokenizer() const { return *m_tokenizer; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_corpusPath = pathIn(QStringLiteral("corpus.txt"));
        writeFile(m_corpusPath, makeCorpus(400));
        ladder::trainSentencePiece(smallTraining(pathIn(QStringLiteral("t5"))));
        m_modelPath = pathIn(QStringLiteral("t5.model"));
        m_tokenizer = SentencePieceTokenizer::load(m_modelPath.toStdString());
    }

    void trainingWritesModelAndVocabulary()
    {
        QVERIFY(QFileInfo(m_modelPath).size() > 0);
        QFile vocab(pathIn(QStringLiteral("t5.vocab")));
        QVERIFY(vocab.open(QIODevice::ReadOnly));
        const qsizetype lines = vocab.readAll().count('\n');
        QCOMPARE(lines, qsizetype(tokenizer().pieceCount()));
    }

    void vocabularyIsNoLargerThanAskedAndCountsExtraIds()
    {
        QVERIFY(tokenizer().pieceCount() > 3);
        QVERIFY(tokenizer().pieceCount() <= 300);
        QCOMPARE(tokenizer().extraIdCount(), 100);
        QCOMPARE(tokenizer().vocabSize(), tokenizer().pieceCount() + 100);
        QCOMPARE(tokenizer().modelPath(), m_modelPath.toStdString());
    }

    void specialPiecesHaveT5Ids_data()
    {
        QTest::addColumn<qint64>("id");
        QTest::addColumn<QString>("piece");
        QTest::newRow("pad") << qint64(SentencePieceTokenizer::padId) << QStringLiteral("<pad>");
        QTest::newRow("eos") << qint64(SentencePieceTokenizer::eosId) << QStringLiteral("</s>");
        QTest::newRow("unk") << qint64(SentencePieceTokenizer::unkId) << QStringLiteral("<unk>");
    }

    void specialPiecesHaveT5Ids()
    {
        QFETCH(qint64, id);
        QFETCH(QString, piece);
        QCOMPARE(QString::fromStdString(tokenizer().idToPiece(id)), piece);
        QCOMPARE(tokenizer().pieceToId(piece.toStdString()), id);
    }

    void thereIsNoBos()
    {
        QCOMPARE(tokenizer().pieceToId("<s>"), int64_t(-1));
    }

    void encodeAppendsEosOnlyWhenAsked()
    {
        const auto withEos = tokenizer().encode("The cat found a red apple.");
        const auto withoutEos = tokenizer().encode("The cat found a red apple.", false);
        QVERIFY(!withoutEos.empty());
        QVERIFY(withoutEos.back() != SentencePieceTokenizer::eosId);
        QCOMPARE(withEos, concatenated({withoutEos, {SentencePieceTokenizer::eosId}}));
        QCOMPARE(tokenizer().encode(""), std::vector<int64_t>{SentencePieceTokenizer::eosId});
        QVERIFY(tokenizer().encode("", false).empty());
    }

    void encodeThenDecodeGivesTheTextBack_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("sentence") << QStringLiteral("The quick brown fox jumped over the lazy dog.");
        QTest::newRow("question") << QStringLiteral("Nobody visited the quiet library, didn't they?");
        QTest::newRow("digits") << QStringLiteral("A tired traveller bought seven silver coins in 1999.");
        QTest::newRow("unseen words of seen letters") << QStringLiteral("Her teacher remembered twelve apples!");
        QTest::newRow("single word") << QStringLiteral("village");
    }

    void encodeThenDecodeGivesTheTextBack()
    {
        QFETCH(QString, text);
        const auto ids = tokenizer().encode(text.toStdString());
        for (int64_t id : ids) {
            QVERIFY(id >= 0 && id < tokenizer().pieceCount());
            QVERIFY(id != SentencePieceTokenizer::unkId);
        }
        QCOMPARE(QString::fromStdString(tokenizer().decode(ids)), text);
    }

    void unknownCharactersBecomeUnk()
    {
        const auto ids = tokenizer().encode("cat \xE7\x8C\xAB", false);
        QVERIFY(std::find(ids.begin(), ids.end(), SentencePieceTokenizer::unkId) != ids.end());
    }

    void sentinelsSitAboveThePiecesInReverseOrder_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<qint64>("offsetFromTop");
        QTest::newRow("extra_id_0 is the largest id") << 0 << qint64(1);
        QTest::newRow("extra_id_1") << 1 << qint64(2);
        QTest::newRow("extra_id_99 follows the pieces") << 99 << qint64(100);
    }

    void sentinelsSitAboveThePiecesInReverseOrder()
    {
        QFETCH(int, n);
        QFETCH(qint64, offsetFromTop);
        const int64_t id = tokenizer().sentinelId(n);
        QCOMPARE(id, tokenizer().vocabSize() - offsetFromTop);
        QCOMPARE(id, tokenizer().pieceCount() + 100 - 1 - n);
        const std::string token = "<extra_id_" + std::to_string(n) + ">";
        QCOMPARE(tokenizer().idToPiece(id), token);
        QCOMPARE(tokenizer().pieceToId(token), id);
    }

    void sentinelOutsideTheExtraIdsIsAnError()
    {
        QVERIFY(errorFrom([&] { tokenizer().sentinelId(100); }).contains(QStringLiteral("extra_id_100")));
        QVERIFY(errorFrom([&] { tokenizer().sentinelId(-1); }).contains(QStringLiteral("100 extra ids")));
        QCOMPARE(tokenizer().pieceToId("<extra_id_100>"), int64_t(-1));
    }

    void fewerExtraIdsMoveTheSentinels()
    {
        const auto small = SentencePieceTokenizer::load(m_modelPath.toStdString(), 3);
        QCOMPARE(small.vocabSize(), small.pieceCount() + 3);
        QCOMPARE(small.sentinelId(0), small.pieceCount() + 2);
        QCOMPARE(small.sentinelId(2), small.pieceCount());
    }

    void sentinelsInTextEncodeToTheirIds()
    {
        const auto &t = tokenizer();
        const auto ids = t.encode("The cat <extra_id_0> the lazy dog <extra_id_1>");
        QCOMPARE(ids, concatenated({t.encode("The cat", false), {t.sentinelId(0)},
                                    t.encode("the lazy dog", false), {t.sentinelId(1)},
                                    {SentencePieceTokenizer::eosId}}));
    }

    void specialTokensInTextEncodeToTheirIds()
    {
        const auto &t = tokenizer();
        QCOMPARE(t.encode("<extra_id_5>the river</s>"),
                 concatenated({{t.sentinelId(5)}, t.encode("the river", false),
                               {SentencePieceTokenizer::eosId}}));
        QCOMPARE(t.encode("<pad> <unk>", false),
                 (std::vector<int64_t>{SentencePieceTokenizer::padId, SentencePieceTokenizer::unkId}));
    }

    void malformedSentinelsStayText_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("beyond the extra ids") << QStringLiteral("the <extra_id_100> cat");
        QTest::newRow("leading zero") << QStringLiteral("the <extra_id_07> cat");
        QTest::newRow("not a number") << QStringLiteral("the <extra_id_x> cat");
        QTest::newRow("unclosed") << QStringLiteral("the <extra_id_3 cat");
    }

    void malformedSentinelsStayText()
    {
        QFETCH(QString, text);
        for (int64_t id : tokenizer().encode(text.toStdString(), false))
            QVERIFY2(id < tokenizer().pieceCount(), "a sentinel id came out of plain text");
    }

    void decodeSkipsSpecialTokensByDefault()
    {
        const auto ids = tokenizer().encode("<pad>the cat <extra_id_0> the river");
        QCOMPARE(QString::fromStdString(tokenizer().decode(ids)), QStringLiteral("the cat the river"));
    }

    void decodeCanWriteSpecialTokensOut()
    {
        const auto ids = tokenizer().encode("the cat <extra_id_0> the river");
        QCOMPARE(QString::fromStdString(tokenizer().decode(ids, false)),
                 QStringLiteral("the cat<extra_id_0> the river</s>"));
    }

    void decodeRejectsIdsOutsideTheVocabulary_data()
    {
        QTest::addColumn<qint64>("id");
        QTest::newRow("negative") << qint64(-1);
        QTest::newRow("first id past the sentinels") << qint64(-2); // vocabSize(), known in the test
        QTest::newRow("huge") << (qint64(1) << 40);
    }

    void decodeRejectsIdsOutsideTheVocabulary()
    {
        QFETCH(qint64, id);
        if (id == -2)
            id = tokenizer().vocabSize();
        const QString message = errorFrom([&] { tokenizer().decode({3, id}); });
        QVERIFY2(message.contains(QString::number(id)), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("position 1")), qPrintable(message));
    }

    void idsFeedALibTorchEmbedding()
    {
        const auto ids = tokenizer().encode("The baker counted twelve green bottles.");
        const torch::Tensor input = torch::tensor(ids, torch::kLong);
        torch::nn::Embedding embedding(tokenizer().vocabSize(), 8);
        const torch::Tensor output = embedding(input);
        QCOMPARE(output.sizes().vec(), (std::vector<int64_t>{int64_t(ids.size()), 8}));
        QCOMPARE(input.max().item<int64_t>(), *std::max_element(ids.begin(), ids.end()));
        QCOMPARE(input[-1].item<int64_t>(), SentencePieceTokenizer::eosId);
    }

    void copiesShareTheModelAndOutliveTheOriginal()
    {
        std::optional<SentencePieceTokenizer> original = SentencePieceTokenizer::load(m_modelPath.toStdString());
        const SentencePieceTokenizer copy = *original;
        const auto expected = original->encode("The old farmer cleaned the long bridge.");
        original.reset();
        QCOMPARE(copy.encode("The old farmer cleaned the long bridge."), expected);
    }

    void encodeIsSafeFromSeveralThreads()
    {
        const std::string text = "Her brother wrote about the winter garden again.";
        const auto expected = tokenizer().encode(text);
        std::vector<int> mismatches(4, 0);
        std::vector<std::thread> threads;
        for (int t = 0; t < 4; ++t) {
            threads.emplace_back([&, t] {
                for (int i = 0; i < 200; ++i)
                    mismatches[t] += tokenizer().encode(text) != expected;
            });
        }
        for (auto &thread : threads)
            thread.join();
        QCOMPARE(mismatches, std::vector<int>(4, 0));
    }

    void trainingTwiceWithOneSeedGivesOneModel()
    {
        // Two threads, as smallTraining() asks. The .model files differ in the recorded prefix,
        // so compare the vocabularies: every piece with its score.
        ladder::trainSentencePiece(smallTraining(pathIn(QStringLiteral("again"))));
        const std::string first = readFile(pathIn(QStringLiteral("t5.vocab")));
        QVERIFY(!first.empty());
        QCOMPARE(readFile(pathIn(QStringLiteral("again.vocab"))), first);
    }

    void missingModelFileIsNamed()
    {
        const QString missing = pathIn(QStringLiteral("no-such.model"));
        const QString message = errorFrom([&] { SentencePieceTokenizer::load(missing.toStdString()); });
        QVERIFY2(message.startsWith(missing), qPrintable(message));
    }

    void corruptModelFileIsAnErrorNotACrash_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const std::string model = readFile(m_modelPath);
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("text") << QByteArray("this is not a sentencepiece model\n");
        for (unsigned seed : {1u, 2u, 3u, 4u}) {
            std::mt19937 random(seed);
            QByteArray noise(4096, '\0');
            for (char &c : noise)
                c = char(random() & 0xff);
            QTest::newRow(qPrintable(QStringLiteral("random bytes, seed %1").arg(seed))) << noise;
        }
        for (size_t keep : {size_t(1), size_t(16), model.size() / 2, model.size() - 1}) {
            QTest::newRow(qPrintable(QStringLiteral("model cut to %1 bytes").arg(keep)))
                << QByteArray(model.data(), qsizetype(keep));
        }
    }

    void corruptModelFileIsAnErrorNotACrash()
    {
        QFETCH(QByteArray, bytes);
        const QString path = pathIn(QStringLiteral("corrupt.model"));
        writeFile(path, bytes.toStdString());
        const QString message = errorFrom([&] { SentencePieceTokenizer::load(path.toStdString()); });
        QVERIFY2(message.startsWith(path), qPrintable(message));
    }

    void trainingRejectsBadOptions_data()
    {
        QTest::addColumn<QString>("option");
        QTest::addColumn<QString>("expectedInMessage");
        QTest::newRow("missing input") << QStringLiteral("input") << QStringLiteral("missing.txt");
        QTest::newRow("no prefix") << QStringLiteral("prefix") << QStringLiteral("model prefix");
        QTest::newRow("model type") << QStringLiteral("type") << QStringLiteral("\"wordpiece\"");
        QTest::newRow("tiny vocabulary") << QStringLiteral("vocab") << QStringLiteral("3 special pieces");
        QTest::newRow("threads") << QStringLiteral("threads") << QStringLiteral("1 to 128 threads");
    }

    void trainingRejectsBadOptions()
    {
        QFETCH(QString, option);
        QFETCH(QString, expectedInMessage);
        SentencePieceTrainingOptions options = smallTraining(pathIn(QStringLiteral("bad")));
        if (option == QStringLiteral("input"))
            options.inputFiles.push_back(pathIn(QStringLiteral("missing.txt")).toStdString());
        else if (option == QStringLiteral("prefix"))
            options.modelPrefix.clear();
        else if (option == QStringLiteral("type"))
            options.modelType = "wordpiece";
        else if (option == QStringLiteral("vocab"))
            options.vocabSize = 3;
        else if (option == QStringLiteral("threads"))
            options.numThreads = 0;
        const QString message = errorFrom([&] { ladder::trainSentencePiece(options); });
        QVERIFY2(message.contains(expectedInMessage), qPrintable(message));
        QVERIFY(!QFileInfo::exists(pathIn(QStringLiteral("bad.model"))));
    }

    void sentencepieceTrainingFailureIsReported()
    {
        // 10 pieces cannot hold the corpus's characters: sentencepiece itself refuses.
        SentencePieceTrainingOptions options = smallTraining(pathIn(QStringLiteral("toosmall")));
        options.vocabSize = 10;
        const QString message = errorFrom([&] { ladder::trainSentencePiece(options); });
        QVERIFY2(message.contains(QStringLiteral("sentencepiece training failed")), qPrintable(message));
    }

    void pluginIsFoundNextToTheExecutable()
    {
        EnvironmentGuard guard(ladder::sentencePiecePluginEnvVar);
        qunsetenv(ladder::sentencePiecePluginEnvVar);
        const QString expected = QDir(QStringLiteral(LADDER_BIN_DIR)).filePath(QStringLiteral("libladder_spm.so"));
        QCOMPARE(QFileInfo(QString::fromStdString(SentencePiecePlugin::locate())).canonicalFilePath(),
                 QFileInfo(expected).canonicalFilePath());
        QCOMPARE(SentencePiecePlugin::instance().api().abiVersion, LADDER_SPM_ABI_VERSION);
    }

    void pluginSearchListsEveryPlace()
    {
        EnvironmentGuard guard(ladder::sentencePiecePluginEnvVar);
        qunsetenv(ladder::sentencePiecePluginEnvVar);
        const auto paths = SentencePiecePlugin::searchPaths();
        QCOMPARE(paths.size(), size_t(3));
        QVERIFY(QString::fromStdString(paths[1]).endsWith(QStringLiteral("/lib/ladder/libladder_spm.so")));
    }

    void pluginEnvironmentVariableNamingAMissingFileIsAnError()
    {
        EnvironmentGuard guard(ladder::sentencePiecePluginEnvVar);
        const QString missing = pathIn(QStringLiteral("nowhere/libladder_spm.so"));
        qputenv(ladder::sentencePiecePluginEnvVar, missing.toLocal8Bit());
        const QString message = errorFrom([] { SentencePiecePlugin::locate(); });
        QVERIFY2(message.contains(missing), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("LADDER_SPM_PLUGIN")), qPrintable(message));
    }

    void fileThatIsNoPluginIsRejected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("text file") << QStringLiteral("corpus.txt");
        QTest::newRow("a model, not a library") << QStringLiteral("t5.model");
    }

    void fileThatIsNoPluginIsRejected()
    {
        QFETCH(QString, name);
        const QString path = pathIn(name);
        const QString message = errorFrom([&] { SentencePiecePlugin::open(path.toStdString()); });
        QVERIFY2(message.startsWith(path), qPrintable(message));
    }
};

QTEST_GUILESS_MAIN(TestTokenizer)
#include "test_tokenizer.moc"
