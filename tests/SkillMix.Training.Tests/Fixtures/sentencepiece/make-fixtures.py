#!/usr/bin/python3
"""Writes the SentencePiece fixtures of SkillMix.Training.Tests with the reference implementation.

Run with Debian's python3-sentencepiece (0.1.97): /usr/bin/python3 make-fixtures.py
It trains small LLaMA-style BPE models on a generated corpus, then records, for adversarial and random strings, the
ids sentencepiece's own encoder gives, and for multi-turn conversations the ids of the Llama-2-Chat and
Mistral-Instruct v0.2 formats built from their published definitions. Everything is seeded: running it again gives
the same files.
"""
import json
import os
import random
import sentencepiece as spm

HERE = os.path.dirname(os.path.abspath(__file__))
rng = random.Random(12)

WORDS = ("the hive is a quiet engine of bees knots sewing duels and the river runs past an old mill where "
         "children count stones while a fox waits nearby metaphor simile irony red herring modus ponens "
         "spoonerism self serving bias accident fallacy statistical syllogism").split()
ODD = ["café", "naïve", "Straße", "日本語", "中文", "Ελληνικά", "🙂", "🐝", "—", "…", "€", "ß", "ø", "ą", "ł"]


def sentence():
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 12))]
    if rng.random() < 0.3:
        words.insert(rng.randrange(len(words)), str(rng.randint(0, 99999)))
    if rng.random() < 0.2:
        words.insert(rng.randrange(len(words)), rng.choice(["aaaa", "....", "####", "====", "!!!!", "zzzzzz", "----"]))
    if rng.random() < 0.05:
        words.append(rng.choice(ODD[:6]))
    text = " ".join(words)
    if rng.random() < 0.1:
        text = text.replace(" ", "   ", 1)
    return text.capitalize() + rng.choice([".", "!", "?", "", "..."])


def train(name, vocab, **options):
    corpus = os.path.join("/tmp", f"skillmix-spm-corpus-{name}.txt")
    with open(corpus, "w", encoding="utf-8") as f:
        for _ in range(4000):
            f.write(sentence() + "\n")
    settings = dict(input=corpus, model_prefix=os.path.join(HERE, name), model_type="bpe", vocab_size=vocab,
                    character_coverage=0.9995, normalization_rule_name="identity", remove_extra_whitespaces=False,
                    add_dummy_prefix=True, split_digits=True, byte_fallback=True, allow_whitespace_only_pieces=True,
                    max_sentencepiece_length=16, unk_id=0, bos_id=1, eos_id=2, pad_id=-1, num_threads=1,
                    input_sentence_size=0, shuffle_input_sentence=False, seed_sentencepiece_size=1000000,
                    minloglevel=2)
    settings.update(options)
    spm.SentencePieceTrainer.train(**settings)
    os.remove(os.path.join(HERE, name + ".vocab"))
    os.remove(corpus)
    return spm.SentencePieceProcessor(model_file=os.path.join(HERE, name + ".model"))


ADVERSARIAL = [
    "", " ", "  ", "a", "aa", "aaa", "aaaa", "aaaaa", "aaaaaaaaaaaaaaaaa", "....", ".........", "################",
    "====!!!!====", "                ", " leading", "trailing ", "  two  spaces  between  ", "\t tab and\nnewline\n",
    "1234567890", "3.14159 and 2718281828", "0000", "99 bees", "a1b2c3", "café naïve Straße", "日本語のテキスト",
    "🙂🐝🙂", "emoji 🐝 bee", "Ωmega ∑ ∫ ≈", "\u00e9 vs e\u0301 (composed and decomposed)", "zzzzzz zzzz zz z",
    "The hive is a quiet engine.", "the the the the the the", "----====----", "x" * 40, "ab" * 20, " " * 33,
    "mixed   runs...of####everything!!!!  123 4567", "\x00\x01 control bytes", "~`^|\\{}[]<>", "<s>[INST] not special </s>",
    "Ⅻ ① ﬁ ｆｕｌｌｗｉｄｔｈ", "a\u200bb zero width",
]


def random_strings(count):
    pool = list("abcdefghijklmnopqrstuvwxyz     .,!?#=-0123456789'\"\n") + ODD
    out = []
    for _ in range(count):
        kind = rng.random()
        if kind < 0.4:
            out.append(sentence())
        elif kind < 0.7:
            out.append("".join(rng.choice(pool) for _ in range(rng.randint(1, 40))))
        else:
            c = rng.choice(pool)
            out.append(rng.choice(WORDS) + c * rng.randint(2, 12) + rng.choice(WORDS))
    return out


