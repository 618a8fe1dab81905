#!/usr/bin/env python3
"""Generate ISO 8583 test vectors with pyiso8583 (independent reference).

Run from the repository root:

    pip install pyiso8583==4.0.1
    python3 tests/vectors/pyiso8583/gen.py

Writes, next to this script:
  default.jsonl, default_ascii.jsonl                  valid messages
  invalid_default.jsonl, invalid_default_ascii.jsonl  malformed messages pyiso8583 rejects
  quirks.jsonl                                        malformed-looking messages pyiso8583 ACCEPTS
  README.md                                           description, spec tables, statistics

Deterministic: every message is built from its own random.Random(seed); no
time, environment or hash-order dependence.  Python 3.11, pyiso8583 4.0.1.
"""

import json
import os
import random
import string
import sys
from importlib.metadata import version as pkg_version

import iso8583
from iso8583 import specs as iso_specs
from iso8583.decoder import DecodeError

PINNED_VERSION = "4.0.1"
HERE = os.path.dirname(os.path.abspath(__file__))
SPEC_NAMES = ["default", "default_ascii"]
N_VALID = 1500
N_INVALID = 300
QUIRKS_PER_KIND = 12  # cap on accepted-mutation examples kept per (spec, kind)

# Seed bases: valid message i of spec S uses random.Random(VALID_SEED[S] + i),
# invalid attempt j uses random.Random(INVALID_SEED[S] + j).
VALID_SEED = {"default": 100_000, "default_ascii": 200_000}
INVALID_SEED = {"default": 300_000, "default_ascii": 400_000}

# ---------------------------------------------------------------------------
# Content classes.
#
# pyiso8583 specs carry only the *structure* of a field (data_enc, len_enc,
# len_type, max_len, len_count, pads) -- there is no n / an / ans attribute and
# pyiso8583 never validates content beyond "decodes with data_enc".  Structure
# (fixed/variable, prefix width, max length, binary vs text) is read from the
# spec dicts below.  The *character class* of generated values comes from this
# table of ISO 8583:1987 data-element formats, so that values are also valid for
# a decoder that checks n/an/ans.  "b" here means binary in ISO terms: when the
# spec encodes the field with data_enc "b" we generate random bytes, when the
# spec encodes it as text (default_ascii) we generate an upper-case hex string
# of even length (the hex form of random bytes).
# ---------------------------------------------------------------------------
CONTENT_CLASS = {}
for _f in list(range(2, 34)) + [36] + list(range(49, 52)) + [53] + list(range(66, 91)) + [99, 100]:
    CONTENT_CLASS[_f] = "n"
for _f in (28, 29, 30, 31, 97):
    CONTENT_CLASS[_f] = "x+n"  # 'C' or 'D' followed by digits
CONTENT_CLASS[34] = "ns"
CONTENT_CLASS[35] = "z"  # track 2: digits with one '=' separator
for _f in (37, 38, 39, 40, 44, 46, 47, 48, 54, 91, 92, 93, 94, 95):
    CONTENT_CLASS[_f] = "an"
CONTENT_CLASS[45] = "track1"  # ISO says an..76; real track 1 is 'B'+PAN+'^'+NAME+'^'+digits
for _f in [41, 42, 43, 98, 101, 102, 103, 104] + list(range(55, 64)) + list(range(105, 128)):
    CONTENT_CLASS[_f] = "ans"
for _f in (52, 64, 65, 96, 128):
    CONTENT_CLASS[_f] = "b"
CONTENT_CLASS[55] = "b"  # ICC data: binary in default, hex text in default_ascii

COMMON_MTIS = ["0100", "0110", "0200", "0210", "0220", "0230",
               "0400", "0410", "0420", "0430", "0800", "0810"]

ALNUM = string.ascii_letters + string.digits
PRINTABLE = "".join(chr(c) for c in range(0x20, 0x7F))
SPECIALS = "".join(c for c in PRINTABLE if not c.isalnum())


def data_fields(spec):
    """Data fields 2..128 that encode() will accept as ordinary fields.

    Field 65 is excluded: iso8583.encode() silently drops "65" from the input
    ("Extended bitmap indicator must not be an actual field") and decode()
    treats bit 65 as the tertiary-bitmap indicator, never as a data field."""
    out = []
    for k in spec:
        if k.isdigit() and 2 <= int(k) <= 128 and int(k) != 65:
            out.append(int(k))
    return sorted(out)


def is_var(fspec):
    return fspec["len_type"] > 0


def digits(rng, n):
    return "".join(rng.choice(string.digits) for _ in range(n))


def text_value(rng, fid, n):
    """n characters of the field's content class (n counts characters)."""
    cls = CONTENT_CLASS[fid]
    if n == 0:
        return ""
    if cls == "n":
        return digits(rng, n)
    if cls == "x+n":
        return rng.choice("CD") + digits(rng, n - 1)
    if cls == "an":
        return "".join(rng.choice(ALNUM) for _ in range(n))
    if cls == "ans":
        return "".join(rng.choice(PRINTABLE) for _ in range(n))
    if cls == "ns":
        return "".join(rng.choice(string.digits + SPECIALS) for _ in range(n))
    if cls == "z":
        if n == 1:
            return rng.choice(["=", digits(rng, 1)])
        if n < 14:
            eq = rng.randint(0, n - 1)
        else:
            eq = rng.randint(12, min(19, n - 1))
        return digits(rng, eq) + "=" + digits(rng, n - eq - 1)
    if cls == "track1":
        if n < 20:
            return "".join(rng.choice(ALNUM + " ^/") for _ in range(n))
        pan = digits(rng, rng.randint(12, min(19, n - 6)))
        rest = n - 1 - len(pan) - 2
        name_len = rng.randint(0, min(26, rest))
        name = "".join(rng.choice(string.ascii_uppercase + " /") for _ in range(name_len))
        return "B" + pan + "^" + name + "^" + digits(rng, rest - name_len)
    if cls == "b":
        # binary element carried as text (default_ascii): hex digits
        return "".join(rng.choice("0123456789ABCDEF") for _ in range(n))
    raise AssertionError(cls)


