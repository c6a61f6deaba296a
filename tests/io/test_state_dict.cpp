// SPDX-License-Identifier: GPL-3.0-or-later
// Specification of checkpoint loading: HuggingFace folders (single file and sharded), and
// copying a state dict into a LibTorch module with aliases, ignored keys, dtype conversion and
// errors that name the file and the tensor.

#include "io/Safetensors.h"
#include "io/StateDict.h"
#include "util/Error.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <functional>

using namespace ladder;

namespace {

struct TinyBlockImpl : torch::nn::Module
{
    TinyBlockImpl()
    {
        proj = register_module("proj", torch::nn::Linear(torch::nn::LinearOptions(3, 2)));
        scale = register_buffer("scale", torch::ones({ 2 }));
    }
    torch::nn::Linear proj { nullptr };
    torch::Tensor scale;
};
TORCH_MODULE(TinyBlock);

/// Keys: embed.weight [5,3], block.proj.weight [2,3], block.proj.bias [2], head.weight [4,2],
/// and the buffer block.scale [2].
struct TinyNetImpl : torch::nn::Module
{
    TinyNetImpl()
    {
        embed = register_module("embed", torch::nn::Embedding(5, 3));
        block = register_module("block", TinyBlock());
        head = register_module("head", torch::nn::Linear(torch::nn::LinearOptions(2, 4).bias(false)));
    }
    torch::nn::Embedding embed { nullptr };
    TinyBlock block { nullptr };
    torch::nn::Linear head { nullptr };
};
TORCH_MODULE(TinyNet);

/// Distinct, exactly representable values (multiples of 1/8), so F16 and BF16 hold them exactly.
std::map<std::string, torch::Tensor> checkpointFor(double start = 1.0)
{
    std::map<std::string, torch::Tensor> tensors;
    double next = start;
    for (const auto &[key, shape] : std::vector<std::pair<std::string, std::vector<std::int64_t>>> {
             { "embed.weight", { 5, 3 } }, { "block.proj.weight", { 2, 3 } }, { "block.proj.bias", { 2 } },
             { "block.scale", { 2 } }, { "head.weight", { 4, 2 } } }) {
        std::int64_t count = 1;
        for (const std::int64_t dim : shape)
            count *= dim;
        tensors[key] = (torch::arange(count, torch::kFloat64) * 0.125 + next).to(torch::kFloat32).reshape(shape);
        next += count * 0.125;
    }
    return tensors;
}

std::vector<NamedTensor> named(const std::map<std::string, torch::Tensor> &tensors)
{
    std::vector<NamedTensor> list;
    for (const auto &[name, tensor] : tensors)
        list.push_back({ name, tensor });
    return list;
}

std::map<std::string, torch::Tensor> moduleState(const torch::nn::Module &module)
{
    std::map<std::string, torch::Tensor> state;
    for (const auto &item : module.named_parameters())
        state[item.key()] = item.value();
    for (const auto &item : module.named_buffers())
        state[item.key()] = item.value();
    return state;
}

bool sameValues(const torch::Tensor &a, const torch::Tensor &b)
{
    return a.sizes().equals(b.sizes()) && torch::equal(a.to(torch::kFloat64), b.to(torch::kFloat64));
}

std::string messageOf(const std::function<void()> &action)
{
    try {
        action();
    } catch (const Error &e) {
        return e.what();
    }
    return "(no ladder::Error thrown)";
}

bool contains(const std::string &text, const std::string &part)
{
    return text.find(part) != std::string::npos;
}

void writeText(const QString &path, const QByteArray &text)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write(text);
}

} // namespace

class TestStateDict : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void loadsEveryParameterAndBuffer();
    void loadDoesNotTrackGradients();
    void aliasSuppliesKeyUnderAnotherName();
    void aliasCopiesInFileAreNotUnexpected();
    void ignoredKeysAreSkipped();
    void missingKeysAreListed();
    void longMissingListIsCapped();
    void unexpectedKeysAreListed();
    void shapeMismatchNamesFileTensorAndConfig();
    void integerTensorForFloatParameterIsRejected();
    void failedLoadLeavesModuleUntouched();
    void halfPrecisionFilesAreConvertedToFloat_data();
    void halfPrecisionFilesAreConvertedToFloat();
    void loadConvertsModuleToRequestedDtype();
    void readsSingleFileFolder();
    void readsGoldenT5Folder();
    void readsShardedFolder();
    void missingShardIsNamed();
    void tensorInTwoShardsIsRejected();
    void shardTensorNotInIndexIsRejected();
    void indexEntryAbsentFromItsShardIsRejected();
    void indexWithoutWeightMapIsRejected();
    void indexShardOutsideFolderIsRejected();
    void folderWithoutWeightsIsRejected();
    void saveStateDictRoundTrips();
    void saveStateDictSkipsKeys();

