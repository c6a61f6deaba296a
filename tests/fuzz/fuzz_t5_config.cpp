// SPDX-License-Identifier: GPL-3.0-or-later
// T5Config::fromJsonText on arbitrary text. A bad config.json is a ladder::Error; one it accepts
// writes back (toJson) to a text that reads in to the same config, as a HuggingFace round trip.
#include "FuzzInput.h"

#include "model/T5Config.h"
#include "util/Error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const std::string text(reinterpret_cast<const char *>(data), size);
    ladder::T5Config config;
    try {
        config = ladder::T5Config::fromJsonText(text, "config.json");
    } catch (const ladder::Error &) {
        return 0;
    }
    const std::string written = config.toJson();
    try {
        if (ladder::T5Config::fromJsonText(written, "written config.json") != config)
            ladder::fuzz::broken("config.json does not read back equal:\n" + written);
    } catch (const ladder::Error &e) {
        ladder::fuzz::broken(std::string("an accepted config.json writes back unreadable: ") + e.what());
    }
    return 0;
}
