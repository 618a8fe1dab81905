#!/usr/bin/env python3
"""EBCDIC vectors: cross-check the third-party ones, write the generated ones.

Run from the repository root:

    pip install pyiso8583==4.0.1 ebcdic==2.0.1
    python3 tests/vectors/ebcdic/make_ebcdic.py

What it does:

1. CHECK. Every third-party file in this directory (the ones not named `gen-*.hex`) is decoded by
   pyiso8583 4.0.1, an independent implementation, with the spec named in the table REAL below;
   each `#=` line of the file must equal pyiso8583's value. The `#% header N` bytes are skipped.
   Nothing is written for these files: their bytes come from the sources named in README.md.
   The text codec is 'cp037' (Python built-in) except for the jPOS file, which is read with
   'cp1047' (PyPI package `ebcdic`), the code page jPOS uses (ISOUtil.EBCDIC = IBM1047); every
   byte in the third-party files reads the same under both pages, which the check also asserts.

2. GENERATE. Writes `gen-*.hex`: messages chosen here, encoded by pyiso8583 with code page 037
   ('cp037'), decoded back by pyiso8583, and checked against the input values. The values are
   ours, not a source's; the packing and the reading are pyiso8583's. Some text fields hold
   '[', ']' and '^', whose cp037 bytes (BA, BB, B0) read as other characters under cp1047, so
   those files pin the code page: decoded as cp1047 they would give 'Ý', '¨' and '¬'.

Deterministic: no randomness, no clock. Running it twice writes identical files.
"""

import copy
import os
import sys
from importlib.metadata import version as pkg_version

import iso8583
from iso8583.specs import default as DEFAULT_87

try:
    import ebcdic  # noqa: F401  (registers the 'cp1047' codec)
except ImportError:
    sys.exit("needs the PyPI package 'ebcdic' (pip install ebcdic==2.0.1) for cp1047")

HERE = os.path.dirname(os.path.abspath(__file__))
assert pkg_version("pyiso8583") == "4.0.1", pkg_version("pyiso8583")


# ---------------------------------------------------------------------------------------------
# Specs
# ---------------------------------------------------------------------------------------------

def iso87(enc="cp037", bitmap="b"):
    """pyiso8583's `default` (ISO 8583:1987) table with every text codec and every length
    prefix set to `enc`. bitmap 'b' = 8 raw bytes per bitmap; otherwise the bitmap is 16 hex
    characters in `bitmap`'s codec."""
    s = copy.deepcopy(DEFAULT_87)
    for f in s.values():
        if f["data_enc"] == "ascii":
            f["data_enc"] = enc
        if f["len_enc"] == "ascii":
            f["len_enc"] = enc
    s["p"]["data_enc"] = bitmap
    s["1"]["data_enc"] = bitmap
    if bitmap != "b":
        s["p"]["max_len"] = 16
        s["1"]["max_len"] = 16
    return s


