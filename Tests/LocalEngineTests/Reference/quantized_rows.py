"""Test weights in a ggml format and gguf-py's dequantization of them (the reference the engine is checked against).

    quantized_rows.py TYPE ROWS COLUMNS SEED OUT_DIR

Writes OUT_DIR/weights.bin (ROWS rows of raw blocks) and OUT_DIR/dequantized.f32 (ROWS x COLUMNS little-endian
float32 from gguf.quants.dequantize). The rows come from gguf.quants.quantize of random floats where gguf-py can
quantize the type; otherwise (the K-quants) they are random valid blocks written byte by byte: random bytes with
the f16 scale fields set to small finite values.
"""
import sys
import numpy as np
from gguf import GGMLQuantizationType, GGML_QUANT_SIZES
from gguf.quants import dequantize, quantize

# Byte offsets of the f16 scale fields within a block, for the formats written byte by byte.
HALF_FIELDS = {"Q4_K": [0, 2], "Q5_K": [0, 2], "Q6_K": [208], "Q5_0": [0], "Q5_1": [0, 2], "Q8_0": [0],
               "Q4_0": [0], "Q4_1": [0, 2]}


def random_blocks(name, qtype, rows, columns, rng):
    block_length, block_bytes = GGML_QUANT_SIZES[qtype]
    blocks = rows * columns // block_length
    data = rng.integers(0, 256, size=(blocks, block_bytes), dtype=np.uint8)
    for offset in HALF_FIELDS[name]:
        halves = rng.uniform(0.0005, 0.02, size=blocks).astype(np.float16)
        data[:, offset:offset + 2] = halves.view(np.uint8).reshape(blocks, 2)
    return data.reshape(rows, -1)


def main():
    name, rows, columns, seed, out_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    qtype = GGMLQuantizationType[name]
    rng = np.random.default_rng(seed)
    try:
        data = quantize(rng.standard_normal((rows, columns)).astype(np.float32), qtype)
    except NotImplementedError:
        data = random_blocks(name, qtype, rows, columns, rng)
    floats = dequantize(data, qtype).astype("<f4").reshape(rows, columns)
    np.ascontiguousarray(data).tofile(f"{out_dir}/weights.bin")
    floats.tofile(f"{out_dir}/dequantized.f32")


if __name__ == "__main__":
    main()
