#!/usr/bin/env python3
"""Writes a tiny random llama GGUF with gguf.GGUFWriter, for LocalEngine's kernel-format tests.

usage: make_tiny_llama.py OUT.gguf TYPE [--untied]
TYPE (F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K) is used for every 2-D weight; norms stay
F32 as in real GGUF files. The K-quants need rows of 256 weights, so their models are wider; gguf-py cannot quantize
to them, so their weights are random valid blocks (quantized_rows.py).
--untied adds a separate output.weight instead of tying the output head to the token embedding.
"""
import sys

import numpy as np
import gguf
from gguf import GGMLQuantizationType as T
from quantized_rows import quantized

VOCAB, HEADS, KV_HEADS, LAYERS, CONTEXT = 96, 4, 2, 2, 64


def add_shape(w, layers, context, dim, ffn, heads, kv_heads, eps, rope_base):
    """The hyperparameters every tiny model writes (make_tiny_qwen2.py too)."""
    w.add_block_count(layers)
    w.add_context_length(context)
    w.add_embedding_length(dim)
    w.add_feed_forward_length(ffn)
    w.add_head_count(heads)
    w.add_head_count_kv(kv_heads)
    w.add_layer_norm_rms_eps(eps)
    w.add_rope_freq_base(rope_base)


def write(w):
    """Writes the header, metadata and tensors, and closes the file (every tiny model)."""
    w.write_header_to_file()
    w.write_kv_data_to_file()
    w.write_tensors_to_file()
    w.close()


def main():
    path, type_name = sys.argv[1], sys.argv[2]
    untied = "--untied" in sys.argv
    qtype = T[type_name]
    DIM, FFN = (256, 512) if type_name.endswith("_K") else (64, 96)
    rng = np.random.default_rng(1234)
    w = gguf.GGUFWriter(path, "llama")
    add_shape(w, LAYERS, CONTEXT, DIM, FFN, HEADS, KV_HEADS, eps=1e-5, rope_base=10000.0)
    w.add_vocab_size(VOCAB)

    def matrix(name, rows, columns, scale):
        m = (rng.standard_normal((rows, columns)) * scale).astype(np.float32)
        if qtype == T.F32:
            w.add_tensor(name, m)
        elif qtype == T.F16:
            w.add_tensor(name, m.astype(np.float16))
        else:
            w.add_tensor(name, quantized(type_name, m, rng), raw_dtype=qtype)

    def norm(name):
        w.add_tensor(name, (1 + 0.1 * rng.standard_normal(DIM)).astype(np.float32))

    kv_dim = DIM // HEADS * KV_HEADS
    matrix("token_embd.weight", VOCAB, DIM, 1.0)
    for l in range(LAYERS):
        p = f"blk.{l}."
        norm(p + "attn_norm.weight")
        matrix(p + "attn_q.weight", DIM, DIM, 0.3)
        matrix(p + "attn_k.weight", kv_dim, DIM, 0.3)
        matrix(p + "attn_v.weight", kv_dim, DIM, 0.3)
        matrix(p + "attn_output.weight", DIM, DIM, 0.15)
        norm(p + "ffn_norm.weight")
        matrix(p + "ffn_gate.weight", FFN, DIM, 0.2)
        matrix(p + "ffn_up.weight", FFN, DIM, 0.2)
        matrix(p + "ffn_down.weight", DIM, FFN, 0.15)
    norm("output_norm.weight")
    if untied:
        matrix("output.weight", VOCAB, DIM, 0.5)

    write(w)


if __name__ == "__main__":
    main()
