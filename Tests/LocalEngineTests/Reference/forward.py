#!/usr/bin/env python3
"""Independent float32 forward pass of a llama, qwen2 or gemma3 GGUF model in numpy, the reference for LocalEngine's
tests.

Reads tensors with the PyPI `gguf` package (GGUFReader, gguf.quants.dequantize), so nothing is shared with the Swift
code. Activations stay float32 (no 8-bit rounding). llama's RoPE is llama.cpp's "normal" mode: adjacent pairs
(2i, 2i+1) within each head, which GGUF converters arrange by permuting the Q/K weights; qwen2's is "NEOX" mode,
pairs (i, i + rope_dim/2), and it adds biases to the Q/K/V projections. gemma3 (as llama.cpp's gemma3 graph) rotates
halves too, scales embeddings by sqrt(D), RMS-norms each query and key head before RoPE and each block's output before
the residual, gates with tanh-GELU, and its sliding-window layers (five of every six) see only the last
`sliding_window` keys and use RoPE base `rope.freq_base_swa`; `attention.key_length` may set the head width. On Gemma 3
270M (Q4_K_M) its first-token log-probabilities for "The capital of France is" were within 0.14 of llama.cpp's top 5.

usage: forward.py MODEL.gguf --tokens 1,2,3 [--all]
prints JSON {"logits": [[...], ...]}: one row for the last token, or one per token with --all.
"""
import argparse
import json
import sys

import numpy as np
from gguf import GGUFReader
from gguf.quants import dequantize


def field(reader, key, default=None):
    f = reader.fields.get(key)
    if f is None:
        return default
    value = f.parts[f.data[0]]
    if f.types[0].name == "STRING":
        return bytes(value).decode("utf-8")
    return value.item() if value.size == 1 else value


def load(reader):
    tensors = {}
    for t in reader.tensors:
        columns = int(t.shape[0])
        rows = int(np.prod(t.shape)) // columns
        w = dequantize(t.data, t.tensor_type).astype(np.float32)
        tensors[t.name] = w.reshape(rows, columns) if rows > 1 else w.reshape(columns)
    return tensors


