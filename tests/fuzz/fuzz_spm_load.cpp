// SPDX-License-Identifier: GPL-3.0-or-later
// The sentencepiece plugin's C ABI `load` on arbitrary bytes, and on a model it accepts every
// other call the tokenizer makes. This target links sentencepiece and the plugin's source only,
// never LibTorch (ARCHITECTURE.md, hazard 1), and calls the table directly instead of through
// dlopen(RTLD_DEEPBIND), which ASan refuses.
#include "FuzzInput.h"

#include "SentencePiecePluginAbi.h"

#include <string>

extern "C" const LadderSpmApi *ladder_spm_api(void);

namespace {

void exerciseModel(const LadderSpmApi &api, const LadderSpmModel *model)
{
    const int32_t pieces = api.pieceCount(model);
    if (pieces <= 0)
        ladder::fuzz::broken("a loaded model has no pieces");
    LadderSpmSpecialIds special;
    api.specialIds(model, &special);

    const std::string text = "Hello world, the quick brown fox: 42 \xE2\x96\x81 caf\xC3\xA9 <extra_id_0> </s>";
    int32_t *ids = nullptr;
    size_t count = 0;
    char *error = nullptr;
    if (api.encode(model, text.data(), text.size(), &ids, &count, &error) == LADDER_SPM_OK) {
        for (size_t i = 0; i < count; ++i) {
            if (ids[i] < 0 || ids[i] >= pieces)
                ladder::fuzz::broken("encode returned id " + std::to_string(ids[i]) + " of " + std::to_string(pieces));
        }
        char *decoded = nullptr;
        size_t length = 0;
        if (api.decode(model, ids, count, &decoded, &length, &error) == LADDER_SPM_OK)
            api.freeString(decoded);
        api.freeIds(ids);
    }
    api.freeString(error);
    error = nullptr;

    // Every piece (capped: a hostile model may claim millions) and its way back.
    for (int32_t id = 0; id < pieces && id < 256; ++id) {
        char *piece = nullptr;
        size_t length = 0;
        if (api.idToPiece(model, id, &piece, &length, &error) == LADDER_SPM_OK) {
            (void)api.pieceToId(model, piece, length);
            api.freeString(piece);
        }
        api.freeString(error);
        error = nullptr;
    }
    // Ids outside the model must be refused, not read.
    const int32_t outside[] = { -1, pieces, pieces + 100 };
    char *decoded = nullptr;
    size_t length = 0;
    if (api.decode(model, outside, 3, &decoded, &length, &error) == LADDER_SPM_OK)
        ladder::fuzz::broken("decode accepted ids outside the model");
    api.freeString(error);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    static const LadderSpmApi &api = *ladder_spm_api();
    static ladder::fuzz::InputFile file("spiece.model");
    const std::string &path = file.write(data, size);
    LadderSpmModel *model = nullptr;
    char *error = nullptr;
    if (api.load(path.c_str(), &model, &error) == LADDER_SPM_OK) {
        exerciseModel(api, model);
        api.freeModel(model);
    } else if (model != nullptr) {
        ladder::fuzz::broken("load failed but returned a model");
    }
    api.freeString(error);
    return 0;
}
