// SPDX-License-Identifier: GPL-3.0-or-later
// Side-network initialisation by structured pruning (LST-SPEC §1.8): the kept rows are the
// most important ones, q/k/v are ranked jointly, the previous step's rows choose the input
// columns, Fisher importance is Σ grad² at batch 1, and everything is deterministic.
#include "LstTestSupport.h"

#include "peft/lst/SidePruning.h"
#include "util/Error.h"

#include <QObject>
#include <QTest>

using namespace ladder;
using namespace ladder::lsttest;

namespace {

QString joined(const std::vector<int64_t> &values)
{
    QStringList parts;
    for (int64_t value : values)
        parts << QString::number(value);
    return parts.join(QLatin1Char(','));
}

torch::Tensor rows(const std::vector<int64_t> &indices)
{
    return torch::tensor(indices, torch::kLong);
}

/// A Fisher source handing out `batches` fixed random batches of `rowsPerBatch` examples.
std::function<std::optional<T5Inputs>()> fixedBatches(const T5Config &config, int batches, int64_t rowsPerBatch,
                                                      int *served = nullptr)
{
    torch::manual_seed(21);
    auto data = std::make_shared<std::vector<T5Inputs>>();
    for (int i = 0; i < batches; ++i)
        data->push_back(randomBatch(config, rowsPerBatch, 7, 3));
    auto next = std::make_shared<size_t>(0);
    return [data, next, served]() -> std::optional<T5Inputs> {
        if (*next >= data->size())
            return std::nullopt;
        if (served)
            ++*served;
        return (*data)[(*next)++];
    };
}

} // namespace

