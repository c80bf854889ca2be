"""Writes the CLIP tokenizer fixtures the Java tests compare against (ids from HF CLIPTokenizerFast).

Setup (any Python 3.10+):
    python3 -m venv .venv && .venv/bin/pip install --retries 0 torch==2.13.0 transformers safetensors pillow numpy
Run from the repository root, after tools/reference/make_clip_tokenizer.py has written assets/tokenizer/clip:
    .venv/bin/python tools/reference/make_tokenizer_fixtures.py

Outputs in src/test/resources/fixtures/text/:
- clip_curated.json: a hand-written list of tricky strings (accents, CJK, emoji with ZWJ and skin tones,
  punctuation runs, HTML entities, digit runs, contractions in both cases, odd whitespace, the empty
  string, special-token text, texts far over 77 tokens).
- clip_heldout.json: a second corpus generated differently -- seeded random mixtures of vocabulary
  pieces, random code points from many scripts, emoji sequences, digits, punctuation and whitespace --
  so the Java side is not tuned to one list.
- clip_batch.json: one padded batch (padding="longest") with input_ids and attention_mask.
- clip_config_variant.json: a folder with only vocab.json + merges.txt + a tokenizer_config.json whose
  pad token is "!" and whose start token is a normalized AddedToken (as in some LAION exports): HF
  turns every special token into an added token, so "!" in the text becomes id 0.
Each case holds the ids for every max length in MAX_LENGTHS: unpadded, with <|startoftext|> and
<|endoftext|>, truncated to the max length with <|endoftext|> kept last (HF truncation=True).
"""

import argparse
import json
import random
import shutil
import sys
from pathlib import Path

MAX_LENGTHS = [77, 16]
HELDOUT_SEED = 20240611
HELDOUT_SIZE = 400

LONG_TEXT = (
    "A long caption: a golden retriever puppy sits on a wooden porch next to a red bicycle, while in the "
    "background an old man in a blue coat reads yesterday's newspaper under a striped umbrella; the sky is "
    "overcast, the street is wet from the rain, and three pigeons peck at crumbs near a bakery whose sign "
    "says 'Fresh Bread Since 1923' in faded gold letters."
)

