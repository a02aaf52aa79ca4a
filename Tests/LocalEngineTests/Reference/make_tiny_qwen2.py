#!/usr/bin/env python3
"""Writes a tiny random qwen2 GGUF with gguf.GGUFWriter, for LocalEngine's qwen2 tests (numpy and llama.cpp).

usage: make_tiny_qwen2.py OUT.gguf SMOLLM2.gguf [--untied]
F32 weights, nonzero Q/K/V biases, NEOX RoPE with base 1e6 (as Qwen2's files). The vocabulary is a real byte-level
BPE one so that tokenization is exercised: the 256 byte tokens (GPT-2's byte-to-unicode spelling), the first MERGES
merges of SmolLM2's file (the model the tests always have) whose parts are already in the vocabulary, and Qwen2's
special tokens; `tokenizer.ggml.pre` = "qwen2". The output is the same bytes on every run (fixed seed), so a
reference made from it stays valid: its sha256 is printed, to be checked against the one the reference records.
--untied adds a separate output.weight instead of tying the output head to the token embedding.
"""
import hashlib
import sys

import numpy as np
import gguf
from gguf import GGUFReader
from make_tiny_llama import add_shape, write

DIM, HEADS, KV_HEADS, LAYERS, FFN, CONTEXT, MERGES = 64, 4, 2, 2, 96, 512, 400
SPECIALS = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"]


def byte_tokens():
    """GPT-2's printable spelling of each byte, in byte order."""
    printable = [*range(ord("!"), ord("~") + 1), *range(ord("¡"), ord("¬") + 1), *range(ord("®"), ord("ÿ") + 1)]
    spelling, shifted = {}, 0
    for b in range(256):
        if b in printable:
            spelling[b] = chr(b)
        else:
            spelling[b] = chr(256 + shifted)
            shifted += 1
    return [spelling[b] for b in range(256)]


def vocabulary(smollm2_path):
    field = GGUFReader(smollm2_path).fields["tokenizer.ggml.merges"]
    tokens = byte_tokens()
    known, merges = set(tokens), []
    for index in field.data:
        merge = bytes(field.parts[index]).decode("utf-8")
        left, right = merge.split(" ")
        if left in known and right in known and left + right not in known:
            merges.append(merge)
            tokens.append(left + right)
            known.add(left + right)
            if len(merges) == MERGES:
                break
    return tokens + SPECIALS, merges


def main():
    path, smollm2_path = sys.argv[1], sys.argv[2]
    untied = "--untied" in sys.argv
    tokens, merges = vocabulary(smollm2_path)
    vocab = len(tokens)
    rng = np.random.default_rng(2024)

    w = gguf.GGUFWriter(path, "qwen2")
    add_shape(w, LAYERS, CONTEXT, DIM, FFN, HEADS, KV_HEADS, eps=1e-6, rope_base=1e6)
    w.add_tokenizer_model("gpt2")
    w.add_tokenizer_pre("qwen2")
    w.add_token_list(tokens)
    w.add_token_types([gguf.TokenType.NORMAL] * (vocab - len(SPECIALS)) + [gguf.TokenType.CONTROL] * len(SPECIALS))
    w.add_token_merges(merges)
    w.add_bos_token_id(tokens.index("<|endoftext|>"))
    w.add_eos_token_id(tokens.index("<|im_end|>"))
    w.add_add_bos_token(False)

    def tensor(name, *shape, scale, mean=0.0):
        w.add_tensor(name, (mean + scale * rng.standard_normal(shape)).astype(np.float32))

    kv_dim = DIM // HEADS * KV_HEADS
    tensor("token_embd.weight", vocab, DIM, scale=1.0)
    for l in range(LAYERS):
        p = f"blk.{l}."
        tensor(p + "attn_norm.weight", DIM, scale=0.1, mean=1.0)
        tensor(p + "attn_q.weight", DIM, DIM, scale=0.3)
        tensor(p + "attn_q.bias", DIM, scale=0.5)
        tensor(p + "attn_k.weight", kv_dim, DIM, scale=0.3)
        tensor(p + "attn_k.bias", kv_dim, scale=0.5)
        tensor(p + "attn_v.weight", kv_dim, DIM, scale=0.3)
        tensor(p + "attn_v.bias", kv_dim, scale=0.5)
        tensor(p + "attn_output.weight", DIM, DIM, scale=0.15)
        tensor(p + "ffn_norm.weight", DIM, scale=0.1, mean=1.0)
        tensor(p + "ffn_gate.weight", FFN, DIM, scale=0.2)
        tensor(p + "ffn_up.weight", FFN, DIM, scale=0.2)
        tensor(p + "ffn_down.weight", DIM, FFN, scale=0.15)
    tensor("output_norm.weight", DIM, scale=0.1, mean=1.0)
    if untied:
        tensor("output.weight", vocab, DIM, scale=0.5)

    write(w)
    with open(path, "rb") as f:
        print(hashlib.sha256(f.read()).hexdigest())


if __name__ == "__main__":
    main()
