// SPDX-License-Identifier: GPL-3.0-or-later
// Specification of the safetensors reader and writer: bit-exact round trips, the reference
// serializer's byte layout, the golden HuggingFace files, and a specific error for every kind
// of corrupt or hostile file.

#include "io/Safetensors.h"
#include "util/Error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <cstring>
#include <limits>
#include <random>

using namespace ladder;

namespace {

QString goldenPath(const QString &relative)
{
    return QStringLiteral(LADDER_TEST_DATA_DIR "/golden/t5/") + relative;
}

/// A file made of an 8-byte little-endian header length, the header, then the data buffer.
QByteArray fileBytes(const std::string &header, const QByteArray &data = {}, quint64 length = ~quint64(0))
{
    if (length == ~quint64(0))
        length = header.size();
    QByteArray bytes;
    for (int i = 0; i < 8; ++i)
        bytes.append(static_cast<char>((length >> (8 * i)) & 0xff));
    bytes.append(header.data(), static_cast<qsizetype>(header.size()));
    bytes.append(data);
    return bytes;
}

void writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(bytes), bytes.size());
}

QByteArray readBytes(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

/// Same dtype, shape and bytes: NaN payloads and signed zeros included.
bool bitIdentical(const torch::Tensor &a, const torch::Tensor &b)
{
    if (a.scalar_type() != b.scalar_type() || !a.sizes().equals(b.sizes()))
        return false;
    const torch::Tensor ca = a.contiguous();
    const torch::Tensor cb = b.contiguous();
    // An empty tensor's data_ptr() is null, and memcmp(nullptr, …, 0) is undefined (UBSan).
    return ca.nbytes() == cb.nbytes()
           && (ca.nbytes() == 0 || std::memcmp(ca.data_ptr(), cb.data_ptr(), ca.nbytes()) == 0);
}

std::string headerOf(const QByteArray &bytes)
{
    quint64 length = 0;
    for (int i = 7; i >= 0; --i)
        length = (length << 8) | static_cast<unsigned char>(bytes[i]);
    return bytes.mid(8, static_cast<qsizetype>(length)).toStdString();
}

torch::Tensor f32(std::vector<float> values, std::vector<std::int64_t> shape)
{
    return torch::tensor(values, torch::kFloat32).reshape(shape);
}

QByteArray f32Bytes(std::initializer_list<float> values)
{
    QByteArray bytes;
    for (const float value : values)
        bytes.append(reinterpret_cast<const char *>(&value), sizeof value);
    return bytes;
}

/// A file holding one tensor "enc.w" whose header entry is {body}, with `data` as its buffer.
QByteArray one(const std::string &body, const QByteArray &data = QByteArray(4, '\0'))
{
    return fileBytes("{\"enc.w\":{" + body + "}}", data);
}

void addCorruptRow(const char *tag, const QByteArray &bytes, const char *phrase, const char *tensor)
{
    QTest::newRow(tag) << bytes << QString::fromUtf8(phrase) << QString::fromUtf8(tensor);
}

} // namespace

class TestSafetensors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripKeepsEveryDtypeBitExact_data();
    void roundTripKeepsEveryDtypeBitExact();
    void roundTripKeepsScalarsEmptyTensorsAndMetadata();
    void writerMatchesReferenceSerializerBytes();
    void writerPadsHeaderWithSpacesToMultipleOfEight();
    void writerWritesEmptyFileLikeReference();
    void writerPutsMetadataFirstThenDtypeDescendingThenName();
    void writerMakesNonContiguousTensorsContiguous();
    void writerRefusesDuplicateNames();
    void failedWriteLeavesExistingFileAndNoTemporary();
    void readsGoldenModelFiles_data();
    void readsGoldenModelFiles();
    void readsGoldenCasesFiles_data();
    void readsGoldenCasesFiles();
    void rewriteOfGoldenFilesReadsBackBitIdentical_data();
    void rewriteOfGoldenFilesReadsBackBitIdentical();
    void rewriteOfGoldenModelFileIsByteIdentical_data();
    void rewriteOfGoldenModelFileIsByteIdentical();
    void acceptsHeaderPaddedWithWhitespace();
    void atNamesFileAndTensorWhenAbsent();
    void missingFileIsNamed();
    void rejectsCorruptFile_data();
    void rejectsCorruptFile();
    void randomCorruptionGivesErrorsNotCrashes();

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }
};

