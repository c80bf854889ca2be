#!/usr/bin/env python3
"""Rebuilds sample-projects/emoji-styles/ from the pinned emoji-datasource npm packages.

Setup: nothing to install but Python 3.9+ (standard library only) and npm on the PATH. Cleaning the
PNGs in pure Python takes a few minutes.
Run from anywhere:

    python3 tools/emoji/build_emoji_project.py            # npm pack + rebuild
    python3 tools/emoji/build_emoji_project.py --tarballs DIR   # reuse tarballs already packed in DIR
    python3 tools/emoji/build_emoji_project.py --check    # rebuild into a temp dir, compare, change nothing

What it does:
  * `npm pack emoji-datasource-google@16.0.0` and `emoji-datasource-twitter@16.0.0` in a temp dir and
    checks each tarball against the sha512 integrity pinned below;
  * takes the base emoji (entries of emoji.json; skin-tone variants under `skin_variations` are skipped)
    that have an image in both vendors' sets (`has_img_google`, `has_img_twitter`, and the 64-px PNG
    present in the tarball) and copies the 64-px PNGs with black under their fully transparent pixels
    (`png_clean.py`: CLIP preprocessing drops alpha, and the Noto PNGs hide edge colours there);
  * names every emoji by emoji.json `name` in lower case (short_name with `_` read as space when the
    name is empty), with typographic quotes made ASCII and other characters outside letters, digits,
    space and - ' & . ( ) , : * # dropped; names shared by several emoji are made unique (see
    `unique_names`);
  * writes google.csv / twitter.csv (filepath,caption,label,category), a seeded split of the Twitter
    concepts into twitter-adapt.csv (20 %) and twitter-heldout.csv (80 %) stratified by subcategory,
    twitter-adapt-with-google.csv (the adaptation set, then every Google emoji: the demo's fine-tuning data),
    templates.txt, diagonal-project.json, LICENSES/, ATTRIBUTION.md and README.md.

The output is deterministic: the same packages give byte-identical files (fixed order, no timestamps).
"""

from __future__ import annotations

import argparse
import base64
import csv
import filecmp
import hashlib
import io
import json
import shutil
import struct
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from fractions import Fraction
from pathlib import Path

from png_clean import clean as clean_png

VERSION = "16.0.0"
VENDORS = ("google", "twitter")
# sha512 integrity of the npm tarballs (as `npm pack --json` reports it).
INTEGRITY = {
    "google": "sha512-ZRexfzs7MVoLnmzZmNsO4TKhnAJp5D++Vm6PpUpH/jEQQlemp3l88CjZ+DoZ2faM9R4QxZkOPJCoT8DlPhfQ3A==",
    "twitter": "sha512-7F+uCuHH+7Qnrc15P5tnbvKkg9E6tlzi4MnT2uW1RlN4pLYTza6cP/dstIfSDMtpjFLWuZewWg8jBbuL2eyELQ==",
}
IMAGE_SIZE = 64
SPLIT_SEED = 20250116
ADAPT_FRACTION = Fraction(1, 5)
PROJECT_NAME = "emoji-styles"
MODEL = "../../assets/models/diagonal-starter-emoji"
TEMPLATES = ("an emoji of {}.", "{}", "a {} emoji.", "an icon of {}.")
KEPT_PUNCTUATION = set("-'&.(),:*#")
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
COLUMNS = ("filepath", "caption", "label", "category")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
DEFAULT_OUT = REPO / "sample-projects" / PROJECT_NAME
LICENSE_SOURCES = HERE / "licenses"


def package(vendor: str) -> str:
    return f"emoji-datasource-{vendor}@{VERSION}"


def tarball_name(vendor: str) -> str:
    return f"emoji-datasource-{vendor}-{VERSION}.tgz"


