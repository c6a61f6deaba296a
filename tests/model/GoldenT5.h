// SPDX-License-Identifier: GPL-3.0-or-later
// Helpers shared by the T5 tests: where the golden HuggingFace data lies and how outputs are
// compared with it (tests/data/golden/t5/README.md, "Tolerances").
#pragma once

#include <torch/torch.h>

#include <QString>
#include <QTest>

#include <string>

namespace ladder::test {

/// Both golden configurations: t5v1_tiny (relu, tied, 2/2 layers), t5v11_tiny (gated-gelu,
/// untied, 3/2 layers).
inline const char *const kGoldenConfigs[] = {"t5v1_tiny", "t5v11_tiny"};

inline std::string goldenDir(const QString &name)
{
    return std::string(LADDER_TEST_DATA_DIR) + "/golden/t5/" + name.toStdString();
}

inline std::string goldenFile(const QString &name, const char *file)
{
    return goldenDir(name) + "/" + file;
}

/// The README's per-tensor rule: max|out − ref| ≤ 1e-5 · max(1, max|ref|). Returns an empty
/// string when it holds, else a description for QVERIFY2.
inline std::string compareWithGolden(const torch::Tensor &out, const torch::Tensor &ref)
{
    if (out.sizes() != ref.sizes())
        return "shape " + c10::str(out.sizes()) + " differs from golden " + c10::str(ref.sizes());
    const torch::Tensor outF = out.detach().to(torch::kDouble);
    const torch::Tensor refF = ref.to(torch::kDouble);
    const double maxRef = refF.numel() ? refF.abs().max().item<double>() : 0.0;
    const double maxDiff = refF.numel() ? (outF - refF).abs().max().item<double>() : 0.0;
    const double bound = 1e-5 * std::max(1.0, maxRef);
    if (!(maxDiff <= bound))
        return "max |out - ref| = " + std::to_string(maxDiff) + " exceeds " + std::to_string(bound);
    return {};
}

} // namespace ladder::test

/// QVERIFY that a tensor matches its golden reference.
#define LADDER_VERIFY_GOLDEN(out, ref, what)                                                    \
    do {                                                                                       \
        const std::string why_ = ladder::test::compareWithGolden((out), (ref));                \
        QVERIFY2(why_.empty(), (std::string(what) + ": " + why_).c_str());                      \
    } while (false)