void TestSafetensors::roundTripKeepsEveryDtypeBitExact_data()
{
    QTest::addColumn<QString>("dtypeName");
    QTest::addColumn<int>("dtype");
    const std::pair<const char *, torch::Dtype> dtypes[] = {
        { "F64", torch::kFloat64 },
        { "F32", torch::kFloat32 },
        { "F16", torch::kFloat16 },
        { "BF16", torch::kBFloat16 },
        { "I64", torch::kInt64 },
        { "I32", torch::kInt32 },
        { "I16", torch::kInt16 },
        { "I8", torch::kInt8 },
        { "U8", torch::kUInt8 },
        { "BOOL", torch::kBool },
    };
    for (const auto &[name, dtype] : dtypes)
        QTest::newRow(name) << QString::fromLatin1(name) << static_cast<int>(dtype);
}

void TestSafetensors::roundTripKeepsEveryDtypeBitExact()
{
    QFETCH(QString, dtypeName);
    QFETCH(int, dtype);
    const auto scalarType = static_cast<torch::Dtype>(dtype);
    torch::manual_seed(11);
    torch::Tensor tensor;
    if (torch::isFloatingType(scalarType)) {
        tensor = (torch::randn({ 4, 7 }, torch::kFloat64) * 1000).to(scalarType);
        // Values whose bits a careless conversion would change.
        tensor[0][0] = std::numeric_limits<double>::infinity();
        tensor[0][1] = -0.0;
        tensor[0][2] = std::numeric_limits<double>::quiet_NaN();
    } else if (scalarType == torch::kBool) {
        tensor = torch::randint(0, 2, { 4, 7 }).to(torch::kBool);
    } else {
        const std::int64_t low = scalarType == torch::kUInt8 ? 0 : -100;
        tensor = torch::randint(low, 100, { 4, 7 }).to(scalarType);
        tensor[0][0] = scalarType == torch::kInt64 ? std::numeric_limits<std::int64_t>::min() : low;
    }
    const QString file = path(QStringLiteral("roundtrip-%1.safetensors").arg(dtypeName));
    writeSafetensors(file.toStdString(), { { "t", tensor } });

    QVERIFY(headerOf(readBytes(file)).find("\"dtype\":\"" + dtypeName.toStdString() + "\"") != std::string::npos);
    const SafetensorsContents contents = readSafetensors(file.toStdString());
    QCOMPARE(contents.tensors.size(), std::size_t(1));
    QVERIFY(bitIdentical(contents.at("t"), tensor));
    QVERIFY(contents.at("t").is_contiguous());
}

void TestSafetensors::roundTripKeepsScalarsEmptyTensorsAndMetadata()
{
    const QString file = path(QStringLiteral("shapes.safetensors"));
    const torch::Tensor scalar = torch::tensor(2.5f);
    const torch::Tensor empty = torch::zeros({ 3, 0 }, torch::kInt32);
    const torch::Tensor emptyToo = torch::zeros({ 0 }, torch::kInt32);
    const std::map<std::string, std::string> metadata { { "format", "pt" }, { "note", "é \"quoted\"\n" } };
    writeSafetensors(
        file.toStdString(), { { "scalar", scalar }, { "empty", empty }, { "empty2", emptyToo } }, metadata);

    const SafetensorsContents contents = readSafetensors(file.toStdString());
    QVERIFY(bitIdentical(contents.at("scalar"), scalar));
    QCOMPARE(contents.at("scalar").dim(), std::int64_t(0));
    QVERIFY(bitIdentical(contents.at("empty"), empty));
    QVERIFY(bitIdentical(contents.at("empty2"), emptyToo));
    QVERIFY(contents.metadata == metadata);
}

