// SPDX-License-Identifier: GPL-3.0-or-later
// `ladder forward`: runs a backbone on inputs from a safetensors file and writes every output,
// so anyone can check our T5 against another implementation.

#include "Commands.h"

#include "model/ForwardRunner.h"

#include <memory>

namespace ladder::cli {

Command addForwardCommand(CLI::App &app)
{
    auto request = std::make_shared<ForwardRequest>();
    CLI::App *command = app.add_subcommand(
        "forward",
        "Run a backbone on input_ids/attention_mask/decoder_input_ids/labels from a safetensors file; write "
        "hidden states, logits, loss and greedy generations to another");
    addBackboneOptions(*command, request->modelDir, request->preset);
    command->add_option("--seed", request->seed, "Seed for a preset's random initialisation");
    command->add_option("--inputs", request->inputsPath, "Input safetensors (I64 tensors)")
        ->required()
        ->check(CLI::ExistingFile);
    command->add_option("--out", request->outputPath, "Output safetensors")->required();
    command->add_option("--max-new-tokens", request->maxNewTokens, "Greedy generation length (0: no generation)")
        ->check(CLI::NonNegativeNumber);
    return {command, [request] {
                runForward(*request);
                return 0;
            }};
}

} // namespace ladder::cli
