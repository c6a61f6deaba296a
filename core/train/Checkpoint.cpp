// SPDX-License-Identifier: GPL-3.0-or-later
#include "train/Checkpoint.h"

#include "io/Safetensors.h"
#include "util/Error.h"

#include <nlohmann/json.hpp>

#include <ATen/CPUGeneratorImpl.h>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace ladder {

namespace fs = std::filesystem;

void replaceFolder(const std::string &temporary, const std::string &folder)
{
    std::error_code ec;
    fs::remove_all(folder, ec);
    fs::rename(temporary, folder, ec);
    if (ec)
        throw Error(folder + ": cannot write the checkpoint: " + ec.message());
}

std::string temporaryBeside(const std::string &folder)
{
    const std::string temporary = folder + ".partial";
    std::error_code ec;
    fs::remove_all(temporary, ec);
    fs::create_directories(temporary, ec);
    if (ec)
        throw Error(temporary + ": cannot create the checkpoint folder: " + ec.message());
    return temporary;
}

void writeOptimizerAndGenerator(const std::string &folder, torch::optim::Optimizer &optimizer)
{
    const fs::path dir(folder);
    {
        torch::serialize::OutputArchive archive;
        optimizer.save(archive);
        archive.save_to((dir / "optimizer.pt").string());
    }
    torch::serialize::OutputArchive archive;
    archive.write("cpu_generator", at::detail::getDefaultCPUGenerator().get_state());
    archive.save_to((dir / "rng.pt").string());
}

void readOptimizerAndGenerator(const std::string &folder, torch::optim::Optimizer &optimizer)
{
    const fs::path dir(folder);
    try {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "optimizer.pt").string());
        optimizer.load(archive);
    } catch (const c10::Error &e) {
        throw Error((dir / "optimizer.pt").string() + ": cannot load the optimizer state: " + e.what_without_backtrace());
    }
    try {
        torch::serialize::InputArchive archive;
        archive.load_from((dir / "rng.pt").string());
        torch::Tensor state;
        archive.read("cpu_generator", state);
        at::Generator generator = at::detail::getDefaultCPUGenerator(); // shares the default generator
        generator.set_state(state);
    } catch (const c10::Error &e) {
        throw Error((dir / "rng.pt").string() + ": cannot load the random generator state: " + e.what_without_backtrace());
    }
}

void writeTrainedState(const std::string &folder, FineTuningModel &model)
{
    const fs::path temporary = temporaryBeside(folder);
    writeSafetensors((temporary / "trained.safetensors").string(), model.trainedState(),
        {{"format", "pt"}, {"method", model.method().toJson()}});
    replaceFolder(temporary.string(), folder);
}

void writeCheckpoint(const std::string &folder, FineTuningModel &model, torch::optim::Optimizer &optimizer,
    const TrainingPosition &position)
{
    const fs::path temporary = temporaryBeside(folder);
    writeSafetensors((temporary / "trained.safetensors").string(), model.trainedState(),
        {{"format", "pt"}, {"method", model.method().toJson()}});
    writeOptimizerAndGenerator(temporary.string(), optimizer);
    nlohmann::json json = {{"step", position.step}, {"epoch", position.epoch},
        {"micro_batch", position.microBatch}, {"best_score", position.bestScore}, {"best_step", position.bestStep},
        {"run", position.runName}};
    std::ofstream out(temporary / "position.json");
    out << json.dump(2) << '\n';
    out.close();
    if (!out)
        throw Error((temporary / "position.json").string() + ": cannot write");
    replaceFolder(temporary.string(), folder);
}

void readCheckpointPosition(const std::string &folder, const std::string &missingMessage,
    const std::function<void(const std::string &text)> &parse)
{
    const fs::path positionFile = fs::path(folder) / "position.json";
    std::error_code ec;
    if (!fs::is_regular_file(positionFile, ec))
        throw Error(folder + ": " + missingMessage);
    std::ifstream in(positionFile);
    std::stringstream text;
    text << in.rdbuf();
    try {
        parse(text.str());
    } catch (const nlohmann::json::exception &e) {
        throw Error(positionFile.string() + ": malformed checkpoint position: " + e.what());
    }
}

TrainingPosition readCheckpoint(const std::string &folder, FineTuningModel &model, torch::optim::Optimizer &optimizer)
{
    const fs::path positionFile = fs::path(folder) / "position.json";
    TrainingPosition position;
    readCheckpointPosition(folder,
        "not a checkpoint folder (no position.json; expected a folder written by train.checkpoint_every, such as "
        "<output_dir>/checkpoint-100)",
        [&position](const std::string &text) {
            const nlohmann::json json = nlohmann::json::parse(text);
            position.step = json.at("step").get<int64_t>();
            position.epoch = json.at("epoch").get<int64_t>();
            position.microBatch = json.at("micro_batch").get<int64_t>();
            position.bestScore = json.at("best_score").get<double>();
            position.bestStep = json.at("best_step").get<int64_t>();
            position.runName = json.value("run", std::string());
        });
    // The trainer indexes its epoch order with these: a hand-edited or corrupted file must not
    // reach it with a negative count.
    auto require = [&](bool valid, const char *what) {
        if (!valid)
            throw Error(positionFile.string() + ": malformed checkpoint position: " + what);
    };
    require(position.step >= 0, "\"step\" must be >= 0");
    require(position.epoch >= 0, "\"epoch\" must be >= 0");
    require(position.microBatch >= 0, "\"micro_batch\" must be >= 0");
    require(position.bestStep >= -1 && position.bestStep <= position.step,
        "\"best_step\" must be -1 (no validation yet) or a step between 0 and \"step\"");
    model.loadTrainedState(readSafetensors((fs::path(folder) / "trained.safetensors").string()));
    readOptimizerAndGenerator(folder, optimizer);
    return position;
}

} // namespace ladder