# jPOS jpos/src/dist/cfg/packager/iso93ebcdic-custom.xml (jpos/jPOS @ 3ff2951ec060), top-level
# field classes and lengths. Sub-field packagers of 44, 48, 55 are not modelled: those fields are
# read whole (IFE_LLLBINARY, raw bytes).
JPOS_ISO93_EBCDIC = {
    2: ("IFE_LLNUM", 19), 3: ("IFE_NUMERIC", 6), 4: ("IFE_NUMERIC", 12), 5: ("IFE_NUMERIC", 12),
    6: ("IFE_NUMERIC", 12), 7: ("IFE_NUMERIC", 10), 8: ("IFE_NUMERIC", 8), 9: ("IFE_NUMERIC", 8),
    10: ("IFE_NUMERIC", 8), 11: ("IFE_NUMERIC", 6), 12: ("IFE_NUMERIC", 12), 13: ("IFE_NUMERIC", 4),
    14: ("IFE_NUMERIC", 4), 15: ("IFE_NUMERIC", 6), 16: ("IFE_NUMERIC", 4), 17: ("IFE_NUMERIC", 4),
    18: ("IFE_NUMERIC", 4), 19: ("IFE_NUMERIC", 3), 20: ("IFE_NUMERIC", 3), 21: ("IFE_NUMERIC", 3),
    22: ("IFE_CHAR", 12), 23: ("IFE_NUMERIC", 3), 24: ("IFE_NUMERIC", 3), 25: ("IFE_NUMERIC", 4),
    26: ("IFE_NUMERIC", 4), 27: ("IFE_NUMERIC", 1), 28: ("IFE_NUMERIC", 6), 29: ("IFE_NUMERIC", 3),
    30: ("IFE_NUMERIC", 24), 31: ("IFE_LLCHAR", 99), 32: ("IFE_LLNUM", 11), 33: ("IFE_LLNUM", 11),
    34: ("IFE_LLCHAR", 28), 35: ("IFE_LLCHAR", 37), 36: ("IFE_LLLCHAR", 104), 37: ("IFE_CHAR", 12),
    38: ("IFE_CHAR", 6), 39: ("IFE_NUMERIC", 3), 40: ("IFE_NUMERIC", 3), 41: ("IFE_CHAR", 8),
    42: ("IFE_CHAR", 15), 43: ("IFE_LLCHAR", 99), 44: ("IFE_LLLBINARY", 256), 45: ("IFE_LLCHAR", 76),
    46: ("IFE_LLLCHAR", 204), 47: ("IFE_LLLCHAR", 999), 48: ("IFE_LLLBINARY", 256),
    49: ("IFE_CHAR", 3), 50: ("IFE_CHAR", 3), 51: ("IFE_CHAR", 3), 52: ("IFE_BINARY", 8),
    53: ("IFE_LLBINARY", 48), 54: ("IFE_LLLCHAR", 120), 55: ("IFE_LLLBINARY", 256),
    56: ("IFE_LLNUM", 35), 57: ("IFE_NUMERIC", 3), 58: ("IFE_LLNUM", 11), 59: ("IFE_LLLCHAR", 999),
    60: ("IFE_LLLCHAR", 999), 61: ("IFE_LLLCHAR", 999), 62: ("IFE_LLLCHAR", 999),
    63: ("IFE_LLLCHAR", 999), 64: ("IFE_BINARY", 8), 65: ("IFE_BINARY", 8), 66: ("IFE_LLLCHAR", 204),
    67: ("IFE_NUMERIC", 2), 68: ("IFE_NUMERIC", 3), 69: ("IFE_NUMERIC", 3), 70: ("IFE_NUMERIC", 3),
    71: ("IFE_NUMERIC", 8), 72: ("IFE_LLLCHAR", 999), 73: ("IFE_NUMERIC", 6),
    **{k: ("IFE_NUMERIC", 10) for k in range(74, 86)},
    86: ("IFE_NUMERIC", 16), 87: ("IFE_NUMERIC", 16), 88: ("IFE_NUMERIC", 16), 89: ("IFE_NUMERIC", 16),
    90: ("IFE_NUMERIC", 10), 91: ("IFE_NUMERIC", 3), 92: ("IFE_NUMERIC", 3), 93: ("IFE_LLNUM", 11),
    94: ("IFE_LLNUM", 11), 95: ("IFE_LLCHAR", 99), 96: ("IFE_LLLBINARY", 999), 97: ("IFE_AMOUNT", 17),
    98: ("IFE_CHAR", 25), 99: ("IFE_LLCHAR", 11), 100: ("IFE_LLNUM", 11), 101: ("IFE_LLCHAR", 17),
    102: ("IFE_LLCHAR", 28), 103: ("IFE_LLCHAR", 28), 104: ("IFE_LLLCHAR", 100),
    105: ("IFE_NUMERIC", 16), 106: ("IFE_NUMERIC", 16), 107: ("IFE_NUMERIC", 10),
    108: ("IFE_NUMERIC", 10), 109: ("IFE_LLCHAR", 84), 110: ("IFE_LLCHAR", 84),
    **{k: ("IFE_LLLCHAR", 999) for k in range(111, 128)},
    128: ("IFE_BINARY", 8),
}


def iso93_jpos(enc="cp037", bitmap=None, header=0):
    """pyiso8583 spec mirroring the jPOS table above. bitmap None = EBCDIC hex characters in
    `enc` (jPOS IFE_BITMAP); 'b' = raw bytes. IFE_BINARY fields are two EBCDIC hex characters
    per byte (jPOS EbcdicHexInterpreter), read here as text; IFE_AMOUNT is sign + digits, read
    as text."""
    bm = enc if bitmap is None else bitmap
    s = {
        "h": {"data_enc": enc, "len_enc": "ascii", "len_type": 0, "max_len": header,
              "desc": "Header", "len_count": "bytes"},
        "t": {"data_enc": enc, "len_enc": "ascii", "len_type": 0, "max_len": 4,
              "desc": "MTI", "len_count": "bytes"},
        "p": {"data_enc": bm, "len_enc": "ascii", "len_type": 0,
              "max_len": 8 if bm == "b" else 16, "desc": "Bitmap", "len_count": "bytes"},
        "1": {"data_enc": bm, "len_enc": "ascii", "len_type": 0,
              "max_len": 8 if bm == "b" else 16, "desc": "Secondary bitmap", "len_count": "bytes"},
    }
    for k, (cls, length) in JPOS_ISO93_EBCDIC.items():
        f = {"data_enc": enc, "len_enc": enc, "len_type": 0, "max_len": length,
             "desc": cls, "len_count": "bytes"}
        if "LLL" in cls:
            f["len_type"] = 3
        elif "LL" in cls or cls.startswith("IFE_L"):
            f["len_type"] = 2 if "LL" in cls else 1
        if cls.endswith("BINARY") and cls != "IFE_BINARY":
            f["data_enc"] = "b"
        if cls == "IFE_BINARY":
            f["max_len"] = 2 * length
        s[str(k)] = f
    return s


