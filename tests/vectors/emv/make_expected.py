#!/usr/bin/env python3
"""Writes expected.tsv: pyemv's reading of every BER-TLV blob in vectors.tsv.

    pip install pyemv==1.5.0
    python3 tests/vectors/emv/make_expected.py

The reading is pyemv's (`pyemv.tlv.decode`, an implementation nobody on this project wrote);
this script only lays it out as rows, so that tests/integration/tlv.rs can compare the crate's
reader with it tag by tag.

Output: `name<TAB>path<TAB>value_hex`, one row per data object in document order.

* `path` is the tag path from the top: `9F26`, `77/9F27`, `70/61/73/9F0A`.
* A constructed data object (template: bit 6 of its first tag byte set, e.g. 70, 77, 6F, A5,
  BF0C, FF8105) has a row of its own, whose value is the whole template value as pyemv delimits
  it, and then one row per object inside it.
* A primitive data object's value is upper-case hex (empty for a zero-length value).
* A blob pyemv rejects has a single row `name<TAB>ERROR<TAB><pyemv's message>`.

How pyemv differs from a plain walk, and what this script does about it:

* Constructed tags. pyemv nests them as dicts (`{'70': {'57': b'..', ...}}`), keyed by tag. A
  dict keeps one value per key, so a tag that occurs twice at one level (two 61 templates in a
  PSE record, two 86 commands in one script, 9F1A twice in a sloppy field 55) keeps only its
  last value, at the position of its first. Rows rebuilt from the dict alone would lose objects
  and their order. So the rows are taken while pyemv decodes: its `convert` hook is called once
  per primitive object in document order, and its recursive helper `pyemv.tlv._decode` (looked
  up through the module on every call, including its own recursion) is wrapped to see where
  each template starts and ends. The wrapper only observes: it calls the original with the same
  arguments. Afterwards the script checks that the rows, folded back into a dict the way pyemv
  folds them, equal what an unwrapped `pyemv.tlv.decode` returns. This relies on pyemv 1.5.0's
  private `_decode`; the version is checked below.
* Padding. pyemv has no notion of padding: a `00` byte between or after objects is read as tag
  `00` followed by a length, so `FE 00 00` fails ("Tag length malformed ... tag '00'"). EMV Book
  3 Annex B1 says '00' bytes may occur before, between or after TLV-coded data objects and are
  to be ignored; the crate skips them. The crate therefore reads such a blob and pyemv does not.
* Length byte 80. pyemv reads it as a long form with no length bytes, i.e. length 0. In BER
  (ISO/IEC 8825-1) 80 is the indefinite form, which EMV does not use (Annex B2 codes lengths
  in one, two or three bytes: 00-7F, 81 xx, 82 xx xx); the crate rejects it. In
  `jpos-length-80-then-zero` (87 80 00) both reject, for different reasons: pyemv at the
  trailing 00 (see padding), the crate at the 80.
* Lengths with more than 4 length bytes (first length byte 85 to FF) and tags longer than 4
  bytes: pyemv reads them, the crate rejects them. `moov-io-field55-vendor-lengths` has length
  byte A1 (33 length bytes) after tag 56; pyemv rejects it too, because the length it reads
  runs past the data.
"""

import os
import sys

import pyemv
import pyemv.tlv

PYEMV_VERSION = "1.5.0"
HERE = os.path.dirname(os.path.abspath(__file__))


def read_vectors(path):
    """(name, bytes) for each data row of vectors.tsv; `#` lines and the header are skipped."""
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            name, hexdata, _source = line.split("\t")
            if name == "name":
                continue
            out.append((name, bytes.fromhex(hexdata)))
    return out


def rows_of(data):
    """pyemv's reading of `data` as rows [(path, value_hex)], and the dict it returned.

    Raises pyemv.tlv.DecodeError when pyemv rejects the data.
    """
    original = pyemv.tlv._decode
    rows = []
    # One entry per pyemv._decode call under way: (dict it fills, tag path of that level).
    levels = []

    def observed(data, ofst, ofst_limit, dec, flatten, simple, convert):
        if levels:
            parent_dec, parent_path = levels[-1]
            # pyemv has just stored this template's fresh dict under its tag in the parent.
            tag = next(t for t, v in parent_dec.items() if v is dec)
            path = parent_path + [tag]
            rows.append(("/".join(path), data[ofst:ofst_limit].hex().upper()))
        else:
            path = []
        levels.append((dec, path))
        try:
            return original(data, ofst, ofst_limit, dec, flatten, simple, convert)
        finally:
            levels.pop()

    def convert(tag, value):
        path = levels[-1][1] + [tag]
        rows.append(("/".join(path), bytes(value).hex().upper()))
        return bytes(value).hex().upper()

    pyemv.tlv._decode = observed
    try:
        decoded = pyemv.tlv.decode(data, convert=convert)
    finally:
        pyemv.tlv._decode = original
    return rows, decoded


def fold(rows):
    """The rows folded into nested dicts the way pyemv stores them (last value of a key wins)."""
    top = {}
    for path, value in rows:
        tags = path.split("/")
        node = top
        for t in tags[:-1]:
            node = node[t]
        if int(tags[-1][:2], 16) & 0x20:
            node[tags[-1]] = {}
        else:
            node[tags[-1]] = value
    return top


def main():
    if pyemv.__version__ != PYEMV_VERSION:
        sys.exit(f"pyemv {pyemv.__version__} found; this script was checked with {PYEMV_VERSION}")
    vectors = read_vectors(os.path.join(HERE, "vectors.tsv"))
    lines = [
        f"# pyemv {PYEMV_VERSION} (pyemv.tlv.decode) reading of vectors.tsv, written by"
        " make_expected.py; do not edit by hand.",
        "# path: tag path from the top; a template has its own row (its whole value), then"
        " its contents. ERROR: pyemv rejects the blob.",
        "name\tpath\tvalue_hex",
    ]
    for name, data in vectors:
        try:
            rows, decoded = rows_of(data)
        except pyemv.tlv.DecodeError as e:
            lines.append(f"{name}\tERROR\t{e}")
            continue
        # The observing wrapper must not have changed pyemv's reading.
        plain = pyemv.tlv.decode(data, convert=lambda t, v: bytes(v).hex().upper())
        assert plain == decoded == fold(rows), name
        for path, value in rows:
            lines.append(f"{name}\t{path}\t{value}")
    with open(os.path.join(HERE, "expected.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(f"{len(vectors)} vectors, {len(lines) - 3} rows")


if __name__ == "__main__":
    main()
