//! Compiles the knowledge in data/ (families, response codes per scheme, display texts) into
//! `phf` maps and static tables in `$OUT_DIR/codes.rs`. Bad data stops the build with a message
//! naming the file, the section and what is wrong.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

#[allow(dead_code)]
mod normalize {
    include!("src/codes/normalize.rs");
}

/// The class entries ISO 8583:1993 implies for unlisted codes, by first digit.
const CLASSES: (&str, &str) = ("iso93-classes", "Iso93");

/// The schemes: data file stem, Rust variant.
const SCHEMES: [(&str, &str); 6] = [
    ("iso87", "Iso87"),
    ("iso93", "Iso93"),
    ("visa", "Visa"),
    ("mastercard", "Mastercard"),
    ("cup", "Cup"),
    ("cup-legacy", "CupLegacy"),
];

const OUTCOMES: [(&str, &str); 8] = [
    ("approved", "Approved"),
    ("declined", "Declined"),
    ("refer-to-issuer", "ReferToIssuer"),
    ("pick-up-card", "PickUpCard"),
    ("retry-later", "RetryLater"),
    ("re-enter", "ReEnter"),
    ("format-or-system-error", "FormatOrSystemError"),
    ("fraud-or-security", "FraudOrSecurity"),
];
const ACTORS: [(&str, &str); 4] = [
    ("cardholder", "Cardholder"),
    ("operator", "Operator"),
    ("acquirer", "Acquirer"),
    ("issuer", "Issuer"),
];
const RETRIES: [(&str, &str); 4] = [
    ("never", "Never"),
    ("after-fix", "AfterFix"),
    ("later", "Later"),
    ("at-once", "AtOnce"),
];

/// One `[key]` section: its lines as (name, value), in order.
struct Section {
    key: String,
    line: usize,
    items: Vec<(String, String)>,
}

impl Section {
    fn all(&self, name: &str) -> Vec<&str> {
        self.items
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    fn one(&self, file: &str, name: &str) -> Option<&str> {
        let all = self.all(name);
        if all.len() > 1 {
            fail(file, self, &format!("`{name}` given more than once"));
        }
        all.first().copied()
    }

    fn required(&self, file: &str, name: &str) -> &str {
        self.one(file, name)
            .unwrap_or_else(|| fail(file, self, &format!("`{name}` is missing")))
    }
}

fn fail(file: &str, section: &Section, what: &str) -> ! {
    panic!("{file}:{}: [{}]: {what}", section.line, section.key)
}

fn parse(path: &Path) -> Vec<Section> {
    let file = path.display().to_string();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut sections: Vec<Section> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(key) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            sections.push(Section {
                key: key.trim().to_owned(),
                line: i + 1,
                items: Vec::new(),
            });
            continue;
        }
        let Some((name, value)) = line.split_once(" = ").or_else(|| line.split_once('=')) else {
            panic!("{file}:{}: expected `name = value`, found {line:?}", i + 1);
        };
        let Some(section) = sections.last_mut() else {
            panic!("{file}:{}: a value before any [section]", i + 1);
        };
        section
            .items
            .push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut seen = HashMap::new();
    for s in &sections {
        if let Some(line) = seen.insert(s.key.clone(), s.line) {
            panic!(
                "{file}:{}: [{}] repeats the section at line {line}",
                s.line, s.key
            );
        }
    }
    sections
}

fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// `&[Text { en, zh }, …]` from the `<kind>.en` / `<kind>.zh` lists, or None when absent.
fn texts(file: &str, s: &Section, kind: &str) -> Option<String> {
    let en = s.all(&format!("{kind}.en"));
    let zh = s.all(&format!("{kind}.zh"));
    if en.is_empty() && zh.is_empty() {
        return None;
    }
    if en.len() != zh.len() {
        fail(
            file,
            s,
            &format!(
                "{kind}.en has {} items but {kind}.zh has {}",
                en.len(),
                zh.len()
            ),
        );
    }
    for t in en.iter().chain(&zh) {
        if t.is_empty() {
            fail(file, s, &format!("an empty {kind} item"));
        }
    }
    let items: Vec<String> = en
        .iter()
        .zip(&zh)
        .map(|(e, z)| format!("Text {{ en: {}, zh: {} }}", lit(e), lit(z)))
        .collect();
    Some(format!("&[{}]", items.join(", ")))
}

fn pick(file: &str, s: &Section, name: &str, table: &[(&str, &str)]) -> String {
    let value = s.required(file, name);
    table
        .iter()
        .find(|(k, _)| *k == value)
        .map(|(_, v)| (*v).to_owned())
        .unwrap_or_else(|| {
            fail(
                file,
                s,
                &format!("`{name} = {value}` is not one of {table:?}"),
            )
        })
}

fn ident(id: &str) -> String {
    id.to_uppercase().replace('-', "_")
}

/// A range key `lo-hi` of codes the same length; the section's own key otherwise.
fn range(key: &str) -> Option<(&str, &str)> {
    let (lo, hi) = key.split_once('-')?;
    (lo.len() == hi.len() && !lo.is_empty()).then_some((lo, hi))
}