def cardutil_ipm():
    """The jPOS ISO 93 table with cardutil's differences for the fields its message uses:
    48 is LLLVAR text (cardutil config.py), not a binary sub-message; codec cp500; raw bitmap."""
    s = iso93_jpos("cp500", bitmap="b")
    s["48"]["data_enc"] = "cp500"
    return s


# Third-party files and the spec each is checked with.
REAL = {
    "jpos-iso93ebcdic-custom-1100.hex": iso93_jpos("cp1047", header=9),
    "cardutil-ipm-1144.hex": cardutil_ipm(),
    "wirecard-mastercard-0100.hex": iso87("cp037"),
    "wirecard-mastercard-0100-recurring.hex": iso87("cp037"),
    "wirecard-mastercard-0110.hex": iso87("cp037"),
    "wirecard-mastercard-0400.hex": iso87("cp037"),
    "bbva-mastercard-0100.hex": iso87("cp037"),
    "jrperin-mastercard-0100.hex": iso87("cp037"),
    "dliso8583-demo-0100.hex": iso87("cp037"),
}
OTHER_PAGE = {"cp1047": "cp037", "cp500": "cp037", "cp037": "cp1047"}


def parse_hex_file(path):
    data, expects, header = [], {}, 0
    for line in open(path, encoding="utf-8"):
        if line.startswith("#= "):
            import json
            key, value = line[3:].rstrip("\n").split(" ", 1)
            expects[key] = json.loads(value)
        elif line.startswith("#% header "):
            header = int(line.split()[2])
        data.append(line.split("#", 1)[0])
    return bytes.fromhex("".join("".join(data).split())), expects, header


def with_codec(spec, enc):
    s = copy.deepcopy(spec)
    for f in s.values():
        if f["data_enc"] not in ("b",):
            f["data_enc"] = enc
        if f["len_enc"] not in ("b", "ascii"):
            f["len_enc"] = enc
    return s


def check_real():
    ok = True
    for name, spec in REAL.items():
        path = os.path.join(HERE, name)
        raw, expects, header = parse_hex_file(path)
        dec, _ = iso8583.decode(raw, spec)
        page = spec["t"]["data_enc"]
        dec_other, _ = iso8583.decode(raw, with_codec(spec, OTHER_PAGE[page]))
        same_other = {k: v for k, v in dec.items() if k != "h"} == \
                     {k: v for k, v in dec_other.items() if k != "h"}
        got = {"mti" if k == "t" else k: v for k, v in dec.items() if k not in ("p", "h")}
        got.pop("1", None)
        bad = [(k, v, got.get(k)) for k, v in expects.items() if got.get(k) != v]
        extra = sorted(set(got) - set(expects), key=lambda x: (len(x), x))
        status = "OK" if not bad else "MISMATCH"
        print(f"{name}: {len(raw) - header} bytes after the header, {len(got)} values, "
              f"{status}; same under {OTHER_PAGE[page]}: {same_other}; "
              f"not stated in the file: {extra or 'none'}")
        for b in bad:
            print("   ", b)
        ok &= not bad
    return ok


# ---------------------------------------------------------------------------------------------
# Generated messages
# ---------------------------------------------------------------------------------------------

