//! Mutations: the ways hostile or careless input differs from a good source or notice.
//!
//! Byte-level changes (flips, deletions, repeats) reach the decoders; line edits and splices
//! between files reach the parsers with plausible structure; TOML type swaps and deep nesting
//! reach the loaders' error paths; Unicode insertions (combining marks, right-to-left and
//! zero-width characters, curly quotes, dashes, control characters) reach every place that
//! slices text by byte offsets. The sweep puts each such character at every position of every
//! seed in turn over a long run.

/// A small, fast, deterministic generator (xorshift64*), so that a run is reproducible from its
/// seed.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced by a fixed odd constant).
    pub fn new(seed: u64) -> Rng {
        Rng(if seed == 0 { 0x9e37_79b9_7f4a_7c15 } else { seed })
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next_u64() % n as u64) as usize }
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// True with probability 1 in `n`.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}

/// Characters that break byte arithmetic and naive text handling.
pub const UNICODE: &[&str] = &[
    "\u{301}",  // combining acute accent
    "\u{327}",  // combining cedilla
    "\u{202e}", // right-to-left override
    "\u{202b}", // right-to-left embedding
    "\u{200f}", // right-to-left mark
    "\u{200b}", // zero-width space
    "\u{200d}", // zero-width joiner
    "\u{feff}", // byte order mark / zero-width no-break space
    "\u{2018}", // curly quotes
    "\u{2019}",
    "\u{201c}",
    "\u{201d}",
    "\u{2013}", // en dash
    "\u{2014}", // em dash
    "\u{a0}",   // no-break space
    "\u{2028}", // line separator
    "\u{20ac}", // a three-byte letter-like symbol
    "\u{1f44d}",
    "\u{1b}[31m",
    "\u{7}",
    "\u{0}",
    "\r",
    "\u{85}",
];

/// Values a TOML value can be swapped for: every type, empty and odd forms.
const TOML_VALUES: &[&str] = &[
    "1",
    "-1",
    "99999999999999999999",
    "1.5",
    "nan",
    "true",
    "2016-08-09",
    "2016-08-09T10:00:00Z",
    "\"\"",
    "\"x\"",
    "'literal'",
    "\"\"\"\nmulti\nline\n\"\"\"",
    "[]",
    "[1, \"a\", true]",
    "{}",
    "{ a = 1 }",
    "[[]]",
    "\"{unknown}\"",
    "\"{\"",
    "\"(k)(2) and (j)(2)\"",
    "\"5 U.S.C. 552a(k)(9)\"",
    "\"81 FR 52592\"",
];

/// Fragments that mean something to one of sorn's parsers.
const FRAGMENTS: &[&str] = &[
    "\n[system]\n",
    "\n[[system.routine_uses]]\n",
    "\nkind = \"sorn\"\n",
    "\nkind = \"exemption-rule\"\n",
    " 81 FR 52592 ",
    " (Aug. 9, 2016) ",
    "5 U.S.C. 552a(k)(2)",
    "(j)(2), (k)(1), and (k)(2)",
    "{agency}",
    "{system}",
    "\n## SYSTEM NAME AND NUMBER:\n",
    "\nHISTORY:\n",
    "\nIssued in Washington, DC.\n\nJane Doe,\nChief Privacy Officer.\n",
    "\nEXEMPTIONS PROMULGATED FOR THE SYSTEM:\n",
    "\n[FR Doc. 2016-18810 Filed 8-8-16; 8:45 am]\n",
    "\nBILLING CODE 9111-28-P\n",
    "<![CDATA[x]]>",
    "&amp;&lt;&#x0;&#1114112;&unknown;",
    "<!DOCTYPE a [<!ENTITY e \"eeeeeeeeee\"><!ENTITY f \"&e;&e;&e;&e;\">]>",
    "<P>",
    "</P>",
    "<HD SOURCE=\"HD1\">",
    "<FTNT>",
    "<GPOTABLE>",
    "<raw onclick=\"x\">html</raw>",
    "* * * * *",
    "\n---\n",
    "\n    indented\n",
    "\n| a | b |\n|---|---|\n",
];