/// Traditional to Simplified Chinese, character by character, from OpenCC's dictionaries (through
/// the hanconv crate): the mainland, Taiwan and Hong Kong conversions, the first that changes the
/// character. Emitted as a table, so the library itself needs no conversion crate.
fn t2s_table() -> &'static HashMap<char, char> {
    static TABLE: std::sync::OnceLock<HashMap<char, char>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        let ranges = [0x3400u32..=0x4DBF, 0x4E00..=0x9FFF, 0xF900..=0xFAFF];
        for c in ranges.into_iter().flatten().filter_map(char::from_u32) {
            let s = c.to_string();
            for conv in [hanconv::t2s, hanconv::tw2s, hanconv::hk2s] {
                let t = conv(&s);
                let mut chars = t.chars();
                if let (Some(simple), None) = (chars.next(), chars.next())
                    && simple != c
                {
                    map.insert(c, simple);
                    break;
                }
            }
        }
        map
    })
}

fn t2s(c: char) -> Option<char> {
    t2s_table().get(&c).copied()
}

/// `text` normalised and squashed (see src/codes/normalize.rs), with the abbreviations given.
fn prepared(text: &str, abbreviations: &BTreeMap<String, String>) -> (String, String) {
    let (mut n, mut s, mut starts) = (vec![0u8; 2048], vec![0u8; 4096], vec![0u64; 80]);
    let (nl, sl) = normalize::prepare_into(
        text,
        normalize::Prepared {
            normalized: &mut n,
            squashed: &mut s,
            starts: &mut starts,
        },
        &t2s,
        // No bits: every ideograph is asked of `t2s`.
        &[],
        &|w: &[u8]| {
            std::str::from_utf8(w)
                .ok()
                .and_then(|w| abbreviations.get(w))
                .map(String::as_str)
        },
    )
    .unwrap_or_else(|| panic!("display text too long: {text:?}"));
    assert!(sl < s.len(), "phrase too long: {text:?}");
    (
        String::from_utf8(n[..nl].to_vec()).unwrap(),
        String::from_utf8(s[..sl].to_vec()).unwrap(),
    )
}

fn normalized(text: &str) -> String {
    prepared(text, &BTreeMap::new()).0
}

