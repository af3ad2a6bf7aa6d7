//! The sorting writer against the reference model on generated bodies: objects out of key order,
//! repeated keys (the last wins), escaped keys that sort differently decoded, nesting in every
//! position, whitespace, and numbers that need rewriting. Deterministic (a fixed seed), so a
//! failure names a reproducible input.

#[path = "support/reference.rs"]
mod reference;
#[path = "support/targets.rs"]
mod targets;

struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
    fn ws(&mut self, out: &mut String) {
        out.push_str(self.pick(&["", "", "", " ", "\n  ", "\t"]));
    }
    fn value(&mut self, depth: u32, out: &mut String) {
        let kind = if depth >= 5 {
            4 + self.next() % 4
        } else {
            self.next() % 8
        };
        match kind {
            0..=2 => {
                out.push('{');
                let n = self.next() % 6;
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.ws(out);
                    out.push_str(self.pick(&[
                        "\"b\"",
                        "\"a\"",
                        "\"ab\"",
                        "\"a\\u0062\"",
                        "\"abcdefgh\"",
                        "\"abcdefghi\"",
                        "\"abcdefgh\\u0000\"",
                        "\"\\u00e9\"",
                        "\"\u{e9}\"",
                        "\"\u{1F600}\"",
                        "\"\\ud83d\\ude00\"",
                        "\"\u{ff61}\"",
                        "\"\"",
                        "\"z\"",
                        "\"10\"",
                        "\"9\"",
                    ]));
                    self.ws(out);
                    out.push(':');
                    self.ws(out);
                    self.value(depth + 1, out);
                }
                self.ws(out);
                out.push('}');
            }
            3 => {
                out.push('[');
                let n = self.next() % 5;
                for i in 0..n {
                    if i > 0 {
                        out.push(',');
                    }
                    self.ws(out);
                    self.value(depth + 1, out);
                }
                out.push(']');
            }
            4 => out.push_str(self.pick(&[
                "\"x\"",
                "\"\\/\\u00E9\\n\"",
                "\"\\u001f\\b\"",
                "\"caf\u{e9}\"",
                "\"\\\"q\\\\\"",
            ])),
            5 => out.push_str(self.pick(&[
                "0",
                "-0",
                "1.0",
                "1e22",
                "0.1",
                "97.99",
                "-0.0",
                "1E-5",
                "12345678901234567890",
                "2.5e-10",
                "100e-2",
                "0.00001234",
            ])),
            _ => out.push_str(self.pick(&["true", "false", "null"])),
        }
    }
}

#[test]
fn generated_bodies_match_the_reference() {
    let mut g = Gen(0x2545_f491_4f6c_dd1d);
    for _ in 0..6_000 {
        let mut body = String::new();
        g.value(0, &mut body);
        // Panics with the input on any disagreement with the model.
        targets::canonicalize(body.as_bytes());
    }
}