private:
    QString writeSingleFile(const std::map<std::string, torch::Tensor> &tensors);
    void writeShardedFolder(const QString &dir, const QByteArray &index);

    std::unique_ptr<QTemporaryDir> m_dir;
    TinyNet m_net { nullptr };
};

void TestStateDict::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    torch::manual_seed(3);
    m_net = TinyNet();
}

QString TestStateDict::writeSingleFile(const std::map<std::string, torch::Tensor> &tensors)
{
    const QString file = m_dir->filePath(QStringLiteral("model.safetensors"));
    writeSafetensors(file.toStdString(), named(tensors));
    return file;
}

void TestStateDict::loadsEveryParameterAndBuffer()
{
    const auto tensors = checkpointFor();
    writeSingleFile(tensors);
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), {});

    const auto state = moduleState(*m_net);
    QCOMPARE(state.size(), tensors.size());
    for (const auto &[key, tensor] : tensors)
        QVERIFY2(sameValues(state.at(key), tensor), key.c_str());
    QVERIFY(sameValues(m_net->block->scale, tensors.at("block.scale")));
}

void TestStateDict::loadDoesNotTrackGradients()
{
    writeSingleFile(checkpointFor());
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), {});
    QVERIFY(m_net->head->weight.requires_grad());
    QVERIFY(m_net->head->weight.is_leaf());
    QVERIFY(!m_net->head->weight.grad_fn());
}

void TestStateDict::aliasSuppliesKeyUnderAnotherName()
{
    auto tensors = checkpointFor();
    tensors["encoder.embed_tokens.weight"] = tensors.at("embed.weight");
    tensors.erase("embed.weight");
    writeSingleFile(tensors);

    StateDictLoadOptions options;
    options.aliases["embed.weight"] = { "shared.weight", "encoder.embed_tokens.weight" };
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), options);
    QVERIFY(sameValues(m_net->embed->weight, tensors.at("encoder.embed_tokens.weight")));
}

void TestStateDict::aliasCopiesInFileAreNotUnexpected()
{
    auto tensors = checkpointFor();
    tensors["encoder.embed_tokens.weight"] = tensors.at("embed.weight") * 0 - 1; // the primary key must win
    writeSingleFile(tensors);

    StateDictLoadOptions options;
    options.aliases["embed.weight"] = { "encoder.embed_tokens.weight" };
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), options);
    QVERIFY(sameValues(m_net->embed->weight, tensors.at("embed.weight")));
}

void TestStateDict::ignoredKeysAreSkipped()
{
    auto tensors = checkpointFor();
    tensors["decoder.unused"] = torch::zeros({ 7 });
    writeSingleFile(tensors);

    StateDictLoadOptions options;
    options.ignoredKeys = { "decoder.unused" };
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), options);
    QVERIFY(sameValues(m_net->head->weight, tensors.at("head.weight")));
}

void TestStateDict::missingKeysAreListed()
{
    auto tensors = checkpointFor();
    tensors.erase("head.weight");
    tensors.erase("block.scale");
    const QString file = writeSingleFile(tensors);
    const CheckpointTensors weights = readHuggingFaceWeights(m_dir->path().toStdString());

    const std::string message = messageOf([&] { loadStateDict(*m_net, weights, {}); });
    QVERIFY2(contains(message, file.toStdString() + ": 2 weight(s) the model needs are missing"), message.c_str());
    QVERIFY2(contains(message, "\"head.weight\""), message.c_str());
    QVERIFY2(contains(message, "\"block.scale\""), message.c_str());
}

