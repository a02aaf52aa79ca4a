#!/usr/bin/env python3
"""Independent reference tokenization for the Swift tokenizer tests.

Builds a Hugging Face `tokenizers` BPE tokenizer from a GGUF file's vocabulary and merges, configured
as SmolLM2's tokenizer.json (Digits(individual_digits) + ByteLevel pre-tokenizer, ByteLevel decoder), or for
`tokenizer.ggml.pre` = "qwen2" as Qwen2's (its Split regex + ByteLevel; without Qwen2's NFC normalizer, which
llama.cpp does not apply either), and prints JSON: for every corpus line (escapes \\n \\r \\t \\\\ \\uXXXX decoded) and for the whole corpus
as one text, the ids without and with special-token parsing.

usage: reference_tokenize.py MODEL.gguf CORPUS.txt [RANDOM_COUNT]
With RANDOM_COUNT, that many seeded random strings (mixed scripts, digits, whitespace, emoji) are added.
On a missing dependency it prints {"error": "..."} and exits 2.
"""
import json
import re
import sys


def fail(message):
    print(json.dumps({"error": message}))
    sys.exit(2)


try:
    from gguf import GGUFReader
except Exception as exc:  # noqa: BLE001
    fail(f"python package 'gguf' is missing ({exc}); pip install gguf")
try:
    from tokenizers import Tokenizer, AddedToken, Regex, models, pre_tokenizers, decoders
except Exception as exc:  # noqa: BLE001
    fail(f"python package 'tokenizers' is missing ({exc}); pip install tokenizers")


def unescape(line):
    def replace(match):
        code = match.group(1)
        if code == "n":
            return "\n"
        if code == "r":
            return "\r"
        if code == "t":
            return "\t"
        if code == "\\":
            return "\\"
        return chr(int(code[1:], 16))
    return re.sub(r"\\(n|r|t|\\|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})", replace, line)


QWEN2_PATTERN = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|"
                 r"\s*[\r\n]+|\s+(?!\S)|\s+")


def build(model_path):
    reader = GGUFReader(model_path)
    fields = reader.fields
    tokens = fields["tokenizer.ggml.tokens"].contents()
    types = fields["tokenizer.ggml.token_type"].contents()
    merges = [tuple(m.split(" ", 1)) for m in fields["tokenizer.ggml.merges"].contents()]
    vocab = {token: index for index, token in enumerate(tokens)}
    bpe = models.BPE(vocab=vocab, merges=merges, fuse_unk=False)
    plain = Tokenizer(bpe)
    if "tokenizer.ggml.pre" in fields and fields["tokenizer.ggml.pre"].contents() == "qwen2":
        plain.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Split(Regex(QWEN2_PATTERN), behavior="isolated"),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=False),
        ])
    else:
        plain.pre_tokenizer = pre_tokenizers.Sequence([
            pre_tokenizers.Digits(individual_digits=True),
            pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True),
        ])
    plain.decoder = decoders.ByteLevel()
    # Same model, plus the control tokens (type 3) recognised as whole special tokens.
    special = Tokenizer.from_str(plain.to_str())
    special.add_special_tokens([AddedToken(tokens[i], special=True, normalized=False)
                                for i, kind in enumerate(types) if kind == 3])
    return plain, special


# Scalar pools for random strings. Left out: the bytes SmolLM2 has no token for (U+0004 U+0006 U+0013
# U+0014 U+0016 U+001D, and lead bytes F1 F2 = planes 4-11), where llama.cpp and HF differ by design.
POOLS = [
    " " * 8 + "\t\n\r" + "\u00a0\u3000\u2003\u0085",
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "0123456789\u0660\u0661\u0966\u00b2\u00bd\u2167\u2460\uff11",
    "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\u00a1\u00bf\u2014\u2026\u201c\u201d\u00ab\u00bb",
    "'sdtmrevl",
    "\u00e9\u00e8\u00fc\u00f1\u00e7\u00df\u0153\u00e6\u0301\u0308\u0327\u0300",
    "\u6771\u4eac\u30bf\u30ef\u30fc\u6211\u7231\u4e2d\u6587\ud55c\uad6d\uc5b4\u3042\u3044",
    "\u0645\u0631\u062d\u0628\u0627\u05e9\u05dc\u05d5\u05dd\u0928\u092e\u0938\u094d\u0924\u0947",
    "\U0001f642\U0001f600\U0001f389\u2764\ufe0f\u200d\U0001f468\U0001f469\U0001f3fd\U0001f1eb\U0001f1f7",
    "\u0001\u0002\u0007\u001b\u007f\u200b\ufeff\ue000\u0378\U00010348\U0001d400\U000e0067",
]


def random_texts(count):
    import random
    generator = random.Random(20261130)
    texts = []
    for _ in range(count):
        length = generator.randint(1, 60)
        pools = generator.sample(range(len(POOLS)), generator.randint(1, 4))
        texts.append("".join(generator.choice(POOLS[generator.choice(pools)]) for _ in range(length)))
    return texts


def main():
    if len(sys.argv) not in (3, 4):
        fail("usage: reference_tokenize.py MODEL.gguf CORPUS.txt [RANDOM_COUNT]")
    plain, special = build(sys.argv[1])
    with open(sys.argv[2], encoding="utf-8") as corpus:
        lines = [unescape(line.rstrip("\n")) for line in corpus]
    texts = lines + ["\n".join(lines)]
    if len(sys.argv) == 4:
        texts += random_texts(int(sys.argv[3]))
    cases = []
    for text in texts:
        cases.append({
            "text": text,
            "ids": plain.encode(text, add_special_tokens=False).ids,
            "ids_special": special.encode(text, add_special_tokens=False).ids,
        })
    json.dump({"cases": cases}, sys.stdout, ensure_ascii=True)


main()