def encoding_cases(sp):
    return [{"text": t, "ids": sp.encode(t), "decoded": sp.decode(sp.encode(t))} for t in ADVERSARIAL + random_strings(300)]


# Llama-2-Chat, as Meta's reference code (llama/generation.py, chat_completion) defines it: each exchange is
# [BOS] + encode(f"[INST] {prompt.strip()} [/INST] {answer.strip()} ") + [EOS]; a system prompt is folded into the first
# user message as "<<SYS>>\n{system}\n<</SYS>>\n\n{user}"; a final user message is [BOS] + encode("[INST] {u.strip()} [/INST]").
def llama2(sp, system, turns):
    if system is not None:
        turns = [("user", "<<SYS>>\n" + system + "\n<</SYS>>\n\n" + turns[0][1])] + turns[1:]
    ids, loss = [], []
    for i in range(0, len(turns), 2):
        prompt = turns[i][1].strip()
        head = [sp.bos_id()] + sp.encode(f"[INST] {prompt} [/INST]")
        if i + 1 == len(turns):
            ids += head
            loss += [0] * len(head)
            break
        answer = turns[i + 1][1].strip()
        full = [sp.bos_id()] + sp.encode(f"[INST] {prompt} [/INST] {answer} ") + [sp.eos_id()]
        assert full[:len(head)] == head, "the prompt's tokens are not a prefix of the exchange's"
        ids += full
        loss += [0] * len(head) + [1] * (len(full) - len(head))
    return ids, loss


# Mistral-Instruct v0.2, as mistral_common's instruct tokenizer (V1) builds it: [BOS], then each user message as
# encode(f"[INST] {content} [/INST]"), each answer as encode(answer) + [EOS]; a system prompt is prepended to the first
# user message followed by a blank line.
def mistral(sp, system, turns):
    ids, loss = [sp.bos_id()], [0]
    first = True
    for role, text in turns:
        if role == "user":
            content = (system + "\n\n" + text) if (first and system is not None) else text
            first = False
            piece = sp.encode(f"[INST] {content} [/INST]")
            ids += piece
            loss += [0] * len(piece)
        else:
            piece = sp.encode(text) + [sp.eos_id()]
            ids += piece
            loss += [1] * len(piece)
    return ids, loss


CONVERSATIONS = [
    (None, [("user", "Write about bees."), ("assistant", "The hive is a quiet engine."),
            ("user", "Shorter, please."), ("assistant", "Bees hum.")]),
    ("You are a helpful assistant.", [("user", "topic: knots\nskills: metaphor; irony"), ("assistant", "A knot is a promise  kept by rope."),
                                      ("user", "Rewrite it in at most one sentence."), ("assistant", "Rope keeps 1234 promises!!!!")]),
    (None, [("user", "  padded question  "), ("assistant", "  padded answer  "), ("user", "again"), ("assistant", "....")]),
    ("Be brief.", [("user", "café?"), ("assistant", "🐝 naïve"), ("user", "and then"), ("assistant", "aaaa zzzz")]),
    (None, [("user", "Only a question, no answer yet.")]),
    ("System.", [("user", "first"), ("assistant", "one"), ("user", "second")]),
]


def chat_cases(sp):
    cases = []
    for system, turns in CONVERSATIONS:
        for fmt, build in (("llama2", llama2), ("mistral", mistral)):
            ids, loss = build(sp, system, turns)
            cases.append({"format": fmt, "system": system, "turns": [{"role": r, "text": t} for r, t in turns],
                          "ids": ids, "loss": loss})
    return cases


def write(name, payload):
    with open(os.path.join(HERE, name), "w", encoding="utf-8") as f:
        json.dump(payload, f, ensure_ascii=False, indent=0)
        f.write("\n")


llama_style = train("llama-bpe", 420)
write("llama-bpe.cases.json", {"model": "llama-bpe.model", "encode": encoding_cases(llama_style), "chat": chat_cases(llama_style)})
# A smaller vocabulary and a lower character coverage: more characters fall back to bytes.
small = train("small-bpe", 340, character_coverage=0.98)
write("small-bpe.cases.json", {"model": "small-bpe.model", "encode": encoding_cases(small), "chat": []})
# Without byte fallback, characters outside the vocabulary become <unk>, a run of them a single <unk>.
no_bytes = train("nobytes-bpe", 260, byte_fallback=False, character_coverage=0.98)
write("nobytes-bpe.cases.json", {"model": "nobytes-bpe.model", "encode": encoding_cases(no_bytes), "chat": []})
