//! How a Rust field type maps to the schema, reads from a [`Value`] and writes back, and the
//! `model!` macro that declares a struct, its schema table and its conversions in one place.
#![forbid(unsafe_code)]

#[allow(unused_imports)]
use crate::prelude::*;

use crate::json::{Number, Object, Value};

use super::schema::{mask, Ty};
use super::validate::MAX_SAFE;
use super::vocab::{Family, Status};

/// A Rust type a model field can have.
pub(crate) trait FieldType: Sized {
    /// What the validator accepts for it.
    const TY: Ty;
    /// Reads a validated value (`None` if it does not fit after all: the member then stays in
    /// `extra`, untouched).
    fn read(v: &Value) -> Option<Self>;
    /// Writes it back.
    fn write(&self) -> Value;
    /// Its TypeScript type (for the generated declarations; test builds only).
    #[cfg(test)]
    fn ts() -> String;
}

impl FieldType for String {
    const TY: Ty = Ty::of(mask::STR);
    fn read(v: &Value) -> Option<Self> {
        v.as_str().map(str::to_owned)
    }
    fn write(&self) -> Value {
        Value::String(self.clone())
    }
    #[cfg(test)]
    fn ts() -> String {
        "string".into()
    }
}

impl FieldType for bool {
    const TY: Ty = Ty::of(mask::BOOL);
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn write(&self) -> Value {
        Value::Bool(*self)
    }
    #[cfg(test)]
    fn ts() -> String {
        "boolean".into()
    }
}

/// Integers (timestamps, counts, `session_number`, `age`): checked to be within ±(2^53 − 1), so
/// JavaScript holds them exactly too.
impl FieldType for i64 {
    const TY: Ty = Ty::number(mask::INT);
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::Number(n) => n
                .as_i64()
                .or_else(|| {
                    let f = n.as_f64();
                    (f.fract() == 0.0 && f.abs() <= MAX_SAFE as f64).then_some(f as i64)
                })
                .filter(|i| i.unsigned_abs() <= MAX_SAFE),
            _ => None,
        }
    }
    fn write(&self) -> Value {
        Value::Number(Number::from_i64(*self))
    }
    #[cfg(test)]
    fn ts() -> String {
        "number".into()
    }
}

/// Scores, coordinates: kept as written (every digit), read with [`Number::as_f64`].
impl FieldType for Number {
    const TY: Ty = Ty::number(mask::NUM);
    fn read(v: &Value) -> Option<Self> {
        match v {
            // An integer JavaScript would round is left out, as the validator reports it.
            Value::Number(n)
                if n.is_integer() && n.as_i64().map_or(true, |i| i.unsigned_abs() > MAX_SAFE) =>
            {
                None
            }
            Value::Number(n) => Some(n.clone()),
            _ => None,
        }
    }
    fn write(&self) -> Value {
        Value::Number(self.clone())
    }
    #[cfg(test)]
    fn ts() -> String {
        "number".into()
    }
}

/// Free JSON (integrator `metadata`, raw registry data): unchecked.
impl FieldType for Value {
    const TY: Ty = Ty::ANY;
    fn read(v: &Value) -> Option<Self> {
        Some(v.clone())
    }
    fn write(&self) -> Value {
        self.clone()
    }
    #[cfg(test)]
    fn ts() -> String {
        "JsonValue".into()
    }
}

/// A free-form object (`extra_fields`, `parsed_address`…): must be an object, members unchecked.
impl FieldType for Object {
    const TY: Ty = Ty::of(mask::OBJ);
    fn read(v: &Value) -> Option<Self> {
        v.as_object().cloned()
    }
    fn write(&self) -> Value {
        Value::Object(self.clone())
    }
    #[cfg(test)]
    fn ts() -> String {
        "JsonObject".into()
    }
}

impl<T: FieldType> FieldType for Vec<T> {
    const TY: Ty = Ty::array(&T::TY);
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::Array(items) => items.iter().map(T::read).collect(),
            _ => None,
        }
    }
    fn write(&self) -> Value {
        Value::Array(self.iter().map(T::write).collect())
    }
    #[cfg(test)]
    fn ts() -> String {
        let inner = T::ts();
        if inner.contains(' ') {
            format!("Array<{inner}>")
        } else {
            format!("{inner}[]")
        }
    }
}