def fetch_tarballs(work: Path, reuse: Path | None) -> dict[str, Path]:
    """The two tarballs, packed by npm into `work` (or taken from `reuse`), integrity checked."""
    tarballs = {}
    for vendor in VENDORS:
        path = (reuse or work) / tarball_name(vendor)
        if reuse is None:
            subprocess.run(["npm", "pack", package(vendor), "--silent"], cwd=work, check=True,
                           stdout=subprocess.DEVNULL)
        if not path.is_file():
            sys.exit(f"missing tarball {path}")
        digest = hashlib.sha512(path.read_bytes()).digest()
        integrity = "sha512-" + base64.b64encode(digest).decode("ascii")
        if integrity != INTEGRITY[vendor]:
            sys.exit(f"{path}: integrity {integrity} differs from the pinned {INTEGRITY[vendor]}")
        tarballs[vendor] = path
    return tarballs


class Package:
    """emoji.json, LICENSE and the 64-px PNGs of one vendor's tarball."""

    def __init__(self, vendor: str, tarball: Path):
        self.vendor = vendor
        with tarfile.open(tarball, "r:gz") as tar:
            members = {m.name: m for m in tar.getmembers() if m.isfile()}
            self.emoji = json.loads(tar.extractfile(members["package/emoji.json"]).read())
            self.license = tar.extractfile(members["package/LICENSE"]).read()
            prefix = f"package/img/{vendor}/{IMAGE_SIZE}/"
            self.images = {name[len(prefix):]: tar.extractfile(m).read()
                           for name, m in members.items() if name.startswith(prefix)}


def png_size(data: bytes) -> tuple[int, int] | None:
    """(width, height) from the IHDR chunk, or None when `data` is not a PNG."""
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return struct.unpack(">II", data[16:24])


def clean_name(entry: dict) -> str:
    raw = entry.get("name") or (entry.get("short_name") or "").replace("_", " ")
    text = unicodedata.normalize("NFC", raw).translate(QUOTES).lower()
    kept = "".join(c if c.isalnum() or c in KEPT_PUNCTUATION else " " for c in text)
    return " ".join(kept.split())


def short_name_form(entry: dict) -> str:
    return clean_name({"name": (entry.get("short_name") or "").replace("_", " ")})


def unique_names(entries: list[dict]) -> tuple[dict[str, str], list[tuple[str, list[str]]]]:
    """Gives each entry (by `unified`) a unique name; returns the names and the collisions resolved.

    Entries sharing a name are taken in sort_order. The entry whose short_name reads as the shared name
    (or else the first) keeps it; each other takes its short_name form if that is free, else the name
    followed by " 2", " 3", ...
    """
    by_name = defaultdict(list)
    for entry in entries:
        by_name[clean_name(entry)].append(entry)
    taken = set(by_name)
    names, collisions = {}, []
    for name in sorted(by_name):
        group = sorted(by_name[name], key=lambda e: (e["sort_order"], e["unified"]))
        if len(group) == 1:
            names[group[0]["unified"]] = name
            continue
        keeper = next((e for e in group if short_name_form(e) == name), group[0])
        names[keeper["unified"]] = name
        given = [name]
        for entry in group:
            if entry is keeper:
                continue
            candidate, n = short_name_form(entry), 2
            while not candidate or candidate in taken:
                candidate, n = f"{name} {n}", n + 1
            taken.add(candidate)
            names[entry["unified"]] = candidate
            given.append(candidate)
        collisions.append((name, given))
    return names, collisions


def adapt_counts(strata: dict[str, list[str]]) -> dict[str, int]:
    """How many concepts of each stratum go to the adaptation set.

    The total is round(N * ADAPT_FRACTION); every stratum with >= 2 concepts gives at least one and keeps
    at least one; singletons stay held out. Leftovers go by largest remainder (ties by stratum name).
    """
    total = sum(len(v) for v in strata.values())
    target = int(total * ADAPT_FRACTION + Fraction(1, 2))
    quota = {s: len(v) * ADAPT_FRACTION for s, v in strata.items()}
    low = {s: 1 if len(v) >= 2 else 0 for s, v in strata.items()}
    high = {s: len(v) - 1 if len(v) >= 2 else 0 for s, v in strata.items()}
    counts = {s: min(max(int(quota[s]), low[s]), high[s]) for s in strata}
    while sum(counts.values()) != target:
        if sum(counts.values()) < target:
            open_ = [s for s in strata if counts[s] < high[s]]
            pick = min(open_, key=lambda s: (-(quota[s] - counts[s]), s), default=None)
            step = 1
        else:
            open_ = [s for s in strata if counts[s] > low[s]]
            pick = min(open_, key=lambda s: (quota[s] - counts[s], s), default=None)
            step = -1
        if pick is None:
            break
        counts[pick] += step
    return counts


