//! The validator: one pass over a JSON document, checked against the schema tables, producing a
//! compact [`Report`] — type errors with their paths, integers JavaScript would round, statuses
//! that are not in canonical spelling, and documented-vocabulary strings this version does not
//! know.
//!
//! It reads a token stream, fed either by the canonical scanner directly over the bytes (no tree
//! is built: the JavaScript binding's fast path) or by a walk over a parsed [`Value`] (the Rust
//! typed models).
#![forbid(unsafe_code)]

use crate::error::JsonError;
use crate::json::{write_json_string, Value};
use crate::scan::{self, decode_into, Num, Sink, StrTok};

use super::schema::{mask, Shape, Ty, Vocab};

use super::vocab;

/// At most this many issues are listed; the rest are counted.
pub const MAX_ISSUES: usize = 32;

/// Largest integer JavaScript holds exactly (2^53 − 1).
const MAX_SAFE: u64 = (1 << 53) - 1;

/// What kind of document is validated; decides the root type and the root's required members.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// `GET /v3/session/{id}/decision/` (KYC or KYB).
    Session,
    /// A webhook delivery body.
    WebhookEvent,
    /// The 201 body of `POST /v3/session/import-shared/` (compact or full).
    ImportResponse,
}

/// One step of a path: a member name or an array index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    /// An object member.
    Key(String),
    /// An array element.
    Index(usize),
}

/// A location in a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Path(pub Vec<Segment>);

impl Path {
    /// `decision.face_matches[0].score`; names that are not identifiers are quoted
    /// (`metadata["user id"]`); the root is the empty string.
    pub fn display(&self) -> String {
        let mut out = String::new();
        for seg in &self.0 {
            match seg {
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
                Segment::Key(k) if is_identifier(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Segment::Key(k) => {
                    out.push('[');
                    write_json_string(k, &mut out);
                    out.push(']');
                }
            }
        }
        out
    }

    /// The path as a JSON array of names and indices (for the JavaScript patcher).
    pub fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, seg) in self.0.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            match seg {
                Segment::Key(k) => write_json_string(k, out),
                Segment::Index(n) => out.push_str(&n.to_string()),
            }
        }
        out.push(']');
    }
}

fn is_identifier(k: &str) -> bool {
    let mut bytes = k.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// Why a document does not match its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueCode {
    /// A member has the wrong JSON type (`expected number, found string`).
    Type,
    /// A number in a typed numeric field that JavaScript cannot hold exactly (beyond ±(2^53 − 1)).
    Range,
    /// A member the model needs is absent (`session_id` of a decision, `webhook_type` of an event).
    Missing,
}

impl IssueCode {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            IssueCode::Type => "ERR_MODEL_TYPE",
            IssueCode::Range => "ERR_MODEL_NUMBER_RANGE",
            IssueCode::Missing => "ERR_MODEL_MISSING",
        }
    }
}

/// One mismatch. It names types only, never values: the values are personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where.
    pub path: Path,
    /// What kind of mismatch.
    pub code: IssueCode,
    /// The JSON types the model accepts there (bits of the schema's type mask).
    pub(crate) accepts: u8,
    /// What was found: `"null"`, `"boolean"`, `"integer"`, `"number"`, `"string"`, `"array"`,
    /// `"object"`, `"nothing"` (absent) or `"integer beyond ±(2^53 − 1)"`.
    pub found: &'static str,
}

impl Issue {
    /// What the model accepts there: `"number"`, `"string or integer"`, `"integer within
    /// ±(2^53 − 1)"`.
    pub fn expected(&self) -> String {
        let types = Ty::of(self.accepts).expected();
        match self.code {
            IssueCode::Range => format!("{types} within ±(2^53 − 1)"),
            IssueCode::Type | IssueCode::Missing => types,
        }
    }
}

impl core::fmt::Display for Issue {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let path = self.path.display();
        let path = if path.is_empty() { "body" } else { &path };
        write!(
            f,
            "{path}: expected {}, found {}",
            self.expected(),
            self.found
        )
    }
}

/// A change the JavaScript binding applies after `JSON.parse`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// An integer beyond ±(2^53 − 1) outside the typed numeric fields: becomes a `BigInt` of these
    /// digits.
    BigInt(String),
    /// A status in its other documented spelling, rewritten to the canonical one.
    Status {
        /// The canonical spelling (`"In Review"`).
        canonical: &'static str,
        /// As sent (`"IN_REVIEW"`).
        raw: String,
        /// The vocabulary (`"session status"`).
        family: &'static str,
    },
}

