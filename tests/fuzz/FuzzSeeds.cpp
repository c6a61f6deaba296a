// SPDX-License-Identifier: GPL-3.0-or-later
// Writes the seed corpus of every fuzz target but fuzz_spm_load (see FuzzSpmSeeds.cpp): small
// valid files made by the project's own writers (writeSafetensors, toJson, exportRunsJson) and
// real lines of the test data, so the fuzzers start from inputs that reach deep into the
// readers. Usage: fuzz_seeds <corpus dir> <tests/data dir>
#include "data/GlueTask.h"
#include "io/Safetensors.h"
#include "model/T5Config.h"
#include "store/RunExport.h"
#include "store/RunStore.h"
#include "store/RunWriter.h"
#include "pretrain/PretrainConfig.h"
#include "train/RunConfig.h"
#include "util/Error.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <unistd.h>

namespace fs = std::filesystem;
using namespace ladder;

namespace {

fs::path g_corpus;

void seed(const std::string &target, const std::string &name, const std::string &bytes)
{
    const fs::path dir = g_corpus / target;
    fs::create_directories(dir);
    std::ofstream out(dir / name, std::ios::binary | std::ios::trunc);
    out << bytes;
    if (!out)
        throw Error::inFile((dir / name).string(), "cannot write the seed");
}

std::string readAll(const fs::path &path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// The first @p count lines of a file, each with its newline.
std::string firstLines(const fs::path &path, int count)
{
    std::ifstream in(path, std::ios::binary);
    std::string line, text;
    for (int i = 0; i < count && std::getline(in, line); ++i)
        text += line + "\n";
    return text;
}

void safetensorsSeeds(const fs::path &scratch)
{
    const auto write = [&](const std::string &name, const std::vector<NamedTensor> &tensors,
                           const std::map<std::string, std::string> &metadata) {
        const fs::path path = scratch / name;
        writeSafetensors(path.string(), tensors, metadata);
        seed("fuzz_safetensors", name, readAll(path));
    };
    write("mixed.safetensors",
        { { "encoder.weight", torch::arange(6, torch::kFloat32).reshape({ 2, 3 }) },
            { "shared.bf16", torch::ones({ 3 }, torch::kBFloat16) },
            { "positions", torch::arange(4, torch::kInt64) }, { "mask", torch::tensor({ true, false, true }) },
            { "half", torch::full({ 2, 1 }, 0.5, torch::kFloat16) }, { "bytes", torch::arange(3, torch::kUInt8) } },
        { { "format", "pt" } });
    write("empty-tensor.safetensors",
        { { "nothing", torch::empty({ 0, 4 }) }, { "scalar", torch::tensor(3.5, torch::kFloat64) } }, {});
    write("no-tensors.safetensors", {}, { { "format", "pt" }, { "note", "empty" } });
    write("ints.safetensors",
        { { "i32", torch::arange(5, torch::kInt32) }, { "i16", torch::arange(2, torch::kInt16) },
            { "i8", torch::arange(7, torch::kInt8) } },
        {});
}

/// Indexes for fuzz_checkpoint_index's fixed shards ("a" | "b", "c"), as transformers writes them.
void checkpointIndexSeeds()
{
    seed("fuzz_checkpoint_index", "sharded.json",
        R"({"metadata": {"total_size": 36}, "weight_map": {"a": "model-00001-of-00002.safetensors", )"
        R"("b": "model-00002-of-00002.safetensors", "c": "model-00002-of-00002.safetensors"}})");
    seed("fuzz_checkpoint_index", "wrong-shard.json",
        R"({"weight_map": {"a": "model-00002-of-00002.safetensors", "b": "model-00002-of-00002.safetensors", )"
        R"("c": "model-00002-of-00002.safetensors"}})");
}

void t5ConfigSeeds(const fs::path &testData)
{
    for (const std::string &name : T5Config::presetNames())
        seed("fuzz_t5_config", name + ".json", T5Config::preset(name).toJson());
    // config.json files written by HuggingFace itself (tests/data/golden).
    const fs::path golden = testData / "golden" / "t5";
    std::error_code error;
    for (const auto &entry : fs::directory_iterator(golden, error)) {
        const fs::path config = entry.path() / "config.json";
        if (fs::is_regular_file(config))
            seed("fuzz_t5_config", "hf-" + entry.path().filename().string() + ".json", readAll(config));
    }
}

void runConfigSeeds()
{
    const std::vector<std::vector<std::string>> variants = {
        {},
        { "method.kind=lora", "train.batch_size=8", "train.max_steps=100" },
        // Each override is validated on its own: fields a kind needs come before the kind.
        { "method.kind=adapter", "task.dir=/data/glue/MNLI", "task.name=mnli", "task.kind=glue" },
        { "method.kind=prompt", "task.train=train.csv", "task.format=csv",
            "task.text_columns=[\"premise\",\"hypothesis\"]", "task.regression=true", "task.kind=file" },
        { "method.kind=bitfit", "backbone.preset=t5-small", "train.learning_rate=0.001", "train.seed=7" },
        { "method.kind=full", "train.precision=fp32", "train.warmup_steps=500" },
    };
    int index = 0;
    for (const auto &overrides : variants) {
        RunConfig config;
        for (const std::string &assignment : overrides) {
            try {
                config.applyOverride(assignment);
            } catch (const Error &e) {
                std::cerr << "fuzz_seeds: skipping override " << assignment << ": " << e.what() << "\n";
            }
        }
        seed("fuzz_run_config", "run-" + std::to_string(index++) + ".json", config.toJson());
    }
    seed("fuzz_run_config", "minimal.json", "{\"name\": \"tiny\", \"method\": {\"kind\": \"lst\"}}");

    // `ladder pretrain`'s configuration: the defaults and the shipped backbones' recipes.
    seed("fuzz_pretrain_config", "defaults.json", PretrainConfig().toJson());
    for (const char *name : {"wordnet-t5-tiny.json", "wordnet-t5-mini.json"}) {
        std::ifstream in(std::string(LADDER_SOURCE_DIR "/resources/pretrain/") + name, std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        if (!text.str().empty())
            seed("fuzz_pretrain_config", name, text.str());
    }
}

/// byte 0 of a fuzz_glue input: task index + 9 · file index (see fuzz_glue.cpp).
std::string glueSeed(GlueTask task, GlueFile file, const std::string &content)
{
    const auto &tasks = allGlueTasks();
    const auto taskIndex = std::find(tasks.begin(), tasks.end(), task) - tasks.begin();
    const std::vector<GlueFile> files = glueFiles(task);
    const auto fileIndex = std::find(files.begin(), files.end(), file) - files.begin();
    std::string bytes(2, '\0');
    bytes[0] = static_cast<char>(taskIndex + tasks.size() * fileIndex);
    return bytes + content;
}

void glueSeeds()
{
    const std::string mnliColumns = "index\tpromptID\tpairID\tgenre\tsentence1_binary_parse\tsentence2_binary_parse\t"
                                    "sentence1_parse\tsentence2_parse\tsentence1\tsentence2";
    const std::string mnliRow = "0\t31193\t31193n\tgovernment\t( ( Conceptually ( cream skimming ) ) )\t( ( Product "
                                "and ) geography )\t(ROOT (S (NP (JJ Conceptually))))\t(ROOT (S))\tConceptually cream "
                                "skimming has two basic dimensions.\tProduct and geography are what make it work.";
    const std::string stsbColumns = "index\tgenre\tfilename\tyear\told_index\tsource1\tsource2\tsentence1\tsentence2";
    const std::string stsbRow = "0\tmain-captions\tMSRvid\t2012test\t0001\tnone\tnone\tA plane is taking off.\tAn air "
                                "plane is taking off.";
    struct Seed
    {
        GlueTask task;
        GlueFile file;
        std::string content;
    };
    const std::vector<Seed> seeds = {
        { GlueTask::Cola, GlueFile::Train, "gj04\t1\t\tOur friends won't buy this analysis.\ngj04\t0\t*\tThey drank the pub.\n" },
        { GlueTask::Cola, GlueFile::Test, "index\tsentence\n0\tBill whistled past the house.\n" },
        { GlueTask::Sst2, GlueFile::Train, "sentence\tlabel\nhide new secretions \t0\nthat loves its characters \t1\n" },
        { GlueTask::Sst2, GlueFile::Test, "index\tsentence\n0\tuneasy mishmash of styles .\n" },
        { GlueTask::Mrpc, GlueFile::Dev,
            "Quality\t#1 ID\t#2 ID\t#1 String\t#2 String\n1\t702876\t702977\tAmrozi accused his brother .\tReferring "
            "to him , Amrozi accused his brother .\n" },
        { GlueTask::Mrpc, GlueFile::Test,
            "index\t#1 ID\t#2 ID\t#1 String\t#2 String\n0\t1089874\t1089925\tPCCW 's chief .\tCurrent Chief .\n" },
        { GlueTask::Qqp, GlueFile::Train,
            "id\tqid1\tqid2\tquestion1\tquestion2\tis_duplicate\n201359\t303345\t303346\tWhy are cats so "
            "beautiful?\tWhy are dogs so beautiful?\t0\n105780\t174363\t174364\tHow can I develop android app?\n" },
        { GlueTask::Qqp, GlueFile::Test, "id\tquestion1\tquestion2\n0\tHow does the Surface compare?\tWhy did he?\n" },
        { GlueTask::Stsb, GlueFile::Train, stsbColumns + "\tscore\n" + stsbRow + "\t5.000\n" },
        { GlueTask::Stsb, GlueFile::Test, stsbColumns + "\n" + stsbRow + "\n" },
        { GlueTask::Mnli, GlueFile::Train, mnliColumns + "\tlabel1\tgold_label\n" + mnliRow + "\tneutral\tneutral\n" },
        { GlueTask::Mnli, GlueFile::DevMismatched,
            mnliColumns + "\tlabel1\tlabel2\tlabel3\tlabel4\tlabel5\tgold_label\n" + mnliRow
                + "\tcontradiction\tneutral\tentailment\tneutral\tneutral\tneutral\n" },
        { GlueTask::Mnli, GlueFile::Test, mnliColumns + "\n" + mnliRow + "\n" },
        { GlueTask::Qnli, GlueFile::Dev,
            "index\tquestion\tsentence\tlabel\n0\tWhen did the series begin?\tIt began in 2001.\tnot_entailment\n" },
        { GlueTask::Rte, GlueFile::Train,
            "\xEF\xBB\xBFindex\tsentence1\tsentence2\tlabel\r\n0\tDana Reeve has died.\tReeve had an "
            "accident.\tnot_entailment\r\n1\tBacteria is winning.\tAntibiotics lose.\tentailment\r\n" },
        { GlueTask::Wnli, GlueFile::Train,
            "index\tsentence1\tsentence2\tlabel\n0\tI stuck a pin through a carrot.\tThe carrot had a hole.\t1\n" },
        { GlueTask::Wnli, GlueFile::Test, "index\tsentence1\tsentence2\n0\tMaude saw the trains.\tThe trains rushed.\n" },
    };
    int index = 0;
    for (const Seed &s : seeds)
        seed("fuzz_glue", glueTaskInfo(s.task).name + "-" + std::to_string(index++), glueSeed(s.task, s.file, s.content));
}

void genericSeeds()
{
    // Byte 0: format (0 tsv, 1 csv, 2 jsonl) | 4 regression | 8 label optional | 16 skip | 32 two texts.
    const auto withFlags = [](int flags, const std::string &content) { return std::string(1, char(flags)) + content; };
    seed("fuzz_generic_table", "one-text.tsv", withFlags(0, "text\tlabel\na fine film\tpositive\nawful\tnegative\n"));
    seed("fuzz_generic_table", "pair.csv",
        withFlags(1 | 32, "premise,hypothesis,label\n\"A man, a plan\",\"He said \"\"hi\"\"\",yes\n\"two\nlines\",b,no\n"));
    seed("fuzz_generic_table", "regression.jsonl",
        withFlags(2 | 4, "{\"text\": \"caf\xC3\xA9\", \"label\": 0.5}\n{\"text\": \"b\", \"label\": \"2\"}\n"));
    seed("fuzz_generic_table", "unlabelled.jsonl", withFlags(2 | 8 | 32, "{\"premise\": \"p\", \"hypothesis\": \"h\"}\n"));
    seed("fuzz_generic_table", "skip.tsv", withFlags(16, "label\ttext\n1\tok\nbroken row\n0\talso ok\n"));
}

void textLineSeeds()
{
    seed("fuzz_text_lines", "bom-crlf.txt", "\xEF\xBB\xBFtext\tlabel\r\nan \xE2\x80\x9Cokay\xE2\x80\x9D film\t1\r\n");
    seed("fuzz_text_lines", "quoted.csv", "a,\"b,c\",\"d \"\"e\"\"\"\n\n\"multi\nline\",x,\n");
    seed("fuzz_text_lines", "utf8.txt", "\xF0\x9F\x98\x80 emoji\n\xE6\x97\xA5\xE6\x9C\xAC\tja\nplain\n");
}

void wordNetSeeds(const fs::path &testData)
{
    for (const char *name : { "data.noun", "data.verb", "data.adj", "data.adv" }) {
        const fs::path path = testData / "wordnet" / name;
        if (fs::is_regular_file(path))
            seed("fuzz_wordnet", name, firstLines(path, 40));
    }
}

void runImportSeeds(const fs::path &scratch)
{
    RunStore store((scratch / "runs.sqlite").string());
    RunRecord record;
    record.name = "lst r=8 on sst2, \"quoted\"";
    record.method = "lst";
    record.backbone = "t5-base";
    record.task = "glue/sst2";
    record.configJson = R"({"method": "lst", "reduction": 8})";
    record.seed = 42;
    record.host = { "bench-01", "AMD EPYC", 2, "1.13.1", "0.1.0" };
    record.notes = "seed run";
    record.tags = { "baseline" };
    const RunId finished = store.createRun(record);
    {
        RunWriter writer(store.path(), finished);
        for (int step = 1; step <= 4; ++step) {
            writer.addMetric("loss", step, 1.0 / step, 1700000000.0 + step);
            writer.addGate({ step % 2, step, 0.5 - step * 0.01 });
        }
        writer.addMetric("loss", 5, std::numeric_limits<double>::quiet_NaN(), 1700000010.0);
        writer.addMemory({ "tensor_peak", 1, 1700000000.5, 123456789 });
        writer.addEvaluation({ "validation", "accuracy", 4, 1700000005.0, 0.8125 });
        writer.addCheckpoint({ 4, 1700000006.0, "/runs/1/step-4" });
        writer.finish(RunStatus::Finished);
    }
    record.name = "queued";
    record.tags = {};
    const RunId queued = store.createRun(record);
    seed("fuzz_run_import", "two-runs.json", exportRunsJson(store, { finished, queued }));
    seed("fuzz_run_import", "one-run.json", exportRunsJson(store, { queued }));
    seed("fuzz_run_import", "no-runs.json", exportRunsJson(store, {}));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 3) {
        std::cerr << "usage: fuzz_seeds <corpus dir> <tests/data dir>\n";
        return 2;
    }
    g_corpus = argv[1];
    const fs::path testData = argv[2];
    const fs::path scratch = fs::temp_directory_path() / ("ladder-fuzz-seeds-" + std::to_string(getpid()));
    try {
        fs::remove_all(scratch);
        fs::create_directories(scratch);
        safetensorsSeeds(scratch);
        checkpointIndexSeeds();
        t5ConfigSeeds(testData);
        runConfigSeeds();
        glueSeeds();
        genericSeeds();
        textLineSeeds();
        wordNetSeeds(testData);
        runImportSeeds(scratch);
    } catch (const std::exception &e) {
        std::cerr << "fuzz_seeds: " << e.what() << "\n";
        fs::remove_all(scratch);
        return 1;
    }
    fs::remove_all(scratch);
    std::cout << "fuzz_seeds: wrote the seed corpus under " << g_corpus.string() << "\n";
    return 0;
}
