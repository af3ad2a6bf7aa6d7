//! The validator: one pass over a JSON document's bytes (no tree is built), checked against the
//! schema tables, producing a compact [`Report`] — type errors with their paths, integers
//! JavaScript would round, statuses that are not in canonical spelling, and documented-vocabulary
//! strings this version does not know.
//!
//! Type drift is tolerated by default ([`ParseOptions`]): a member of the wrong type is an error
//! only where the model cannot do without it ([`strict_members`]); anywhere else it is listed in
//! [`Report::dropped`] and left out of the typed model. The JavaScript binding applies the same
//! rules from tables generated out of this file (`js/models.gen.mjs`).
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::error::JsonError;
use crate::json::write_json_string;
use crate::scan::{self, decode_into, Num, Sink, StrTok};

use super::schema::{mask, Shape, Ty, Vocab};

use super::vocab;

/// At most this many issues are listed; the rest are counted.
pub const MAX_ISSUES: usize = 32;

/// Largest integer JavaScript holds exactly (2^53 − 1); typed integers beyond it are not read.
pub(crate) const MAX_SAFE: u64 = (1 << 53) - 1;

/// How a range issue words what was found, and what it appends to the expected types.
pub const RANGE_FOUND: &str = "integer beyond ±(2^53 − 1)";
/// Appended to the expected types of a range issue.
pub const RANGE_EXPECTED: &str = " within ±(2^53 − 1)";

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

impl Root {
    /// The model's name in messages (`not a valid session decision: …`).
    pub fn label(self) -> &'static str {
        match self {
            Root::Session => "session decision",
            Root::WebhookEvent => "webhook event",
            Root::ImportResponse => "import response",
        }
    }

    /// Members that must be present and not `null`, whatever the body says (session decisions
    /// and import responses; a webhook event's depend on its type: [`WEBHOOK_REQUIRED`]).
    pub fn required(self) -> &'static [&'static str] {
        match self {
            Root::Session | Root::ImportResponse => &["session_id", "status"],
            Root::WebhookEvent => &[],
        }
    }
}

/// A webhook event's required members: `webhook_type`, unless the body has the KYB page's nested
/// shape ([`NESTED_EVENT`] present, `data` an object); then, per event type, the members listed
/// here (the webhooks page: "The session_id is always included" on session events).
pub const WEBHOOK_REQUIRED: &[(&[&str], &str)] = &[
    (&["status.updated", "data.updated"], "session_id"),
    (&["status.updated"], "status"),
];

/// The member holding a webhook's type.
pub const WEBHOOK_TYPE: &str = "webhook_type";

/// The nested KYB shape (`{"event": …, "data": {…}}`): its type member and its object member.
pub const NESTED_EVENT: (&str, &str) = ("event", "data");

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

    /// The member a typed model leaves out when the value here has the wrong type: the path up
    /// to its last member name (an array with one element of the wrong type is left out whole,
    /// since neither a Rust `Vec<T>` nor a TypeScript `T[]` can hold that element).
    pub fn member(&self) -> Path {
        let keep = self
            .0
            .iter()
            .rposition(|s| matches!(s, Segment::Key(_)))
            .map_or(0, |i| i + 1);
        Path(self.0.iter().take(keep).cloned().collect())
    }

    fn is(&self, names: &[&str]) -> bool {
        self.0.len() == names.len()
            && self
                .0
                .iter()
                .zip(names)
                .all(|(s, n)| matches!(s, Segment::Key(k) if k == n))
    }
}

/// The members a caller cannot do without, per [`Root`]: the identifiers and the values that
/// select what the rest means. A wrong type there fails the parse in every mode; a wrong type
/// anywhere else is dropped and reported unless [`ParseOptions::strict`] is set.
///
/// * Session decisions and import responses (Didit's API reference, `GET
///   /v3/session/{id}/decision/`, `POST /v3/session/import-shared/` 201): `session_id` (the
///   identity of what was verified), `status` (the verdict) and `session_kind` (KYC or KYB: which
///   model the rest is read as).
/// * Webhook events (the v3 envelope, and the KYB page's nested `{event, data}` shape):
///   `webhook_type` / `event` (what happened), `session_id`, `status` and `session_kind`, at the
///   top and inside `data`.
///
/// Everything else (`workflow_version`, timestamps, scores, the decision's feature reports,
/// `decision.status`…) is informative: a caller that needs it checks for `undefined`/`None`.
pub fn strict_members(root: Root) -> &'static [&'static [&'static str]] {
    match root {
        Root::Session | Root::ImportResponse => &[&["session_id"], &["session_kind"], &["status"]],
        Root::WebhookEvent => &[
            &["data", "session_id"],
            &["data", "session_kind"],
            &["data", "status"],
            &["event"],
            &["session_id"],
            &["session_kind"],
            &["status"],
            &["webhook_type"],
        ],
    }
}