// The bytes safetensors' own unit test (test_serialization) expects from the Rust serializer.
void TestSafetensors::writerMatchesReferenceSerializerBytes()
{
    const QString file = path(QStringLiteral("reference.safetensors"));
    writeSafetensors(file.toStdString(), { { "attn.0", f32({ 0, 1, 2, 3, 4, 5 }, { 1, 2, 3 }) } }, {});

    const unsigned char expected[] = { 64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34,
        100, 116, 121, 112, 101, 34, 58, 34, 70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 50, 44,
        51, 93, 44, 34, 100, 97, 116, 97, 95, 111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125,
        125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0, 64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64 };
    QCOMPARE(readBytes(file), QByteArray(reinterpret_cast<const char *>(expected), sizeof expected));
    QCOMPARE(
        headerOf(readBytes(file)), std::string(R"({"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}})"));
}

// The reference's test_serialization with a shorter name: 7 spaces pad the 65-byte header to 72.
void TestSafetensors::writerPadsHeaderWithSpacesToMultipleOfEight()
{
    const QString file = path(QStringLiteral("padded.safetensors"));
    writeSafetensors(file.toStdString(), { { "attn0", f32({ 0, 1, 2, 3, 4, 5 }, { 1, 1, 2, 3 }) } }, {});

    const QByteArray bytes = readBytes(file);
    QCOMPARE(static_cast<unsigned char>(bytes[0]), static_cast<unsigned char>(72));
    const std::string header = headerOf(bytes);
    QCOMPARE(header,
        std::string(R"({"attn0":{"dtype":"F32","shape":[1,1,2,3],"data_offsets":[0,24]}})") + std::string(7, ' '));
    QCOMPARE(bytes.mid(80), f32Bytes({ 0, 1, 2, 3, 4, 5 }));
}

void TestSafetensors::writerWritesEmptyFileLikeReference()
{
    const QString file = path(QStringLiteral("empty.safetensors"));
    writeSafetensors(file.toStdString(), {}, {});
    QCOMPARE(readBytes(file), fileBytes("{}      "));
    QVERIFY(readSafetensors(file.toStdString()).tensors.empty());
}

void TestSafetensors::writerPutsMetadataFirstThenDtypeDescendingThenName()
{
    const QString file = path(QStringLiteral("order.safetensors"));
    writeSafetensors(file.toStdString(),
        { { "b", torch::zeros({ 1 }, torch::kFloat32) }, { "flag", torch::zeros({ 1 }, torch::kBool) },
            { "a", torch::zeros({ 1 }, torch::kFloat32) }, { "half", torch::zeros({ 1 }, torch::kFloat16) },
            { "ids", torch::zeros({ 1 }, torch::kInt64) }, { "brain", torch::zeros({ 1 }, torch::kBFloat16) } },
        { { "format", "pt" } });
    const std::string expected = R"({"__metadata__":{"format":"pt"},)"
                                 R"("ids":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},)"
                                 R"("a":{"dtype":"F32","shape":[1],"data_offsets":[8,12]},)"
                                 R"("b":{"dtype":"F32","shape":[1],"data_offsets":[12,16]},)"
                                 R"("brain":{"dtype":"BF16","shape":[1],"data_offsets":[16,18]},)"
                                 R"("half":{"dtype":"F16","shape":[1],"data_offsets":[18,20]},)"
                                 R"("flag":{"dtype":"BOOL","shape":[1],"data_offsets":[20,21]}})";
    const std::string header = headerOf(readBytes(file));
    QCOMPARE(header.size() % 8, std::size_t(0));
    QCOMPARE(header.substr(0, expected.size()), expected);
    QCOMPARE(header.substr(expected.size()), std::string(header.size() - expected.size(), ' '));
}

void TestSafetensors::writerMakesNonContiguousTensorsContiguous()
{
    const QString file = path(QStringLiteral("transposed.safetensors"));
    const torch::Tensor base = torch::arange(12, torch::kFloat32).reshape({ 3, 4 });
    const torch::Tensor transposed = base.t();
    QVERIFY(!transposed.is_contiguous());
    writeSafetensors(file.toStdString(), { { "t", transposed } });
    QVERIFY(torch::equal(readSafetensors(file.toStdString()).at("t"), transposed));
}