def field_value(rng, fid, fspec, length):
    """Value for `fid` whose encoded length (in the spec's len_count units) is `length`."""
    len_count = fspec.get("len_count", "bytes")
    if fspec["data_enc"] == "b":
        if len_count == "nibbles":
            if length % 2 and not (fspec.get("left_pad") or fspec.get("right_pad")):
                length -= 1
            return "".join(rng.choice("0123456789ABCDEF") for _ in range(length))
        return rng.randbytes(length).hex().upper()
    assert len_count == "bytes", (fid, fspec)
    if CONTENT_CLASS[fid] == "b" and length % 2:
        length -= 1  # keep hex text of binary data an even number of digits
    return text_value(rng, fid, length)


def choose_len(rng, fspec, how):
    mx = fspec["max_len"]
    if not is_var(fspec):
        return mx
    if how == "zero":
        return 0
    if how == "max":
        return mx
    if how == "small":
        return rng.randint(0, min(mx, 8))
    r = rng.random()
    if r < 0.08:
        return 0
    if r < 0.16 and mx <= 120:
        return mx
    if mx <= 40:
        return rng.randint(1, mx)
    if rng.random() < 0.10:
        return rng.randint(1, min(mx, 60))
    return min(mx, int(rng.expovariate(1 / 10)) + 1)


MODES = [  # (name, weight)
    ("empty", 1), ("few", 20), ("typical", 35), ("secondary", 15),
    ("secondary_only", 4), ("many", 8), ("max", 7), ("zero", 6),
    ("all", 1), ("extremes", 3),
]


def build_message(rng, spec, allow_big=True):
    """Return (mode, doc) where doc is an input dict for iso8583.encode."""
    fields = data_fields(spec)
    prim = [f for f in fields if f < 65]
    sec = [f for f in fields if f > 65]
    var = [f for f in fields if is_var(spec[str(f)])]
    names = [m for m, _ in MODES]
    weights = [w for _, w in MODES]
    if not allow_big:
        weights = [0 if m in ("all", "many") else w for m, w in MODES]
    mode = rng.choices(names, weights)[0]

    r = rng.random()
    if r < 0.85:
        mti = rng.choice(COMMON_MTIS)
    else:
        mti = digits(rng, 4)
    doc = {"t": mti}
    how = {}

    if mode == "empty":
        chosen = []
    elif mode == "few":
        chosen = rng.sample(prim, rng.randint(1, 4))
    elif mode == "typical":
        pool = fields if rng.random() < 0.35 else prim
        chosen = rng.sample(pool, rng.randint(5, 15))
    elif mode == "secondary":
        chosen = rng.sample(prim, rng.randint(1, 10)) + rng.sample(sec, rng.randint(1, 10))
    elif mode == "secondary_only":
        chosen = rng.sample(sec, rng.randint(1, 8))
    elif mode == "many":
        chosen = rng.sample(fields, rng.randint(30, 90))
        how = {f: "small" for f in chosen if spec[str(f)]["max_len"] > 120}
    elif mode == "all":
        chosen = list(fields)
        how = {f: "small" for f in chosen}
    elif mode == "max":
        chosen = rng.sample(fields, rng.randint(3, 12))
        big_used = False
        for f in chosen:
            if spec[str(f)]["max_len"] > 300:
                # at most one 999-long field per message, in ~1/3 of the cases
                if big_used or not allow_big or rng.random() < 0.65:
                    how[f] = "small"
                else:
                    how[f] = "max"
                    big_used = True
            else:
                how[f] = "max"
    elif mode == "zero":
        chosen = rng.sample(var, rng.randint(1, 10))
        chosen += rng.sample(fields, rng.randint(0, 5))
        how = {f: "zero" for f in chosen}
    elif mode == "extremes":
        chosen = rng.sample(var, rng.randint(2, 10))
        for f in chosen:
            mx = spec[str(f)]["max_len"]
            how[f] = rng.choice(["zero", "max"]) if mx <= 120 else rng.choice(["zero", "small"])
    else:
        raise AssertionError(mode)

    if not allow_big:
        for f in chosen:
            if spec[str(f)]["max_len"] > 120 and how.get(f) != "zero":
                how[f] = "small"
    for f in sorted(set(chosen)):
        fs = spec[str(f)]
        doc[str(f)] = field_value(rng, f, fs, choose_len(rng, fs, how.get(f, "rand")))
    return mode, doc


def encode(doc, spec):
    s, doc_enc = iso8583.encode(dict(doc), spec)
    return bytes(s), doc_enc


def decoded_fields(dec):
    out = {}
    for k in sorted((k for k in dec if k.isdigit() and k != "1"), key=int):
        out[k] = dec[k]  # binary fields already come back as upper-case hex
    return out