/// A [`Change`] and where it applies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Patch {
    /// Where.
    pub path: Path,
    /// What.
    pub change: Change,
}

/// A string of a documented vocabulary (a status, `webhook_type`, `session_kind`) that this
/// version does not know: kept as sent, reported so a new Didit value is noticed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Where.
    pub path: Path,
    /// As sent.
    pub value: String,
    /// The vocabulary (`"session status"`, `"webhook type"`).
    pub family: &'static str,
}

/// The outcome of a validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Mismatches (at most [`MAX_ISSUES`]).
    pub issues: Vec<Issue>,
    /// How many more mismatches there were.
    pub more_issues: usize,
    /// Big integers and status spellings to rewrite.
    pub patches: Vec<Patch>,
    /// Unknown vocabulary strings.
    pub unknown: Vec<Unknown>,
}

impl Report {
    /// Whether the document matches its model.
    pub fn is_ok(&self) -> bool {
        self.issues.is_empty()
    }

    /// The report as compact JSON for the JavaScript binding, or `""` when there is nothing to
    /// say (the common case: no second `JSON.parse`). Issues are `[path, code, accepts, found]`
    /// (the binding words the message), patches `[path, 0, digits]` (big integer) or
    /// `[path, 1, canonical, raw, family]` (status), unknown strings `[path, value, family]`.
    pub fn to_json(&self) -> String {
        if self.issues.is_empty() && self.patches.is_empty() && self.unknown.is_empty() {
            return String::new();
        }
        let mut out = String::from("{\"i\":[");
        for (i, issue) in self.issues.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            issue.path.write_json(&mut out);
            out.push_str(",\"");
            out.push_str(issue.code.code());
            out.push_str("\",");
            out.push_str(&issue.accepts.to_string());
            out.push(',');
            write_json_string(issue.found, &mut out);
            out.push(']');
        }
        out.push_str("],\"m\":");
        out.push_str(&self.more_issues.to_string());
        out.push_str(",\"p\":[");
        for (i, p) in self.patches.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            p.path.write_json(&mut out);
            match &p.change {
                Change::BigInt(digits) => {
                    out.push_str(",0,");
                    write_json_string(digits, &mut out);
                }
                Change::Status {
                    canonical,
                    raw,
                    family,
                } => {
                    out.push_str(",1,");
                    write_json_string(canonical, &mut out);
                    out.push(',');
                    write_json_string(raw, &mut out);
                    out.push(',');
                    write_json_string(family, &mut out);
                }
            }
            out.push(']');
        }
        out.push_str("],\"u\":[");
        for (i, u) in self.unknown.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push('[');
            u.path.write_json(&mut out);
            out.push(',');
            write_json_string(&u.value, &mut out);
            out.push(',');
            write_json_string(u.family, &mut out);
            out.push(']');
        }
        out.push_str("]}");
        out
    }
}

/// A value token.
#[derive(Clone, Copy)]
pub(crate) enum Token<'a> {
    Null,
    Bool,
    /// An integer, as written.
    Int(&'a [u8]),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string's content between the quotes, and whether it has escapes.
    Str(&'a [u8], bool),
    /// `{` (true) or `[` (false).
    Open(bool),
}

struct Frame<'a> {
    object: bool,
    /// Object frames: the members' schema (`None`: unchecked).
    shape: Option<&'static Shape>,
    /// Array frames: the elements' type.
    elem: Ty,
    /// Object frames: the current member's name.
    key: &'a [u8],
    key_escaped: bool,
    /// Array frames: elements seen so far.
    count: usize,
    /// Object frames: where the last member was found in `shape` and in `shape.also`.
    cursor: usize,
    also_cursor: usize,
}

/// Top-level members that decide root rules, as seen.
#[derive(Default)]
struct Top {
    session_id: bool,
    status: bool,
    webhook_type: Option<String>,
    event: bool,
    data: bool,
    /// Envelope `status` / `previous_status`, whose vocabulary depends on `webhook_type`, which
    /// Didit's sorted keys put last.
    deferred: Vec<(Path, String)>,
}