def rms_norm(x, w, eps):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def rope(v, positions, head_dim, rope_dim, base, halves):
    # v: (tokens, heads, head_dim); rotate pairs (2i, 2i+1), or with `halves` (i, i + rope_dim/2), i < rope_dim/2
    i = np.arange(rope_dim // 2, dtype=np.float64)
    freqs = base ** (-2.0 * i / rope_dim)
    angles = positions[:, None].astype(np.float64) * freqs[None, :]
    c = np.cos(angles).astype(np.float32)[:, None, :]
    s = np.sin(angles).astype(np.float32)[:, None, :]
    first, second = (slice(0, rope_dim // 2), slice(rope_dim // 2, rope_dim)) if halves else \
        (slice(0, rope_dim, 2), slice(1, rope_dim, 2))
    out = v.copy()
    a, b = v[:, :, first], v[:, :, second]
    out[:, :, first] = a * c - b * s
    out[:, :, second] = a * s + b * c
    return out


def gelu(x):
    # GELU's tanh approximation, as llama.cpp's ggml_gelu and gemma's gelu_pytorch_tanh
    return 0.5 * x * (1 + np.tanh(np.sqrt(2 / np.pi) * (x + 0.044715 * x ** 3)))


def forward(reader, tokens):
    arch = field(reader, "general.architecture")
    if arch not in ("llama", "qwen2", "gemma3"):
        sys.exit(f"forward.py: architecture {arch!r} is not implemented")
    gemma = arch == "gemma3"
    n_layers = field(reader, f"{arch}.block_count")
    n_heads = field(reader, f"{arch}.attention.head_count")
    n_kv = field(reader, f"{arch}.attention.head_count_kv", n_heads)
    eps = float(field(reader, f"{arch}.attention.layer_norm_rms_epsilon"))
    base = float(field(reader, f"{arch}.rope.freq_base", 10000.0))
    window = field(reader, f"{arch}.attention.sliding_window", 0) if gemma else 0
    base_swa = float(field(reader, f"{arch}.rope.freq_base_swa", 10000.0))
    w = load(reader)
    emb = w["token_embd.weight"]
    dim = emb.shape[1]
    head_dim = field(reader, f"{arch}.attention.key_length", dim // n_heads)
    rope_dim = field(reader, f"{arch}.rope.dimension_count", head_dim)
    halves = arch != "llama"
    n = len(tokens)
    positions = np.arange(n)
    x = emb[np.array(tokens)].astype(np.float32)
    if gemma:
        x = x * np.float32(np.sqrt(dim))
    causal = np.triu(np.full((n, n), -np.inf, dtype=np.float32), k=1)
    # gemma3's sliding-window layers: a query at position i sees keys j with i - window < j <= i
    windowed = causal + np.tril(np.full((n, n), -np.inf, dtype=np.float32), k=-window) if window else causal
    for l in range(n_layers):
        p = f"blk.{l}."
        # gemma3 (llama.cpp's swa pattern 6): five sliding-window layers, then one global layer
        sliding = window > 0 and l % 6 < 5
        layer_base, mask = (base_swa, windowed) if sliding else (base, causal)
        h = rms_norm(x, w[p + "attn_norm.weight"], eps)
        q, k, v = (h @ w[p + f"attn_{x}.weight"].T + w.get(p + f"attn_{x}.bias", 0) for x in "qkv")
        q, k, v = q.reshape(n, n_heads, head_dim), k.reshape(n, n_kv, head_dim), v.reshape(n, n_kv, head_dim)
        if gemma:
            # gemma3's GGUF norm weights already hold Gemma's (1 + w): every norm is a plain RMS norm
            q = rms_norm(q, w[p + "attn_q_norm.weight"], eps)
            k = rms_norm(k, w[p + "attn_k_norm.weight"], eps)
        q = rope(q, positions, head_dim, rope_dim, layer_base, halves)
        k = rope(k, positions, head_dim, rope_dim, layer_base, halves)
        # gemma_pytorch scales the 27B's (62 layers) queries by 1/sqrt(D/heads), every other model's by 1/sqrt(head_dim)
        scale = 1 / np.sqrt(dim // n_heads if gemma and n_layers == 62 else head_dim)
        group = n_heads // n_kv
        out = np.empty((n, n_heads, head_dim), dtype=np.float32)
        for hh in range(n_heads):
            kv = hh // group
            scores = q[:, hh, :] @ k[:, kv, :].T * scale + mask
            scores = np.exp(scores - scores.max(axis=1, keepdims=True))
            scores /= scores.sum(axis=1, keepdims=True)
            out[:, hh, :] = scores @ v[:, kv, :]
        a = out.reshape(n, n_heads * head_dim) @ w[p + "attn_output.weight"].T
        x = x + (rms_norm(a, w[p + "post_attention_norm.weight"], eps) if gemma else a)
        h = rms_norm(x, w[p + "ffn_norm.weight"], eps)
        g = h @ w[p + "ffn_gate.weight"].T
        u = h @ w[p + "ffn_up.weight"].T
        f = ((gelu(g) if gemma else g / (1 + np.exp(-g))) * u) @ w[p + "ffn_down.weight"].T
        x = x + (rms_norm(f, w[p + "post_ffw_norm.weight"], eps) if gemma else f)
    x = rms_norm(x, w["output_norm.weight"], eps)
    head = w.get("output.weight", emb)
    return x @ head.T


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("model")
    parser.add_argument("--tokens", required=True)
    parser.add_argument("--all", action="store_true")
    args = parser.parse_args()
    tokens = [int(t) for t in args.tokens.split(",") if t]
    logits = forward(GGUFReader(args.model), tokens)
    rows = logits if args.all else logits[-1:]
    json.dump({"logits": [[round(float(v), 5) for v in row] for row in rows]}, sys.stdout)


if __name__ == "__main__":
    main()