class TestLstPruning : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void selectRowsKeepsTheLargestL1_data()
    {
        QTest::addColumn<QVector<double>>("values"); // row-major
        QTest::addColumn<int>("columns");
        QTest::addColumn<int>("keep");
        QTest::addColumn<QString>("expected");
        QTest::newRow("largest two") << QVector<double>{0, 0, 5, 1, 1, 1, 3, 2} << 2 << 2 << "1,3";
        QTest::newRow("L1, not the sum: signs do not cancel") << QVector<double>{1, -1, 0, 1, 0, 0} << 2 << 1 << "0";
        QTest::newRow("ties go to the lower index") << QVector<double>{1, 1, 1, 1} << 1 << 2 << "0,1";
        QTest::newRow("tie for the last place") << QVector<double>{2, 1, 1, 0} << 1 << 2 << "0,1";
        QTest::newRow("returned in ascending order") << QVector<double>{1, 9, 5, 7} << 1 << 3 << "1,2,3";
        QTest::newRow("keep all") << QVector<double>{3, 1, 2} << 1 << 3 << "0,1,2";
        QTest::newRow("keep none") << QVector<double>{3, 1, 2} << 1 << 0 << "";
    }
    void selectRowsKeepsTheLargestL1()
    {
        QFETCH(QVector<double>, values);
        QFETCH(int, columns);
        QFETCH(int, keep);
        QFETCH(QString, expected);
        const torch::Tensor importance =
            torch::tensor(std::vector<double>(values.begin(), values.end())).view({-1, columns});
        QCOMPARE(joined(selectRowsByL1(importance, keep)), expected);
        QCOMPARE(joined(selectRowsByL1(importance.to(torch::kFloat), keep)), expected);
    }

    void selectRowsRejectsImpossibleCounts()
    {
        QVERIFY_THROWS_EXCEPTION(Error, selectRowsByL1(torch::ones({3, 2}), 4));
        QVERIFY_THROWS_EXCEPTION(Error, selectRowsByL1(torch::ones({3, 2}), -1));
    }

    void handMadeImportancePicksTheMarkedRows()
    {
        // tinyConfig() with r = 8: side d_model 16, inner 4 heads × 4 = 16, d_ff 64. Uniform importance
        // everywhere except marked rows, so we know which rows must be kept.
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("1", SideInit::Random));
        LadderSideNetwork network = model->network();
        std::set<std::string> names = weightsToRank(*network);
        ImportanceMap importance;
        for (const auto &item : network->backbone->named_parameters())
            if (names.count(item.key()))
                importance[item.key()] = torch::ones_like(item.value());
        const auto mark = [&](const std::string &name, const std::vector<int64_t> &marked, double value) {
            importance.at(name).index_fill_(0, rows(marked), value);
        };
        // Block 1's input entries come from block 0's wo rows.
        std::vector<int64_t> woRows;
        for (int64_t i = 0; i < 16; ++i)
            woRows.push_back(96 + 2 * i);
        mark("encoder.block.0.layer.1.DenseReluDense.wo.weight", woRows, 5.0);
        // q/k/v jointly: rows 0..15 of q and k are large, but v of rows 0..3 is zero, so the
        // product ranks 4..19 first. Rows 50..53 have large q only: product 1·1·1 = ordinary.
        std::vector<int64_t> qk, vZero, qOnly{50, 51, 52, 53};
        for (int64_t i = 0; i < 20; ++i)
            qk.push_back(i);
        for (int64_t i = 0; i < 4; ++i)
            vZero.push_back(i);
        const std::string attention = "encoder.block.1.layer.0.SelfAttention.";
        mark(attention + "q.weight", qk, 3.0);
        mark(attention + "k.weight", qk, 3.0);
        mark(attention + "v.weight", qk, 3.0);
        mark(attention + "v.weight", vZero, 0.0);
        mark(attention + "q.weight", qOnly, 1.5);
        std::vector<int64_t> oRows;
        for (int64_t i = 0; i < 16; ++i)
            oRows.push_back(127 - i);
        mark(attention + "o.weight", oRows, 2.0);

        initializeSideByPruning(*network, importance);

        std::vector<int64_t> qkvKept;
        for (int64_t i = 4; i < 20; ++i)
            qkvKept.push_back(i);
        const auto backbone = network->backbone->named_parameters();
        const auto side = network->encoder->sideBlock(1)->named_parameters();
        const auto pruned = [&](const std::string &name, const std::vector<int64_t> &r, const std::vector<int64_t> &c) {
            return backbone[name].index_select(0, rows(r)).index_select(1, rows(c));
        };
        std::vector<int64_t> oKept(oRows.rbegin(), oRows.rend()); // ascending
        QVERIFY(torch::equal(side["layer.0.SelfAttention.q.weight"], pruned(attention + "q.weight", qkvKept, woRows)));
        QVERIFY(torch::equal(side["layer.0.SelfAttention.k.weight"], pruned(attention + "k.weight", qkvKept, woRows)));
        QVERIFY(torch::equal(side["layer.0.SelfAttention.v.weight"], pruned(attention + "v.weight", qkvKept, woRows)));
        QVERIFY(torch::equal(side["layer.0.SelfAttention.o.weight"], pruned(attention + "o.weight", oKept, qkvKept)));
        QVERIFY(torch::equal(side["layer.0.layer_norm.weight"],
                             backbone["encoder.block.1.layer.0.layer_norm.weight"].index_select(0, rows(woRows))));
        // The feed-forward layer norm takes o's rows; uniform importance elsewhere keeps the first rows.
        QVERIFY(torch::equal(side["layer.1.layer_norm.weight"],
                             backbone["encoder.block.1.layer.1.layer_norm.weight"].index_select(0, rows(oKept))));
        std::vector<int64_t> first64;
        for (int64_t i = 0; i < 64; ++i)
            first64.push_back(i);
        QVERIFY(torch::equal(side["layer.1.DenseReluDense.wi.weight"],
                             pruned("encoder.block.1.layer.1.DenseReluDense.wi.weight", first64, oKept)));
    }

    void magnitudeInitKeepsTheLargestWeights()
    {
        const T5Config config = tinyConfig();
        auto model = applyLst(config, lstMethod("all", SideInit::Magnitude));
        LadderSideNetwork network = model->network();
        const auto backbone = network->backbone->named_parameters();
        // Decoder block 1's feed-forward: wi rows by row-L1 of |wi|, columns = cross-attention o's rows.
        const std::string prefix = "decoder.block.1.layer.";
        const auto topRows = [&](const torch::Tensor &scores, int64_t keep) {
            const torch::Tensor top = std::get<1>(scores.topk(keep));
            return std::get<0>(top.sort());
        };
        const torch::Tensor oRows = topRows(backbone[prefix + "1.EncDecAttention.o.weight"].abs().sum(1), 16);
        const torch::Tensor wiRows = topRows(backbone[prefix + "2.DenseReluDense.wi.weight"].abs().sum(1), 64);
        const torch::Tensor expected =
            backbone[prefix + "2.DenseReluDense.wi.weight"].index_select(0, wiRows).index_select(1, oRows);
        const auto side = network->decoder->sideBlock(1)->named_parameters();
        QVERIFY(torch::equal(side["layer.2.DenseReluDense.wi.weight"], expected));
        // Cross-attention keys read the side encoder: their columns are the encoder final norm's entries.
        const torch::Tensor encoderFinal =
            topRows(backbone["encoder.block.1.layer.1.DenseReluDense.wo.weight"].abs().sum(1), 16);
        QVERIFY(torch::equal(network->encoder->final_side_layer_norm->weight,
                             backbone["encoder.final_layer_norm.weight"].index_select(0, encoderFinal)));
        const torch::Tensor qkv = (backbone[prefix + "1.EncDecAttention.q.weight"].abs().to(torch::kDouble)
                                   * backbone[prefix + "1.EncDecAttention.k.weight"].abs()
                                   * backbone[prefix + "1.EncDecAttention.v.weight"].abs())
                                      .sum(1);
        const torch::Tensor kRows = topRows(qkv, 16);
        QVERIFY(torch::equal(side["layer.1.EncDecAttention.k.weight"],
                             backbone[prefix + "1.EncDecAttention.k.weight"].index_select(0, kRows).index_select(1, encoderFinal)));

        // And the same again: deterministic.
        auto again = applyLst(config, lstMethod("all", SideInit::Magnitude));
        QVERIFY(torch::equal(again->network()->decoder->sideBlock(1)->named_parameters()["layer.2.DenseReluDense.wi.weight"],
                             expected));
    }

    void fisherImportanceIsTheSumOfSquaredGradientsAtBatchOne()
    {
        const T5Config config = tinyConfig();
        T5ForConditionalGeneration backbone = createRandomT5(config, 3);
        for (auto &parameter : backbone->parameters())
            parameter.set_requires_grad(false);
        const std::string name = "encoder.block.1.layer.0.SelfAttention.q.weight";
        int served = 0;
        // 2 batches of 3 rows, 4 samples wanted: rows 0..2 of batch 0 and row 0 of batch 1.
        const ImportanceMap fisher = fisherImportance(*backbone, {name}, fixedBatches(config, 2, 3, &served), 4);
        QCOMPARE(served, 2);

        // By hand, on a trainable copy of the same weights.
        T5ForConditionalGeneration reference = createRandomT5(config, 3);
        reference->eval();
        auto next = fixedBatches(config, 2, 3);
        torch::Tensor expected = torch::zeros_like(fisher.at(name));
        const torch::Tensor weight = reference->named_parameters()[name];
        int seen = 0;
        while (auto batch = next()) {
            for (int64_t b = 0; b < 3 && seen < 4; ++b, ++seen) {
                T5Inputs one;
                one.inputIds = batch->inputIds.narrow(0, b, 1);
                one.attentionMask = batch->attentionMask.narrow(0, b, 1);
                one.labels = batch->labels.narrow(0, b, 1);
                reference->zero_grad();
                reference->forward(one).loss.backward();
                expected += weight.grad().square();
            }
        }
        QVERIFY(torch::allclose(fisher.at(name), expected, 1e-5, 1e-12));
        QVERIFY(expected.abs().sum().item<double>() > 0);
        // The backbone is frozen again, holds no gradient and is back in training mode.
        for (const auto &parameter : backbone->parameters()) {
            QVERIFY(!parameter.requires_grad());
            QVERIFY(!parameter.grad().defined());
        }
        QVERIFY(backbone->is_training());
    }

    void fisherInitIsDeterministic()
    {
        const T5Config config = tinyConfig(0.1);
        MethodConfig method = lstMethod("1", SideInit::Fisher);
        method.lst.fisherSamples = 5;
        auto a = applyLst(config, method, 4, {fixedBatches(config, 3, 2), 0});
        auto b = applyLst(config, method, 4, {fixedBatches(config, 3, 2), 0});
        auto magnitude = applyLst(config, lstMethod("1", SideInit::Magnitude), 4);
        const auto stateA = a->trainedState();
        const auto stateB = b->trainedState();
        const auto stateM = magnitude->trainedState();
        QCOMPARE(stateA.size(), stateB.size());
        bool differsFromMagnitude = false;
        for (size_t i = 0; i < stateA.size(); ++i) {
            QVERIFY2(torch::equal(stateA[i].tensor, stateB[i].tensor), stateA[i].name.c_str());
            differsFromMagnitude |= !torch::equal(stateA[i].tensor, stateM[i].tensor);
        }
        QVERIFY(differsFromMagnitude);
        for (const auto &parameter : a->backbone()->parameters())
            QVERIFY(!parameter.requires_grad() && !parameter.grad().defined());
    }

    void fisherInitNeedsData()
    {
        const T5Config config = tinyConfig();
        QVERIFY_THROWS_EXCEPTION(Error, applyLst(config, lstMethod("1", SideInit::Fisher)));
        const MethodContext dry{[]() -> std::optional<T5Inputs> { return std::nullopt; }, 0};
        QVERIFY_THROWS_EXCEPTION(Error, applyLst(config, lstMethod("1", SideInit::Fisher), 1, dry));
    }
};

QTEST_APPLESS_MAIN(TestLstPruning)
#include "test_lst_pruning.moc"