/// How a model is parsed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ParseOptions {
    /// Any member of the wrong type fails the parse (`ERR_MODEL_INVALID`), as before version
    /// 0.2: for tests and for callers that prefer to stop at any drift. Default `false`: only the
    /// [`strict_members`] must have the right type.
    pub strict: bool,
}

impl ParseOptions {
    /// Every member must have its documented type.
    pub const STRICT: ParseOptions = ParseOptions { strict: true };
    /// Only [`strict_members`] must (the default).
    pub const TOLERANT: ParseOptions = ParseOptions { strict: false };
}

fn is_identifier(k: &str) -> bool {
    let mut bytes = k.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'A'..=b'Z' | b'_' | b'$'))
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'$')
}

/// Why a document does not match its model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
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
            IssueCode::Range => format!("{types}{RANGE_EXPECTED}"),
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

/// What a reader does with a value beyond its plain reading.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// Mismatches that make the document unusable (at most [`MAX_ISSUES`]): a missing or
    /// wrong-typed [`strict_members`] member, a root that is not an object, or, with
    /// [`ParseOptions::strict`], any wrong type.
    pub issues: Vec<Issue>,
    /// How many more such mismatches there were.
    pub more_issues: usize,
    /// Members of the wrong type that a tolerant parse leaves out of the typed model (each
    /// [`Issue::path`]'s [`Path::member`]), at most [`MAX_ISSUES`]. Still in the model's `extra`.
    pub dropped: Vec<Issue>,
    /// How many more were dropped.
    pub more_dropped: usize,
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
}

/// A value token.
#[derive(Clone, Copy)]
enum Token<'a> {
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
struct RootSeen {
    session_id: bool,
    status: bool,
    webhook_type: Option<String>,
    event: bool,
    data: bool,
    /// Envelope `status` / `previous_status`, whose vocabulary depends on `webhook_type`, which
    /// Didit's sorted keys put last.
    deferred: Vec<(Path, String)>,
}

impl RootSeen {
    /// Whether a required root member was present and not `null` (the names of
    /// [`Root::required`] and [`WEBHOOK_REQUIRED`]; a test checks that each is recorded).
    fn present(&self, name: &str) -> bool {
        match name {
            "session_id" => self.session_id,
            "status" => self.status,
            _ => false,
        }
    }
}

struct Validator<'a> {
    root: Root,
    options: ParseOptions,
    frames: Vec<Frame<'a>>,
    /// Type of the next member value (set by its key).
    next: Ty,
    report: Report,
    top: RootSeen,
    scratch: Vec<u8>,
}

fn root_ty(root: Root) -> Ty {
    match root {
        Root::Session | Root::ImportResponse => super::session::SESSION_TY,
        Root::WebhookEvent => super::event::EVENT_TY,
    }
}

/// How a found JSON type is named in an issue, by its [`mask`] bit (`null` is named `"null"`).
pub(crate) const FOUND_NAMES: &[(u8, &str)] = &[
    (mask::BOOL, "boolean"),
    (mask::INT, "integer"),
    (mask::FLOAT, "number"),
    (mask::STR, "string"),
    (mask::ARR, "array"),
    (mask::OBJ, "object"),
];

