// SPDX-License-Identifier: GPL-3.0-or-later
#include "bench/BenchMethods.h"

#include "util/Error.h"

namespace ladder {

std::vector<std::string> benchMethodNames()
{
    return {"full", "adapter", "lora", "bitfit", "prompt", "lst", "lst+bf16", "lst+recompute", "lst+both"};
}

BenchMethod benchMethod(const std::string &name)
{
    BenchMethod bench;
    bench.name = name;
    const std::string base = name.substr(0, name.find('+'));
    const std::string option = name.find('+') == std::string::npos ? std::string() : name.substr(name.find('+') + 1);
    const auto names = benchMethodNames();
    bool known = false;
    for (const std::string &candidate : names)
        known = known || candidate == name;
    if (!known) {
        std::string list;
        for (const std::string &candidate : names)
            list += (list.empty() ? "" : ", ") + candidate;
        throw Error("unknown benchmark method \"" + name + "\", expected one of " + list);
    }
    bench.method.kind = methodKindFromName(base);
    // The structs' defaults are the paper's settings (checked in tests/peft); spelled out here
    // where the table depends on them.
    bench.method.adapter.reductionFactor = 16;
    bench.method.adapter.trainLayerNorms = true;
    bench.method.lora.rank = 32;
    bench.method.lora.targets = {"q", "v"};
    bench.method.lora.trainBiases = true;
    bench.method.prompt.length = 100;
    bench.method.lst.reduction = 8;
    bench.method.lst.layers = "default";
    bench.method.lst.init = SideInit::Random;
    if (option == "bf16" || option == "both")
        bench.method.lst.backbonePrecision = BackbonePrecision::Bf16;
    if (option == "recompute" || option == "both")
        bench.method.lst.sideAttention = SideAttention::Recompute;
    return bench;
}

std::optional<PaperFigure> paperFigure(const std::string &name)
{
    if (name == "full")
        return PaperFigure{17.6, false};
    if (name == "adapter")
        return PaperFigure{13.0, false};
    if (name == "lora")
        return PaperFigure{12.6, false};
    if (name == "lst")
        return PaperFigure{5.5, false};
    if (name == "bitfit")
        return PaperFigure{10.7, true};
    if (name == "prompt")
        return PaperFigure{22.2, true};
    return std::nullopt;
}

double paperUnits(int64_t bytes)
{
    return static_cast<double>(bytes) / (1024.0 * 1024.0) / 1000.0;
}

} // namespace ladder