fn main() {
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=src/codes/normalize.rs");
    let data = Path::new("data");
    let mut out = String::new();

    // Families.
    let families_file = data.join("families.txt");
    let ffile = families_file.display().to_string();
    let families = parse(&families_file);
    let mut family_ids = Vec::new();
    for f in &families {
        let id = ident(&f.key);
        for kind in ["causes", "operator", "cardholder"] {
            let list = texts(&ffile, f, kind)
                .unwrap_or_else(|| fail(&ffile, f, &format!("{kind}.en/.zh missing")));
            writeln!(
                out,
                "static FAMILY_{id}_{}: &[Text] = {list};",
                kind.to_uppercase()
            )
            .unwrap();
        }
        writeln!(
            out,
            "/// Cause family `{key}`.\npub(crate) static FAMILY_{id}: Family = Family {{ id: {k}, name: Text {{ en: {en}, zh: {zh} }}, causes: FAMILY_{id}_CAUSES, operator_steps: FAMILY_{id}_OPERATOR, cardholder_steps: FAMILY_{id}_CARDHOLDER }};",
            key = f.key,
            k = lit(&f.key),
            en = lit(f.required(&ffile, "name.en")),
            zh = lit(f.required(&ffile, "name.zh")),
        )
        .unwrap();
        family_ids.push(f.key.clone());
    }
    writeln!(
        out,
        "/// Every cause family.\npub static FAMILIES: [&Family; {}] = [{}];",
        family_ids.len(),
        family_ids
            .iter()
            .map(|f| format!("&FAMILY_{}", ident(f)))
            .collect::<Vec<_>>()
            .join(", ")
    )
    .unwrap();

    // Codes per scheme.
    let mut displays: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut known: std::collections::HashSet<(String, String)> = Default::default();
    for (stem, variant) in SCHEMES.into_iter().chain([CLASSES]) {
        let path = data.join("codes").join(format!("{stem}.txt"));
        if !path.exists() {
            panic!("{}: missing", path.display());
        }
        let file = path.display().to_string();
        let sections = parse(&path);
        let mut map = phf_codegen::Map::new();
        let mut ranges = Vec::new();
        // Exact entries, their keys, and a dense index for the usual key shapes.
        let mut exact: Vec<String> = Vec::new();
        let mut index2 = vec![u16::MAX; 36 * 36];
        let mut index3 = vec![u16::MAX; 1000];
        for s in &sections {
            let family = s.required(&file, "family");
            if !family_ids.iter().any(|f| f == family) {
                fail(&file, s, &format!("unknown family `{family}`"));
            }
            let fid = ident(family);
            let list = |kind: &str, default: &str| {
                texts(&file, s, kind).unwrap_or_else(|| format!("FAMILY_{fid}_{default}"))
            };
            let verified = match s.required(&file, "verified") {
                "yes" => "true",
                "no" => "false",
                other => fail(
                    &file,
                    s,
                    &format!("verified must be yes or no, not {other}"),
                ),
            };
            let private = match s.one(&file, "private") {
                None | Some("no") => "false",
                Some("yes") => "true",
                Some(other) => fail(&file, s, &format!("private must be yes or no, not {other}")),
            };
            let class = match s.one(&file, "class") {
                None => "None".to_owned(),
                Some(c) if c.len() == 1 && "ABCDE".contains(c) => format!("Some('{c}')"),
                Some(c) => fail(&file, s, &format!("class must be one of A to E, not {c}")),
            };
            let display: Vec<&str> = s.all("display");
            for d in &display {
                displays
                    .entry(normalized(d))
                    .or_default()
                    .push((variant.to_owned(), s.key.clone()));
            }
            known.insert((variant.to_owned(), s.key.clone()));
            let meaning_en = s.required(&file, "meaning.en");
            let meaning_zh = s.required(&file, "meaning.zh");
            if meaning_en.is_empty() || meaning_zh.is_empty() {
                fail(&file, s, "empty meaning");
            }
            let entry = format!(
                "Explanation {{ code: {code}, scheme: Scheme::{variant}, meaning: Text {{ en: {men}, zh: {mzh} }}, outcome: Outcome::{outcome}, family: &FAMILY_{fid}, actor: Actor::{actor}, retry: Retry::{retry}, causes: {causes}, operator_steps: {operator}, cardholder_steps: {cardholder}, display: &[{display}], verified: {verified}, private: {private}, class: {class}, note: {note} }}",
                code = lit(&s.key),
                men = lit(meaning_en),
                mzh = lit(meaning_zh),
                outcome = pick(&file, s, "outcome", &OUTCOMES),
                actor = pick(&file, s, "actor", &ACTORS),
                retry = pick(&file, s, "retry", &RETRIES),
                causes = list("causes", "CAUSES"),
                operator = list("operator", "OPERATOR"),
                cardholder = list("cardholder", "CARDHOLDER"),
                display = display
                    .iter()
                    .map(|d| lit(d))
                    .collect::<Vec<_>>()
                    .join(", "),
                note = s
                    .one(&file, "note")
                    .map_or("None".to_owned(), |n| format!("Some({})", lit(n))),
            );
            if let Some((lo, hi)) = range(&s.key) {
                ranges.push(format!(
                    "CodeRange {{ low: {}, high: {}, explanation: {entry} }}",
                    lit(lo),
                    lit(hi)
                ));
            } else {
                let i = u16::try_from(exact.len()).expect("fewer than 65535 codes");
                let b36 = |c: u8| match c {
                    b'0'..=b'9' => Some(usize::from(c - b'0')),
                    b'A'..=b'Z' => Some(usize::from(c - b'A') + 10),
                    _ => None,
                };
                match s.key.as_bytes() {
                    [a, b] => {
                        if let (Some(a), Some(b)) = (b36(*a), b36(*b)) {
                            index2[a * 36 + b] = i;
                        }
                    }
                    [a, b, c] if s.key.bytes().all(|d| d.is_ascii_digit()) => {
                        index3[usize::from(a - b'0') * 100
                            + usize::from(b - b'0') * 10
                            + usize::from(c - b'0')] = i;
                    }
                    _ => {}
                }
                map.entry(s.key.clone(), i.to_string());
                exact.push(entry);
            }
        }
        let upper = ident(stem);
        writeln!(
            out,
            "/// The {stem} entries.\npub(crate) static {upper}_ENTRIES: [Explanation; {}] = [{}];",
            exact.len(),
            exact.join(", ")
        )
        .unwrap();
        writeln!(
            out,
            "/// The {stem} table: code to entry.\npub(crate) static {upper}: phf::Map<&'static str, u16> = {};",
            map.build()
        )
        .unwrap();
        let dense = |v: &[u16]| v.iter().map(u16::to_string).collect::<Vec<_>>().join(",");
        writeln!(
            out,
            "/// Entries by two base-36 characters.\npub(crate) static {upper}_INDEX2: [u16; 1296] = [{}];\n/// Entries by three digits.\npub(crate) static {upper}_INDEX3: [u16; 1000] = [{}];",
            dense(&index2),
            dense(&index3)
        )
        .unwrap();
        writeln!(
            out,
            "/// The {stem} table, assembled.\npub(crate) static TABLE_{upper}: Table = Table {{ entries: &{upper}_ENTRIES, map: &{upper}, index2: &{upper}_INDEX2, index3: &{upper}_INDEX3, ranges: {ranges} }};",
            ranges = if stem == CLASSES.0 { "&[]".to_owned() } else { format!("{upper}_RANGES") }
        )
        .unwrap();
        if stem == CLASSES.0 {
            if !ranges.is_empty() {
                panic!("{file}: class entries cannot be ranges");
            }
        } else {
            writeln!(
                out,
                "/// The {stem} ranges.\npub(crate) static {upper}_RANGES: &[CodeRange] = &[{}];",
                ranges.join(", ")
            )
            .unwrap();
        }
    }

    // Display texts from data/display-aliases.txt: `text = scheme code`.
    let aliases = data.join("display-aliases.txt");
    if aliases.exists() {
        let text = fs::read_to_string(&aliases).unwrap();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (display, target) = line.rsplit_once(" = ").unwrap_or_else(|| {
                panic!(
                    "{}:{}: expected `text = scheme code`",
                    aliases.display(),
                    i + 1
                )
            });
            let (scheme, code) = target.split_once(' ').unwrap_or_else(|| {
                panic!("{}:{}: expected `scheme code`", aliases.display(), i + 1)
            });
            let variant = SCHEMES
                .iter()
                .find(|(s, _)| *s == scheme)
                .unwrap_or_else(|| {
                    panic!("{}:{}: unknown scheme {scheme}", aliases.display(), i + 1)
                })
                .1;
            displays
                .entry(normalized(display.trim()))
                .or_default()
                .push((variant.to_owned(), code.trim().to_owned()));
        }
    }
    let mut all = Vec::new();
    for (text, targets) in &displays {
        let mut seen = std::collections::HashSet::new();
        let targets: Vec<_> = targets
            .iter()
            .filter(|t| seen.insert((*t).clone()))
            .cloned()
            .collect();
        let list = targets
            .iter()
            .map(|(v, c)| format!("(Scheme::{v}, {})", lit(c)))
            .collect::<Vec<_>>()
            .join(", ");
        all.push(format!("({}, &[{list}] as &[(Scheme, &str)])", lit(text)));
    }
    writeln!(
        out,
        "/// Every display text with its codes, longest first (codes::display_texts).\npub(crate) static DISPLAY_LIST: &[(&str, &[(Scheme, &str)])] = &[{}];",
        {
            let mut sorted: Vec<(usize, String)> = displays
                .keys()
                .zip(all)
                .map(|(k, v)| (k.chars().count(), v))
                .collect();
            sorted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            sorted.into_iter().map(|(_, v)| v).collect::<Vec<_>>().join(", ")
        }
    )
    .unwrap();

    legacy_classes(&mut out, &data.join("codes").join("cup-legacy-classes.txt"));
    field_names(&mut out, &data.join("field-names.txt"));
    text_tables(&mut out, data, &family_ids, &known, displays);
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("codes.rs");
    fs::write(dest, out).unwrap();
    emv_tags(&data.join("emv").join("tags.txt"));
    currencies();
    ebcdic(&data.join("ebcdic").join("cp037.txt"));
}