CURATED = [
    "a photo of a cat.",
    "",
    " ",
    "   \t\n  ",
    "A PHOTO OF A CAT.",
    "a  photo\tof\na\r\ncat .",
    "  leading and trailing spaces  ",
    "MiXeD CaSe WoRdS LiKe iPhone and McDonald's",
    # contractions, lower and upper case
    "it's isn't we're they've i'm you'll he'd",
    "IT'S ISN'T WE'RE THEY'VE I'M YOU'LL HE'D",
    "It'S iSn'T We'Re",
    "'s 't 're 've 'm 'll 'd",
    "rock 'n' roll, ma'am, o'clock, y'all'd've",
    "don\u2019t curly apostrophe \u2018quoted\u2019 \u201cdouble\u201d",
    # accents and composed/decomposed forms
    "caf\u00e9 na\u00efve r\u00e9sum\u00e9 fa\u00e7ade co\u00f6perate",
    "cafe\u0301 nai\u0308ve (decomposed accents)",
    "\u00c9COLE \u00dcBER \u00c5NGSTR\u00d6M",
    "stra\u00dfe STRASSE \u1e9e",
    "\u0130stanbul \u0131\u015f\u0131k Diyarbak\u0131r",
    "\ufb01nance \ufb02ower (ligatures)",
    "\u212b \u2126 \u00b5 \u03bc",
    "\uff26\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48 \uff11\uff12\uff13",
    "\u0394\u03b9\u03bf\u03bd\u03cd\u03c3\u03b9\u03bf\u03c2 \u041c\u043e\u0441\u043a\u0432\u0430 \u0417\u0414\u0420\u0410\u0412\u0421\u0422\u0412\u0423\u0419\u0422\u0415",
    # CJK and other scripts
    "\u4e00\u53ea\u732b\u5750\u5728\u7a97\u53f0\u4e0a",
    "\u732b\u306e\u5199\u771f\u3002\u30cd\u30b3\u3068\u3072\u3089\u304c\u306a",
    "\uace0\uc591\uc774 \uc0ac\uc9c4",
    "\u0635\u0648\u0631\u0629 \u0642\u0637\u0629 \u0661\u0662\u0663",
    "\u05ea\u05de\u05d5\u05e0\u05d4 \u05e9\u05dc \u05d7\u05ea\u05d5\u05dc",
    "\u092c\u093f\u0932\u094d\u0932\u0940 \u0915\u0940 \u0924\u0938\u094d\u0935\u0940\u0930 \u0967\u0968\u0969",
    "\u0e41\u0e21\u0e27\u0e19\u0e48\u0e32\u0e23\u0e31\u0e01",
    "mixed \u4e2d\u6587English\u65e5\u672c\u8a9ewords",
    # emoji
    "\U0001f431\U0001f436\U0001f600",
    "family \U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466 zwj",
    "thumbs \U0001f44d\U0001f3fb\U0001f44d\U0001f3ff skin tones",
    "\U0001f3f3\ufe0f\u200d\U0001f308 \U0001f1eb\U0001f1f7 \u2764\ufe0f \u2764",
    "\U0001f469\U0001f3fd\u200d\U0001f4bb coder \U0001f9d1\u200d\U0001f91d\u200d\U0001f9d1",
    "cat\U0001f431dog\U0001f436",
    # punctuation runs
    "wow!!! really??? ...and then---",
    "!!!???...,,,;;;:::",
    "(a) [b] {c} <d> \"e\" 'f' `g`",
    "#hashtag @mention http://example.com/path?q=1&r=2",
    "snake_case kebab-case camelCase dotted.name",
    "\u2014 \u2013 \u2026 \u00ab\u00bb \u00bf\u00a1 \u00a7\u00b6 \u2122\u00ae\u00a9",
    "$100 \u20ac50 \u00a330 \u00a5900 50% 3\u00bd",
    # HTML entities stay literal in HF (no html.unescape)
    "fish &amp; chips &lt;b&gt;bold&lt;/b&gt; &quot;q&quot; &#39;s &nbsp;",
    "<b>bold</b> <br/> <img src=\"x.png\">",
    # numbers
    "1234567890",
    "3.14159265358979323846264338327950288419716939937510",
    "year 2024, 1,000,000 people, 0.5 kg, 1e-10, -42, +7",
    "phone: +1 (555) 123-4567",
    "0" * 100,
    # special-token text inside the input
    "hello <|endoftext|> world",
    "<|startoftext|>already wrapped<|endoftext|>",
    "<|ENDOFTEXT|> is not special after lowercasing?",
    "<|STARTOFTEXT|>upper start<|endoftext|>",
    # odd whitespace and control characters
    "non\u00a0breaking\u2003em\u3000ideographic\u2028line\u2029para",
    "zero\u200bwidth\u200cjoiner\u200dchars\ufeffbom",
    "bell\u0007null\u0000del\u007fnel\u0085",
    "tab\t\t\ttabs\n\n\nnewlines\r\r\v\f",
    # long texts
    LONG_TEXT,
    LONG_TEXT.upper(),
    " ".join(["cat"] * 120),
    "supercalifragilisticexpialidocious " * 10,
    "\U0001f431" * 60,
    "\u4e00\u4e8c\u4e09\u56db\u4e94\u516d\u4e03\u516b\u4e5d\u5341" * 8,
    "a" * 500,
    "antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis",
    "The quick brown fox jumps over the lazy dog. " * 5,
]


VARIANT_CONFIG = {
    "bos_token": {"__type": "AddedToken", "content": "<|startoftext|>", "lstrip": False, "normalized": True,
                  "rstrip": False, "single_word": False},
    "eos_token": "<|endoftext|>",
    "unk_token": "<|endoftext|>",
    "pad_token": "!",
    "tokenizer_class": "CLIPTokenizer",
}
VARIANT_EXTRA = ["hey! you!", "!", "!!!", "wow!!! really?!", "<|STARTOFTEXT|> shouted start", "<|startoftext|>!<|endoftext|>"]