def split_concepts(rows: list[dict]) -> set[str]:
    """The captions (concepts) of the adaptation set; the rest is held out."""
    strata = defaultdict(list)
    for row in rows:
        strata[row["label"]].append(row["caption"])

    def rank(name: str) -> str:
        return hashlib.sha256(f"{SPLIT_SEED}\0{name}".encode("utf-8")).hexdigest()

    counts = adapt_counts(strata)
    adapt = set()
    for stratum in sorted(strata):
        adapt.update(sorted(strata[stratum], key=lambda name: (rank(name), name))[:counts[stratum]])
    return adapt


def write_text(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))


def write_csv(path: Path, rows: list[dict], vendor: str) -> None:
    write_csv_parts(path, [(rows, vendor)])


def write_csv_parts(path: Path, parts: list[tuple[list[dict], str]]) -> None:
    """One manifest of several vendors' rows, each part's images from its vendor's folder."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for rows, vendor in parts:
        for row in rows:
            writer.writerow([f"images/{vendor}/{row['file']}", row["caption"], row["label"], row["category"]])
    write_text(path, buffer.getvalue())


def project_json(datasets: list[tuple[str, str, str]]) -> str:
    """diagonal-project.json in the layout Jackson's default pretty printer writes."""
    def s(value: str) -> str:
        return json.dumps(value, ensure_ascii=False)

    entries = ", ".join("{\n" + f'    "name" : {s(n)},\n    "path" : {s(p)},\n    "role" : {s(r)}\n  }}'
                        for n, p, r in datasets)
    description = ("Noto (Google) and Twemoji (Twitter) renderings of the same base emoji, "
                   "named in lower case; see README.md.")
    return ("{\n"
            f'  "name" : {s(PROJECT_NAME)},\n'
            f'  "description" : {s(description)},\n'
            f'  "model" : {s(MODEL)},\n'
            f'  "datasets" : [ {entries} ],\n'
            '  "runsDir" : "runs",\n'
            '  "templates" : "templates.txt"\n'
            "}\n")


def templates_txt() -> str:
    return ("# Prompt templates for emoji names, one per line; {} is replaced by the name (e.g. red apple).\n"
            "# Lines starting with # are comments.\n" + "".join(t + "\n" for t in TEMPLATES))