void TestSafetensors::writerRefusesDuplicateNames()
{
    const QString file = path(QStringLiteral("duplicate-write.safetensors"));
    try {
        writeSafetensors(file.toStdString(), { { "w", torch::zeros({ 1 }) }, { "w", torch::ones({ 1 }) } });
        QFAIL("expected ladder::Error");
    } catch (const Error &e) {
        QVERIFY2(std::string(e.what()).find("two tensors named \"w\"") != std::string::npos, e.what());
    }
    QVERIFY(!QFile::exists(file));
}

void TestSafetensors::failedWriteLeavesExistingFileAndNoTemporary()
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("keep.safetensors"));
    writeSafetensors(file.toStdString(), { { "w", torch::ones({ 2 }) } });
    const QByteArray before = readBytes(file);

    // Complex numbers have no safetensors dtype here: the write fails after validation starts.
    QVERIFY_THROWS_EXCEPTION(Error,
        writeSafetensors(
            file.toStdString(), { { "w", torch::zeros({ 2 }) }, { "z", torch::zeros({ 2 }, torch::kComplexFloat) } }));
    QCOMPARE(readBytes(file), before);
    // A folder that does not exist: the temporary file cannot even be created.
    QVERIFY_THROWS_EXCEPTION(Error,
        writeSafetensors(
            dir.filePath(QStringLiteral("no/such/dir/x.safetensors")).toStdString(), { { "w", torch::zeros({ 2 }) } }));
    QCOMPARE(
        QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList { QStringLiteral("keep.safetensors") });
}

void TestSafetensors::readsGoldenModelFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<bool>("hasLmHead");
    QTest::newRow("t5v1") << goldenPath(QStringLiteral("t5v1_tiny/model.safetensors")) << false;
    QTest::newRow("t5v11") << goldenPath(QStringLiteral("t5v11_tiny/model.safetensors")) << true;
}

void TestSafetensors::readsGoldenModelFiles()
{
    QFETCH(QString, file);
    QFETCH(bool, hasLmHead);
    const SafetensorsContents contents = readSafetensors(file.toStdString());

    QCOMPARE(contents.metadata, (std::map<std::string, std::string> { { "format", "pt" } }));
    for (const NamedTensor &named : contents.tensors)
        QVERIFY2(named.tensor.scalar_type() == torch::kFloat32, named.name.c_str());
    QCOMPARE(contents.at("shared.weight").sizes().vec(), (std::vector<std::int64_t> { 96, 64 }));
    QCOMPARE(contents.at("encoder.final_layer_norm.weight").sizes().vec(), (std::vector<std::int64_t> { 64 }));
    QCOMPARE(contents.at("encoder.block.0.layer.0.SelfAttention.q.weight").sizes().vec(),
        (std::vector<std::int64_t> { 64, 64 }));
    QVERIFY(contents.find("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight"));
    QVERIFY(!contents.find("encoder.block.1.layer.0.SelfAttention.relative_attention_bias.weight"));
    QVERIFY(!contents.find("encoder.embed_tokens.weight"));
    QCOMPARE(contents.find("lm_head.weight") != nullptr, hasLmHead);
    // File order is header order: the reference writer sorts F32 tensors by name.
    QCOMPARE(contents.tensors.front().name, std::string("decoder.block.0.layer.0.SelfAttention.k.weight"));
    QVERIFY(std::is_sorted(contents.tensors.begin(), contents.tensors.end(),
        [](const NamedTensor &a, const NamedTensor &b) { return a.name < b.name; }));
}

void TestSafetensors::readsGoldenCasesFiles_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("config");
    QTest::addColumn<int>("layers");
    QTest::newRow("t5v1") << goldenPath(QStringLiteral("t5v1_tiny/cases.safetensors")) << QStringLiteral("t5v1_tiny")
                          << 2;
    QTest::newRow("t5v11") << goldenPath(QStringLiteral("t5v11_tiny/cases.safetensors")) << QStringLiteral("t5v11_tiny")
                           << 3;
}

