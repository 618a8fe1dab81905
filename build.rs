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

fn normalized(text: &str) -> String {
    let mut buf = [0u8; 256];
    normalize::normalize_into(text, &mut buf)
        .unwrap_or_else(|| panic!("display text too long: {text:?}"))
        .to_owned()
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
    let mut dmap = phf_codegen::Map::new();
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
        dmap.entry(text.clone(), format!("&[{list}]"));
        all.push(format!("({}, &[{list}] as &[(Scheme, &str)])", lit(text)));
    }
    writeln!(
        out,
        "/// Normalised display texts to the codes they stand for.\npub(crate) static DISPLAY: phf::Map<&'static str, &'static [(Scheme, &'static str)]> = {};",
        dmap.build()
    )
    .unwrap();
    writeln!(
        out,
        "/// The same texts as a list, longest first, for containment matching.\npub(crate) static DISPLAY_LIST: &[(&str, &[(Scheme, &str)])] = &[{}];",
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

    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("codes.rs");
    fs::write(dest, out).unwrap();
    emv_tags(&data.join("emv").join("tags.txt"));
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