# ---------------------------------------------------------------------------
# Valid messages
# ---------------------------------------------------------------------------
def gen_valid(spec_name):
    spec = getattr(iso_specs, spec_name)
    lines, stats = [], {"ok": 0, "skipped": 0, "roundtrip_mismatch": 0, "modes": {}}
    for i in range(N_VALID):
        seed = VALID_SEED[spec_name] + i
        rng = random.Random(seed)
        mode, doc = build_message(rng, spec)
        try:
            s, _ = encode(doc, spec)
            dec, _ = iso8583.decode(s, spec)
        except Exception as e:  # pyiso8583 refused it
            stats["skipped"] += 1
            print(f"[{spec_name}] seed {seed} skipped: {type(e).__name__}: {e}", file=sys.stderr)
            continue
        fields = decoded_fields(dec)
        expect = {k: v.upper() if spec[k]["data_enc"] == "b" else v
                  for k, v in doc.items() if k != "t"}
        if fields != expect or dec["t"] != doc["t"]:
            stats["roundtrip_mismatch"] += 1
        stats["ok"] += 1
        stats["modes"][mode] = stats["modes"].get(mode, 0) + 1
        lines.append({"seed": seed, "hex": s.hex().upper(), "mti": dec["t"], "fields": fields})
    return lines, stats


# ---------------------------------------------------------------------------
# Invalid messages
# ---------------------------------------------------------------------------
def layout(s, doc_enc):
    """[(key, start_of_len_prefix, start_of_data, len_bytes, data_bytes)] in wire order."""
    out, pos = [], 0
    for k, v in doc_enc.items():  # insertion order == wire order (t, p, 1, fields asc)
        out.append((k, pos, pos + len(v["len"]), v["len"], v["data"]))
        pos += len(v["len"]) + len(v["data"])
    assert pos == len(s), (pos, len(s))
    return out


class NotApplicable(Exception):
    pass