GEN = [
    (
        "gen-iso87-binbitmap-0200.hex",
        "ISO 8583:1987 table (pyiso8583 default); MTI 4 cp037 digits; bitmap 8 raw bytes; "
        "LL/LLL prefixes cp037 digits; numeric and text fields cp037; 52 raw 8 bytes, 55 LLL raw",
        iso87("cp037"),
        {
            "t": "0200", "2": "4761739001010119", "3": "000000", "4": "000000012345",
            "7": "0131235959", "11": "000123", "12": "235959", "13": "0131", "14": "2712",
            "18": "5411", "22": "051", "25": "00", "32": "123456",
            "35": "4761739001010119=27122011234567890", "37": "000000000123", "41": "TERM0001",
            "42": "MERCHANT0000001", "43": "ACME [TEST] SHOP ^1    NEW YORK     NYUS",
            "49": "840", "52": bytes.fromhex("0123456789ABCDEF"),
            "55": bytes.fromhex("9F2608C2C12B3F4D5E6F709F2701809F360200419F1A020840"),
        },
    ),
    (
        "gen-iso87-binbitmap-0210-secondary.hex",
        "ISO 8583:1987 table (pyiso8583 default); MTI cp037; bitmaps raw (primary + secondary); "
        "LL/LLL cp037; amounts with C/D sign letters in cp037 (28 x+n 8, 54 text); 64/128 raw",
        iso87("cp037"),
        {
            "t": "0210", "3": "000000", "4": "000000012345", "7": "0131235959", "11": "000123",
            "28": "D00000150", "37": "000000000123", "38": "A1B2C3", "39": "00",
            "41": "TERM0001", "44": "R[01]^X", "49": "840",
            "54": "1001840C0000001234561002840D000000000100", "70": "301",
            "102": "ACCT-[001]-^", "128": bytes.fromhex("1122334455667788"),
        },
    ),
    (
        "gen-iso87-ebcdichex-bitmap-0800.hex",
        "ISO 8583:1987 table (pyiso8583 default); MTI cp037; bitmap 16 cp037 hex characters per "
        "64 bits (jPOS IFE_BITMAP style, upper case), secondary present; LL/LLL cp037",
        iso87("cp037", bitmap="cp037"),
        {
            "t": "0800", "7": "0131235959", "11": "000777", "70": "301",
            "100": "12345678901",
        },
    ),
    (
        "gen-iso93-jpos-1200.hex",
        "jPOS iso93ebcdic-custom.xml table (ISO 8583:1993), no header; MTI cp037; bitmap cp037 "
        "hex characters (IFE_BITMAP), secondary present; LL/LLL cp037; 52/128 IFE_BINARY as "
        "cp037 hex characters (16 bytes for 8); 97 IFE_AMOUNT sign + 16 digits",
        iso93_jpos("cp037"),
        {
            "t": "1200", "2": "5999123430132108", "3": "004000", "4": "000000005980",
            "11": "287107", "12": "071220201024", "22": "061001254000", "24": "200",
            "37": "4894        ", "41": "12874218", "42": "395308403300   ",
            "43": "SHOP [1] ^ SPRINGFIELD", "49": "840", "52": "0123456789ABCDEF",
            "97": "D0000000000012345", "102": "1234-[5]-^", "128": "FEDCBA9876543210",
        },
    ),
]


def write_hex(path, comments, data):
    with open(path, "w", encoding="utf-8") as f:
        for c in comments:
            f.write(c + "\n")
        for i in range(0, len(data), 16):
            f.write(" ".join(f"{b:02X}" for b in data[i:i + 16]) + "\n")


def generate():
    import json
    for name, layout, spec, doc in GEN:
        # pyiso8583 takes binary field values as hex strings
        plain = {k: (v.hex().upper() if isinstance(v, bytes) else v) for k, v in doc.items()}
        raw, _ = iso8583.encode(plain, spec)
        raw = bytes(raw)
        dec, _ = iso8583.decode(raw, spec)
        for k, v in doc.items():
            want = v.hex().upper() if isinstance(v, bytes) else v
            assert dec[k] == want, (name, k, dec[k], want)
        as1047, _ = iso8583.decode(raw, with_codec(spec, "cp1047"))
        differs = sorted((k for k in dec if dec[k] != as1047.get(k)), key=lambda x: (len(x), x))
        lines = [
            "# GENERATED, not a third-party message: values chosen by make_ebcdic.py, encoded and",
            "#   decoded back by pyiso8583 4.0.1 with code page 037 (Python's built-in 'cp037').",
            f"# layout: {layout}",
            f"# fields that read differently under cp1047: {', '.join(differs) or 'none'}",
            "# expected values (#=) below: make_ebcdic.py's input, as pyiso8583 reads it back",
            f"#% layout {layout}",
        ]
        for k in ["t"] + sorted((k for k in doc if k != "t"), key=int):
            v = doc[k]
            value = v.hex().upper() if isinstance(v, bytes) else v
            lines.append(f"#= {'mti' if k == 't' else k} {json.dumps(value)}")
        write_hex(os.path.join(HERE, name), lines, raw)
        print(f"wrote {name}: {len(raw)} bytes; under cp1047 these differ: {differs or 'none'}")


if __name__ == "__main__":
    good = check_real()
    generate()
    sys.exit(0 if good else 1)
