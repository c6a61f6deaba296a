#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fine-tuning methods on the shipped teaching backbones, against random weights of the same shape.

For every backbone named, prints its pretraining loss summary (from its pretrain.json), then one
Markdown table: each method (full, adapter, lora, bitfit, prompt, lst) fine-tuned on each demo
task (polarity, wordnet-lexname, wordnet-gloss-match) on the pretrained weights and on a random
initialisation of the same shape and vocabulary (`ladder pretrain` of the backbone's own
configuration with train.steps 0) -- test accuracy, peak tensor memory, samples/s and trainable
share, all as `ladder train --json` reports them. Every run is short (--steps optimizer steps);
the learning rates used are printed with the table.

    benchmarks/teaching_backbones.py wordnet-t5-tiny [wordnet-t5-mini …] [--steps 300]
        [--ladder build/bin/ladder] [--out /tmp/ladder-teaching-bench] [--methods full,lora] [--tasks polarity]
"""

import argparse
import json
import os
import subprocess
import sys
import time

METHODS = ["full", "adapter", "lora", "bitfit", "prompt", "lst"]
TASKS = ["polarity", "wordnet-lexname", "wordnet-gloss-match"]
# Learning rates for these small models (the paper's are for t5-base: 3e-4, 0.3 for prompt
# tuning, 3e-3 for LST), raised for the narrow teaching shapes after a sweep on wordnet-t5-tiny
# (300 steps; wordnet-lexname and polarity), the same for both weight kinds.
LEARNING_RATES = {"full": 1e-3, "adapter": 3e-2, "lora": 1e-2, "bitfit": 3e-2, "prompt": 0.3, "lst": 1e-2}


def find_backbone(ladder, name):
    """The folder of a shipped backbone, searched as the trainer searches (source tree first here)."""
    here = os.path.dirname(os.path.abspath(__file__))
    candidates = []
    if os.environ.get("LADDER_BACKBONES_DIR"):
        candidates.append(os.path.join(os.environ["LADDER_BACKBONES_DIR"], name))
    candidates.append(os.path.join(here, "..", "resources", "backbones", name))
    candidates.append(os.path.join(os.path.dirname(ladder), "..", "share", "ladder-workbench", "backbones", name))
    for folder in candidates:
        if os.path.isfile(os.path.join(folder, "pretrain.json")):
            return os.path.normpath(folder)
    sys.exit(f"teaching_backbones: no shipped backbone {name!r} (looked in {', '.join(candidates)})")


def random_baseline(ladder, out, name, pretrain):
    """The backbone's own configuration with train.steps 0: its shape and vocabulary, random weights."""
    folder = os.path.join(out, "random-" + name)
    if os.path.isfile(os.path.join(folder, "model.safetensors")):
        return folder
    config = dict(pretrain["config"])
    config["name"] = "random-" + name
    config["output_dir"] = folder
    config["train"] = dict(config["train"], steps=0)
    path = os.path.join(out, "random-" + name + ".pretrain.json")
    with open(path, "w") as f:
        json.dump(config, f, indent=1)
    proc = subprocess.run([ladder, "pretrain", path, "--json", "--no-db"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(f"teaching_backbones: could not write the random baseline of {name}")
    return folder


def run(ladder, out, label, backbone, method, task, steps, threads):
    config = {
        "name": f"bench-{label}-{method}-{task}",
        "backbone": backbone,
        "method": {"kind": method},
        "task": {"kind": "demo", "name": task, "train_size": 2000, "validation_size": 200, "test_size": 200},
        "train": {"batch_size": 32, "max_steps": steps, "learning_rate": LEARNING_RATES[method], "eval_every": 0,
                  "max_source_length": 64, "max_target_length": 8, "threads": threads, "seed": 0},
    }
    path = os.path.join(out, config["name"] + ".json")
    result = path[:-5] + ".result.json"
    if os.path.isfile(result):  # finished earlier: reuse (delete the file to rerun)
        with open(result) as f:
            return json.load(f)
    with open(path, "w") as f:
        json.dump(config, f, indent=1)
    started = time.time()
    proc = subprocess.run([ladder, "train", path, "--json", "--no-db"], capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        sys.exit(f"teaching_backbones: {config['name']} failed")
    summary = json.loads(proc.stdout)
    summary["wall_seconds"] = time.time() - started
    with open(result, "w") as f:
        json.dump(summary, f, indent=1)
    return summary


def accuracy(summary):
    split = summary.get("test") or summary.get("final_validation")
    # ladder reports accuracy in percent.
    return split["metrics"].get("accuracy", split["score"]) if split else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("backbones", nargs="+")
    parser.add_argument("--steps", type=int, default=300)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--ladder", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "build", "bin", "ladder"))
    parser.add_argument("--out", default="/tmp/ladder-teaching-bench")
    parser.add_argument("--methods", default=",".join(METHODS))
    parser.add_argument("--tasks", default=",".join(TASKS))
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    methods = args.methods.split(",")
    tasks = args.tasks.split(",")

    for name in args.backbones:
        folder = find_backbone(args.ladder, name)
        with open(os.path.join(folder, "pretrain.json")) as f:
            pretrain = json.load(f)
        shape = pretrain["config"]["model"]["preset"] or "custom"
        random_folder = random_baseline(args.ladder, args.out, name, pretrain)
        print(f"## {name} ({pretrain['model']['parameters']:,} parameters, shape {shape})\n")
        curve = pretrain["loss_curve"]
        print("Pretraining: {} steps; mean training loss {:.3f} (first tenth) -> {:.3f} (last tenth); "
              "validation loss {:.3f} -> {:.3f}.\n".format(
                  pretrain["steps"], curve[0]["mean_loss"], curve[-1]["mean_loss"],
                  pretrain["validation_loss"][0]["loss"], pretrain["validation_loss"][-1]["loss"]))
        print("| task | method | lr | pretrained acc % | random acc % | peak MiB | samples/s | trainable % |")
        print("|---|---|---|---|---|---|---|---|")
        for task in tasks:
            for method in methods:
                trained = run(args.ladder, args.out, name, {"preset": name}, method, task, args.steps, args.threads)
                random = run(args.ladder, args.out, "random-" + name, {"path": random_folder}, method, task,
                             args.steps, args.threads)
                peak = trained["peak_memory_bytes"]["peak"] / 2**20
                share = 100.0 * trained["trainable_parameters"] / trained["total_parameters"]
                print(f"| {task} | {method} | {LEARNING_RATES[method]:g} | {accuracy(trained):.1f} | "
                      f"{accuracy(random):.1f} | {peak:.1f} | "
                      f"{trained['mean_samples_per_second']:.0f} | {share:.2f} |", flush=True)
        print(f"\n{args.steps} steps of batch 32 per run, test split (200 examples), seed 0, "
              f"{args.threads} thread(s); load average {os.getloadavg()[0]:.2f} at the end.\n")


if __name__ == "__main__":
    main()