void TestStateDict::longMissingListIsCapped()
{
    torch::nn::Sequential net(
        torch::nn::Linear(2, 2), torch::nn::Linear(2, 2), torch::nn::Linear(2, 2), torch::nn::Linear(2, 2));
    CheckpointTensors empty;
    empty.dir = "/some/checkpoint";
    const std::string message = messageOf([&] { loadStateDict(*net, empty, {}); });
    QVERIFY2(contains(message, "/some/checkpoint: 8 weight(s) the model needs are missing"), message.c_str());
    QVERIFY2(contains(message, "\"0.weight\", \"0.bias\", \"1.weight\", \"1.bias\", \"2.weight\" and 3 more"),
        message.c_str());
}

void TestStateDict::unexpectedKeysAreListed()
{
    auto tensors = checkpointFor();
    tensors["decoder.block.9.weight"] = torch::zeros({ 1 });
    const QString file = writeSingleFile(tensors);

    const std::string message
        = messageOf([&] { loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), {}); });
    QVERIFY2(contains(message, file.toStdString() + ": 1 unexpected weight(s)"), message.c_str());
    QVERIFY2(contains(message, "\"decoder.block.9.weight\""), message.c_str());
    QVERIFY2(!contains(message, "missing"), message.c_str());
}

void TestStateDict::shapeMismatchNamesFileTensorAndConfig()
{
    auto tensors = checkpointFor();
    tensors["head.weight"] = torch::zeros({ 4, 3 });
    const QString file = writeSingleFile(tensors);

    StateDictLoadOptions options;
    options.configName = "/models/tiny/config.json";
    const std::string message
        = messageOf([&] { loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), options); });
    QVERIFY2(contains(message, file.toStdString() + ": tensor \"head.weight\" has shape [4, 3]"), message.c_str());
    QVERIFY2(contains(message, "expects [4, 2]"), message.c_str());
    QVERIFY2(contains(message, "does not fit /models/tiny/config.json"), message.c_str());
}

void TestStateDict::integerTensorForFloatParameterIsRejected()
{
    auto tensors = checkpointFor();
    tensors["block.proj.bias"] = torch::zeros({ 2 }, torch::kInt64);
    const QString file = writeSingleFile(tensors);

    const std::string message
        = messageOf([&] { loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), {}); });
    QVERIFY2(contains(message, file.toStdString() + ": tensor \"block.proj.bias\" has dtype I64"), message.c_str());
    QVERIFY2(contains(message, "floating-point"), message.c_str());
}

void TestStateDict::failedLoadLeavesModuleUntouched()
{
    auto tensors = checkpointFor();
    tensors["head.weight"] = torch::zeros({ 1, 1 }); // checked after the other keys in name order
    writeSingleFile(tensors);
    const torch::Tensor embedBefore = m_net->embed->weight.detach().clone();

    QVERIFY_THROWS_EXCEPTION(Error, loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), {}));
    QVERIFY(torch::equal(m_net->embed->weight, embedBefore));
}

void TestStateDict::halfPrecisionFilesAreConvertedToFloat_data()
{
    QTest::addColumn<int>("fileDtype");
    QTest::newRow("F16") << static_cast<int>(torch::kFloat16);
    QTest::newRow("BF16") << static_cast<int>(torch::kBFloat16);
    QTest::newRow("F64") << static_cast<int>(torch::kFloat64);
}

void TestStateDict::halfPrecisionFilesAreConvertedToFloat()
{
    QFETCH(int, fileDtype);
    const auto tensors = checkpointFor();
    std::map<std::string, torch::Tensor> converted;
    for (const auto &[key, tensor] : tensors)
        converted[key] = tensor.to(static_cast<torch::Dtype>(fileDtype));
    writeSingleFile(converted);
    const CheckpointTensors weights = readHuggingFaceWeights(m_dir->path().toStdString());
    QVERIFY(weights.tensors.at("head.weight").scalar_type() == static_cast<torch::Dtype>(fileDtype));

    loadStateDict(*m_net, weights, {});
    for (const auto &[key, tensor] : moduleState(*m_net)) {
        QVERIFY2(tensor.scalar_type() == torch::kFloat32, key.c_str());
        QVERIFY2(torch::equal(tensor, tensors.at(key)), key.c_str()); // the values are exact in every dtype
    }
}