def set_bitmap_bit(spec, s, lay, bit):
    """Return s with `bit` (1..128) set in the primary/secondary bitmap."""
    key = "p" if bit <= 64 else "1"
    ent = [e for e in lay if e[0] == key]
    if not ent:
        raise NotApplicable
    _, _, dstart, _, data = ent[0]
    b = bit - 1 if bit <= 64 else bit - 65
    if spec[key]["data_enc"] == "b":
        raw = bytearray(data)
        raw[b // 8] |= 0x80 >> (b % 8)
        new = bytes(raw)
    else:
        raw = bytearray(bytes.fromhex(data.decode("ascii")))
        raw[b // 8] |= 0x80 >> (b % 8)
        new = raw.hex().upper().encode("ascii")
    if new == data:
        raise NotApplicable
    return s[:dstart] + new + s[dstart + len(data):]


def mutate(kind, rng, spec, s, doc_enc):
    lay = layout(s, doc_enc)
    fields = [e for e in lay if e[0].isdigit() and e[0] != "1"]
    varf = [e for e in fields if e[3]]
    text_ascii = spec["p"]["data_enc"] != "b"

    if kind == "truncate":
        if rng.random() < 0.5:
            pts = sorted({p for e in lay for p in (e[1], e[2], e[2] + 1)} - {len(s)})
            k = rng.choice([p for p in pts if p < len(s)])
        else:
            k = rng.randrange(0, len(s))
        return s[:k], f"truncate@{k}"

    if kind == "trailing":
        n = rng.randint(1, 8)
        extra = bytes(rng.choice(b"0123456789") for _ in range(n)) if rng.random() < 0.5 else rng.randbytes(n)
        return s + extra, f"trailing+{n}"

    if kind == "lenprefix_nondigit":
        if not varf:
            raise NotApplicable
        k, lstart, _, lb, _ = rng.choice(varf)
        j = rng.randrange(len(lb))
        c = rng.choice([b"A", b"x", b" ", b"+", b"-", b"_", b"/", b":", b"\x00", b"\x80", b"\xff"])
        pos = lstart + j
        return s[:pos] + c + s[pos + 1:], f"lenprefix_nondigit@f{k}:byte{pos}={c.hex().upper()}"

    if kind == "lenprefix_too_large":
        cand = [e for e in varf if 10 ** len(e[3]) - 1 > spec[e[0]]["max_len"]]
        if not cand:
            raise NotApplicable
        k, lstart, _, lb, _ = rng.choice(cand)
        mx = spec[k]["max_len"]
        v = mx + 1 if rng.random() < 0.5 else rng.randint(mx + 1, 10 ** len(lb) - 1)
        new = str(v).zfill(len(lb)).encode()
        return s[:lstart] + new + s[lstart + len(lb):], f"lenprefix_too_large@f{k}:{v}>max{mx}"

    if kind == "lenprefix_change":
        if not varf:
            raise NotApplicable
        k, lstart, _, lb, data = rng.choice(varf)
        mx = spec[k]["max_len"]
        old = len(data)
        choices = [v for v in (old + 1, old - 1, rng.randint(0, mx)) if 0 <= v <= mx and v != old]
        if not choices:
            raise NotApplicable
        v = rng.choice(choices)
        new = str(v).zfill(len(lb)).encode()
        return s[:lstart] + new + s[lstart + len(lb):], f"lenprefix_change@f{k}:{old}->{v}"

    if kind in ("numeric_nondigit_ascii", "numeric_nondigit_nonascii"):
        cand = [e for e in fields if e[4] and spec[e[0]]["data_enc"] != "b"
                and CONTENT_CLASS[int(e[0])] == "n"]
        if any(e[0] == "t" for e in lay) and rng.random() < 0.15:
            cand = [e for e in lay if e[0] == "t"]
        if not cand:
            raise NotApplicable
        k, _, dstart, _, data = rng.choice(cand)
        pos = dstart + rng.randrange(len(data))
        if kind == "numeric_nondigit_ascii":
            c = bytes([rng.choice(b"AZaz :=.-D")])
        else:
            c = bytes([rng.randint(0x80, 0xFF)])
        return s[:pos] + c + s[pos + 1:], f"{kind}@f{k}:byte{pos}={c.hex().upper()}"

    if kind == "text_nonascii":
        cand = [e for e in fields if e[4] and spec[e[0]]["data_enc"] != "b"]
        if not cand:
            raise NotApplicable
        k, _, dstart, _, data = rng.choice(cand)
        pos = dstart + rng.randrange(len(data))
        c = bytes([rng.randint(0x80, 0xFF)])
        return s[:pos] + c + s[pos + 1:], f"text_nonascii@f{k}:byte{pos}={c.hex().upper()}"

    if kind == "bitmap_nonhex":
        if not text_ascii:
            raise NotApplicable
        bms = [e for e in lay if e[0] in ("p", "1")]
        k, _, dstart, _, data = rng.choice(bms)
        j = rng.randrange(len(data))
        c = rng.choice([b"G", b"Z", b"g", b"z", b" ", b"-", b".", b":", b"\x00", b"\x80"])
        pos = dstart + j
        return s[:pos] + c + s[pos + 1:], f"bitmap_nonhex@{k}:byte{pos}={c.hex().upper()}"

    if kind == "bitmap_space_pair":
        # two whitespace chars on a byte boundary of a hex bitmap: bytes.fromhex() skips them
        if not text_ascii:
            raise NotApplicable
        bms = [e for e in lay if e[0] in ("p", "1")]
        k, _, dstart, _, data = rng.choice(bms)
        j = 2 * rng.randrange(len(data) // 2)
        pos = dstart + j
        return s[:pos] + b"  " + s[pos + 2:], f"bitmap_space_pair@{k}:byte{pos}"

    if kind == "setbit":
        present = {int(e[0]) for e in fields}
        has_sec = any(e[0] == "1" for e in lay)
        pool = [b for b in range(2, 129 if has_sec else 65) if b not in present and b != 65]
        b = rng.choice(pool)
        return set_bitmap_bit(spec, s, lay, b), f"setbit@{b}"

    if kind == "setbit1":
        # claim a secondary bitmap that is not there (or set bit 65 when it is)
        has_sec = any(e[0] == "1" for e in lay)
        b = 65 if has_sec else 1
        return set_bitmap_bit(spec, s, lay, b), f"setbit@{b}"

    if kind == "undefined_field":
        # Only fields 129..192 are undefined in these specs; they are reachable only via
        # bit 65 (tertiary bitmap indicator).  Set bit 65 and insert a tertiary bitmap
        # right after the secondary bitmap (adding an empty secondary one if needed).
        width = 8 if spec["1"]["data_enc"] == "b" else 16
        pe = [e for e in lay if e[0] == "p"][0]
        sec_start = pe[2] + len(pe[4])
        if not any(e[0] == "1" for e in lay):
            s = set_bitmap_bit(spec, s, lay, 1)
            empty = b"\x00" * 8 if spec["1"]["data_enc"] == "b" else b"0" * 16
            s = s[:sec_start] + empty + s[sec_start:]
        sec = s[sec_start:sec_start + width]
        if spec["1"]["data_enc"] == "b":
            sec = bytes([sec[0] | 0x80]) + sec[1:]
        else:
            raw = bytearray(bytes.fromhex(sec.decode("ascii")))
            raw[0] |= 0x80
            sec = raw.hex().upper().encode("ascii")
        if rng.random() < 0.15:
            tert_fields = []
        else:
            tert_fields = sorted(rng.sample(range(129, 193), rng.randint(1, 3)))
        tb = bytearray(8)
        for f in tert_fields:
            b = f - 129
            tb[b // 8] |= 0x80 >> (b % 8)
        tert = bytes(tb) if spec["1"]["data_enc"] == "b" else bytes(tb).hex().upper().encode("ascii")
        out = s[:sec_start] + sec + tert + s[sec_start + width:]
        tag = ",".join(map(str, tert_fields)) if tert_fields else "none"
        return out, f"undefined_field@{tag}"

    if kind == "mti_nonascii":
        pos = rng.randrange(4)
        c = bytes([rng.randint(0x80, 0xFF)])
        return s[:pos] + c + s[pos + 1:], f"mti_nonascii@byte{pos}={c.hex().upper()}"

    raise AssertionError(kind)


KINDS = ["truncate", "trailing", "lenprefix_nondigit", "lenprefix_too_large",
         "lenprefix_change", "numeric_nondigit_ascii", "numeric_nondigit_nonascii",
         "text_nonascii", "bitmap_nonhex", "bitmap_space_pair", "setbit", "setbit1",
         "undefined_field", "mti_nonascii"]


def gen_invalid(spec_name):
    spec = getattr(iso_specs, spec_name)
    lines, quirks = [], []
    stats = {k: {"rejected": 0, "accepted": 0, "n/a": 0} for k in KINDS}
    errors = {}
    j = 0
    while len(lines) < N_INVALID:
        kind = KINDS[j % len(KINDS)]
        seed = INVALID_SEED[spec_name] + j
        j += 1
        assert j < 50_000
        rng = random.Random(seed)
        _, doc = build_message(rng, spec, allow_big=False)
        s, doc_enc = encode(doc, spec)
        try:
            m, tag = mutate(kind, rng, spec, s, doc_enc)
        except NotApplicable:
            stats[kind]["n/a"] += 1
            continue
        try:
            dec, _ = iso8583.decode(m, spec)
        except DecodeError as e:
            stats[kind]["rejected"] += 1
            errors[e.msg.split(",")[0].split(" is ")[0]] = errors.get(e.msg.split(",")[0].split(" is ")[0], 0) + 1
            lines.append({"seed": seed, "hex": m.hex().upper(), "mutation": tag,
                          "py_exc": "DecodeError", "py_error": str(e), "py_msg": e.msg,
                          "py_field": e.field, "py_pos": e.pos})
            continue
        except Exception as e:  # e.g. KeyError for fields 129..192
            stats[kind]["rejected"] += 1
            errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
            lines.append({"seed": seed, "hex": m.hex().upper(), "mutation": tag,
                          "py_exc": type(e).__name__, "py_error": f"{type(e).__name__}: {e}",
                          "py_msg": None, "py_field": None, "py_pos": None})
            continue
        stats[kind]["accepted"] += 1
        if m == s:
            continue
        if sum(1 for q in quirks if q["kind"] == kind) < QUIRKS_PER_KIND:
            quirks.append({"spec": spec_name, "kind": kind, "seed": seed,
                           "hex": m.hex().upper(), "mutation": tag,
                           "py_mti": dec["t"], "py_bitmap": dec["p"] + dec.get("1", ""),
                           "py_fields": decoded_fields(dec)})
    return lines, quirks, stats, errors


def handcrafted_quirks(spec_name):
    """Fixed, hand-made lenient cases (kind "handcrafted"), all accepted by pyiso8583."""
    spec = getattr(iso_specs, spec_name)
    doc = {"t": "0200", "2": "12345", "3": "000000", "48": "ABC", "70": "301"}
    s, doc_enc = encode(doc, spec)
    lay = {e[0]: e for e in layout(s, doc_enc)}
    l2, l48 = lay["2"][1], lay["48"][1]
    assert s[l2:l2 + 2] == b"05" and s[l48:l48 + 3] == b"003"
    cases = []
    for rep, tag in ((b" 5", "LL ' 5'"), (b"5 ", "LL '5 '"), (b"+5", "LL '+5'"), (b"\t5", "LL '\\t5'")):
        cases.append((s[:l2] + rep + s[l2 + 2:], f"handcrafted:lenprefix f2 {tag} parsed by int()"))
    for rep, tag in ((b"0_3", "LLL '0_3'"), (b" +3", "LLL ' +3'"), (b"3  ", "LLL '3  '")):
        cases.append((s[:l48] + rep + s[l48 + 3:], f"handcrafted:lenprefix f48 {tag} parsed by int()"))
    s0, e0 = encode({"t": "0200", "2": "", "3": "000000"}, spec)
    p0 = layout(s0, e0)[2][1]
    assert s0[p0:p0 + 2] == b"00"
    cases.append((s0[:p0] + b"-0" + s0[p0 + 2:], "handcrafted:lenprefix f2 '-0' = zero length"))
    p3 = lay["3"][2]
    cases.append((s[:p3] + b"\x00\x01AZ \x7f" + s[p3 + 6:], "handcrafted:control/letters in numeric fixed field 3"))
    cases.append((b"AB\x00~" + s[4:], "handcrafted:MTI 'AB\\x00~'"))
    # tertiary bitmap present (bit 65) but empty
    w = 8 if spec["1"]["data_enc"] == "b" else 16
    sec = lay["1"][2]
    secb = s[sec:sec + w]
    if spec["1"]["data_enc"] == "b":
        secb2 = bytes([secb[0] | 0x80]) + secb[1:]
        tert = b"\x00" * 8
    else:
        raw = bytearray(bytes.fromhex(secb.decode()))
        raw[0] |= 0x80
        secb2 = raw.hex().upper().encode()
        tert = b"0" * 16
    cases.append((s[:sec] + secb2 + tert + s[sec + w:], "handcrafted:bit 65 set, empty tertiary bitmap"))
    # bit 1 set, secondary bitmap all zero
    s1, e1 = encode({"t": "0200", "3": "000000"}, spec)
    s1 = set_bitmap_bit(spec, s1, layout(s1, e1), 1)
    pe = layout(*encode({"t": "0200", "3": "000000"}, spec))[1]
    ins = pe[2] + len(pe[4])
    cases.append((s1[:ins] + (b"\x00" * 8 if w == 8 else b"0" * 16) + s1[ins:],
                  "handcrafted:bit 1 set, all-zero secondary bitmap"))
    if spec["p"]["data_enc"] != "b":
        pp = lay["p"][2]
        pb = s[pp:pp + 16]
        cases.append((s[:pp] + pb[:12] + b"  " + pb[14:] + s[pp + 16:],
                      "handcrafted:hex primary bitmap with 2 spaces (7-byte bitmap)"))
        cases.append((s[:pp] + pb.lower() + s[pp + 16:], "handcrafted:lower-case hex primary bitmap"))
    out = []
    for m, tag in cases:
        try:
            dec, _ = iso8583.decode(m, spec)
        except Exception as e:
            print(f"[{spec_name}] handcrafted case rejected ({tag}): {e}", file=sys.stderr)
            continue
        out.append({"spec": spec_name, "kind": "handcrafted", "seed": None,
                    "hex": m.hex().upper(), "mutation": tag,
                    "py_mti": dec["t"], "py_bitmap": dec["p"] + dec.get("1", ""),
                    "py_fields": decoded_fields(dec)})
    return out


# ---------------------------------------------------------------------------
# README
# ---------------------------------------------------------------------------
def spec_table(spec):
    rows = ["| field | data_enc | len_enc | len_type | max_len | len_count | pad | desc |",
            "|---|---|---|---|---|---|---|---|"]
    for k, v in spec.items():
        pad = ""
        if "left_pad" in v:
            pad = f"left_pad={v['left_pad']!r}"
        if "right_pad" in v:
            pad += f" right_pad={v['right_pad']!r}"
        lc = v.get("len_count", "(absent: bytes)")
        rows.append(f"| {k} | {v['data_enc']} | {v['len_enc']} | {v['len_type']} | {v['max_len']} "
                    f"| {lc} | {pad} | {v.get('desc', '')} |")
    return "\n".join(rows)


def spec_diff(a, b):
    rows = []
    for k in a:
        if a[k] != b[k]:
            diff = {kk: (a[k].get(kk), b[k].get(kk)) for kk in a[k] if a[k].get(kk) != b[k].get(kk)}
            rows.append(f"| {k} | " + "; ".join(f"{kk}: {x!r} vs {y!r}" for kk, (x, y) in diff.items())
                        + f" | {a[k].get('desc', '')} |")
    return "| field | default vs default_ascii | desc |\n|---|---|---|\n" + "\n".join(rows)


def content_table():
    by = {}
    for f, c in sorted(CONTENT_CLASS.items()):
        by.setdefault(c, []).append(f)
    return "\n".join(f"- `{c}`: {', '.join(map(str, fs))}" for c, fs in by.items())


def file_size(name):
    return os.path.getsize(os.path.join(HERE, name))


README_TEMPLATE = """# pyiso8583 reference vectors

Independent fixtures produced by [pyiso8583](https://pypi.org/project/pyiso8583/)
**{version}** (Python {pyver}). Generated by `gen.py` in this folder; this README is
written by it too (do not edit by hand).

Regenerate (from the repository root):

```sh
pip install pyiso8583=={version}
python3 tests/vectors/pyiso8583/gen.py
```

The script refuses to run against another pyiso8583 version unless
`PYISO8583_ANY_VERSION=1` is set. Output is fully deterministic (each message
uses its own `random.Random(seed)`; no time or hash-order dependence): running it
twice gives byte-identical files.

## Files

| file | lines | bytes | content |
|---|---|---|---|
| `default.jsonl` | {n_default} | {sz_default} | valid messages, spec `iso8583.specs.default` (binary bitmaps) |
| `default_ascii.jsonl` | {n_default_ascii} | {sz_default_ascii} | valid messages, spec `iso8583.specs.default_ascii` (hex-text bitmaps) |
| `invalid_default.jsonl` | {ni_default} | {szi_default} | malformed messages that `iso8583.decode(.., default)` rejects |
| `invalid_default_ascii.jsonl` | {ni_default_ascii} | {szi_default_ascii} | malformed messages that `iso8583.decode(.., default_ascii)` rejects |
| `quirks.jsonl` | {n_quirks} | {sz_quirks} | mutated (malformed-looking) messages that pyiso8583 nevertheless **accepts**, with what it decoded |

### Valid lines

Example (shortest line of `default.jsonl` containing a binary field):

```json
{ex_valid}
```

- `hex`: upper-case hex of the bytes returned by `iso8583.encode`.
- `mti`: `decode(...)["t"]`.
- `fields`: every data field 2..128 that `iso8583.decode` returned, keys in
  ascending numeric order, values exactly as decode returned them (binary
  fields — `data_enc == "b"` — come back as upper-case hex strings; text fields
  as decoded text, never trimmed or padded). `h`, `t`, `p`, `1` are excluded.
  Field `65` never appears (see below).
- Each message was encode→decode round-tripped; the decoded values equal the
  generator's input values in every case (roundtrip mismatches: {mismatch}).
- `seed`: `random.Random(seed)` rebuilds the message (see `build_message`).

Message shapes (counts per spec): {modes}. These include messages with no data
field at all (bitmap all zero), messages with only secondary fields
(primary bitmap = just bit 1), every field 2..128 at once, variable fields at
length 0 and at `max_len` (including 999-byte LLLVAR fields and 255-byte/510-char
field 55), random 4-digit MTIs (~15 %) besides the common ones.

Values: structure (fixed/variable, prefix width, `max_len`, binary or text)
comes from the spec dicts. pyiso8583 specs have **no n/an/ans attribute** and
pyiso8583 does not validate content, so the character class of each generated
value comes from the ISO 8583:1987 data-element formats (table below), making
the values valid for a stricter decoder too. Binary elements (ISO `b`) are
random bytes where the spec says `data_enc: "b"` and an even-length upper-case
hex string where the spec carries them as text (`default_ascii`).

{content}

### Invalid lines

Examples (shortest `truncate` line inside a data field, one per file):

```json
{ex_invalid}
```

- `seed`: the valid message that was mutated is `build_message(random.Random(seed), spec,
  allow_big=False)`; the mutation draws from the same generator afterwards.

- `py_error` = `str(exc)`; for `DecodeError` that is `f"{{msg}}: field {{field}} pos {{pos}}"`.
- `py_msg`, `py_field`, `py_pos` = `exc.msg`, `exc.field`, `exc.pos` (null for non-DecodeError).
- `py_exc`: exception class. Almost all are `DecodeError`; the
  `undefined_field@129..` mutations make pyiso8583 raise a bare **`KeyError`**
  (e.g. `KeyError: '129'`) because the decoder looks up `spec["129"]` without a check.

Mutation kinds (`mutation` tag prefix) and how pyiso8583 treated them:

{mutation_table}

Error messages seen (first words of `exc.msg`): {errors}

### Quirks (`quirks.jsonl`)

Mutations pyiso8583 **accepted** (at most {qcap} random examples per spec and
kind, plus a fixed set of `kind: "handcrafted"` cases per spec), with `py_mti`,
`py_bitmap` (`p` + `1` as decoded) and `py_fields`. A strict decoder
will likely reject these; they are *not* expected-success fixtures, they
document where pyiso8583 is lenient:

- **No content validation.** Any ASCII byte (0x00–0x7F) is accepted in every
  text field, including numeric ones and the MTI (`numeric_nondigit_ascii` is
  always accepted). Only bytes ≥ 0x80 fail (`Failed to decode field, invalid data`).
- **Length prefixes are parsed with Python `int()`**: `" 12"`, `"12 "`, `"+12"`,
  `"1_2"`, `"\\t9"` are accepted as 12/12/12/12/9, and `"-0"`/`"-00"` as 0.
  Negative lengths (`"-1"`) get past the max check and fail later as
  `Field data is 0 bytes, expecting -1`.
- **Hex bitmaps are parsed with `bytes.fromhex()`**, which skips whitespace
  between byte pairs: `"4010  0000000000"` is accepted as a **7-byte** bitmap
  (`bitmap_space_pair`). The decoded `p` keeps the spaces. Lower-case hex
  bitmaps are accepted and returned lower-case.
- **Bit 1 with an all-zero secondary bitmap** is accepted (no check that a
  secondary bitmap has any bit).
- **Bit 65 = tertiary bitmap.** With bit 65 set, another 8 bytes (default) /
  16 hex chars (default_ascii) are read right after the secondary bitmap and
  appended to field `1` (which then decodes as 32 hex chars); if that tertiary
  bitmap is all zero the message is accepted (`undefined_field@none`).
- Fields whose length prefix was changed (`lenprefix_change`) or whose bitmap
  gained a bit (`setbit`) occasionally still parse to a different, valid message.

## Field 1 and field 65

- `1` (`Bitmap, Secondary`): never a data field. `encode` computes it (drops any
  given `"1"`), `decode` returns it as key `"1"` (hex string). Not in `fields`.
- `65` (`Bitmap, Extended`): the spec dict defines it (`b`/8 bytes in default,
  ascii/16 in default_ascii), but the codec never uses that entry:
  `encode` pops `"65"` from the input dict ("Extended bitmap indicator must not
  be an actual field"), and `decode`, when bit 65 is set, reads a **tertiary
  bitmap** (fields 129–192) with the spec of field `1` and merges it into `"1"`.
  Fields 129–192 are not defined in either spec, so any tertiary bit set → `KeyError`.
  So `65` is not an ordinary data field and never appears in these vectors.

## Meaning of `DecodeError.pos` (read from `iso8583/decoder.py` {version})

`pos` is a 0-based byte offset into the whole message (header included — both
specs have `h.max_len == 0`, so no header). It is **never the offset of the
offending byte inside a field**; it is one of:

| error (`msg`) | `field` | `pos` |
|---|---|---|
| `Field data is N bytes, expecting 4` / `Failed to decode field, invalid data` on the MTI | `t` | start of MTI (0) |
| `Field data is N bytes, expecting 8\\|16\\|32` (short bitmap), `Failed to decode field, non-hex data`, `..invalid data` on a bitmap | `p` or `1` | start of that bitmap; for the tertiary extension (bit 65), start of the tertiary 8/16 bytes, with field `1` and "expecting 16\\|32" counting the whole secondary+tertiary |
| `Field length is N bytes wide, expecting L` (prefix truncated) | field | start of the field = start of its length prefix |
| `Failed to decode field length, non-numeric data` / `.., invalid data` | field | start of the length prefix |
| `Field data is N bytes, larger than maximum M` (prefix value > max_len) | field | start of the length prefix |
| `Field data is N bytes, expecting M` (data truncated) | field | start of the field **data** (just after the prefix; = field start for fixed fields) |
| `Failed to decode field, invalid data` (byte not decodable in data_enc) | field | start of the field **data**, not of the bad byte |
| `Extra data after last field` | last field decoded (`p`/`1` if none) | offset of the first unconsumed byte (= length of the well-formed prefix) |

So for variable fields there are two different anchors: errors about the
length prefix report the prefix start; errors about the data report the data
start (prefix start + `len_type`). For fixed fields both coincide.

## Specs as defined by pyiso8583 {version}

Differences between `default` and `default_ascii` (everything else identical):

{diff}

Notes:
- `default` carries bitmaps `p`/`1`/`65` and fields 52 (PIN), 55 (ICC, LLLVAR
  max 255 **bytes**), 64, 96, 128 (MACs/MSC) as binary (`b`); `default_ascii`
  carries the same as ASCII hex text with doubled lengths (16 chars; 55 max 510 chars).
- Every length prefix is ASCII decimal (`len_enc: ascii`); `len_type` is 2
  (LLVAR) or 3 (LLLVAR); no `len_count`, `left_pad` or `right_pad` key in either spec.
- Field 54 (`Additional Amounts`) is LLLVAR max **240** (ISO 8583:1987 says 120).
- Field 35 (track 2) is plain ascii LLVAR max 37; field 36 (track 3) LLLVAR max 104;
  field 45 (track 1) LLVAR max 76.
- The MTI `t` is ascii, 4 bytes; header `h` has max_len 0 (absent).

### `iso8583.specs.default`

{table_default}

### `iso8583.specs.default_ascii`

{table_default_ascii}
"""


def main():
    ver = pkg_version("pyiso8583")
    if ver != PINNED_VERSION and os.environ.get("PYISO8583_ANY_VERSION") != "1":
        sys.exit(f"pyiso8583 {ver} installed, vectors are pinned to {PINNED_VERSION} "
                 f"(pip install pyiso8583=={PINNED_VERSION}, or set PYISO8583_ANY_VERSION=1)")

    summary = {}
    all_quirks = []
    for name in SPEC_NAMES:
        lines, st = gen_valid(name)
        with open(os.path.join(HERE, f"{name}.jsonl"), "w") as fh:
            for ln in lines:
                fh.write(json.dumps(ln, separators=(",", ":"), ensure_ascii=True) + "\n")
        ilines, quirks, ist, errs = gen_invalid(name)
        with open(os.path.join(HERE, f"invalid_{name}.jsonl"), "w") as fh:
            for ln in ilines:
                fh.write(json.dumps(ln, separators=(",", ":"), ensure_ascii=True) + "\n")
        all_quirks += handcrafted_quirks(name) + quirks
        summary[name] = (st, ist, errs, len(lines), len(ilines))
    with open(os.path.join(HERE, "quirks.jsonl"), "w") as fh:
        for q in all_quirks:
            fh.write(json.dumps(q, separators=(",", ":"), ensure_ascii=True) + "\n")

    # ---- report
    for name in SPEC_NAMES:
        st, ist, errs, n, ni = summary[name]
        print(f"== {name}: valid written {n}, skipped (pyiso8583 refused) {st['skipped']}, "
              f"roundtrip mismatches {st['roundtrip_mismatch']}")
        print(f"   modes: {st['modes']}")
        print(f"   invalid written {ni}")
        for k, v in ist.items():
            print(f"   {k:28s} rejected {v['rejected']:4d}  accepted {v['accepted']:4d}  n/a {v['n/a']:4d}")
        print(f"   error kinds: {errs}")
    print(f"quirks written {len(all_quirks)}")

    # ---- README
    d, a = iso_specs.default, iso_specs.default_ascii
    mt = ["| kind | what | " + " | ".join(f"{n}: rejected / accepted / n/a" for n in SPEC_NAMES) + " |",
          "|---|---|" + "---|" * len(SPEC_NAMES)]
    what = {
        "truncate": "cut the message at byte k (`truncate@k`; half the time at a field/prefix/data boundary)",
        "trailing": "append 1–8 bytes (`trailing+n`) — always rejected: `Extra data after last field`",
        "lenprefix_nondigit": "replace one length-prefix byte by A x space + - _ / : 00 80 FF",
        "lenprefix_too_large": "length prefix set to a value > max_len (LLVAR fields, and LLLVAR with max < 999)",
        "lenprefix_change": "length prefix set to another value ≤ max_len (±1 or random)",
        "numeric_nondigit_ascii": "ASCII non-digit into an ISO-numeric text field or the MTI",
        "numeric_nondigit_nonascii": "byte 0x80–0xFF into an ISO-numeric text field or the MTI",
        "text_nonascii": "byte 0x80–0xFF into any text field",
        "bitmap_nonhex": "(default_ascii) a non-hex char into the hex primary/secondary bitmap",
        "bitmap_space_pair": "(default_ascii) two spaces on a byte boundary of the hex bitmap",
        "setbit": "set the bitmap bit of an absent field (2..64, or 66..128 if a secondary bitmap exists)",
        "setbit1": "set bit 1 without a secondary bitmap, or bit 65 when there is one",
        "undefined_field": "set bit 65 and insert a tertiary bitmap with bits for 129..192 (or none)",
        "mti_nonascii": "byte 0x80–0xFF into the MTI",
    }
    for k in KINDS:
        cells = []
        for n in SPEC_NAMES:
            v = summary[n][1][k]
            cells.append(f"{v['rejected']} / {v['accepted']} / {v['n/a']}")
        mt.append(f"| `{k}` | {what[k]} | " + " | ".join(cells) + " |")
    errs_txt = "; ".join(f"{n}: " + ", ".join(f"`{e}` ×{c}" for e, c in sorted(summary[n][2].items()))
                         for n in SPEC_NAMES)
    modes_txt = "; ".join(f"{n}: " + ", ".join(f"{m} {c}" for m, c in summary[n][0]["modes"].items())
                          for n in SPEC_NAMES)
    def shortest(fname, pred):
        with open(os.path.join(HERE, fname)) as fh:
            cand = [ln.strip() for ln in fh if pred(json.loads(ln))]
        return min(cand, key=lambda x: (len(x), x))

    ex_valid = shortest("default.jsonl", lambda d: any(d["fields"].get(k) for k in ("52", "55", "64", "96", "128")))
    ex_invalid = "\n".join(shortest(f"invalid_{n}.jsonl", lambda d: d["mutation"].startswith("truncate")
                                    and d["py_field"] not in ("t", "p", "1"))
                           for n in SPEC_NAMES)
    readme = README_TEMPLATE.format(
        ex_valid=ex_valid, ex_invalid=ex_invalid,
        version=ver, pyver=".".join(map(str, sys.version_info[:3])),
        n_default=summary["default"][3], n_default_ascii=summary["default_ascii"][3],
        ni_default=summary["default"][4], ni_default_ascii=summary["default_ascii"][4],
        n_quirks=len(all_quirks),
        sz_default=file_size("default.jsonl"), sz_default_ascii=file_size("default_ascii.jsonl"),
        szi_default=file_size("invalid_default.jsonl"),
        szi_default_ascii=file_size("invalid_default_ascii.jsonl"),
        sz_quirks=file_size("quirks.jsonl"),
        mismatch=sum(summary[n][0]["roundtrip_mismatch"] for n in SPEC_NAMES),
        modes=modes_txt, content=content_table(), mutation_table="\n".join(mt),
        errors=errs_txt, qcap=QUIRKS_PER_KIND, diff=spec_diff(d, a),
        table_default=spec_table(d), table_default_ascii=spec_table(a),
    )
    with open(os.path.join(HERE, "README.md"), "w") as fh:
        fh.write(readme)


if __name__ == "__main__":
    main()
