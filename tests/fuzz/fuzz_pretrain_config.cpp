// SPDX-License-Identifier: GPL-3.0-or-later
// PretrainConfig::fromJson (`ladder pretrain`'s configuration) on arbitrary text. A bad
// configuration is a ladder::Error; one it accepts writes back (toJson) to a text that reads in
// again and writes the same text.
#include "FuzzInput.h"

#include "pretrain/PretrainConfig.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    ladder::PretrainConfig config;
    try {
        config = ladder::PretrainConfig::fromJson(text, "pretrain.json");
    } catch (const ladder::Error &) {
        return 0;
    }
    try {
        config.validate();
    } catch (const ladder::Error &) {
    }
    const std::string written = config.toJson();
    try {
        const std::string again = ladder::PretrainConfig::fromJson(written, "written pretrain.json").toJson();
        if (again != written)
            ladder::fuzz::broken("pretrain configuration changes on a round trip:\n" + written + "\nbecame\n" + again);
    } catch (const ladder::Error &e) {
        ladder::fuzz::broken(std::string("an accepted pretrain configuration writes back unreadable: ") + e.what());
    }
    return 0;
}