void TestStateDict::loadConvertsModuleToRequestedDtype()
{
    const auto tensors = checkpointFor();
    writeSingleFile(tensors);
    StateDictLoadOptions options;
    options.dtype = torch::kBFloat16;
    const torch::Tensor headBefore = m_net->head->weight;
    loadStateDict(*m_net, readHuggingFaceWeights(m_dir->path().toStdString()), options);

    QVERIFY(m_net->head->weight.scalar_type() == torch::kBFloat16);
    QVERIFY(headBefore.is_same(m_net->head->weight)); // same parameter object, new data
    QVERIFY(sameValues(m_net->head->weight, tensors.at("head.weight")));
    QVERIFY(m_net->block->scale.scalar_type() == torch::kBFloat16);
}

void TestStateDict::readsSingleFileFolder()
{
    const auto tensors = checkpointFor();
    const QString file = writeSingleFile(tensors);
    const CheckpointTensors weights = readHuggingFaceWeights(m_dir->path().toStdString());
    QCOMPARE(weights.dir, m_dir->path().toStdString());
    QCOMPARE(weights.tensors.size(), tensors.size());
    QCOMPARE(weights.sourceFile.at("head.weight"), file.toStdString());
}

void TestStateDict::readsGoldenT5Folder()
{
    const std::string dir = LADDER_TEST_DATA_DIR "/golden/t5/t5v1_tiny";
    const CheckpointTensors weights = readHuggingFaceWeights(dir);
    QVERIFY(weights.tensors.count("shared.weight"));
    QVERIFY(!weights.tensors.count("input_ids")); // cases.safetensors sits there too but is not weights
    QVERIFY(!weights.tensors.count("lm_head.weight"));
    QCOMPARE(weights.sourceFile.at("shared.weight"), dir + "/model.safetensors");
}

void TestStateDict::writeShardedFolder(const QString &dir, const QByteArray &index)
{
    const auto tensors = checkpointFor();
    std::vector<NamedTensor> first, second;
    for (const auto &[name, tensor] : tensors)
        (name.rfind("block.", 0) == 0 ? second : first).push_back({ name, tensor });
    writeSafetensors(QDir(dir).filePath(QStringLiteral("model-00001-of-00002.safetensors")).toStdString(), first);
    writeSafetensors(QDir(dir).filePath(QStringLiteral("model-00002-of-00002.safetensors")).toStdString(), second);
    writeText(QDir(dir).filePath(QStringLiteral("model.safetensors.index.json")), index);
}

namespace {

const QByteArray kIndex = R"({
  "metadata": {"total_size": 132},
  "weight_map": {
    "block.proj.bias": "model-00002-of-00002.safetensors",
    "block.proj.weight": "model-00002-of-00002.safetensors",
    "block.scale": "model-00002-of-00002.safetensors",
    "embed.weight": "model-00001-of-00002.safetensors",
    "head.weight": "model-00001-of-00002.safetensors"
  }
})";

} // namespace

void TestStateDict::readsShardedFolder()
{
    writeShardedFolder(m_dir->path(), kIndex);
    const CheckpointTensors weights = readHuggingFaceWeights(m_dir->path().toStdString());
    QCOMPARE(weights.tensors.size(), std::size_t(5));
    QCOMPARE(weights.sourceFile.at("block.scale"),
        m_dir->filePath(QStringLiteral("model-00002-of-00002.safetensors")).toStdString());
    QCOMPARE(weights.sourceFile.at("embed.weight"),
        m_dir->filePath(QStringLiteral("model-00001-of-00002.safetensors")).toStdString());

    loadStateDict(*m_net, weights, {});
    const auto tensors = checkpointFor();
    for (const auto &[key, tensor] : moduleState(*m_net))
        QVERIFY2(sameValues(tensor, tensors.at(key)), key.c_str());
}

void TestStateDict::missingShardIsNamed()
{
    writeShardedFolder(m_dir->path(), kIndex);
    QVERIFY(QFile::remove(m_dir->filePath(QStringLiteral("model-00002-of-00002.safetensors"))));
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(
        contains(message, "model.safetensors.index.json: shard \"model-00002-of-00002.safetensors\""), message.c_str());
    QVERIFY2(contains(message, "is missing"), message.c_str());
}

