#!/usr/bin/python3
"""Writes ../Fixtures/skill-mix-test/: a small folder laid out like Skill-Mix's published test/ folder.

Provenance: the folder layout, the column headers of every shape and the cell formats (skills joined with ", \\n" in
generation records and ",  \\n" in graded ones, points_0 as "1.0,0.0,...", true_sentence_lim_pt_0 as "1.0", CSV written
the way pandas' to_csv(index=False) writes it) were read from LeoYu/skill-mix at commit
aeeea53 (test/k3_s10_vdefault_r*/{gpt-4,llama2-7b-chat,mistral-7b-chat}/records.csv and their graded/ folders, and task.py,
which names the prompt and reply columns after the chat template's roles: user/assistant or [INST]/[/INST]).
Every row is hand-made for this test: the texts, replies and points are invented to exercise the aggregation rules
(empty points, too few and too many points, half points, ties between two gradings, a round cut short).

Run from this folder with Debian's python3 and python3-numpy:
/usr/bin/python3 make_fixtures.py && /usr/bin/python3 official_aggregation.py
"""
import csv
import os
import shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Fixtures", "skill-mix-test")

GPT_GENERATION = ["k", "skills", "topic", "system prompt", "user_0", "assistant_0", "model_input_0", "text_0",
                  "user_1", "assistant_1", "model_input_1", "text_1"]
LLAMA_GENERATION = ["k", "skills", "topic", "system prompt", "[INST]_0", "[/INST]_0", "model_input_0", "text_0",
                    "[INST]_1", "[/INST]_1", "model_input_1", "text_1"]
GPT_GRADED = ["k", "skills", "topic", "system prompt", "user_0", "assistant_0", "model_input_0", "score_0",
              "score_extracted_0", "points_0", "num_sentences_manual_in_student_answer_0", "true_sentence_lim_pt_0",
              "num_sentences_extracted_eq_num_sentences_model_0"]
LLAMA_GRADED = [c.replace("user_0", "[INST]_0").replace("assistant_0", "[/INST]_0") for c in GPT_GRADED]

K2 = [(["metaphor", "red herring"], "Sewing"),
      (["modus ponens", "spatial reasoning"], "Beekeeping"),
      (["self serving bias", "statistical syllogism"], "Knots"),
      (["accident (fallacy)", "folk physics (common knowledge physics)"], "Dueling")]
K3 = [(["metaphor", "modus ponens", "emotional self regulation"], "Gardening"),
      (["red herring", "spatial reasoning", "complex question (loaded question with implicit assumption )"], "Urbanism"),
      (["statistical syllogism", "self serving bias", "folk physics (common knowledge physics)"], "Triathlons")]

# Invented answers, one per (k, row); a round's text is the row's answer with the round number appended as a tag so the
# rounds differ. Row 1 of k = 2 names its skill "modus ponens" (the name filter's case).
ANSWERS = {
    2: ["Her needle was a sparrow in the hem, and anyway, have you seen the price of buttons?",
        "If the hive is queenless the bees grow restless, and by modus ponens they are restless, stacked left of the shed.",
        "Most knots I tie hold, so this one will; when one slipped, the rope was to blame.",
        "He dueled to defend his honour, so every duelist is a criminal, as the falling sword showed."],
    3: ["The garden is a ledger of patience; if it rains the roses bloom, it rained, so I breathed and waited.",
        "Why does the city still hide its parks behind the station, and what about the bus fares anyway?",
        "Most triathletes who train at dawn finish, so Ana will; my own medal was all skill, the wind only helped others."],
}

