#!/usr/bin/python3
"""The official aggregation of Skill-Mix's stored runs, written from the rules (PROTOCOL.md, "Aggregating P2's stored
runs"; docs/records.md) independently of SkillMix's C# code, to produce the expected metrics of the conformance test.

For every graded records.csv at k{k}_s{seed}_v{gv}_r{round}/{student}/graded/by_{grader}_on_text_{col}_{grading}_{version}/:
  - points_0 split at ","; empty -> k+3 zeros; too long -> truncated; too short -> padded with 0;
  - the last point is overwritten by true_sentence_lim_pt_0;
Runs of one (student, grader, text column, grading version, k, seed, generation version) are joined by row index, using
only the rows present in every file; per generation round the points are majority-voted over the grading rounds with
numpy's rint of the mean (ties to even); per generation FM, AS, SF; the max over generation rounds per combination; the
mean over combinations with std(ddof=1)/sqrt(n). Cells: (student, grader, "gen v{gv}, text_{col}, grade {version}", k),
seeds of one k pooled.

Usage: python3 official_aggregation.py [folder] [output.json]
(defaults: ../Fixtures/skill-mix-test and ../Fixtures/skill-mix-test.expected.json)
"""
import csv
import json
import math
import os
import re
import sys
from collections import defaultdict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
RUN = re.compile(r"^k(\d+)_s(\d+)_v([^_]+)_r(\d+)$")
GRADED = re.compile(r"^by_(.+)_on_text_(\d+)_(\d+)_([^_]+)$")


def points_of(row, k):
    text = row["points_0"]
    values = [float(v) for v in text.split(",")] if text.strip() else []
    if len(values) == 0:
        values = [0.0] * (k + 3)
    values = (values + [0.0] * (k + 3))[: k + 3]
    lim = row["true_sentence_lim_pt_0"].strip()
    values[-1] = {"True": 1.0, "False": 0.0}.get(lim, None) if lim in ("True", "False") else float(lim)
    return values


def metrics(points, k):
    skills, others = points[:, :k].sum(axis=1), points[:, k:].sum(axis=1)  # points: (combinations, k+3)
    fm = (points.sum(axis=1) == k + 3).astype(float)
    as_ = ((skills == k) & (others >= 2)).astype(float)
    sf = np.where(others == 3, skills / k, 0.0)
    return fm, as_, sf


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "Fixtures", "skill-mix-test")
    output = sys.argv[2] if len(sys.argv) > 2 else os.path.join(HERE, "..", "Fixtures", "skill-mix-test.expected.json")
    groups = defaultdict(list)
    for run in sorted(os.listdir(folder)):
        m = RUN.match(run)
        if not m:
            continue
        k, seed, gv, gen_round = int(m.group(1)), m.group(2), m.group(3), int(m.group(4))
        for student in sorted(os.listdir(os.path.join(folder, run))):
            graded = os.path.join(folder, run, student, "graded")
            if not os.path.isdir(graded):
                continue
            for name in sorted(os.listdir(graded)):
                g = GRADED.match(name)
                path = os.path.join(graded, name, "records.csv")
                if not g or not os.path.exists(path):
                    continue
                grader, col, grading_round, version = g.group(1), g.group(2), int(g.group(3)), g.group(4)
                with open(path, newline="", encoding="utf-8") as f:
                    rows = list(csv.DictReader(f))
                groups[(student, grader, col, version, k, seed, gv)].append((gen_round, grading_round, rows))

    cells = defaultdict(lambda: {"fm": [], "as": [], "sf": [], "generations": 0, "gradings": 0})
    for (student, grader, col, version, k, seed, gv), files in sorted(groups.items()):
        n = min(len(rows) for _, _, rows in files)
        per_round = defaultdict(list)
        for gen_round, _, rows in files:
            per_round[gen_round].append([points_of(r, k) for r in rows[:n]])
        best = None
        for gen_round in sorted(per_round):
            scores = np.array(per_round[gen_round])          # (gradings, combinations, k+3)
            vote = np.rint(scores.mean(axis=0))               # majority vote, ties to even
            fm, as_, sf = metrics(vote, k)
            stacked = np.stack([fm, as_, sf])                 # (3, combinations)
            best = stacked if best is None else np.maximum(best, stacked)
        cell = cells[(student, grader, f"gen v{gv}, text_{col}, grade {version}", k)]
        for i, name in enumerate(("fm", "as", "sf")):
            cell[name].extend(best[i].tolist())
        cell["generations"] += n * len(per_round)
        cell["gradings"] += n * len(files)

    result = []
    for (model, grader, setting, k), c in sorted(cells.items()):
        entry = {"model": model, "grader": grader, "setting": setting, "k": k, "combinations": len(c["fm"]),
                 "generations": c["generations"], "gradings": c["gradings"]}
        for name in ("fm", "as", "sf"):
            values = np.array(c[name])
            std_err = float(values.std(ddof=1) / math.sqrt(len(values))) if len(values) > 1 else None
            entry[name] = {"mean": float(values.mean()), "stdErr": std_err}
        result.append(entry)
    with open(output, "w", encoding="utf-8") as f:
        json.dump({"source": "tests/SkillMix.Core.Tests/P2Conformance/official_aggregation.py", "cells": result}, f, indent=2)
        f.write("\n")
    for e in result:
        print(e["model"], e["grader"], e["setting"], e["k"], e["combinations"],
              *(f"{e[m]['mean']:.4f}±{e[m]['stdErr'] if e[m]['stdErr'] is None else round(e[m]['stdErr'], 4)}" for m in ("fm", "as", "sf")))


if __name__ == "__main__":
    main()
