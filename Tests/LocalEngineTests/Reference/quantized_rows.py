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

# The f16 fields of the formats written byte by byte: (byte offset, size relative to the scale d). A min dmin of
# about d times the middle quantized value centres the weights on zero. TYPICAL_PRODUCT: about what d multiplies
# (sub-scale × distance from the centre), to give the weights a chosen magnitude.
HALF_FIELDS = {"Q4_K": [(0, 1), (2, 7.5)], "Q5_K": [(0, 1), (2, 15.5)], "Q6_K": [(208, 1)]}
TYPICAL_PRODUCT = {"Q4_K": 32 * 4, "Q5_K": 32 * 8, "Q6_K": 64 * 16}


def random_blocks(name, rows, columns, rng, magnitude=1.0):
    """Random valid blocks of a K-quant type whose weights are about `magnitude` in size."""
    qtype = GGMLQuantizationType[name]
    block_length, block_bytes = GGML_QUANT_SIZES[qtype]
    blocks = rows * columns // block_length
    data = rng.integers(0, 256, size=(blocks, block_bytes), dtype=np.uint8)
    for offset, relative in HALF_FIELDS[name]:
        halves = (rng.uniform(0.5, 1.5, size=blocks) * relative * magnitude / TYPICAL_PRODUCT[name]).astype(np.float16)
        data[:, offset:offset + 2] = halves.view(np.uint8).reshape(blocks, 2)
    return data.reshape(rows, -1)


def quantized(name, floats, rng):
    """`floats` in the format `name`: gguf-py's quantizer, or random blocks of the same magnitude if it has none."""
    qtype = GGMLQuantizationType[name]
    try:
        return quantize(floats, qtype)
    except NotImplementedError:
        return random_blocks(name, floats.shape[0], floats.shape[1], rng, float(np.abs(floats).mean()))


def main():
    name, rows, columns, seed, out_dir = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
    qtype = GGMLQuantizationType[name]
    rng = np.random.default_rng(seed)
    data = quantized(name, rng.standard_normal((rows, columns)).astype(np.float32), rng)
    floats = dequantize(data, qtype).astype("<f4").reshape(rows, columns)
    np.ascontiguousarray(data).tofile(f"{out_dir}/weights.bin")
    floats.tofile(f"{out_dir}/dequantized.f32")


if __name__ == "__main__":
    main()
