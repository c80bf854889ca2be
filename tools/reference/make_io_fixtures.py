"""Writes the safetensors fixtures that the Java reader (dev.diagonal.io) is tested against.

Setup (any Python 3.10+):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy

Usage:
    .venv/bin/python tools/reference/make_io_fixtures.py
        writes src/test/resources/fixtures/io/ (files below) and prints their sizes.
    .venv/bin/python tools/reference/make_io_fixtures.py --verify-java DIR
        checks files written by the Java writer into DIR (the SafetensorsTest round trip writes
        java_f32.safetensors and java_f16.safetensors there when run with
        -Ddiagonal.io.javaWrittenDir=DIR): Python's safetensors must load them, the header must be
        8-byte aligned and space padded, F32 values must equal the fixture's, and F16 values must equal
        torch's own float32 -> float16 rounding bit for bit.

Files written (all by safetensors.torch.save_file):
    f32.safetensors      float32 tensors (matrix, scalar, empty) + __metadata__
    f16.safetensors      float16 edge values (subnormals, +-0, +-inf, NaN, max) + random values
    bf16.safetensors     bfloat16 edge values + random values
    i64.safetensors      int64 values, including ones float32 cannot hold exactly
    mixed.safetensors    F64, I32, I16, I8, U8, BOOL
    sharded/             model.safetensors.index.json + two shards (Hugging Face layout)
    expected.json        per file and tensor: dtype, shape, float32 bit patterns of the values
                         widened by torch (tensor.to(torch.float32)), and the metadata;
                         plus "f16_rounding": float32 inputs and torch's float16 bits for them.
"""

import argparse
import json
import struct
from pathlib import Path

import numpy as np
import torch
from safetensors import safe_open
from safetensors.torch import load_file, save_file

OUT = Path(__file__).resolve().parents[2] / "src" / "test" / "resources" / "fixtures" / "io"
METADATA = {"format": "pt"}  # one key: Python writes __metadata__ in hash order


def f32_bits(t: torch.Tensor) -> list:
    """Bit patterns (signed int32) of the tensor converted to float32 by torch, flattened."""
    return t.to(torch.float32).contiguous().view(torch.int32).flatten().tolist()


def f32_tensors(gen: torch.Generator) -> dict:
    return {
        "encoder.weight": torch.randn(3, 4, generator=gen),
        "encoder.bias": torch.tensor([1.5, -2.25, 0.0, 3.0e-41]),  # includes a float32 subnormal
        "logit_scale": torch.tensor(2.6592),  # scalar, shape []
        "empty": torch.zeros(0, 3),
        "specials": torch.tensor([float("inf"), float("-inf"), -0.0, 3.4028235e38, 1.1754944e-38]),
        # inputs whose float16 rounding is checked by --verify-java (ties, overflow, subnormals)
        "f16_probe": torch.tensor([1.0 + 2.0**-11, 1.0 + 3 * 2.0**-11, 65519.0, 65520.0, 70000.0,
                                   2.0**-25, 1.5 * 2.0**-24, 2.5 * 2.0**-24, 2.0**-14, -0.1, 1 / 3]),
    }


def half_edge_values(dtype: torch.dtype) -> torch.Tensor:
    """Edge bit patterns of a 16-bit float type: zeros, smallest/largest subnormal, min normal,
    max finite, infinities, quiet NaN, one."""
    if dtype == torch.float16:
        patterns = [0x0000, 0x8000, 0x0001, 0x03FF, 0x0400, 0x7BFF, 0xFBFF, 0x7C00, 0xFC00, 0x7E00,
                    0x3C00, 0x3555, 0xC000]
    else:
        patterns = [0x0000, 0x8000, 0x0001, 0x007F, 0x0080, 0x7F7F, 0xFF7F, 0x7F80, 0xFF80, 0x7FC0,
                    0x3F80, 0x3EAB, 0xC000]
    as_int16 = [p - 0x10000 if p >= 0x8000 else p for p in patterns]
    return torch.tensor(as_int16, dtype=torch.int16).view(dtype)


def f16_rounding_cases(gen: np.random.Generator) -> tuple:
    """Float32 inputs that stress round-to-nearest-even to float16, and torch's answers."""
    halves = gen.integers(0, 0x7C00, size=600, dtype=np.int64)  # finite positive halves
    lo = halves.astype(np.uint16).view(np.float16).astype(np.float32)
    hi = (halves + 1).astype(np.uint16).view(np.float16).astype(np.float32)
    mid = ((lo.astype(np.float64) + hi.astype(np.float64)) / 2).astype(np.float32)  # exact ties
    mid_bits = mid.view(np.int32)
    near = np.concatenate([mid_bits - 1, mid_bits, mid_bits + 1]).view(np.float32)
    random_bits = gen.integers(0x33000000 - (1 << 23), 0x47800000 + (1 << 23), size=800,
                               dtype=np.int64).astype(np.int32)  # around the float16 range
    edges = np.array([0.0, -0.0, 65504.0, 65519.996, 65520.0, -65520.0, 1e9, float("inf"),
                      float("-inf"), float("nan"), 2.0**-24, 2.0**-25, 2.0**-26, 1e-30,
                      np.finfo(np.float32).tiny, 6.1e-5, 6.103515625e-05],
                     dtype=np.float32)
    inputs = np.concatenate([edges, near, random_bits.view(np.float32)])
    inputs = np.concatenate([inputs, -inputs])
    out = torch.from_numpy(inputs.copy()).to(torch.float16).view(torch.int16).numpy()
    return inputs.view(np.int32).tolist(), (out.astype(np.int32) & 0xFFFF).tolist()