fn found_name(tok: &Token<'_>) -> &'static str {
    let bit = match tok {
        Token::Null => return "null",
        Token::Bool => mask::BOOL,
        Token::Int(_) => mask::INT,
        Token::Float(_) => mask::FLOAT,
        Token::Str(..) => mask::STR,
        Token::Open(true) => mask::OBJ,
        Token::Open(false) => mask::ARR,
    };
    FOUND_NAMES
        .iter()
        .find(|(b, _)| *b == bit)
        .map_or("something else", |(_, n)| n)
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
    fn new(root: Root, options: ParseOptions) -> Self {
        Validator {
            root,
            options,
            frames: Vec::new(),
            next: root_ty(root),
            report: Report::default(),
            top: RootSeen::default(),
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

    /// Records a wrong type: an error at the root, at a [`strict_members`] member or in strict
    /// mode, else a dropped member.
    fn issue(&mut self, code: IssueCode, accepts: u8, found: &'static str) {
        let path = self.path();
        let fatal = self.options.strict
            || path.0.is_empty()
            || strict_members(self.root).iter().any(|m| path.is(m));
        let (list, more) = if fatal {
            (&mut self.report.issues, &mut self.report.more_issues)
        } else {
            (&mut self.report.dropped, &mut self.report.more_dropped)
        };
        if list.len() >= MAX_ISSUES {
            *more += 1;
            return;
        }
        list.push(Issue {
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

    fn key(&mut self, raw: &'a [u8], escaped: bool) {
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

    fn value(&mut self, tok: Token<'a>) {
        let (ty, element) = match self.frames.last_mut() {
            Some(f) if !f.object => {
                f.count += 1;
                (f.elem, true)
            }
            Some(_) => (self.next, false),
            None => (self.next, false),
        };
        let at_top = self.frames.len() == 1 && self.frames.first().is_some_and(|f| f.object);
        if at_top {
            self.note_top(&tok);
        }
        let accepted = match tok {
            // `null` is accepted for every member, but a document must be an object. An array
            // element that is `null` where a typed element is expected cannot be held by the
            // typed model (`T[]`, `Vec<T>`): a tolerant parse drops the array (a strict parse
            // keeps accepting it, as it always has).
            Token::Null if element && !self.options.strict && !ty.is_free() => {
                self.issue(IssueCode::Type, ty.mask, "null");
                true
            }
            Token::Null => !self.frames.is_empty(),
            Token::Bool => ty.mask & mask::BOOL != 0,
            Token::Int(text) => {
                if ty.mask & mask::NUM == 0 {
                    false
                } else {
                    if is_unsafe_int(text) {
                        if ty.exact {
                            self.issue(IssueCode::Range, ty.mask, RANGE_FOUND);
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

    fn close(&mut self) {
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
    fn finish(mut self, root_is_object: bool) -> Report {
        if !root_is_object {
            return self.report;
        }
        let top = core::mem::take(&mut self.top);
        match self.root {
            Root::Session | Root::ImportResponse => {
                for name in self.root.required() {
                    if !top.present(name) {
                        self.missing(name);
                    }
                }
            }
            Root::WebhookEvent => {
                let family = match top.webhook_type.as_deref() {
                    Some(t) => {
                        for (types, name) in WEBHOOK_REQUIRED {
                            if types.contains(&t) && !top.present(name) {
                                self.missing(name);
                            }
                        }
                        let known = vocab::WEBHOOK_TYPE.lookup(t.as_bytes()).is_some();
                        vocab::envelope_status_vocab(t, known, top.session_id)
                    }
                    None => {
                        if !(top.event && top.data) {
                            self.missing(WEBHOOK_TYPE);
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

/// Feeds the scanner's events to a validator (the scanner's sink for model validation).
struct ValidatorSink<'a, 'v> {
    input: &'a [u8],
    v: &'v mut Validator<'a>,
    root_is_object: Option<bool>,
}

impl Sink for ValidatorSink<'_, '_> {
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
            Num::Float { .. } => self
                .v
                .value(Token::Float(num.float_value(self.input).unwrap_or(0.0))),
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
/// without building a tree, in strict mode (every wrong type is an issue).
///
/// # Errors
///
/// The [`JsonError`] of a body that is not JSON, not UTF-8 or nested deeper than `max_depth`.
pub fn validate_bytes(input: &[u8], root: Root, max_depth: usize) -> Result<Report, JsonError> {
    validate_bytes_with(input, root, max_depth, ParseOptions::STRICT)
}

/// [`validate_bytes`] with a choice of mode: tolerant (the default) moves wrong types outside
/// the [`strict_members`] from [`Report::issues`] to [`Report::dropped`].
///
/// # Errors
///
/// As [`validate_bytes`].
pub fn validate_bytes_with(
    input: &[u8],
    root: Root,
    max_depth: usize,
    options: ParseOptions,
) -> Result<Report, JsonError> {
    let mut v = Validator::new(root, options);
    let mut sink = ValidatorSink {
        input,
        v: &mut v,
        root_is_object: None,
    };
    scan::scan(input, max_depth, &mut sink)?;
    let object = sink.root_is_object == Some(true);
    Ok(v.finish(object))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_required_member_is_recorded() {
        let top = RootSeen {
            session_id: true,
            status: true,
            ..RootSeen::default()
        };
        let names = Root::Session
            .required()
            .iter()
            .chain(WEBHOOK_REQUIRED.iter().map(|(_, n)| n));
        for name in names {
            assert!(top.present(name), "{name}");
        }
    }
}
