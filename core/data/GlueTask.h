// SPDX-License-Identifier: GPL-3.0-or-later
// Public (LibTorch-free): the nine GLUE tasks read from the files exactly as GLUE distributes
// them (see ../shared/GLUE-FORMATS.md for the format facts this follows).
#pragma once

#include "data/Example.h"

#include <string>
#include <vector>

namespace ladder {

enum class GlueTask { Cola, Sst2, Mrpc, Qqp, Stsb, Mnli, Qnli, Rte, Wnli };

/// The files of a GLUE task folder. For MNLI, Dev and Test are the *matched* files
/// (dev_matched.tsv, test_matched.tsv); the mismatched ones exist only for MNLI.
enum class GlueFile { Train, Dev, Test, DevMismatched, TestMismatched };

/// Static facts about one task.
struct GlueTaskInfo
{
    GlueTask task;
    /// Lower-case name used by the paper's code and as the T5 task prefix ("sst2", "stsb").
    std::string name;
    /// Folder name in the GLUE distribution ("SST-2", "STS-B").
    std::string folder;
    /// Label words in label-id order, the ids being those of the reference (HuggingFace) GLUE
    /// loader that the paper's code uses: CoLA {unacceptable, acceptable}, SST-2 {negative,
    /// positive}, MRPC {not_equivalent, equivalent}, QQP {not_duplicate, duplicate}, MNLI
    /// {entailment, neutral, contradiction}, QNLI and RTE {entailment, not_entailment}, WNLI
    /// {not_entailment, entailment}. Empty for STS-B.
    std::vector<std::string> labelWords;
    /// STS-B: the label is a similarity score from 0 to 5.
    bool regression = false;
    /// Number of text fields per example (1 for CoLA and SST-2, 2 otherwise).
    int textFieldCount = 2;
};

/// All nine tasks, in GLUE's usual order.
const std::vector<GlueTask> &allGlueTasks();
const GlueTaskInfo &glueTaskInfo(GlueTask task);
/// Parses a task name, forgiving case, '-' and '_' ("SST-2", "sst2", "STS_B", "mnli").
/// Throws ladder::Error listing the valid names otherwise.
GlueTask glueTaskFromName(const std::string &name);

/// The files the GLUE distribution has for @p task (MNLI: five, others: three).
std::vector<GlueFile> glueFiles(GlueTask task);
/// File name inside the task folder ("train.tsv", "dev_matched.tsv", …). Throws ladder::Error
/// for a mismatched file of a task other than MNLI.
std::string glueFileName(GlueTask task, GlueFile file);
/// True for the test files, which have no labels.
bool isGlueTestFile(GlueFile file);

/// Reads one official GLUE file. Train and dev rows get labels (label word, or score for
/// STS-B); test rows get hasLabel = false. Columns are found the way the distribution lays them
/// out: CoLA train/dev have no header (4 columns: source, label, annotation mark, sentence);
/// all other files have a header, and text and label columns are located by their header names
/// (so MNLI's dev files use gold_label, their last column). Every row must have as many fields
/// as the header. QQP rows with missing fields are skipped and counted whatever the policy, as
/// the reference reader drops them. Other malformed rows (wrong field count, a label that is not
/// one of the task's, a bad score) throw "<file>:<line>: …" or are skipped per @p options.
Dataset readGlueFile(GlueTask task, GlueFile file, const std::string &path, const ReadOptions &options = {});

/// readGlueFile() on @p taskDir / glueFileName(task, file).
Dataset readGlueTaskFile(GlueTask task, GlueFile file, const std::string &taskDir, const ReadOptions &options = {});

} // namespace ladder