/// The mutation engine: seeds to splice from and a counter for the sweep.
#[derive(Debug)]
pub struct Mutator {
    /// The generator.
    pub rng: Rng,
    sweep: usize,
}

/// Inputs are kept below this size so that a run stays fast; the limits tests cover larger ones.
const MAX_LEN: usize = 1 << 18;

impl Mutator {
    /// A mutator from a seed.
    pub fn new(seed: u64) -> Mutator {
        Mutator { rng: Rng::new(seed), sweep: 0 }
    }

    /// A mutated copy of `base`, with between one and four changes; `others` are spliced from.
    pub fn mutate(&mut self, base: &[u8], others: &[&[u8]]) -> Vec<u8> {
        let mut data = base.to_vec();
        let rounds = 1 + self.rng.below(4);
        for _ in 0..rounds {
            self.once(&mut data, others);
            if data.len() > MAX_LEN {
                data.truncate(MAX_LEN);
            }
        }
        data
    }

    /// A char boundary of `data` if it is UTF-8, else any byte position.
    fn position(&mut self, data: &[u8]) -> usize {
        let at = self.rng.below(data.len() + 1);
        match std::str::from_utf8(data) {
            Ok(text) => sorn::text::floor_boundary(text, at),
            Err(_) => at,
        }
    }

    fn range(&mut self, data: &[u8], max: usize) -> (usize, usize) {
        let start = self.position(data);
        let len = 1 + self.rng.below(max);
        let end = match std::str::from_utf8(data) {
            Ok(text) => sorn::text::floor_boundary(text, start + len),
            Err(_) => (start + len).min(data.len()),
        };
        (start, end.max(start))
    }

    fn once(&mut self, data: &mut Vec<u8>, others: &[&[u8]]) {
        match self.rng.below(16) {
            0 => {
                if !data.is_empty() {
                    let i = self.rng.below(data.len());
                    data[i] ^= 1 << self.rng.below(8);
                }
            }
            1 => {
                let (a, b) = self.range(data, 64);
                data.drain(a..b);
            }
            2 => {
                let (a, b) = self.range(data, 64);
                let chunk = data[a..b].to_vec();
                let times = *self.rng.pick(&[2, 3, 10, 30, 100, 1000]);
                let at = self.position(data);
                data.splice(at..at, chunk.iter().copied().cycle().take(chunk.len() * times));
            }
            3 | 4 => self.splice(data, others),
            5 | 6 => self.line_edit(data),
            7 | 8 => self.type_swap(data),
            9 => self.nest(data),
            10..=12 => {
                let c = *self.rng.pick(UNICODE);
                let at = self.position(data);
                data.splice(at..at, c.bytes());
            }
            13 => self.sweep(data),
            14 => self.curl(data),
            _ => {
                let f = *self.rng.pick(FRAGMENTS);
                let at = self.position(data);
                data.splice(at..at, f.bytes());
            }
        }
    }

    /// Inserts a piece of another file, or replaces this one's tail with another's.
    fn splice(&mut self, data: &mut Vec<u8>, others: &[&[u8]]) {
        if others.is_empty() {
            return;
        }
        let other = *self.rng.pick(others);
        let (a, b) = self.range(other, 2048);
        let piece = other[a..b].to_vec();
        let at = self.position(data);
        if self.rng.one_in(2) {
            data.truncate(at);
            data.extend_from_slice(&other[a..]);
        } else {
            data.splice(at..at, piece);
        }
    }