void TestStateDict::tensorInTwoShardsIsRejected()
{
    writeShardedFolder(m_dir->path(), kIndex);
    // Shard 2 also carries head.weight, which the index (and shard 1) place elsewhere.
    const auto tensors = checkpointFor();
    writeSafetensors(m_dir->filePath(QStringLiteral("model-00002-of-00002.safetensors")).toStdString(),
        { { "block.proj.bias", tensors.at("block.proj.bias") },
            { "block.proj.weight", tensors.at("block.proj.weight") }, { "block.scale", tensors.at("block.scale") },
            { "head.weight", tensors.at("head.weight") } });
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message, "model-00002-of-00002.safetensors: tensor \"head.weight\" is also in shard"),
        message.c_str());
    QVERIFY2(contains(message, "model-00001-of-00002.safetensors"), message.c_str());
}

void TestStateDict::shardTensorNotInIndexIsRejected()
{
    QByteArray index = kIndex;
    index.replace("\"block.scale\": \"model-00002-of-00002.safetensors\",", "");
    writeShardedFolder(m_dir->path(), index);
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message, "model-00002-of-00002.safetensors: tensor \"block.scale\" is not listed in"),
        message.c_str());
}

void TestStateDict::indexEntryAbsentFromItsShardIsRejected()
{
    QByteArray index = kIndex;
    index.replace("\"head.weight\"", "\"head.bias\": \"model-00001-of-00002.safetensors\", \"head.weight\"");
    writeShardedFolder(m_dir->path(), index);
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message,
                 "index.json: maps tensor \"head.bias\" to shard \"model-00001-of-00002.safetensors\", "
                 "which does not contain it"),
        message.c_str());
}

void TestStateDict::indexWithoutWeightMapIsRejected()
{
    writeShardedFolder(m_dir->path(), R"({"metadata": {}})");
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message, "model.safetensors.index.json: expected a JSON object with a \"weight_map\""),
        message.c_str());
}

void TestStateDict::indexShardOutsideFolderIsRejected()
{
    writeShardedFolder(m_dir->path(), R"({"weight_map": {"embed.weight": "../elsewhere.safetensors"}})");
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message, "\"../elsewhere.safetensors\", which is not a file name in the checkpoint folder"),
        message.c_str());
}

void TestStateDict::folderWithoutWeightsIsRejected()
{
    const std::string message = messageOf([&] { readHuggingFaceWeights(m_dir->path().toStdString()); });
    QVERIFY2(contains(message, m_dir->path().toStdString() + ": no model.safetensors or model.safetensors.index.json"),
        message.c_str());
    const std::string notFolder
        = messageOf([&] { readHuggingFaceWeights(m_dir->filePath(QStringLiteral("nope")).toStdString()); });
    QVERIFY2(contains(notFolder, "not a folder"), notFolder.c_str());
}

void TestStateDict::saveStateDictRoundTrips()
{
    const QString file = m_dir->filePath(QStringLiteral("model.safetensors"));
    saveStateDict(*m_net, file.toStdString());
    const SafetensorsContents contents = readSafetensors(file.toStdString());
    QCOMPARE(contents.metadata, (std::map<std::string, std::string> { { "format", "pt" } }));
    QCOMPARE(contents.tensors.size(), std::size_t(5));
    QVERIFY(contents.find("block.scale"));

    torch::manual_seed(99);
    TinyNet fresh;
    loadStateDict(*fresh, readHuggingFaceWeights(m_dir->path().toStdString()), {});
    const auto saved = moduleState(*m_net);
    for (const auto &[key, tensor] : moduleState(*fresh))
        QVERIFY2(torch::equal(tensor, saved.at(key)), key.c_str());
}

void TestStateDict::saveStateDictSkipsKeys()
{
    const QString file = m_dir->filePath(QStringLiteral("skipped.safetensors"));
    saveStateDict(*m_net, file.toStdString(), { "head.weight" }, /*includeBuffers=*/false);
    const SafetensorsContents contents = readSafetensors(file.toStdString());
    QVERIFY(!contents.find("head.weight"));
    QVERIFY(!contents.find("block.scale"));
    QVERIFY(contents.find("embed.weight"));
    QCOMPARE(contents.tensors.size(), std::size_t(3));
}

QTEST_GUILESS_MAIN(TestStateDict)
#include "test_state_dict.moc"