pub(crate) struct Validator<'a> {
    root: Root,
    frames: Vec<Frame<'a>>,
    /// Type of the next member value (set by its key).
    next: Ty,
    report: Report,
    top: Top,
    scratch: Vec<u8>,
}

fn root_ty(root: Root) -> Ty {
    match root {
        Root::Session | Root::ImportResponse => super::session::SESSION_TY,
        Root::WebhookEvent => super::event::EVENT_TY,
    }
}

fn found_name(tok: &Token<'_>) -> &'static str {
    match tok {
        Token::Null => "null",
        Token::Bool => "boolean",
        Token::Int(_) => "integer",
        Token::Float(_) => "number",
        Token::Str(..) => "string",
        Token::Open(true) => "object",
        Token::Open(false) => "array",
    }
}

fn is_unsafe_int(text: &[u8]) -> bool {
    let digits = text.strip_prefix(b"-").unwrap_or(text);
    match digits.len() {
        0..=15 => false,
        16 => core::str::from_utf8(digits)
            .ok()
            .and_then(|d| d.parse::<u64>().ok())
            .map_or(true, |v| v > MAX_SAFE),
        _ => true,
    }
}

impl<'a> Validator<'a> {
    pub(crate) fn new(root: Root) -> Self {
        Validator {
            root,
            frames: Vec::new(),
            next: root_ty(root),
            report: Report::default(),
            top: Top::default(),
            scratch: Vec::new(),
        }
    }

    fn path(&self) -> Path {
        let mut segs = Vec::with_capacity(self.frames.len());
        for f in &self.frames {
            if f.object {
                let key = if f.key_escaped {
                    let mut buf = Vec::new();
                    decode_into(f.key, &mut buf);
                    String::from_utf8_lossy(&buf).into_owned()
                } else {
                    String::from_utf8_lossy(f.key).into_owned()
                };
                segs.push(Segment::Key(key));
            } else {
                segs.push(Segment::Index(f.count.saturating_sub(1)));
            }
        }
        Path(segs)
    }

    fn issue(&mut self, code: IssueCode, accepts: u8, found: &'static str) {
        if self.report.issues.len() >= MAX_ISSUES {
            self.report.more_issues += 1;
            return;
        }
        let path = self.path();
        self.report.issues.push(Issue {
            path,
            code,
            accepts,
            found,
        });
    }

    fn text(&mut self, raw: &'a [u8], escaped: bool) -> String {
        if escaped {
            self.scratch.clear();
            decode_into(raw, &mut self.scratch);
            String::from_utf8_lossy(&self.scratch).into_owned()
        } else {
            String::from_utf8_lossy(raw).into_owned()
        }
    }

    pub(crate) fn key(&mut self, raw: &'a [u8], escaped: bool) {
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        frame.key = raw;
        frame.key_escaped = escaped;
        let Some(shape) = frame.shape else {
            self.next = Ty::ANY;
            return;
        };
        let name: &[u8] = if escaped {
            self.scratch.clear();
            decode_into(raw, &mut self.scratch);
            &self.scratch
        } else {
            raw
        };
        let found = shape.find(name, &mut frame.cursor).or_else(|| {
            shape
                .also
                .and_then(|also| also.find(name, &mut frame.also_cursor))
        });
        self.next = found.copied().unwrap_or(Ty::ANY);
    }

    pub(crate) fn value(&mut self, tok: Token<'a>) {
        let ty = match self.frames.last_mut() {
            Some(f) if !f.object => {
                f.count += 1;
                f.elem
            }
            Some(_) => self.next,
            None => self.next,
        };
        let at_top = self.frames.len() == 1 && self.frames.first().is_some_and(|f| f.object);
        if at_top {
            self.note_top(&tok);
        }
        let accepted = match tok {
            // `null` is accepted for every member, but a document must be an object.
            Token::Null => !self.frames.is_empty(),
            Token::Bool => ty.mask & mask::BOOL != 0,
            Token::Int(text) => {
                if ty.mask & mask::NUM == 0 {
                    false
                } else {
                    if is_unsafe_int(text) {
                        if ty.exact {
                            self.issue(IssueCode::Range, ty.mask, "integer beyond ±(2^53 − 1)");
                        } else {
                            let digits = String::from_utf8_lossy(text).into_owned();
                            let path = self.path();
                            self.report.patches.push(Patch {
                                path,
                                change: Change::BigInt(digits),
                            });
                        }
                    }
                    true
                }
            }
            Token::Float(v) => {
                ty.mask & mask::FLOAT != 0
                    || (ty.mask & mask::INT != 0 && v.fract() == 0.0 && v.abs() <= MAX_SAFE as f64)
            }
            Token::Str(raw, escaped) => {
                if ty.mask & mask::STR == 0 {
                    false
                } else {
                    if let Some(v) = ty.vocab {
                        self.check_vocab(v, raw, escaped);
                    }
                    true
                }
            }
            Token::Open(object) => {
                let ok = ty.mask & if object { mask::OBJ } else { mask::ARR } != 0;
                if !ok {
                    self.issue(IssueCode::Type, ty.mask, found_name(&tok));
                }
                // A mismatched container is walked unchecked (big integers are still found).
                self.frames.push(Frame {
                    object,
                    shape: if ok && object { ty.shape } else { None },
                    elem: match ty.elem {
                        Some(e) if ok && !object => *e,
                        _ => Ty::ANY,
                    },
                    key: &[],
                    key_escaped: false,
                    count: 0,
                    cursor: 0,
                    also_cursor: 0,
                });
                return;
            }
        };
        if !accepted {
            self.issue(IssueCode::Type, ty.mask, found_name(&tok));
        }
    }

    pub(crate) fn close(&mut self) {
        self.frames.pop();
    }

    fn check_vocab(&mut self, v: &'static Vocab, raw: &'a [u8], escaped: bool) {
        let text = if escaped {
            self.scratch.clear();
            decode_into(raw, &mut self.scratch);
            self.scratch.as_slice()
        } else {
            raw
        };
        if v.deferred {
            let raw = self.text(raw, escaped);
            let path = self.path();
            self.top.deferred.push((path, raw));
            return;
        }
        match v.lookup(text).and_then(|i| v.values.get(i)) {
            Some(canonical) if canonical.as_bytes() == text => {}
            Some(canonical) => {
                let raw = self.text(raw, escaped);
                let path = self.path();
                self.report.patches.push(Patch {
                    path,
                    change: Change::Status {
                        canonical,
                        raw,
                        family: v.name,
                    },
                });
            }
            None => {
                let value = self.text(raw, escaped);
                let path = self.path();
                self.report.unknown.push(Unknown {
                    path,
                    value,
                    family: v.name,
                });
            }
        }
    }

    /// Records the root members that root rules depend on.
    fn note_top(&mut self, tok: &Token<'a>) {
        let Some(f) = self.frames.first() else {
            return;
        };
        let (key, escaped) = (f.key, f.key_escaped);
        let name: Vec<u8>;
        let key: &[u8] = if escaped {
            let mut buf = Vec::new();
            decode_into(key, &mut buf);
            name = buf;
            &name
        } else {
            key
        };
        let present = !matches!(tok, Token::Null);
        match key {
            b"session_id" => self.top.session_id = present,
            b"status" => self.top.status = present,
            b"event" => self.top.event = present,
            b"data" => self.top.data = matches!(tok, Token::Open(true)),
            b"webhook_type" => {
                self.top.webhook_type = match tok {
                    Token::Str(raw, esc) => Some(self.text(raw, *esc)),
                    _ => None,
                }
            }
            _ => {}
        }
    }

    fn missing(&mut self, name: &str) {
        if self.report.issues.len() >= MAX_ISSUES {
            self.report.more_issues += 1;
            return;
        }
        self.report.issues.push(Issue {
            path: Path(vec![Segment::Key(name.into())]),
            code: IssueCode::Missing,
            accepts: mask::STR,
            found: "nothing",
        });
    }

    /// Applies the root rules and returns the report.
    pub(crate) fn finish(mut self, root_is_object: bool) -> Report {
        if !root_is_object {
            return self.report;
        }
        let top = core::mem::take(&mut self.top);
        match self.root {
            Root::Session | Root::ImportResponse => {
                if !top.session_id {
                    self.missing("session_id");
                }
                if !top.status {
                    self.missing("status");
                }
            }
            Root::WebhookEvent => {
                let family = match top.webhook_type.as_deref() {
                    Some(t) => {
                        let known = vocab::WEBHOOK_TYPE.lookup(t.as_bytes()).is_some();
                        let session_event = t == "status.updated" || t == "data.updated";
                        if session_event && !top.session_id {
                            self.missing("session_id");
                        }
                        if t == "status.updated" && !top.status {
                            self.missing("status");
                        }
                        vocab::envelope_status_vocab(t, known, top.session_id)
                    }
                    None => {
                        if !(top.event && top.data) {
                            self.missing("webhook_type");
                        }
                        None
                    }
                };
                if let Some(v) = family {
                    for (path, raw) in top.deferred {
                        match v.lookup(raw.as_bytes()).and_then(|i| v.values.get(i)) {
                            Some(c) if *c == raw => {}
                            Some(canonical) => self.report.patches.push(Patch {
                                path,
                                change: Change::Status {
                                    canonical,
                                    raw,
                                    family: v.name,
                                },
                            }),
                            None => self.report.unknown.push(Unknown {
                                path,
                                value: raw,
                                family: v.name,
                            }),
                        }
                    }
                }
            }
        }
        self.report
    }
}

/// Feeds the canonical scanner's events to a validator.
struct StreamSink<'a, 'v> {
    input: &'a [u8],
    v: &'v mut Validator<'a>,
    root_is_object: Option<bool>,
}

impl Sink for StreamSink<'_, '_> {
    type Stop = JsonError;

    fn open(&mut self, object: bool, _pos: usize) {
        self.root_is_object.get_or_insert(object);
        self.v.value(Token::Open(object));
    }

    fn close(&mut self, _object: bool, _pos: usize) {
        self.v.close();
    }

    fn key(&mut self, tok: StrTok) -> Result<(), JsonError> {
        self.v.key(tok.content(self.input), tok.escaped);
        Ok(())
    }

    fn string(&mut self, tok: StrTok) {
        self.root_is_object.get_or_insert(false);
        self.v
            .value(Token::Str(tok.content(self.input), tok.escaped));
    }

    fn number(&mut self, num: Num) {
        self.root_is_object.get_or_insert(false);
        match num {
            Num::Int { start, end } => self
                .v
                .value(Token::Int(self.input.get(start..end).unwrap_or(b"0"))),
            Num::Float { value, .. } => self.v.value(Token::Float(value)),
        }
    }

    fn literal(&mut self, start: usize, _end: usize) {
        self.root_is_object.get_or_insert(false);
        self.v.value(match self.input.get(start) {
            Some(b'n') => Token::Null,
            _ => Token::Bool,
        });
    }
}

/// Validates JSON text (UTF-8; a leading byte-order mark is accepted) against `root`'s model
/// without building a tree.
pub fn validate_bytes(input: &[u8], root: Root, max_depth: usize) -> Result<Report, JsonError> {
    let mut v = Validator::new(root);
    let mut sink = StreamSink {
        input,
        v: &mut v,
        root_is_object: None,
    };
    scan::scan(input, max_depth, &mut sink)?;
    let object = sink.root_is_object == Some(true);
    Ok(v.finish(object))
}

/// Validates a parsed value against `root`'s model.
pub fn validate_value(value: &Value, root: Root) -> Report {
    enum Step<'v> {
        Value(&'v Value),
        Key(&'v str),
        Close,
    }
    let mut v = Validator::new(root);
    let mut stack = vec![Step::Value(value)];
    while let Some(step) = stack.pop() {
        match step {
            Step::Close => v.close(),
            Step::Key(k) => v.key(k.as_bytes(), false),
            Step::Value(x) => match x {
                Value::Null => v.value(Token::Null),
                Value::Bool(_) => v.value(Token::Bool),
                Value::Number(n) if n.is_integer() => v.value(Token::Int(n.as_str().as_bytes())),
                Value::Number(n) => v.value(Token::Float(n.as_f64())),
                Value::String(s) => v.value(Token::Str(s.as_bytes(), false)),
                Value::Array(items) => {
                    v.value(Token::Open(false));
                    stack.push(Step::Close);
                    for item in items.iter().rev() {
                        stack.push(Step::Value(item));
                    }
                }
                Value::Object(o) => {
                    v.value(Token::Open(true));
                    stack.push(Step::Close);
                    for (k, item) in o.members.iter().rev() {
                        stack.push(Step::Value(item));
                        stack.push(Step::Key(k));
                    }
                }
            },
        }
    }
    v.finish(matches!(value, Value::Object(_)))
}