    /// Deletes, duplicates, swaps or moves lines.
    fn line_edit(&mut self, data: &mut Vec<u8>) {
        let mut lines: Vec<Vec<u8>> = data.split_inclusive(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
        if lines.is_empty() {
            return;
        }
        let i = self.rng.below(lines.len());
        let j = self.rng.below(lines.len());
        match self.rng.below(4) {
            0 => {
                lines.remove(i);
            }
            1 => {
                let line = lines[i].clone();
                lines.insert(j, line);
            }
            2 => lines.swap(i, j),
            _ => {
                let line = lines.remove(i);
                lines.insert(j.min(lines.len()), line);
            }
        }
        *data = lines.concat();
    }

    /// Replaces the value after an `=` on a random line with a value of another type.
    fn type_swap(&mut self, data: &mut Vec<u8>) {
        let equals: Vec<usize> = data.iter().enumerate().filter(|(_, b)| **b == b'=').map(|(i, _)| i).collect();
        if equals.is_empty() {
            return;
        }
        let at = *self.rng.pick(&equals) + 1;
        let end = data[at..].iter().position(|&b| b == b'\n').map_or(data.len(), |p| at + p);
        let value = *self.rng.pick(TOML_VALUES);
        data.splice(at..end, format!(" {value}").into_bytes());
    }

    /// Inserts deeply nested structure: TOML arrays and inline tables, XML elements, Markdown
    /// quotes and lists.
    fn nest(&mut self, data: &mut Vec<u8>) {
        let depth = *self.rng.pick(&[16, 64, 128, 1000, 10_000]);
        let text = match self.rng.below(5) {
            0 => format!("\nnested = {}{}\n", "[".repeat(depth), "]".repeat(depth)),
            1 => format!("\nnested = {}1{}\n", "{ a = ".repeat(depth), " }".repeat(depth)),
            2 => format!("{}x{}", "<E T=\"03\">".repeat(depth), "</E>".repeat(depth)),
            3 => format!("\n{} quoted\n", ">".repeat(depth)),
            _ => (0..depth.min(2000)).map(|i| format!("{}- item\n", "  ".repeat(i))).collect(),
        };
        let at = self.position(data);
        data.splice(at..at, text.into_bytes());
    }

    /// The next position of the sweep: each Unicode character at every position, in turn.
    fn sweep(&mut self, data: &mut Vec<u8>) {
        let c = UNICODE[self.sweep % UNICODE.len()];
        let at = (self.sweep / UNICODE.len()) % (data.len() + 1);
        self.sweep += 1;
        let at = match std::str::from_utf8(data) {
            Ok(text) => sorn::text::floor_boundary(text, at),
            Err(_) => at,
        };
        data.splice(at..at, c.bytes());
    }

    /// Replaces one straight quote, apostrophe or hyphen with its typographic form.
    fn curl(&mut self, data: &mut Vec<u8>) {
        let spots: Vec<usize> =
            data.iter().enumerate().filter(|(_, b)| matches!(b, b'"' | b'\'' | b'-')).map(|(i, _)| i).collect();
        if spots.is_empty() {
            return;
        }
        let at = *self.rng.pick(&spots);
        let with = match data[at] {
            b'"' => *self.rng.pick(&["\u{201c}", "\u{201d}"]),
            b'\'' => *self.rng.pick(&["\u{2018}", "\u{2019}"]),
            _ => *self.rng.pick(&["\u{2013}", "\u{2014}", "\u{2011}"]),
        };
        data.splice(at..=at, with.bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_reproducible() {
        let base = b"kind = \"sorn\"\nname = \"x\"\n";
        let a: Vec<Vec<u8>> = {
            let mut m = Mutator::new(7);
            (0..50).map(|_| m.mutate(base, &[b"other = 1\n"])).collect()
        };
        let mut m = Mutator::new(7);
        let b: Vec<Vec<u8>> = (0..50).map(|_| m.mutate(base, &[b"other = 1\n"])).collect();
        assert_eq!(a, b);
        assert!(a.iter().any(|x| x != base));
    }

    #[test]
    fn utf8_stays_utf8_except_by_byte_flips() {
        let base = "title = \"caf\u{e9} \u{201c}x\u{201d}\"\n".as_bytes();
        let mut m = Mutator::new(11);
        let valid = (0..500).filter(|_| std::str::from_utf8(&m.mutate(base, &[])).is_ok()).count();
        assert!(valid > 350, "{valid}");
    }
}
