"""Builds the masking vectors with pyiso8583 4 (an independent encoder): responses whose
fields 2, 34, 35, 45, 52 and whose field 55 tags 5A, 57, 56, 9F6B, 9F1F, 9F20 and 5F20 hold card
data that must never be printed in full. Run: python3 make.py (pip install pyiso8583==4.0.1)."""
import copy
import iso8583
from iso8583.specs import default_ascii, default

PAN = "4000009876543219"
TLV = (
    "9F2608C2A1E40F2B7A7A11" "9F270180"
    "5A08" + PAN +                                   # application PAN
    "5711" + "4000001234567899D2912201000000000F" +     # track 2 equivalent (17 bytes)
    "5F2009" + "TEST/CARD".encode().hex().upper() +  # cardholder name
    "9F1F06" + "313233343536" +                      # track 1 discretionary data
    "9F200420202020" +                               # track 2 discretionary data
    "9F6B0E" + "4000005555666677D2912201000F" +       # track 2 data (contactless)
    "8A023035"
)
# Checked with pyemv's BER-TLV decoder, an independent reader.
from pyemv import tlv as pyemv_tlv
assert set(pyemv_tlv.decode(bytes.fromhex(TLV))) >= {"5A", "57", "5F20", "9F1F", "9F20", "9F6B"}

def message(short_pan: bool, hex_text: bool):
    return {
        "t": "0110",
        "2": "40000012345" if short_pan else PAN,   # 11 digits: Luhn alone must not rebuild it
        "34": "4000001111222233",
        "35": "4000009876543219=29122010000000000",
        "39": "05",
        "45": "B4000009876543219^TEST/CARD^2912201",
        # pyiso8583 takes binary fields as hex text in both specs.
        "52": "0123456789ABCDEF",
        "55": TLV,
    }

for name, spec in (("iso87-ascii", default_ascii), ("iso87-ascii-binbitmap", default)):
    for short in (False, True):
        raw, _ = iso8583.encode(message(short, spec is default_ascii), spec)
        stem = f"{name}{'-short-pan' if short else ''}"
        with open(f"{stem}.hex", "w") as f:
            f.write(f"# pyiso8583 {iso8583.__version__} spec {'default_ascii' if spec is default_ascii else 'default'}: 0110 with card data in 2, 34, 35, 45, 52 and in 55 (5A, 57, 5F20, 9F1F, 9F20, 9F6B)\n")
            f.write(raw.hex().upper() + "\n")
print(TLV)
