#!/usr/bin/env python3
"""Generate ISO 8583 messages with a tertiary bitmap (fields 129 to 192) with pyiso8583.

Run from the repository root:

    pip install pyiso8583==4.0.1
    python3 tests/vectors/pyiso8583/gen_tertiary.py

Writes tertiary_default.jsonl and tertiary_default_ascii.jsonl next to this script: 300
messages each, pyiso8583's `default` / `default_ascii` specs extended with fields 129 to 192
(129-160 LLVAR ans 99, 161-176 fixed n 8, 177-192 LLLVAR ans 999), fields 2 to 128 chosen
as gen.py chooses them. pyiso8583 4 reads bit 65 as the tertiary bitmap announcement and
writes the third bitmap right after the secondary one. Deterministic (seeded).
"""
import copy
import json
import os
import random
import sys

import iso8583
import iso8583.specs as iso_specs

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen  # noqa: E402  (its helpers; its main() only runs as a script)

HERE = os.path.dirname(os.path.abspath(__file__))


def tertiary_spec(base):
    spec = copy.deepcopy(base)
    for n in range(129, 193):
        if n <= 160:
            f = {"data_enc": "ascii", "len_enc": "ascii", "len_type": 2, "max_len": 99}
        elif n <= 176:
            f = {"data_enc": "ascii", "len_enc": "ascii", "len_type": 0, "max_len": 8}
        else:
            f = {"data_enc": "ascii", "len_enc": "ascii", "len_type": 3, "max_len": 999}
        f["desc"] = f"Field {n}"
        spec[str(n)] = f
    return spec


def main():
    for name in ("default", "default_ascii"):
        spec = tertiary_spec(getattr(iso_specs, name))
        lines = []
        for i in range(300):
            rng = random.Random(0x7E57 + i)
            _, doc = gen.build_message(rng, getattr(iso_specs, name), allow_big=False)
            for n in rng.sample(range(129, 193), rng.randint(1, 8)):
                mx = spec[str(n)]["max_len"]
                if spec[str(n)]["len_type"] == 0:
                    value = gen.digits(rng, mx)
                else:
                    value = "".join(rng.choice(gen.PRINTABLE) for _ in range(rng.randint(0, min(mx, 30))))
                doc[str(n)] = value
            s, _ = iso8583.encode(dict(doc), spec)
            dec, _ = iso8583.decode(s, spec)
            fields = {k: dec[k] for k in sorted((k for k in dec if k.isdigit() and k != "1"), key=int)}
            lines.append({"seed": 0x7E57 + i, "hex": bytes(s).hex().upper(), "mti": dec["t"], "fields": fields})
        with open(os.path.join(HERE, f"tertiary_{name}.jsonl"), "w") as out:
            for line in lines:
                out.write(json.dumps(line) + "\n")


if __name__ == "__main__":
    main()
