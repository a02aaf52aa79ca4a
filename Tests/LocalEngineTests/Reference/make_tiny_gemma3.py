#!/usr/bin/env python3
"""Writes a tiny random gemma3 GGUF with gguf.GGUFWriter, for LocalEngine's gemma3 test against numpy (forward.py).

usage: make_tiny_gemma3.py OUT.gguf
F32 weights, fixed seed. Seven layers, so that llama.cpp's pattern of five sliding-window layers then a global one
(layer 5) is followed by another sliding one; a sliding window of 4 keys, shorter than the test's sequences; RoPE
bases 1e6 (global) and 1e4 (sliding); head width 24 set by `attention.key_length`, not D/heads = 16. Norm weights
are drawn around 1, as the converter stores Gemma's (1 + w). The vocabulary is a minimal SentencePiece-style one
("llama" model, as Gemma's): Gemma's four special tokens, the 256 byte tokens, "▁" and a few letters.
"""
import sys

import numpy as np
import gguf
from make_tiny_llama import add_shape, write

DIM, HEADS, KV_HEADS, HEAD_DIM, LAYERS, FFN, CONTEXT, WINDOW = 64, 4, 2, 24, 7, 96, 128, 4
SPECIALS = ["<pad>", "<eos>", "<bos>", "<unk>"]
PIECES = ["▁", *"abcdefghijklmnopqrstuvwxyz", "▁a", "▁the"]


def main():
    path = sys.argv[1]
    tokens = SPECIALS + [f"<0x{b:02X}>" for b in range(256)] + PIECES
    types = [gguf.TokenType.CONTROL, gguf.TokenType.CONTROL, gguf.TokenType.CONTROL, gguf.TokenType.UNKNOWN] \
        + [gguf.TokenType.BYTE] * 256 + [gguf.TokenType.NORMAL] * len(PIECES)
    vocab = len(tokens)
    rng = np.random.default_rng(3003)

    w = gguf.GGUFWriter(path, "gemma3")
    add_shape(w, LAYERS, CONTEXT, DIM, FFN, HEADS, KV_HEADS, eps=1e-6, rope_base=1e6)
    w.add_key_length(HEAD_DIM)
    w.add_value_length(HEAD_DIM)
    w.add_sliding_window(WINDOW)
    w.add_rope_freq_base_swa(1e4)
    w.add_tokenizer_model("llama")
    w.add_token_list(tokens)
    w.add_token_scores([0.0] * (len(SPECIALS) + 256) + [-float(i) for i in range(len(PIECES))])
    w.add_token_types(types)
    w.add_bos_token_id(2)
    w.add_eos_token_id(1)
    w.add_add_space_prefix(False)

    def tensor(name, *shape, scale, mean=0.0):
        w.add_tensor(name, (mean + scale * rng.standard_normal(shape)).astype(np.float32))

    q_dim, kv_dim = HEADS * HEAD_DIM, KV_HEADS * HEAD_DIM
    tensor("token_embd.weight", vocab, DIM, scale=1.0)
    for l in range(LAYERS):
        p = f"blk.{l}."
        tensor(p + "attn_norm.weight", DIM, scale=0.1, mean=1.0)
        tensor(p + "attn_q.weight", q_dim, DIM, scale=0.3)
        tensor(p + "attn_k.weight", kv_dim, DIM, scale=0.3)
        tensor(p + "attn_v.weight", kv_dim, DIM, scale=0.3)
        tensor(p + "attn_q_norm.weight", HEAD_DIM, scale=0.1, mean=1.0)
        tensor(p + "attn_k_norm.weight", HEAD_DIM, scale=0.1, mean=1.0)
        tensor(p + "attn_output.weight", DIM, q_dim, scale=0.15)
        tensor(p + "post_attention_norm.weight", DIM, scale=0.1, mean=1.0)
        tensor(p + "ffn_norm.weight", DIM, scale=0.1, mean=1.0)
        tensor(p + "ffn_gate.weight", FFN, DIM, scale=0.2)
        tensor(p + "ffn_up.weight", FFN, DIM, scale=0.2)
        tensor(p + "ffn_down.weight", DIM, FFN, scale=0.15)
        tensor(p + "post_ffw_norm.weight", DIM, scale=0.1, mean=1.0)
    tensor("output_norm.weight", DIM, scale=0.1, mean=1.0)

    write(w)


if __name__ == "__main__":
    main()