/// EBCDIC code page 037, data/ebcdic/cp037.txt, into `$OUT_DIR/ebcdic.rs`: the character of
/// each byte, and the byte of each ASCII character (for the encoder).
fn ebcdic(path: &Path) {
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(path).unwrap();
    let mut chars = vec![0u32; 256];
    let mut seen = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (byte, code) = line.split_once(' ').unwrap();
        let byte = usize::from_str_radix(byte, 16).unwrap();
        chars[byte] = u32::from_str_radix(code.trim(), 16).unwrap();
        seen += 1;
    }
    assert_eq!(seen, 256, "{}: one line per byte", path.display());
    let mut from_ascii = [0u8; 128];
    for (byte, &c) in chars.iter().enumerate() {
        if c < 128 {
            from_ascii[c as usize] = byte as u8;
        }
    }
    // Digits F0-F9, the letters, space: what ISO 8583 relies on.
    assert_eq!(chars[0xF0], u32::from('0'));
    assert_eq!(chars[0xC1], u32::from('A'));
    assert_eq!(chars[0x40], u32::from(' '));
    let chars: Vec<String> = chars
        .iter()
        .map(|&c| format!("{:?}", char::from_u32(c).unwrap()))
        .collect();
    let bytes: Vec<String> = from_ascii.iter().map(|b| format!("0x{b:02X}")).collect();
    let out = format!(
        "/// The character of each byte in IBM code page 037 (data/ebcdic/cp037.txt, from Python's cp037 codec).\n\
         pub(crate) static CP037: [char; 256] = [{}];\n\
         /// The code page 037 byte of each ASCII character.\n\
         pub(crate) static FROM_ASCII: [u8; 128] = [{}];\n",
        chars.join(", "),
        bytes.join(", ")
    );
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("ebcdic.rs");
    fs::write(dest, out).unwrap();
}

/// The ISO 4217 currencies with minor units, from the iso_currency crate's table, into
/// `$OUT_DIR/currencies.rs`, sorted by numeric code.
fn currencies() {
    use iso_currency::IntoEnumIterator;
    let mut rows: Vec<(u16, String, u16)> = iso_currency::Currency::iter()
        .filter_map(|c| Some((c.numeric(), c.code().to_owned(), c.exponent()?)))
        .collect();
    rows.sort();
    rows.dedup_by_key(|r| r.0);
    let items: Vec<String> = rows
        .iter()
        .map(|(n, a, e)| {
            format!(
                "Currency {{ numeric: {n}, alpha: {}, exponent: {e} }}",
                lit(a)
            )
        })
        .collect();
    let out = format!(
        "/// ISO 4217 currencies with minor units, sorted by numeric code (from the iso_currency crate's table).\npub static CURRENCIES: [Currency; {}] = [{}];\n",
        items.len(),
        items.join(",\n")
    );
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("currencies.rs");
    fs::write(dest, out).unwrap();
}