def byte_decoder():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("\u00a1"), ord("\u00ac") + 1)) + list(range(ord("\u00ae"), ord("\u00ff") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def vocab_words(tokenizer):
    """Vocabulary entries turned back into text (bytes decoded, '</w>' dropped), valid UTF-8 only."""
    decoder = byte_decoder()
    words = []
    for token in tokenizer.get_vocab():
        if token.startswith("<|"):
            continue
        raw = token[:-4] if token.endswith("</w>") else token
        try:
            words.append(bytes(decoder[c] for c in raw).decode("utf-8"))
        except (UnicodeDecodeError, KeyError):
            pass
    return sorted(words)


CODE_POINT_RANGES = [
    (0x00C0, 0x024F),  # Latin-1 supplement letters, Latin extended
    (0x0300, 0x036F),  # combining diacritics
    (0x0370, 0x03FF),  # Greek
    (0x0400, 0x04FF),  # Cyrillic
    (0x0590, 0x05FF),  # Hebrew
    (0x0600, 0x06FF),  # Arabic (incl. Arabic-Indic digits)
    (0x0900, 0x097F),  # Devanagari
    (0x0E00, 0x0E7F),  # Thai
    (0x1E00, 0x1EFF),  # Latin extended additional
    (0x2000, 0x206F),  # general punctuation (odd spaces, ZWJ, line separators)
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike, number forms
    (0x2190, 0x22FF),  # arrows, math
    (0x2460, 0x24FF),  # enclosed alphanumerics
    (0x2600, 0x27BF),  # misc symbols, dingbats
    (0x3000, 0x30FF),  # CJK punctuation, kana
    (0x4E00, 0x9FFF),  # CJK ideographs
    (0xAC00, 0xD7A3),  # Hangul syllables
    (0xFB00, 0xFB4F),  # ligatures
    (0xFF00, 0xFFEF),  # fullwidth / halfwidth forms
    (0x1D400, 0x1D7FF),  # math alphanumerics
    (0x1F300, 0x1F6FF),  # emoji
    (0x1F900, 0x1F9FF),  # supplemental emoji
]
WHITESPACE = [" ", " ", " ", "  ", "\t", "\n", "\r\n", "\u00a0", "\u3000", "\u2003", " \t "]
PUNCTUATION = list("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~") + ["...", "!!", "?!", "--", "\u2026", "\u00bf", "&amp;", "&lt;"]
CONTRACTIONS = ["'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'T", "'RE", "'VE", "'M", "'LL", "'D"]
SKIN_TONES = [chr(c) for c in range(0x1F3FB, 0x1F400)]


def random_code_point(rng):
    low, high = rng.choice(CODE_POINT_RANGES)
    while True:
        c = rng.randint(low, high)
        if not (0xD800 <= c <= 0xDFFF):
            return chr(c)


def random_emoji(rng):
    base = chr(rng.randint(0x1F300, 0x1F64F))
    roll = rng.random()
    if roll < 0.3:
        return base + rng.choice(SKIN_TONES)
    if roll < 0.6:
        return base + "\u200d" + chr(rng.randint(0x1F300, 0x1F64F)) + ("\ufe0f" if rng.random() < 0.5 else "")
    return base


def random_piece(rng, words):
    roll = rng.random()
    if roll < 0.40:
        word = rng.choice(words)
        case = rng.random()
        return word.upper() if case < 0.15 else word.capitalize() if case < 0.3 else word
    if roll < 0.55:
        return "".join(random_code_point(rng) for _ in range(rng.randint(1, 4)))
    if roll < 0.62:
        return random_emoji(rng)
    if roll < 0.70:
        return str(rng.randint(0, 10 ** rng.randint(1, 12)))
    if roll < 0.80:
        return "".join(rng.choice(PUNCTUATION) for _ in range(rng.randint(1, 3)))
    if roll < 0.88:
        return rng.choice(words) + rng.choice(CONTRACTIONS)
    return rng.choice(WHITESPACE)


def heldout_corpus(words):
    rng = random.Random(HELDOUT_SEED)
    texts = []
    for _ in range(HELDOUT_SIZE):
        # mostly short captions, some far beyond 77 tokens
        count = rng.randint(1, 12) if rng.random() < 0.75 else rng.randint(30, 120)
        text = ""
        for _ in range(count):
            separator = rng.choice(WHITESPACE) if rng.random() < 0.7 else ""
            text += separator + random_piece(rng, words)
        texts.append(text)
    return texts


def encode_cases(tokenizer, texts):
    cases = []
    for text in texts:
        ids = {str(n): tokenizer(text, truncation=True, max_length=n)["input_ids"] for n in MAX_LENGTHS}
        for n in MAX_LENGTHS:
            row = ids[str(n)]
            assert row[0] == tokenizer.bos_token_id and row[-1] == tokenizer.eos_token_id and len(row) <= n, (text, row)
        cases.append({"text": text, "ids": ids})
    return cases


def config_variant(tokenizer_dir: Path, texts, header):
    """HF ids for a vocab.json + merges.txt folder with VARIANT_CONFIG as tokenizer_config.json."""
    import tempfile
    from transformers import CLIPTokenizerFast

    with tempfile.TemporaryDirectory() as tmp:
        for name in ("vocab.json", "merges.txt"):
            shutil.copy(tokenizer_dir / name, Path(tmp) / name)
        (Path(tmp) / "tokenizer_config.json").write_text(json.dumps(VARIANT_CONFIG), encoding="utf-8")
        tokenizer = CLIPTokenizerFast.from_pretrained(tmp)
        assert tokenizer.pad_token_id == 0, tokenizer.pad_token_id
        cases = encode_cases(tokenizer, texts)
        batch = tokenizer(texts[:6], padding="longest", truncation=True, max_length=MAX_LENGTHS[0])
    return {**header, "corpus": "curated + '!' strings, config variant", "tokenizer_config": VARIANT_CONFIG,
            "pad_token_id": 0, "cases": cases,
            "batch": {"texts": texts[:6], "input_ids": batch["input_ids"], "attention_mask": batch["attention_mask"]}}


def write_json(path: Path, payload):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(payload, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {path} ({path.stat().st_size} bytes)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokenizer", default="assets/tokenizer/clip")
    parser.add_argument("--out", default="src/test/resources/fixtures/text")
    args = parser.parse_args()

    import tokenizers
    import transformers
    from transformers import CLIPTokenizerFast

    tokenizer = CLIPTokenizerFast.from_pretrained(args.tokenizer)
    if tokenizer("a photo of a cat.")["input_ids"] != [49406, 320, 1125, 539, 320, 2368, 269, 49407]:
        sys.exit(f"{args.tokenizer} is not the CLIP tokenizer")
    out = Path(args.out)
    header = {
        "generator": "tools/reference/make_tokenizer_fixtures.py",
        "tokenizer": args.tokenizer,
        "transformers": transformers.__version__,
        "tokenizers": tokenizers.__version__,
        "max_lengths": MAX_LENGTHS,
    }

    write_json(out / "clip_curated.json", {**header, "corpus": "curated", "cases": encode_cases(tokenizer, CURATED)})
    heldout = heldout_corpus(vocab_words(tokenizer))
    write_json(out / "clip_heldout.json", {**header, "corpus": f"heldout seed {HELDOUT_SEED}", "cases": encode_cases(tokenizer, heldout)})

    batch_texts = ["a photo of a cat.", "", "a diagram", LONG_TEXT, "\U0001f431 \u732b"]
    batch = {}
    for n in MAX_LENGTHS:
        encoded = tokenizer(batch_texts, padding="longest", truncation=True, max_length=n)
        batch[str(n)] = {"input_ids": encoded["input_ids"], "attention_mask": encoded["attention_mask"]}
    variant = config_variant(Path(args.tokenizer), VARIANT_EXTRA + CURATED, header)
    write_json(out / "clip_config_variant.json", variant)
    write_json(out / "clip_batch.json", {**header, "pad_token_id": tokenizer.pad_token_id, "texts": batch_texts, "batches": batch})


if __name__ == "__main__":
    main()