impl<F: Family> FieldType for Status<F> {
    const TY: Ty = Ty::vocab(F::VOCAB);
    fn read(v: &Value) -> Option<Self> {
        v.as_str().map(Status::parse)
    }
    /// Writes the string as it was sent.
    fn write(&self) -> Value {
        Value::String(self.raw().to_owned())
    }
    #[cfg(test)]
    fn ts() -> String {
        format!("{} | UnknownValue", F::TS_NAME)
    }
}

/// A value whose accepted JSON types are the `mask` bits `M`, otherwise unchecked (fields that
/// Didit's pages document with more than one type, or whose type they leave open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loose<const M: u8>(pub Value);

impl<const M: u8> FieldType for Loose<M> {
    const TY: Ty = Ty::of(M);
    fn read(v: &Value) -> Option<Self> {
        Some(Loose(v.clone()))
    }
    fn write(&self) -> Value {
        self.0.clone()
    }
    #[cfg(test)]
    fn ts() -> String {
        let mut parts = Vec::new();
        for (bit, name) in [
            (mask::BOOL, "boolean"),
            (mask::NUM, "number | bigint"),
            (mask::STR, "string"),
            (mask::ARR, "JsonValue[]"),
            (mask::OBJ, "JsonObject"),
        ] {
            if M & bit != 0 {
                parts.push(name);
            }
        }
        parts.join(" | ")
    }
}

/// A date or time that Didit writes either as Unix seconds (webhook envelopes) or as an ISO 8601
/// string (decisions, import responses, the KYB webhook page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Timestamp {
    /// Unix seconds.
    Seconds(i64),
    /// As written, e.g. `"2026-05-17T08:42:11Z"`.
    Text(String),
}

impl FieldType for Timestamp {
    const TY: Ty = Ty::number(mask::INT | mask::STR);
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(Timestamp::Text(s.clone())),
            _ => i64::read(v).map(Timestamp::Seconds),
        }
    }
    fn write(&self) -> Value {
        match self {
            Timestamp::Seconds(s) => s.write(),
            Timestamp::Text(t) => Value::String(t.clone()),
        }
    }
    #[cfg(test)]
    fn ts() -> String {
        "number | string".into()
    }
}

/// An identifier or code that may come as a string or a number (`service_id`, `outcome_code`,
/// `serial_number`, `version`). A number keeps every digit; in JavaScript one beyond 2^53 is a
/// `BigInt`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextOrNumber {
    /// A string.
    Text(String),
    /// A number, as written.
    Number(Number),
}

impl FieldType for TextOrNumber {
    const TY: Ty = Ty::of(mask::NUM | mask::STR);
    fn read(v: &Value) -> Option<Self> {
        match v {
            Value::String(s) => Some(TextOrNumber::Text(s.clone())),
            Value::Number(n) => Some(TextOrNumber::Number(n.clone())),
            _ => None,
        }
    }
    fn write(&self) -> Value {
        match self {
            TextOrNumber::Text(t) => Value::String(t.clone()),
            TextOrNumber::Number(n) => Value::Number(n.clone()),
        }
    }
    #[cfg(test)]
    fn ts() -> String {
        "number | bigint | string".into()
    }
}

/// Reads a struct's members one by one; what is not read becomes `extra`.
pub(crate) struct Reader<'v> {
    obj: &'v Object,
    used: Vec<bool>,
}

impl<'v> Reader<'v> {
    pub(crate) fn new(obj: &'v Object) -> Self {
        Reader {
            obj,
            used: vec![false; obj.members.len()],
        }
    }

    /// The last member named `name` (as Python's `dict` and `JSON.parse` keep), if present,
    /// not `null`, and of the right type.
    pub(crate) fn take<T: FieldType>(&mut self, name: &str) -> Option<T> {
        let v = self.obj.get(name)?;
        if matches!(v, Value::Null) {
            return None;
        }
        let t = T::read(v)?;
        for ((k, _), used) in self.obj.members.iter().zip(self.used.iter_mut()) {
            if k == name {
                *used = true;
            }
        }
        Some(t)
    }

    /// The members not taken, in document order.
    pub(crate) fn finish(self) -> Object {
        Object {
            members: self
                .obj
                .members
                .iter()
                .zip(self.used)
                .filter(|(_, used)| !used)
                .map(|(m, _)| m.clone())
                .collect(),
        }
    }
}

/// Writes a struct's typed fields, then its `extra` members.
pub(crate) struct Writer {
    members: Vec<(String, Value)>,
}