void TestSafetensors::readsGoldenCasesFiles()
{
    QFETCH(QString, file);
    QFETCH(QString, config);
    QFETCH(int, layers);
    const SafetensorsContents contents = readSafetensors(file.toStdString());

    QCOMPARE(contents.metadata.at("config"), config.toStdString());
    QCOMPARE(contents.metadata.at("format"), std::string("pt"));
    const torch::Tensor &inputIds = contents.at("input_ids");
    QVERIFY(inputIds.scalar_type() == torch::kInt64);
    QCOMPARE(inputIds.sizes().vec(), (std::vector<std::int64_t> { 3, 40 }));
    QCOMPARE(inputIds[0][39].item<std::int64_t>(), std::int64_t(1)); // eos ends the full-length row
    QCOMPARE(contents.at("attention_mask").sum().item<std::int64_t>(), std::int64_t(40 + 27 + 9));
    QCOMPARE(contents.at("loss").dim(), std::int64_t(0));
    QCOMPARE(contents.at("encoder_hidden_states").sizes().vec(), (std::vector<std::int64_t> { layers + 1, 3, 40, 64 }));
    QVERIFY(torch::equal(contents.at("encoder_hidden_states")[layers], contents.at("encoder_last_hidden_state")));
    QCOMPARE(contents.at("aux.relative_position")[0].item<std::int64_t>(), std::int64_t(-200));
}

void TestSafetensors::rewriteOfGoldenFilesReadsBackBitIdentical_data()
{
    QTest::addColumn<QString>("file");
    for (const char *dir : { "t5v1_tiny", "t5v11_tiny" }) {
        for (const char *name : { "model.safetensors", "cases.safetensors" }) {
            const QString relative = QStringLiteral("%1/%2").arg(QLatin1String(dir), QLatin1String(name));
            QTest::newRow(qPrintable(relative)) << goldenPath(relative);
        }
    }
}

void TestSafetensors::rewriteOfGoldenFilesReadsBackBitIdentical()
{
    QFETCH(QString, file);
    const SafetensorsContents original = readSafetensors(file.toStdString());
    const QString copy = path(QStringLiteral("rewrite.safetensors"));
    writeSafetensors(copy.toStdString(), original.tensors, original.metadata);

    const SafetensorsContents reread = readSafetensors(copy.toStdString());
    QCOMPARE(reread.tensors.size(), original.tensors.size());
    QVERIFY(reread.metadata == original.metadata);
    for (const NamedTensor &named : original.tensors)
        QVERIFY2(bitIdentical(reread.at(named.name), named.tensor), named.name.c_str());
}

// The golden model files came from a writer with the reference layout and metadata
// {"format":"pt"} only, so ours must reproduce them byte for byte.
void TestSafetensors::rewriteOfGoldenModelFileIsByteIdentical_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("t5v1") << goldenPath(QStringLiteral("t5v1_tiny/model.safetensors"));
    QTest::newRow("t5v11") << goldenPath(QStringLiteral("t5v11_tiny/model.safetensors"));
}

void TestSafetensors::rewriteOfGoldenModelFileIsByteIdentical()
{
    QFETCH(QString, file);
    std::vector<NamedTensor> tensors = readSafetensors(file.toStdString()).tensors;
    std::reverse(tensors.begin(), tensors.end()); // the writer must order them itself
    const QString copy = path(QStringLiteral("byte-identical.safetensors"));
    writeSafetensors(copy.toStdString(), tensors);
    QVERIFY(readBytes(copy) == readBytes(file));
}

void TestSafetensors::acceptsHeaderPaddedWithWhitespace()
{
    const QString file = path(QStringLiteral("whitespace.safetensors"));
    writeBytes(file, fileBytes("{}\r \t\n"));
    QVERIFY(readSafetensors(file.toStdString()).tensors.empty());
}

void TestSafetensors::atNamesFileAndTensorWhenAbsent()
{
    const QString file = path(QStringLiteral("one.safetensors"));
    writeSafetensors(file.toStdString(), { { "present", torch::zeros({ 1 }) } });
    const SafetensorsContents contents = readSafetensors(file.toStdString());
    QVERIFY(contents.find("present"));
    QVERIFY(!contents.find("absent"));
    try {
        contents.at("absent");
        QFAIL("expected ladder::Error");
    } catch (const Error &e) {
        QCOMPARE(QString::fromStdString(e.what()), file + QStringLiteral(": no tensor named \"absent\""));
    }
}