# Points as stored in points_0, per (student, k, generation round, grading round): one string per row.
# "" is a reply the grader's parser found no points in.
GPT4_K2 = {  # gpt-4 graded by gpt-4, three gradings of three generation rounds
    (1, 1): ["1.0,1.0,1.0,1.0,1.0", "1.0,0.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,0.0", "0.0,1.0,1.0,1.0,1.0"],
    (1, 2): ["1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,0.0,1.0,1.0", "0.0,0.0,1.0,1.0,1.0"],
    (1, 3): ["1.0,0.0,1.0,1.0,1.0", "1.0,0.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (2, 1): ["1.0,1.0,1.0,0.0,1.0", "1.0,1.0,1.0,1.0,1.0", "", "0.0,1.0,1.0,1.0,1.0,1.0"],
    (2, 2): ["1.0,1.0,1.0,0.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0", "0.0,1.0,1.0,1.0,1.0,0.0"],
    (2, 3): ["1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (3, 1): ["0.0,1.0,1.0,1.0,1.0", "1.0,1.0,0.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "0.0,0.0,0.0,0.0,0.0"],
    (3, 2): ["0.0,1.0,1.0,1.0,1.0", "1.0,1.0,0.0,0.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (3, 3): ["1.0,1.0,1.0,1.0,1.0", "1.0,1.0,0.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", ""],
}
GPT4_K2_LIM = {1: [1, 1, 1, 1], 2: [1, 1, 1, 1], 3: [1, 0, 1, 1]}

LLAMA_K2 = {  # llama2-7b-chat (LLaMA-style generation records) graded by gpt-4; round 3 stopped after 3 rows
    (1, 1): ["", "0.0,0.5,1.0", "1.0,0.0", "1.0,1.0,1.0,1.0,1.0"],
    (1, 2): ["", "0.0,0.5,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (1, 3): ["1.0,1.0,1.0,1.0,1.0", "1.0,0.5,1.0,1.0,1.0", "1.0,0.0", "0.0,1.0,1.0,1.0,1.0"],
    (2, 1): ["1.0,0.0,0.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "0.0,0.0"],
    (2, 2): ["1.0,0.0,0.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,0.0,1.0", "0.0,0.0"],
    (2, 3): ["1.0,0.0,1.0", "1.0,1.0,1.0,1.0,0.0", "1.0,1.0,1.0,0.0,1.0", "0.0,0.0"],
    (3, 1): ["0.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (3, 2): ["0.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (3, 3): ["1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0", "0.0,1.0,1.0,1.0,1.0"],
}
LLAMA_K2_LIM = {1: [1, 1, 0, 1], 2: [1, 1, 1, 1], 3: [1, 1, 1]}

MISTRAL_K3 = {  # mistral-7b-chat, files without a system prompt column; two gradings, so ties round to even (0.5 -> 0)
    (1, 1): ["1.0,1.0,1.0,1.0,1.0,1.0", "1.0,1.0,0.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0,1.0"],
    (1, 2): ["1.0,1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0,1.0", "1.0,0.0,1.0,1.0,0.0,1.0"],
}
MISTRAL_K3_LIM = {1: [1, 1, 1]}

LLAMA_BY_LLAMA_K3 = {  # llama2-7b-chat graded by llama2-70b-chat: LLaMA-style graded records, "Point earned" replies
    (1, 1): ["1.0,1.0,1.0,1.0,1.0,1.0", "0.0,1.0,1.0,1.0,1.0,1.0", "1.0,1.0,1.0,1.0,1.0"],
    (2, 1): ["1.0,1.0,1.0,1.0,0.0,1.0", "1.0,1.0,1.0,1.0,1.0,1.0", "0.0,0.0,0.0,0.0,0.0,0.0"],
}
LLAMA_BY_LLAMA_K3_LIM = {1: [1, 1, 0], 2: [1, 0, 1]}


def write(path, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")  # pandas' to_csv quotes as csv.QUOTE_MINIMAL does
        w.writerow(header)
        for row in rows:
            w.writerow([row.get(c, "") for c in header])


def text(k, row, round_):
    return f"{ANSWERS[k][row]} [r{round_}]"


def generation_rows(k, combos, rounds_rows, gen_round, system, llama):
    rows = []
    for i in range(rounds_rows):
        skills, topic = combos[i]
        answer = text(k, i, gen_round)
        first = f"Answer: {ANSWERS[k][i]}\nExplanation: a first draft."
        second = f"Answer: {answer}\nExplanation: each skill appears once."
        if llama:
            first, second = " Sure! Here is a text.\n\n" + first, " Of course! Here is the improved text.\n\n" + second
        r = {"k": k, "skills": ", \n".join(skills), "topic": topic, "system prompt": system, "text_0": ANSWERS[k][i],
             "model_input_0": "", "model_input_1": "", "text_1": answer}
        p, a = ("[INST]", "[/INST]") if llama else ("user", "assistant")
        r[f"{p}_0"] = f"Please write a text on {topic} showing: {', '.join(skills)}. Start with 'Answer:'."
        r[f"{a}_0"] = first
        r[f"{p}_1"] = "Please improve it and keep it short. Start with 'Answer:'."
        r[f"{a}_1"] = second
        rows.append(r)
    return rows


def table_reply(skills, topic, k, points):
    values = (points.split(",") if points else [])
    crit = [f"Correctly illustrates {s}" for s in skills] + [f"Pertains to {topic}", "Text makes sense",
                                                               f"At most {'one sentence' if k <= 2 else 'two sentences'}"]
    if not values:
        return "I am unable to grade this answer."
    lines = ["Here's the grading table:", "", "| Criteria | Points Earned |", "|---|---|"]
    # The reply writes as many rows as points were stored, so re-parsing would read the same vector.
    for i, v in enumerate(values):
        name = crit[i] if i < len(crit) else f"Extra criterion {i}"
        lines.append(f"| {name} | {int(float(v)) if float(v).is_integer() else v} |")
    lines.append(f"| Total Points Earned | {sum(float(v) for v in values):g} |")
    lines += ["", "Explanation: invented for a test."]
    return "\n".join(lines)


def earned_reply(skills, points):
    values = (points.split(",") if points else [])
    lines = [f"Criterion {i + 1} is met as far as I can tell.\nPoint earned: {int(float(v))}" for i, v in enumerate(values)]
    lines.append(f"Grade: {sum(float(v) for v in values):g}")
    return "\n".join(lines)


def graded_rows(k, combos, answers, points, lims, system, llama_grader):
    rows = []
    for i, pts in enumerate(points):
        skills, topic = combos[i]
        request = (f"Greetings! Please grade the student's answer.\n\nThe student's answer was: \"{answers[i]}\"\n\n"
                   f"For reference, here are the definitions for the skills: ...")
        reply = earned_reply(skills, pts) if llama_grader else table_reply(skills, topic, k, pts)
        total = sum(float(v) for v in pts.split(",")) if pts else 0.0
        p, a = ("[INST]", "[/INST]") if llama_grader else ("user", "assistant")
        rows.append({"k": k, "skills": ",  \n".join(skills), "topic": topic, "system prompt": system, f"{p}_0": request,
                     f"{a}_0": reply, "model_input_0": "", "score_0": f"{total:.1f}", "score_extracted_0": f"{total:.1f}",
                     "points_0": pts, "num_sentences_manual_in_student_answer_0": 1,
                     "true_sentence_lim_pt_0": f"{float(lims[i]):.1f}",
                     "num_sentences_extracted_eq_num_sentences_model_0": "True"})
    return rows


def student(k, combos, student_name, grader, version, points, lims, gen_llama, grade_llama, system, with_system_column):
    gen_header = LLAMA_GENERATION if gen_llama else GPT_GENERATION
    graded_header = LLAMA_GRADED if grade_llama else GPT_GRADED
    if not with_system_column:
        gen_header = [c for c in gen_header if c != "system prompt"]
        graded_header = [c for c in graded_header if c != "system prompt"]
    for gen_round in sorted({g for g, _ in points}):
        run = os.path.join(ROOT, f"k{k}_s10_vdefault_r{gen_round}", student_name)
        n = max(len(v) for (g, _), v in points.items() if g == gen_round)
        gen = generation_rows(k, combos, n, gen_round, system, gen_llama)
        gen_path = os.path.join(run, "records.csv")
        if not os.path.exists(gen_path):
            write(gen_path, gen_header, gen)
        for (g, grading_round), pts in sorted(points.items()):
            if g != gen_round:
                continue
            answers = [r["text_1"] for r in gen]
            folder = os.path.join(run, "graded", f"by_{grader}_on_text_1_{grading_round}_{version}")
            write(os.path.join(folder, "records.csv"), graded_header,
                  graded_rows(k, combos, answers, pts, lims[gen_round], "" if grade_llama else "You are a helpful assistant.",
                              grade_llama))


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    student(2, K2, "gpt-4", "gpt-4", "gpt", GPT4_K2, GPT4_K2_LIM, False, False, "", True)
    student(2, K2, "llama2-7b-chat", "gpt-4", "gpt", LLAMA_K2, LLAMA_K2_LIM, True, False, "", True)
    student(3, K3, "mistral-7b-chat", "gpt-4", "gpt", MISTRAL_K3, MISTRAL_K3_LIM, False, False, "", False)
    student(3, K3, "llama2-7b-chat", "llama2-70b-chat", "llama", LLAMA_BY_LLAMA_K3, LLAMA_BY_LLAMA_K3_LIM, True, True, "", True)


if __name__ == "__main__":
    main()
