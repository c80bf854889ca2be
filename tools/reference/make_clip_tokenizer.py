"""Builds Diagonal's canonical CLIP tokenizer files in assets/tokenizer/clip/.

Setup (any Python 3.10+):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root:
    .venv/bin/python tools/reference/make_clip_tokenizer.py [--out assets/tokenizer/clip]

What it does:
1. `pip download`s the open-clip-torch wheel (no dependencies) into a temporary folder and reads
   `open_clip/bpe_simple_vocab_16e6.txt.gz` straight out of the wheel zip (open_clip is NOT imported:
   its package pulls torchvision/ftfy, which are not needed here).
2. Builds the vocabulary exactly as open_clip's SimpleTokenizer does: the 256 byte symbols of
   bytes_to_unicode(), the same 256 with "</w>", one entry per merge (49152 - 256 - 2 merges), then
   the two special tokens. The specials get OpenAI/HF names `<|startoftext|>` (49406) and
   `<|endoftext|>` (49407); open_clip calls them `<start_of_text>`/`<end_of_text>` with the same ids.
3. Writes vocab.json + merges.txt to a temporary folder, loads them with transformers'
   `CLIPTokenizer.from_pretrained(folder)` (transformers 5.x ignores `vocab_file=`), and
   `save_pretrained`s the result into the output folder (tokenizer.json, tokenizer_config.json, ...),
   together with the vocab.json and merges.txt it was built from.
4. Checks 'a photo of a cat.' -> [49406, 320, 1125, 539, 320, 2368, 269, 49407] and that the saved
   folder loads back to identical ids.
"""

import argparse
import gzip
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

OPEN_CLIP_REQUIREMENT = "open-clip-torch==3.3.0"
BPE_MEMBER = "open_clip/bpe_simple_vocab_16e6.txt.gz"
MERGE_COUNT = 49152 - 256 - 2
EXPECTED_CAT = [49406, 320, 1125, 539, 320, 2368, 269, 49407]
BOS, EOS = "<|startoftext|>", "<|endoftext|>"


def bytes_to_unicode():
    """open_clip's / GPT-2's reversible byte -> printable unicode table, in the same order."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(2 ** 8):
        if b not in bs:
            bs.append(b)
            cs.append(2 ** 8 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


def download_bpe(work: Path) -> bytes:
    """Fetches the open-clip-torch wheel with pip and returns the gzipped BPE merges file it ships."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--retries", "0", "-d", str(work), OPEN_CLIP_REQUIREMENT],
        check=True,
    )
    wheels = sorted(work.glob("open_clip_torch-*.whl"))
    if not wheels:
        sys.exit(f"pip did not produce an open_clip_torch wheel in {work}")
    with zipfile.ZipFile(wheels[-1]) as wheel:
        return wheel.read(BPE_MEMBER)


def build_vocab_and_merges(bpe_gz: bytes):
    lines = gzip.decompress(bpe_gz).decode("utf-8").split("\n")
    merges = [tuple(line.split()) for line in lines[1 : MERGE_COUNT + 1]]
    assert len(merges) == MERGE_COUNT and all(len(m) == 2 for m in merges), "unexpected BPE file layout"
    symbols = list(bytes_to_unicode().values())
    vocab = symbols + [s + "</w>" for s in symbols]
    vocab += ["".join(m) for m in merges]
    vocab += [BOS, EOS]
    encoder = dict(zip(vocab, range(len(vocab))))
    assert len(encoder) == len(vocab) == 49408, f"vocabulary has {len(encoder)} unique of {len(vocab)} entries"
    return encoder, merges


def write_vocab_files(folder: Path, encoder, merges):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "vocab.json").write_text(json.dumps(encoder, ensure_ascii=False), encoding="utf-8")
    merge_text = "#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges)
    (folder / "merges.txt").write_text(merge_text, encoding="utf-8")


def check_ids(tokenizer, where):
    ids = tokenizer("a photo of a cat.")["input_ids"]
    if ids != EXPECTED_CAT:
        sys.exit(f"{where}: 'a photo of a cat.' -> {ids}, expected {EXPECTED_CAT}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="assets/tokenizer/clip", help="output folder")
    args = parser.parse_args()
    out = Path(args.out)

    from transformers import CLIPTokenizer

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        encoder, merges = build_vocab_and_merges(download_bpe(tmp / "wheel"))
        source = tmp / "source"
        write_vocab_files(source, encoder, merges)
        tokenizer = CLIPTokenizer.from_pretrained(str(source), model_max_length=77)
        if len(tokenizer) != 49408:
            sys.exit(f"transformers built a {len(tokenizer)}-token vocabulary instead of 49408")
        check_ids(tokenizer, "built tokenizer")

        if out.exists():
            shutil.rmtree(out)
        tokenizer.save_pretrained(str(out))
        # keep the plain BPE files next to tokenizer.json (some loaders only read those)
        for name in ("vocab.json", "merges.txt"):
            if not (out / name).exists():
                shutil.copy(source / name, out / name)

    check_ids(CLIPTokenizer.from_pretrained(str(out)), f"reloaded {out}")
    print(f"wrote {sorted(p.name for p in out.iterdir())} to {out}; 'a photo of a cat.' -> {EXPECTED_CAT}")


if __name__ == "__main__":
    main()