void TestSafetensors::missingFileIsNamed()
{
    const QString file = path(QStringLiteral("does-not-exist.safetensors"));
    try {
        readSafetensors(file.toStdString());
        QFAIL("expected ladder::Error");
    } catch (const Error &e) {
        QVERIFY2(QString::fromStdString(e.what()).startsWith(file + QStringLiteral(": file does not exist")), e.what());
    }
}

void TestSafetensors::rejectsCorruptFile_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("phrase");
    QTest::addColumn<QString>("tensor"); // empty when the problem is not about one tensor

    addCorruptRow("shorter than 8 bytes", QByteArray("\x05\0\0", 3), "too short", "");
    addCorruptRow("header length past end of file", fileBytes("{}", {}, 1000),
        "header length 1000 runs past the end of the file", "");
    addCorruptRow("absurd header length", fileBytes("{}", {}, quint64(1) << 40),
        "header length 1099511627776 exceeds the limit", "");
    addCorruptRow("header not JSON", fileBytes(R"({"enc.w": )"), "header is not valid JSON", "");
    addCorruptRow("header not UTF-8", fileBytes("{\"enc\xff\":1}"), "header is not valid JSON", "");
    addCorruptRow("header not an object", fileBytes("[1, 2]"), "header is not a JSON object", "");
    addCorruptRow("entry not an object", fileBytes(R"({"enc.w": 5})"), "must be a JSON object", "enc.w");
    addCorruptRow("missing dtype", one(R"("shape":[1],"data_offsets":[0,4])"), "missing \"dtype\"", "enc.w");
    addCorruptRow("missing shape", one(R"("dtype":"F32","data_offsets":[0,4])"), "missing \"shape\"", "enc.w");
    addCorruptRow("missing data_offsets", one(R"("dtype":"F32","shape":[1])"), "missing \"data_offsets\"", "enc.w");
    addCorruptRow("dtype not a string", one(R"("dtype":4,"shape":[1],"data_offsets":[0,4])"),
        "\"dtype\" must be a string", "enc.w");
    addCorruptRow("unknown dtype", one(R"("dtype":"F8_E4M3","shape":[4],"data_offsets":[0,4])"),
        "unknown dtype \"F8_E4M3\"", "enc.w");
    addCorruptRow("shape not an array", one(R"("dtype":"F32","shape":"1","data_offsets":[0,4])"),
        "\"shape\" must be an array", "enc.w");
    addCorruptRow("negative dim", one(R"("dtype":"F32","shape":[-1],"data_offsets":[0,4])"),
        "shape dimension 0 is negative", "enc.w");
    addCorruptRow("non-integer dim", one(R"("dtype":"F32","shape":[1,2.5],"data_offsets":[0,4])"),
        "shape dimension 1 is not an integer", "enc.w");
    addCorruptRow("shape product overflows",
        one(R"("dtype":"I32","shape":[2,9223372036854775807],"data_offsets":[0,4])"), "overflows a 64-bit byte count",
        "enc.w");
    addCorruptRow("dim beyond 64 bits",
        one(R"("dtype":"I32","shape":[0,18446744073709551616],"data_offsets":[0,0])", {}),
        "shape dimension 1 (1.8446744073709552e+19) is too large", "enc.w");
    addCorruptRow("data_offsets not a pair", one(R"("dtype":"F32","shape":[1],"data_offsets":[0])"),
        "\"data_offsets\" must be an array of two integers", "enc.w");
    addCorruptRow("data_offsets negative", one(R"("dtype":"F32","shape":[1],"data_offsets":[-4,0])"),
        "data_offsets begin is negative", "enc.w");
    addCorruptRow("data_offsets begin after end", one(R"("dtype":"F32","shape":[1],"data_offsets":[4,0])"),
        "begin 4 is after its end", "enc.w");
    addCorruptRow("data_offsets past buffer", one(R"("dtype":"F32","shape":[2],"data_offsets":[0,8])"),
        "run past the end of the data buffer (4 bytes)", "enc.w");
    addCorruptRow("byte count differs from shape", one(R"("dtype":"F32","shape":[2],"data_offsets":[0,4])"),
        "byte count 4", "enc.w");
    addCorruptRow("overlapping tensors",
        fileBytes(R"({"enc.a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                  R"("enc.w":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
            QByteArray(12, '\0')),
        "overlap", "enc.w");
    addCorruptRow("hole between tensors",
        fileBytes(R"({"enc.a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                  R"("enc.w":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}})",
            QByteArray(12, '\0')),
        "bytes 4..8 of the data buffer belong to no tensor", "enc.w");
    addCorruptRow("bytes after last tensor",
        one(R"("dtype":"F32","shape":[1],"data_offsets":[0,4])", QByteArray(8, '\0')), "a hole after tensor", "enc.w");
    addCorruptRow("duplicate tensor name",
        fileBytes(R"({"enc.w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},)"
                  R"("enc.w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}})",
            QByteArray(4, '\0')),
        "appears twice", "enc.w");
    addCorruptRow("metadata value not a string", fileBytes(R"({"__metadata__":{"format":1}})"),
        "\"__metadata__\" must map strings to strings", "format");
    addCorruptRow(
        "metadata not an object", fileBytes(R"({"__metadata__":["pt"]})"), "\"__metadata__\" must be an object", "");
    addCorruptRow("bool byte not 0 or 1",
        one(R"("dtype":"BOOL","shape":[2],"data_offsets":[0,2])", QByteArray("\x01\x07", 2)), "has byte value 7",
        "enc.w");
    addCorruptRow("absurdly nested header",
        fileBytes("{\"enc.w\":" + std::string(100, '[') + std::string(100, ']') + "}"), "nested", "");
}