impl Writer {
    pub(crate) fn new() -> Self {
        Writer {
            members: Vec::new(),
        }
    }

    pub(crate) fn put<T: FieldType>(&mut self, name: &str, v: &Option<T>) {
        if let Some(v) = v {
            self.members.push((name.to_owned(), v.write()));
        }
    }

    pub(crate) fn finish(mut self, extra: &Object) -> Value {
        let typed = self.members.len();
        for (k, v) in &extra.members {
            let shadowed = self.members.iter().take(typed).any(|(n, _)| n == k);
            if !shadowed {
                self.members.push((k.clone(), v.clone()));
            }
        }
        Value::Object(Object {
            members: self.members,
        })
    }
}

/// The wire name of a field: its identifier, or the given string (`kind["type"]`).
macro_rules! wire {
    ($f:ident) => {
        stringify!($f)
    };
    ($f:ident $w:literal) => {
        $w
    };
}
pub(crate) use wire;

/// Declares a model: the struct (every field optional, plus `extra`), its schema table, and its
/// conversions from and to [`Value`]. Fields must be listed sorted by wire name (a test checks).
macro_rules! model {
    (
        $(#[doc = $sdoc:literal])*
        $name:ident {
            $(
                $(#[doc = $fdoc:literal])*
                $field:ident $([$wire:literal])? : $fty:ty
            ),* $(,)?
        }
    ) => {
        $(#[doc = $sdoc])*
        ///
        /// Every field is optional (`None` when absent or `null`); members this version does not
        /// know are kept in `extra`. `Debug` prints field names only: values are personal data.
        #[derive(Clone, Default, PartialEq)]
        pub struct $name {
            $(
                $(#[doc = $fdoc])*
                pub $field: Option<$fty>,
            )*
            /// Members without a typed field above: unknown ones, and known ones sent as `null`.
            pub extra: $crate::json::Object,
        }

        impl $name {
            pub(crate) const SHAPE: $crate::models::schema::Shape = $crate::models::schema::Shape {
                name: stringify!($name),
                names: &[$($crate::models::field::wire!($field $($wire)?)),*],
                types: &[$(&<$fty as $crate::models::field::FieldType>::TY),*],
                also: None,
            };

            /// Reads a value that was validated against this model (see the `parse_*` functions).
            pub fn from_value(v: &$crate::json::Value) -> Option<Self> {
                <Self as $crate::models::field::FieldType>::read(v)
            }

            /// The value again: typed fields (in table order), then `extra`.
            pub fn to_value(&self) -> $crate::json::Value {
                <Self as $crate::models::field::FieldType>::write(self)
            }

            #[cfg(test)]
            pub(crate) fn ts_fields() -> Vec<(&'static str, String, Vec<&'static str>)> {
                vec![
                    $(
                        (
                            $crate::models::field::wire!($field $($wire)?),
                            <$fty as $crate::models::field::FieldType>::ts(),
                            vec![$($fdoc),*],
                        ),
                    )*
                ]
            }

            #[cfg(test)]
            pub(crate) fn ts_doc() -> Vec<&'static str> {
                vec![$($sdoc),*]
            }
        }

        impl $crate::models::field::FieldType for $name {
            const TY: $crate::models::schema::Ty = $crate::models::schema::Ty::object(&$name::SHAPE);
            fn read(v: &$crate::json::Value) -> Option<Self> {
                let o = v.as_object()?;
                #[allow(unused_mut)]
                let mut r = $crate::models::field::Reader::new(o);
                Some($name {
                    $( $field: r.take($crate::models::field::wire!($field $($wire)?)), )*
                    extra: r.finish(),
                })
            }
            fn write(&self) -> $crate::json::Value {
                #[allow(unused_mut)]
                let mut w = $crate::models::field::Writer::new();
                $( w.put($crate::models::field::wire!($field $($wire)?), &self.$field); )*
                w.finish(&self.extra)
            }
            #[cfg(test)]
            fn ts() -> String {
                stringify!($name).into()
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($name), " {"))?;
                $(
                    if self.$field.is_some() {
                        f.write_str(concat!(" ", $crate::models::field::wire!($field $($wire)?), ","))?;
                    }
                )*
                write!(f, " +{} extra }} (values redacted)", self.extra.members.len())
            }
        }
    };
}
pub(crate) use model;