/// The EMV tag dictionary, data/emv/tags.txt, into `$OUT_DIR/emv_tags.rs`: a table sorted by
/// tag for binary search.
fn emv_tags(path: &Path) {
    const SOURCES: [(&str, &str); 4] = [
        ("icc", "Icc"),
        ("terminal", "Terminal"),
        ("issuer", "Issuer"),
        ("network", "Network"),
    ];
    const FORMATS: [(&str, &str); 7] = [
        ("b", "Binary"),
        ("n", "Numeric"),
        ("cn", "CompressedNumeric"),
        ("an", "Alphanumeric"),
        ("ans", "AlphanumericSpecial"),
        ("a", "Alphabetic"),
        ("template", "Template"),
    ];
    const SENSITIVITIES: [(&str, &str); 3] =
        [("public", "Public"), ("pan", "Pan"), ("secret", "Secret")];
    // What masking relies on: build fails if the data ever says otherwise.
    const REQUIRED: [(u32, &str); 7] = [
        (0x5A, "Pan"),
        (0x57, "Secret"),
        (0x56, "Secret"),
        (0x9F6B, "Secret"),
        (0x9F1F, "Secret"),
        (0x9F20, "Secret"),
        (0x5F20, "Secret"),
    ];
    let file = path.display().to_string();
    let mut rows: Vec<(u32, String, String)> = Vec::new();
    for s in parse(path) {
        let tag = u32::from_str_radix(&s.key, 16)
            .ok()
            .filter(|_| s.key.len() % 2 == 0 && s.key.len() <= 8)
            .unwrap_or_else(|| fail(&file, &s, "the key must be a tag in hex, 1 to 4 bytes"));
        let (min, max) = match s.required(&file, "length") {
            "var" => (0u32, u32::from(u16::MAX)),
            l => {
                let (lo, hi) = l.split_once('-').unwrap_or((l, l));
                let num = |v: &str| {
                    v.trim()
                        .parse::<u16>()
                        .unwrap_or_else(|_| fail(&file, &s, &format!("bad length {l:?}")))
                };
                (u32::from(num(lo)), u32::from(num(hi)))
            }
        };
        let sensitivity = pick(&file, &s, "sensitivity", &SENSITIVITIES);
        rows.push((
            tag,
            sensitivity.clone(),
            format!(
                "TagInfo {{ tag: Tag({tag:#X}), name: Text {{ en: {en}, zh: {zh} }}, source: TagSource::{source}, format: TagFormat::{format}, min_len: {min}, max_len: {max}, sensitivity: Sensitivity::{sensitivity} }}",
                en = lit(s.required(&file, "name.en")),
                zh = lit(s.required(&file, "name.zh")),
                source = pick(&file, &s, "source", &SOURCES),
                format = pick(&file, &s, "format", &FORMATS),
            ),
        ));
    }
    rows.sort_by_key(|r| r.0);
    for pair in rows.windows(2) {
        if pair[0].0 == pair[1].0 {
            panic!("{file}: tag {:X} is listed twice", pair[0].0);
        }
    }
    for (tag, sensitivity) in REQUIRED {
        match rows.iter().find(|r| r.0 == tag) {
            Some(r) if r.1 == sensitivity => {}
            _ => panic!("{file}: tag {tag:X} must be listed with sensitivity {sensitivity}"),
        }
    }
    let out = format!(
        "/// The tag dictionary, sorted by tag.\npub(crate) static TAGS: [TagInfo; {}] = [{}];\n",
        rows.len(),
        rows.iter()
            .map(|r| r.2.as_str())
            .collect::<Vec<_>>()
            .join(",\n")
    );
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("emv_tags.rs");
    fs::write(dest, out).unwrap();
}

/// Chinese names of the built-in dialects' fields, data/field-names.txt (`English = 中文`), into
/// `out` as `FIELD_NAMES_ZH`.
fn field_names(out: &mut String, path: &Path) {
    let file = path.display().to_string();
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let mut map = phf_codegen::Map::new();
    let mut seen = std::collections::HashSet::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (en, zh) = line
            .rsplit_once(" = ")
            .unwrap_or_else(|| panic!("{file}:{}: expected `English = 中文`", i + 1));
        assert!(seen.insert(en.to_owned()), "{file}:{}: {en} twice", i + 1);
        map.entry(en, lit(zh));
    }
    writeln!(
        out,
        "/// Field names, English to Chinese.\npub(crate) static FIELD_NAMES_ZH: phf::Map<&'static str, &'static str> = {};",
        map.build()
    )
    .unwrap();
}

/// The legacy CUP table's A-E terminal classes, into `out` as `LEGACY_CLASSES`.
fn legacy_classes(out: &mut String, path: &Path) {
    let file = path.display().to_string();
    let mut items = Vec::new();
    for s in parse(path) {
        if s.key.len() != 1 || !"ABCDE".contains(&s.key) {
            fail(&file, &s, "classes are A to E");
        }
        items.push(format!(
            "LegacyClass {{ class: '{}', meaning: Text {{ en: {}, zh: {} }}, retry: Retry::{}, operator_steps: {} }}",
            s.key,
            lit(s.required(&file, "meaning.en")),
            lit(s.required(&file, "meaning.zh")),
            pick(&file, &s, "retry", &RETRIES),
            texts(&file, &s, "operator").unwrap_or_else(|| fail(&file, &s, "operator.en/.zh missing")),
        ));
    }
    writeln!(
        out,
        "/// The legacy CUP table's terminal classes, A to E.\npub(crate) static LEGACY_CLASSES: [LegacyClass; {}] = [{}];",
        items.len(),
        items.join(", ")
    )
    .unwrap();
}

/// A phrase to match, keyed by its squashed form: what it stands for and how it counts.
#[derive(Default)]
struct Entry {
    /// The normalised text it was first seen as.
    text: String,
    /// (scheme variant, code, rank): 0 a display text the tables list, 1 an alias, 2 a
    /// published meaning from the reference.
    codes: Vec<(String, String, u8)>,
    situation: Option<usize>,
    pick_up: bool,
    partial: bool,
    generic: bool,
    umbrella: bool,
    /// A keyword of a situation, with its weight.
    keyword: Option<(usize, u8)>,
    symptom: bool,
    not_approved: bool,
}