void TestSafetensors::rejectsCorruptFile()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, phrase);
    QFETCH(QString, tensor);
    const QString file = path(QStringLiteral("corrupt.safetensors"));
    writeBytes(file, bytes);
    try {
        readSafetensors(file.toStdString());
        QFAIL("expected ladder::Error");
    } catch (const Error &e) {
        const QString message = QString::fromStdString(e.what());
        QVERIFY2(message.startsWith(file + QStringLiteral(": ")), qPrintable(message));
        QVERIFY2(message.contains(phrase), qPrintable(message));
        if (!tensor.isEmpty())
            QVERIFY2(message.contains(QLatin1Char('"') + tensor + QLatin1Char('"')), qPrintable(message));
    }
}

// Byte flips and truncations anywhere in a valid file: each read must succeed or throw
// ladder::Error; anything else (another exception, a crash, a sanitizer report) is a bug.
void TestSafetensors::randomCorruptionGivesErrorsNotCrashes()
{
    const QString valid = path(QStringLiteral("fuzz-source.safetensors"));
    writeSafetensors(valid.toStdString(),
        { { "a", torch::arange(6, torch::kFloat32) }, { "b", torch::ones({ 2, 2 }, torch::kInt64) },
            { "c", torch::zeros({ 3 }, torch::kBool) }, { "d", torch::zeros({ 0, 4 }, torch::kFloat16) } });
    const QByteArray original = readBytes(valid);
    const QString file = path(QStringLiteral("fuzz.safetensors"));
    std::mt19937 random(1234);
    int errors = 0;
    for (int round = 0; round < 600; ++round) {
        QByteArray bytes = original;
        const int flips = 1 + static_cast<int>(random() % 4);
        for (int i = 0; i < flips; ++i)
            bytes[static_cast<qsizetype>(random() % bytes.size())] = static_cast<char>(random() % 256);
        if (random() % 4 == 0)
            bytes.truncate(static_cast<qsizetype>(random() % bytes.size()));
        writeBytes(file, bytes);
        try {
            readSafetensors(file.toStdString());
        } catch (const Error &) {
            ++errors;
        }
    }
    QVERIFY(errors > 200); // most corruptions must be noticed
}

QTEST_GUILESS_MAIN(TestSafetensors)
#include "test_safetensors.moc"