def build(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    gen = torch.Generator().manual_seed(20240601)
    files = {
        "f32.safetensors": f32_tensors(gen),
        "f16.safetensors": {
            "edges": half_edge_values(torch.float16),
            "values": (torch.randn(2, 3, 4, generator=gen) * 100).to(torch.float16),
        },
        "bf16.safetensors": {
            "edges": half_edge_values(torch.bfloat16),
            "values": (torch.randn(5, 7, generator=gen) * 1e4).to(torch.bfloat16),
        },
        "i64.safetensors": {
            "ids": torch.tensor([[0, 1, -1, 49407], [2**24 + 1, -(2**31), 2**40 + 3, 2**63 - 1]],
                                dtype=torch.int64),
        },
        "mixed.safetensors": {
            "f64": torch.tensor([0.1, -1e300, 1e-320, 3.141592653589793], dtype=torch.float64),
            "i32": torch.tensor([2**31 - 1, -(2**31), 16777217, 7], dtype=torch.int32),
            "i16": torch.tensor([-32768, 32767, 0], dtype=torch.int16),
            "i8": torch.tensor([-128, 127, -1], dtype=torch.int8),
            "u8": torch.tensor([0, 255, 128], dtype=torch.uint8),
            "mask": torch.tensor([[True, False], [False, True]]),
        },
    }
    expected = {}
    for name, tensors in files.items():
        save_file(tensors, str(out / name), metadata=METADATA)
        expected[name] = {"metadata": METADATA, "tensors": describe(tensors)}

    shard_dir = out / "sharded"
    shard_dir.mkdir(exist_ok=True)
    shards = {
        "model-00001-of-00002.safetensors": {
            "text.embed": torch.randn(6, 4, generator=gen),
            "text.norm": torch.randn(4, generator=gen).to(torch.bfloat16),
        },
        "model-00002-of-00002.safetensors": {
            "vision.proj": torch.randn(4, 2, generator=gen).to(torch.float16),
            "vision.scale": torch.tensor(0.5),
        },
    }
    weight_map, total_size, all_tensors = {}, 0, {}
    for shard, tensors in shards.items():
        save_file(tensors, str(shard_dir / shard), metadata={"format": "pt"})
        for key, t in tensors.items():
            weight_map[key] = shard
            total_size += t.numel() * t.element_size()
            all_tensors[key] = t
    index = {"metadata": {"total_size": total_size}, "weight_map": dict(sorted(weight_map.items()))}
    (shard_dir / "model.safetensors.index.json").write_text(json.dumps(index, indent=2) + "\n")
    expected["sharded"] = {"metadata": {}, "tensors": describe(dict(sorted(all_tensors.items())))}

    inputs, f16 = f16_rounding_cases(np.random.default_rng(7))
    expected["f16_rounding"] = {"f32_bits": inputs, "f16_bits": f16}
    (out / "expected.json").write_text(json.dumps(expected, separators=(",", ":")) + "\n")
    for path in sorted(out.rglob("*")):
        if path.is_file():
            print(f"{path.stat().st_size:8d}  {path.relative_to(out)}")


def describe(tensors: dict) -> dict:
    return {key: {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape),
                  "f32_bits": f32_bits(t)} for key, t in tensors.items()}


def check_layout(path: Path) -> dict:
    raw = path.read_bytes()
    (n,) = struct.unpack("<Q", raw[:8])
    header = raw[8:8 + n]
    assert (8 + n) % 8 == 0, f"{path}: data does not start on an 8-byte boundary"
    assert header.startswith(b"{"), f"{path}: header does not start with '{{'"
    text = header.decode("utf-8")
    assert text == text.rstrip(" ") + " " * (len(text) - len(text.rstrip(" "))), "padding is not spaces"
    parsed = json.loads(text)
    keys = [k for k in parsed if k != "__metadata__"]
    assert keys == sorted(keys), f"{path}: header keys are not sorted: {keys}"
    return parsed


def verify_java(directory: Path) -> None:
    source = f32_tensors(torch.Generator().manual_seed(20240601))
    for name, dtype in (("java_f32.safetensors", torch.float32), ("java_f16.safetensors", torch.float16)):
        path = directory / name
        header = check_layout(path)
        loaded = load_file(str(path))
        with safe_open(str(path), framework="numpy") as f:
            metadata = f.metadata()
            numpy_keys = sorted(f.keys())
        assert metadata == METADATA, f"{path}: metadata {metadata}"
        assert sorted(loaded) == sorted(source) == numpy_keys, f"{path}: tensors {sorted(loaded)}"
        for key, want in source.items():
            got = loaded[key]
            assert got.dtype == dtype and list(got.shape) == list(want.shape), f"{path}:{key} {got.dtype} {got.shape}"
            expect = want.to(dtype)
            same = torch.equal(got.view(torch.int16 if dtype == torch.float16 else torch.int32),
                               expect.view(torch.int16 if dtype == torch.float16 else torch.int32))
            assert same, f"{path}:{key}: {got} != {expect}"
        print(f"ok  {path}  ({len(loaded)} tensors, header keys {len(header)})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verify-java", type=Path, metavar="DIR",
                        help="check java_f32/java_f16.safetensors written by the Java writer into DIR")
    parser.add_argument("--out", type=Path, default=OUT, help="fixture folder (default: %(default)s)")
    args = parser.parse_args()
    if args.verify_java:
        verify_java(args.verify_java)
    else:
        build(args.out)