/// The units of a normalised text: ASCII words (spelled out) and single other characters.
fn units(text: &str, canon: &dyn Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            out.push(
                canon(&word)
                    .unwrap_or_else(|| word.clone())
                    .replace(' ', ""),
            );
            word.clear();
        }
        if !c.is_ascii() && c.is_alphanumeric() {
            out.push(c.to_string());
        }
    }
    if !word.is_empty() {
        out.push(canon(&word).unwrap_or(word).replace(' ', ""));
    }
    out
}

/// Situations, the Traditional-to-Simplified table, the abbreviations, and every phrase the text
/// matcher looks for (display texts, aliases, the reference's published meanings, situation
/// phrases, modifiers and generic words), into `out`.
fn text_tables(
    out: &mut String,
    data: &Path,
    family_ids: &[String],
    known: &std::collections::HashSet<(String, String)>,
    displays: BTreeMap<String, Vec<(String, String)>>,
) {
    // Traditional to Simplified, as a bit per character from U+3400 to U+9FFF (set where the
    // character has a Simplified form) and the Simplified forms in order: a character's form is
    // found by counting the bits set before its own (a running count per 64 characters, then
    // the bits of its word), cheaper than a hash look-up in the hot loop of the normaliser.
    let mut pairs: Vec<(char, char)> = t2s_table().iter().map(|(a, b)| (*a, *b)).collect();
    pairs.sort();
    let mut bits = vec![0u64; (0xA000 - 0x3400) / 64];
    for (t, _) in &pairs {
        let c = u32::from(*t);
        assert!(
            (0x3400..0xA000).contains(&c),
            "Traditional {t} is outside U+3400 to U+9FFF, which the table covers"
        );
        let i = (c - 0x3400) as usize;
        bits[i / 64] |= 1 << (i % 64);
    }
    let mut rank = Vec::with_capacity(bits.len());
    let mut count = 0u32;
    for word in &bits {
        rank.push(u16::try_from(count).unwrap());
        count += word.count_ones();
    }
    writeln!(
        out,
        "/// Which characters from U+3400 to U+9FFF have a Simplified form in T2S.\npub(crate) static T2S_BITS: [u64; {}] = {:?};",
        bits.len(),
        bits
    )
    .unwrap();
    writeln!(
        out,
        "/// Per word of T2S_BITS, how many bits the words before it have set.\npub(crate) static T2S_RANK: [u16; {}] = {:?};",
        rank.len(),
        rank
    )
    .unwrap();
    let simple: Vec<char> = pairs.iter().map(|&(_, s)| s).collect();
    writeln!(
        out,
        "/// Traditional Chinese characters' Simplified forms ({} of them, from OpenCC's dictionaries), in the order of the Traditional ones.\npub(crate) static T2S: [char; {}] = {:?};",
        simple.len(),
        simple.len(),
        simple
    )
    .unwrap();

    // The rules.
    let rules_path = data.join("text-rules.txt");
    let rfile = rules_path.display().to_string();
    let rules = parse(&rules_path);
    let section = |name: &str| {
        rules
            .iter()
            .find(|s| s.key == name)
            .unwrap_or_else(|| panic!("{rfile}: section [{name}] missing"))
    };
    let mut abbreviations: BTreeMap<String, String> = BTreeMap::new();
    for (canon, variants) in &section("abbreviations").items {
        for v in variants.split_whitespace() {
            if abbreviations.insert(v.to_owned(), canon.clone()).is_some() {
                panic!("{rfile}: abbreviation {v} listed twice");
            }
        }
    }
    // By first two characters (A-Z, 0-9), the lengths abbreviations have: a word of another
    // length, or starting otherwise, needs no look-up. Those that pass are looked up among
    // the few abbreviations that start with the same two characters.
    let mut lengths = vec![0u32; 36 * 36];
    let b36 = |c: u8| match c {
        b'A'..=b'Z' => usize::from(c - b'A'),
        b'0'..=b'9' => 26 + usize::from(c - b'0'),
        _ => panic!("{rfile}: abbreviations are letters and digits"),
    };
    let mut by_slot: Vec<(usize, &String, &String)> = Vec::new();
    for (v, c) in &abbreviations {
        let b = v.as_bytes();
        assert!(
            b.len() >= 2 && b.len() < 32,
            "{rfile}: abbreviation {v}: 2 to 31 characters"
        );
        let slot = b36(b[0]) * 36 + b36(b[1]);
        lengths[slot] |= 1 << b.len();
        by_slot.push((slot, v, c));
    }
    by_slot.sort();
    let mut first = vec![0u16; 36 * 36 + 1];
    for (slot, f) in first.iter_mut().enumerate() {
        *f = u16::try_from(by_slot.iter().filter(|(s, _, _)| *s < slot).count()).unwrap();
    }
    writeln!(
        out,
        "/// By first two characters (A-Z, 0-9), a bit for each length an abbreviation has.\npub(crate) static ABBREVIATION_LENGTHS: [u32; 1296] = {lengths:?};"
    )
    .unwrap();
    writeln!(
        out,
        "/// By first two characters (A-Z, 0-9), where their abbreviations start in `ABBREVIATIONS` (they end where the next slot's start).\npub(crate) static ABBREVIATION_FIRST: [u16; 1297] = {first:?};"
    )
    .unwrap();
    write!(
        out,
        "/// Abbreviations terminals print, with the word they stand for, by their first two characters.\npub(crate) static ABBREVIATIONS: [(&[u8], &str); {}] = [",
        by_slot.len()
    )
    .unwrap();
    for (_, v, c) in &by_slot {
        write!(out, "(b{}, {}), ", lit(v), lit(c)).unwrap();
    }
    writeln!(out, "];").unwrap();
    let canon = |w: &str| abbreviations.get(w).cloned();
    let squash = |n: &str| -> String { prepared(n, &abbreviations).1 };
    let synonyms: Vec<Vec<String>> = section("synonyms")
        .items
        .iter()
        .map(|(first, rest)| {
            std::iter::once(first.as_str())
                .chain(rest.split_whitespace())
                .map(normalized)
                .collect()
        })
        .collect();

    // Situations.
    let spath = data.join("situations.txt");
    let sfile = spath.display().to_string();
    let situations = parse(&spath);
    let mut items = Vec::new();
    for st in &situations {
        let family = st.required(&sfile, "family");
        if !family_ids.iter().any(|f| f == family) {
            fail(&sfile, st, &format!("unknown family `{family}`"));
        }
        let list = |kind: &str| texts(&sfile, st, kind).unwrap_or_else(|| "&[]".to_owned());
        for kind in ["causes", "operator"] {
            if texts(&sfile, st, kind).is_none() {
                fail(&sfile, st, &format!("{kind}.en/.zh missing"));
            }
        }
        let phrases = st.all("phrase");
        if phrases.is_empty() {
            fail(&sfile, st, "no phrase");
        }
        items.push(format!(
            "Situation {{ id: {id}, name: Text {{ en: {nen}, zh: {nzh} }}, family: &FAMILY_{fid}, actor: Actor::{actor}, escalate: Actor::{escalate}, retry: Retry::{retry}, phrases: &[{phrases}], causes: {causes}, operator_steps: {operator}, cardholder_steps: {cardholder}, call: Text {{ en: {cen}, zh: {czh} }} }}",
            id = lit(&st.key),
            nen = lit(st.required(&sfile, "name.en")),
            nzh = lit(st.required(&sfile, "name.zh")),
            fid = ident(family),
            actor = pick(&sfile, st, "actor", &ACTORS),
            escalate = pick(&sfile, st, "escalate", &ACTORS),
            retry = pick(&sfile, st, "retry", &RETRIES),
            phrases = phrases.iter().map(|p| lit(p)).collect::<Vec<_>>().join(", "),
            causes = list("causes"),
            operator = list("operator"),
            cardholder = list("cardholder"),
            cen = lit(st.required(&sfile, "call.en")),
            czh = lit(st.required(&sfile, "call.zh")),
        ));
    }
    writeln!(
        out,
        "/// The situations with no response code.\npub static SITUATIONS: [Situation; {}] = [{}];",
        items.len(),
        items.join(",\n")
    )
    .unwrap();
    assert!(
        situations.len() <= 32,
        "{sfile}: at most 32 situations (the matcher scores them in a fixed array)"
    );
    let umbrella: Vec<&str> = section("umbrella").all("situation");
    for u in &umbrella {
        if !situations.iter().any(|s| s.key == *u) {
            panic!("{rfile}: umbrella situation {u} is not in {sfile}");
        }
    }

    // Phrases.
    let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
    let mut add = |text: &str, f: &dyn Fn(&mut Entry)| {
        let n = normalized(text);
        // The phrase and its synonym variants.
        let mut variants = vec![n.clone()];
        for group in &synonyms {
            let mut more = Vec::new();
            for v in &variants {
                for m in group.iter().filter(|m| v.contains(m.as_str())) {
                    for o in group.iter().filter(|o| *o != m) {
                        more.push(v.replace(m.as_str(), o));
                    }
                }
            }
            variants.extend(more);
            variants.sort();
            variants.dedup();
            variants.truncate(64);
        }
        for v in variants {
            let key = squash(&v);
            if key.is_empty() {
                continue;
            }
            let e = entries.entry(key).or_default();
            if e.text.is_empty() {
                e.text = v;
            }
            f(e);
        }
    };
    for (text, targets) in &displays {
        add(text, &|e| {
            e.codes
                .extend(targets.iter().map(|(v, c)| (v.clone(), c.clone(), 0)));
        });
    }
    // The reference's published meanings: the first clause of the English meaning and the CUP
    // wording (含义).
    let tsv = fs::read_to_string(data.join("reference").join("response-codes.tsv")).unwrap();
    for line in tsv.lines().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let (Some(scheme), Some(code), Some(meaning)) = (cols.first(), cols.get(1), cols.get(2))
        else {
            continue;
        };
        let variant = match *scheme {
            "ISO8583:1987" => "Iso87",
            "ISO8583:1993" | "ISO8583:1993-private" => "Iso93",
            "Visa" => "Visa",
            "Mastercard" => "Mastercard",
            "CUP" => "Cup",
            "CUP-POS-legacy" => "CupLegacy",
            _ => continue,
        };
        let target = (variant.to_owned(), (*code).to_owned());
        if !known.contains(&target) {
            continue;
        }
        let mut phrases = Vec::new();
        if let Some(rest) = meaning.split("含义:").nth(1) {
            let inner = rest.split(']').next().unwrap_or("");
            phrases.extend(inner.split('/').map(str::trim).filter(|p| !p.is_empty()));
        }
        // Up to the first colon, full stop or bracket note; parentheses and semicolons stay,
        // so "Expired card; pick up" keeps what makes it a pick-up.
        let clause = meaning.split([':', '.', '[']).next().unwrap_or("").trim();
        let words = clause.split_whitespace().count();
        if (2..=7).contains(&words) {
            phrases.push(clause);
        }
        for p in phrases {
            add(p, &|e| {
                if !e
                    .codes
                    .iter()
                    .any(|(v, c, _)| (v, c) == (&target.0, &target.1))
                {
                    e.codes.push((target.0.clone(), target.1.clone(), 2));
                }
            });
        }
    }
    for (i, st) in situations.iter().enumerate() {
        let is_umbrella = umbrella.contains(&st.key.as_str());
        for p in st.all("phrase") {
            add(p, &|e| {
                if let Some(other) = e.situation
                    && other != i
                {
                    panic!("{sfile}: phrase {p:?} is in two situations");
                }
                e.situation = Some(i);
                e.umbrella |= is_umbrella;
            });
        }
    }
    for (i, st) in situations.iter().enumerate() {
        for k in st.all("keyword") {
            let (term, weight) = k
                .rsplit_once(' ')
                .and_then(|(t, w)| Some((t, w.parse::<u8>().ok().filter(|w| (1..=3).contains(w))?)))
                .unwrap_or_else(|| fail(&sfile, st, &format!("keyword {k:?} is not `term 1..3`")));
            add(term, &|e| {
                if let Some((other, _)) = e.keyword
                    && other != i
                {
                    panic!("{sfile}: keyword {term:?} is in two situations");
                }
                e.keyword = Some((i, weight));
            });
        }
    }
    for p in section("symptoms").all("phrase") {
        add(p, &|e| e.symptom = true);
    }
    for p in section("pick-up").all("phrase") {
        add(p, &|e| e.pick_up = true);
    }
    for p in section("not-approved").all("phrase") {
        add(p, &|e| e.not_approved = true);
    }
    for p in section("partial").all("phrase") {
        add(p, &|e| e.partial = true);
    }
    for p in section("generic").all("phrase") {
        add(p, &|e| e.generic = true);
    }

    // What counts: a phrase's substance is what is left once generic words and umbrella phrases
    // are taken out; one with none is weak (it answers only when nothing specific does).
    let mut removable: Vec<Vec<String>> = entries
        .values()
        .filter(|e| e.generic || e.umbrella)
        .map(|e| units(&e.text, &canon))
        .collect();
    removable.sort_by_key(|u| std::cmp::Reverse(u.len()));
    let mut rows = Vec::new();
    for (key, e) in &entries {
        let mut u = units(&e.text, &canon);
        for r in &removable {
            let mut j = 0;
            while j + r.len() <= u.len() {
                if u[j..j + r.len()] == r[..] {
                    u.drain(j..j + r.len());
                } else {
                    j += 1;
                }
            }
        }
        let substance: usize = u.iter().map(String::len).sum();
        let has_target = !e.codes.is_empty() || e.situation.is_some();
        let class = if !has_target {
            "Modifier"
        } else if e.umbrella || e.generic || substance == 0 {
            "Weak"
        } else {
            "Strong"
        };
        let mut seen = std::collections::HashSet::new();
        let mut ranked = e.codes.clone();
        ranked.sort_by_key(|c| c.2);
        let best_rank = ranked.first().map_or(0, |c| c.2);
        let ranked: Vec<_> = ranked
            .into_iter()
            .filter(|(v, c, _)| seen.insert((v.clone(), c.clone())))
            .collect();
        let best = ranked.iter().filter(|c| c.2 == best_rank).count();
        let codes: Vec<String> = ranked
            .iter()
            .map(|(v, c, _)| format!("(Scheme::{v}, {})", lit(c)))
            .collect();
        rows.push(format!(
            "Pattern {{ squashed: {k}, text: {t}, codes: &[{c}], best: {best}, situation: {s}, class: Class::{class}, substance: {substance}, pick_up: {pu}, partial: {pa}, generic: {g}, keyword: {kw}, keyword_for: {kf}, symptom: {sy}, not_approved: {na} }}",
            k = lit(key),
            t = lit(&e.text),
            c = codes.join(", "),
            s = e
                .situation
                .map_or("None".to_owned(), |i| format!("Some(&SITUATIONS[{i}])")),
            pu = e.pick_up,
            pa = e.partial,
            g = e.generic,
            kw = e.keyword.map_or(0, |k| k.1),
            kf = e.keyword.map_or(u8::MAX, |(i, _)| i as u8),
            sy = e.symptom,
            na = e.not_approved,
        ));
    }
    // The matcher keeps a phrase's index in 16 bits.
    assert!(rows.len() <= usize::from(u16::MAX), "too many phrases");
    writeln!(
        out,
        "/// Every phrase the text matcher looks for, by squashed form.\npub(crate) static PATTERNS: [Pattern; {}] = [{}];",
        rows.len(),
        rows.join(",\n")
    )
    .unwrap();

    let pickup_codes: Vec<String> = section("pick-up-codes")
        .items
        .iter()
        .map(|(a, b)| format!("({}, {})", lit(a), lit(b)))
        .collect();
    writeln!(
        out,
        "/// A code and its pick-up counterpart.\npub(crate) static PICK_UP_CODES: [(&str, &str); {}] = [{}];",
        pickup_codes.len(),
        pickup_codes.join(", ")
    )
    .unwrap();
}