def table(header: tuple[str, ...], rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(" --- " for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def readme(rows: list[dict], adapt: set[str], collisions, stats: dict) -> str:
    held = [r for r in rows if r["caption"] not in adapt]
    ad = [r for r in rows if r["caption"] in adapt]
    per_cat = lambda rs: Counter(r["category"] for r in rs)
    cats = sorted(per_cat(rows), key=lambda c: (-per_cat(rows)[c], c))
    cat_rows = [(c, per_cat(rows)[c], per_cat(ad)[c], per_cat(held)[c]) for c in cats]
    cat_rows.append(("**all**", len(rows), len(ad), len(held)))
    subs = Counter(r["label"] for r in rows)
    sub_ad = Counter(r["label"] for r in ad)
    sub_of = {r["label"]: r["category"] for r in rows}
    sub_rows = [(s, sub_of[s], subs[s], sub_ad[s], subs[s] - sub_ad[s])
                for s in sorted(subs, key=lambda s: (sub_of[s], s))]
    components = [r["caption"] for r in rows if r["category"] == "Component"]
    component_note = (f" The category Component holds {len(components)} modifier swatches that emoji.json lists as base "
                      f"entries ({', '.join(components)})." if components else "")
    lone = sorted(s for s, n in subs.items() if n == 1)
    singles = (f"subcategories with a single emoji stay held out: {', '.join(lone)}" if lone
               else "no subcategory has a single emoji")
    renamed = "".join(f"- `{name}` → " + ", ".join(f"`{g}`" for g in given) + "\n"
                      for name, given in collisions) or "- none\n"
    return f"""# emoji-styles: one emoji set, two drawing styles

A Diagonal sample project built from the npm packages `emoji-datasource-google@{VERSION}` (Noto Emoji
images) and `emoji-datasource-twitter@{VERSION}` (Twemoji images): the {len(rows)} base emoji (no skin-tone
variants) that both image sets draw, as {IMAGE_SIZE}×{IMAGE_SIZE} PNGs, each captioned with its
name in lower case ("red apple"). The label is the emoji subcategory ({len(subs)} of them), the category
one of {len(cats)}. The same emoji name appears once per vendor, so the two manifests describe the same
concepts drawn in two styles.{component_note}

The only change to the images: pixels that are fully transparent are made black (their colour is
invisible, but the Noto PNGs keep the drawing's edge colours there, and CLIP preprocessing drops alpha,
so a model would otherwise see every Google emoji on a blotch of its own colours and most Twitter emoji
on black). Visible pixels are untouched; see `tools/emoji/png_clean.py`.

Open the folder (or `diagonal-project.json`) in the Diagonal workbench. The model is
`{MODEL}` (the starter model folder, relative to this project).

## Files

| file | rows | role in the project | content |
| --- | --- | --- | --- |
| `google.csv` | {len(rows)} | eval | every emoji, Noto style (`images/google/`) |
| `twitter.csv` | {len(rows)} | eval | every emoji, Twemoji style (`images/twitter/`) |
| `twitter-adapt.csv` | {len(ad)} | train | adaptation set: {len(ad)} Twemoji concepts (20 %) |
| `twitter-heldout.csv` | {len(held)} | test | held-out set: the other {len(held)} Twemoji concepts (80 %) |
| `twitter-adapt-with-google.csv` | {len(ad) + len(rows)} | train | the adaptation set followed by every Google emoji: what `./diagonal demo` fine-tunes on (Google replayed against forgetting) |
| `templates.txt` | {len(TEMPLATES)} | prompt templates | {", ".join(f"`{t}`" for t in TEMPLATES)} |

Manifests are UTF-8 CSV with the columns `filepath,caption,label,category`; `filepath` is relative to
the CSV, `caption` the emoji name, `label` the subcategory, `category` the category. Image file names are
emoji-datasource's (`<code points>.png`, e.g. `1f34e.png` for red apple) and are the same in both
vendors' folders.

The split is by concept, so no emoji name is in both `twitter-adapt.csv` and `twitter-heldout.csv`. It is
stratified by subcategory: each subcategory with at least two emoji has at least one in each set
({singles}); the split is fixed by the seed {SPLIT_SEED} in
`tools/emoji/build_emoji_project.py` (concepts ranked by SHA-256 of seed and name).

Names are emoji-datasource's `name` in lower case, with `’` written `'`. Names shared by more than one
emoji were made unique ({len(collisions)} name{"" if len(collisions) == 1 else "s"}):

{renamed}
## Counts per category

{table(("category", "emoji (per vendor)", "twitter-adapt", "twitter-heldout"), cat_rows)}
## Counts per subcategory

{table(("subcategory (label)", "category", "emoji", "twitter-adapt", "twitter-heldout"), sub_rows)}
## Rebuilding

    python3 tools/emoji/build_emoji_project.py          # from the repository root; needs npm and Python 3.9+
    python3 tools/emoji/build_emoji_project.py --check  # verify the committed files are what the script makes

The script packs both npm packages in a temporary folder, checks their pinned sha512 integrity and
rewrites this folder (except `runs/`); re-running gives byte-identical files. Size of the images:
{stats["google_bytes"]:,} bytes (Google) and {stats["twitter_bytes"]:,} bytes (Twitter).

## Licences

Noto Emoji images: Apache License 2.0; Twemoji graphics: CC-BY 4.0, © Twitter, Inc and other
contributors; emoji-datasource data: MIT. See `ATTRIBUTION.md` and `LICENSES/`.
"""


def attribution() -> str:
    return f"""# Attribution

This folder redistributes material from the npm packages `emoji-datasource-google@{VERSION}` and
`emoji-datasource-twitter@{VERSION}` (https://github.com/iamcal/emoji-data). The PNG images are copied
from `img/<vendor>/{IMAGE_SIZE}/` with one modification: the colour of fully transparent pixels (alpha 0)
is set to black, which leaves every visible pixel as it was; the manifests are derived from the packages' `emoji.json`
(names lower-cased, see README.md).

## Images in `images/google/`: Noto Emoji

Noto Emoji (https://github.com/googlefonts/noto-emoji), v2.048 as bundled by emoji-datasource.
Copyright 2013 Google, Inc. Licensed under the Apache License, Version 2.0; full text in
`LICENSES/Apache-2.0.txt` (you may also obtain a copy at http://www.apache.org/licenses/LICENSE-2.0).
Distributed on an "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND. Noto's flag images come
from the region-flags collection, which its authors identify as public domain or otherwise exempt from
copyright. (The noto-emoji repository's top-level LICENSE file is the SIL Open Font License 1.1 for
the fonts since July 2024; its README keeps the image resources under Apache 2.0, which is also how
emoji-datasource labels them.)

## Images in `images/twitter/`: Twemoji

Twemoji graphics © Twitter, Inc and other contributors (https://github.com/jdecked/twemoji, v16.0.1 as
bundled by emoji-datasource; originally https://github.com/twitter/twemoji). Licensed under the Creative
Commons Attribution 4.0 International licence (CC-BY 4.0); full text in `LICENSES/CC-BY-4.0.txt`, also at
https://creativecommons.org/licenses/by/4.0/. The graphics are unmodified; they are provided as-is,
without warranties, as set out in section 5 of the licence.

## Names, categories and file names: emoji-datasource

Emoji data from emoji-datasource, Copyright (c) 2013 Cal Henderson, MIT License; the package's own
`LICENSE` is copied to `LICENSES/MIT-emoji-datasource.txt`.
"""


def build(out: Path, tarballs: dict[str, Path]) -> dict:
    packages = {v: Package(v, tarballs[v]) for v in VENDORS}
    if packages["google"].emoji != packages["twitter"].emoji:
        sys.exit("the two packages disagree on emoji.json")
    emoji = packages["google"].emoji
    problems, chosen = [], []
    for entry in emoji:
        missing = [v for v in VENDORS
                   if not entry.get(f"has_img_{v}") or entry["image"] not in packages[v].images]
        if missing:
            problems.append(f"{entry['unified']} {entry.get('name')}: no image for {', '.join(missing)}")
            continue
        for vendor in VENDORS:
            size = png_size(packages[vendor].images[entry["image"]])
            if size is None:
                sys.exit(f"img/{vendor}/{IMAGE_SIZE}/{entry['image']} is not a PNG")
            if size != (IMAGE_SIZE, IMAGE_SIZE):
                problems.append(f"img/{vendor}/{IMAGE_SIZE}/{entry['image']} is {size[0]}x{size[1]}")
        chosen.append(entry)
    names, collisions = unique_names(chosen)
    chosen.sort(key=lambda e: (e["sort_order"], e["unified"]))
    rows = [{"file": e["image"], "caption": names[e["unified"]], "label": e["subcategory"],
             "category": e["category"], "unified": e["unified"], "raw": e.get("name")} for e in chosen]
    files = [r["file"] for r in rows]
    if len(set(files)) != len(files) or len({r["caption"] for r in rows}) != len(rows):
        sys.exit("file names or captions are not unique")

    for sub in ("images", "LICENSES"):
        shutil.rmtree(out / sub, ignore_errors=True)
    stats = {}
    for vendor in VENDORS:
        folder = out / "images" / vendor
        folder.mkdir(parents=True)
        for row in rows:
            (folder / row["file"]).write_bytes(clean_png(packages[vendor].images[row["file"]]))
        stats[f"{vendor}_bytes"] = sum((folder / f).stat().st_size for f in files)
        write_csv(out / f"{vendor}.csv", rows, vendor)
    adapt = split_concepts(rows)
    write_csv(out / "twitter-adapt.csv", [r for r in rows if r["caption"] in adapt], "twitter")
    write_csv_parts(out / "twitter-adapt-with-google.csv",
                    [([r for r in rows if r["caption"] in adapt], "twitter"), (rows, "google")])
    write_csv(out / "twitter-heldout.csv", [r for r in rows if r["caption"] not in adapt], "twitter")
    write_text(out / "templates.txt", templates_txt())
    write_text(out / "diagonal-project.json", project_json([
        ("twitter-adapt", "twitter-adapt.csv", "train"),
        ("twitter-adapt-with-google", "twitter-adapt-with-google.csv", "train"),
        ("twitter-heldout", "twitter-heldout.csv", "test"),
        ("twitter", "twitter.csv", "eval"),
        ("google", "google.csv", "eval")]))
    (out / "LICENSES").mkdir()
    shutil.copyfile(LICENSE_SOURCES / "Apache-2.0.txt", out / "LICENSES" / "Apache-2.0.txt")
    shutil.copyfile(LICENSE_SOURCES / "CC-BY-4.0.txt", out / "LICENSES" / "CC-BY-4.0.txt")
    if packages["google"].license != packages["twitter"].license:
        sys.exit("the two packages have different LICENSE files")
    (out / "LICENSES" / "MIT-emoji-datasource.txt").write_bytes(packages["google"].license)
    write_text(out / "ATTRIBUTION.md", attribution())
    write_text(out / "README.md", readme(rows, adapt, collisions, stats))
    write_text(out / ".gitignore", "/runs/\n")

    renamed = sum(len(given) - 1 for _, given in collisions)
    cleaned = sum(1 for r in rows if r["raw"] and r["caption"] != r["raw"].lower()
                  and r["caption"] == clean_name({"name": r["raw"]}))
    stats.update(emoji_in_json=len(emoji), emoji=len(rows), adapt=len(adapt), heldout=len(rows) - len(adapt),
                 subcategories=len({r["label"] for r in rows}), categories=len({r["category"] for r in rows}),
                 names_changed_by_cleaning=cleaned, collisions=collisions, renamed=renamed, problems=problems)
    return stats


def compare(expected: Path, actual: Path) -> list[str]:
    """Relative paths that differ between two trees (ignoring runs/)."""
    def files(root: Path) -> set[str]:
        return {p.relative_to(root).as_posix() for p in root.rglob("*")
                if p.is_file() and p.relative_to(root).parts[0] != "runs"}
    a, b = files(expected), files(actual)
    differ = sorted((a ^ b) | {f for f in a & b if not filecmp.cmp(expected / f, actual / f, shallow=False)})
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output folder (default {DEFAULT_OUT})")
    parser.add_argument("--tarballs", type=Path, help="folder holding the two .tgz files (skips npm pack)")
    parser.add_argument("--check", action="store_true", help="build into a temp dir and compare with --out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="emoji-build-") as tmp:
        work = Path(tmp)
        tarballs = fetch_tarballs(work, args.tarballs)
        target = work / "out" if args.check else args.out
        target.mkdir(parents=True, exist_ok=True)
        stats = build(target, tarballs)
        differ = compare(args.out, target) if args.check else []
    print(f"{stats['emoji']} emoji per vendor (of {stats['emoji_in_json']} base entries); "
          f"{stats['categories']} categories, {stats['subcategories']} subcategories")
    print(f"split: {stats['adapt']} adapt / {stats['heldout']} held out (seed {SPLIT_SEED})")
    print(f"images: google {stats['google_bytes']:,} B, twitter {stats['twitter_bytes']:,} B")
    print(f"names changed by character cleaning: {stats['names_changed_by_cleaning']}; "
          f"names made unique: {stats['renamed']}")
    for name, given in stats["collisions"]:
        print(f"  '{name}' shared -> {given}")
    for problem in stats["problems"]:
        print(f"  skipped/odd: {problem}")
    if args.check:
        if differ:
            print(f"{len(differ)} files differ from {args.out}, e.g. {differ[:5]}")
            sys.exit(1)
        print(f"{args.out} is up to date")


if __name__ == "__main__":
    main()
