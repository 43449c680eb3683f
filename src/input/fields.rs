//! Serde readers that describe a wrong type in the card's words ("title: expected a string, found a number"), for the article and the shell's options.
//!
//! Every member is read with `deserialize_any` and a visitor of ours, so a wrong type is ours to
//! describe ("title: expected a string, found a number") without serde's `invalid_type`, whose
//! message formats the value it found (floats included: kilobytes in the wasm) and names serde's
//! own words. The problem is kept here, in `PROBLEM`, and serde only carries an empty error out:
//! `input::json` takes the problem back as a `CardError`. The wasm is single-threaded, and
//! natively each read takes the slot before it returns.

use crate::error::{CardError, Problem};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::RefCell;

thread_local! {
    /// The first problem a field reader found, with the field's path.
    static PROBLEM: RefCell<Option<CardError>> = const { RefCell::new(None) };
    /// The path of the field being read, for an error serde raises itself (a JS BigInt out of
    /// 64 bits, say): the reader then reports that field as unreadable.
    static READING: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Takes the problem the last read found, if a field reader found one; else the field that was
/// being read when serde gave up (with `why` from the reader of the text, e.g. serde_json).
pub fn take_problem() -> Option<CardError> {
    PROBLEM.with(|p| p.borrow_mut().take())
}

/// The path of the field the last failed read was in ("article" before any).
pub fn reading_path() -> String {
    READING.with(|r| {
        let path = r.borrow();
        if path.is_empty() {
            "article".into()
        } else {
            path.clone()
        }
    })
}

/// Forgets what an earlier read left behind (call before reading).
pub fn reset_reading() {
    PROBLEM.with(|p| p.borrow_mut().take());
    READING.with(|r| r.borrow_mut().clear());
}

/// Records `problem` at `field`, unless a problem is recorded already (the first one counts).
pub fn record(field: &str, problem: Problem) {
    PROBLEM.with(|p| {
        p.borrow_mut().get_or_insert_with(|| CardError::Field {
            field: field.into(),
            problem,
        });
    });
}

/// Records `problem` at `field` and returns the (empty) serde error that carries it out.
pub fn fail<E: de::Error>(field: &str, problem: Problem) -> E {
    record(field, problem);
    E::custom("")
}

/// A member's path, set while it is read.
fn reading(path: &str) {
    READING.with(|r| {
        let mut r = r.borrow_mut();
        r.clear();
        r.push_str(path);
    });
}

/// What a JSON (or JavaScript) value is, in the words of the error messages.
#[derive(Clone, Copy)]
pub enum Kind {
    Null,
    Boolean,
    Number,
    Text,
    Array,
    Object,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "a boolean",
            Kind::Number => "a number",
            Kind::Text => "a string",
            Kind::Array => "an array",
            Kind::Object => "an object",
        }
    }
}

/// Reads one member of any type, handing each kind to `Member::take`: the reader of a field
/// (`Text` for strings, `Body`, `AuthorField`) decides what it accepts.
pub trait Member: Sized {
    type Value;
    /// What the member must be, for "expected ...".
    const EXPECTED: &'static str;
    fn path(&self) -> &str;
    fn string<E: de::Error>(self, _: String) -> Result<Self::Value, E> {
        Err(self.wrong(Kind::Text))
    }
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(self.wrong(Kind::Null))
    }
    fn seq<'de, A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        drop(seq);
        Err(self.wrong(Kind::Array))
    }
    fn map<'de, A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        drop(map);
        Err(self.wrong(Kind::Object))
    }
    /// Any number, as a float (JSON and JavaScript numbers are; integers past 2^53 round).
    fn number<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(self.wrong(Kind::Number))
    }
    fn wrong<E: de::Error>(&self, found: Kind) -> E {
        fail(
            self.path(),
            Problem::WrongType {
                expected: Self::EXPECTED,
                found: found.name(),
            },
        )
    }
}

/// Adapts a `Member` to serde's `Visitor`.
struct Any<M>(M);

impl<'de, M: Member> Visitor<'de> for Any<M> {
    type Value = M::Value;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(M::EXPECTED)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        self.0.string(v.into())
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        self.0.string(v)
    }
    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.null()
    }
    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        self.0.null()
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(self.0.wrong(Kind::Boolean))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        self.0.number(v as f64)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        self.0.number(v as f64)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        self.0.number(v)
    }
    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Self::Value, E> {
        Err(self.0.wrong(Kind::Object))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        self.0.seq(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        self.0.map(map)
    }
}

/// Reads `member` from `d`, with its path set for errors serde raises itself.
pub fn member<'de, D: Deserializer<'de>, M: Member>(d: D, member: M) -> Result<M::Value, D::Error> {
    reading(member.path());
    d.deserialize_any(Any(member))
}

/// A string member at `path`. `required`: it must hold more than white space when present
/// (absent or null reads as empty, which the validation step reports as missing). `size`: the
/// member is a positive whole number instead (an image's width or height), handed on in its
/// decimal digits, so that one reader (one copy of the deserializer's code in the wasm) serves
/// both kinds.
pub struct Text<'p> {
    pub path: &'p str,
    pub required: bool,
    pub size: bool,
}

impl Member for Text<'_> {
    type Value = Option<String>;
    const EXPECTED: &'static str = "a string";
    fn path(&self) -> &str {
        self.path
    }
    fn string<E: de::Error>(self, s: String) -> Result<Self::Value, E> {
        if self.size {
            return Err(self.wrong(Kind::Text));
        }
        if self.required && s.trim().is_empty() {
            return Err(fail(self.path, Problem::Empty));
        }
        Ok(Some(s))
    }
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn number<E: de::Error>(self, n: f64) -> Result<Self::Value, E> {
        if !self.size {
            return Err(self.wrong(Kind::Number));
        }
        // A saturating cast: fractions, zero, negatives and numbers past u32 do not come back.
        let whole = n as u32;
        let found = if whole > 0 && f64::from(whole) == n {
            let mut digits = String::new();
            crate::number::push_number(&mut digits, whole);
            return Ok(Some(digits));
        } else if n <= 0.0 {
            "zero or less"
        } else if n < 4_294_967_296.0 {
            "a fraction"
        } else {
            "a number over 4294967295"
        };
        Err(self.wrong_as(found))
    }
    fn wrong<E: de::Error>(&self, found: Kind) -> E {
        self.wrong_as(found.name())
    }
}

impl Text<'_> {
    fn wrong_as<E: de::Error>(&self, found: &'static str) -> E {
        let expected = if self.size {
            "a positive whole number"
        } else {
            Self::EXPECTED
        };
        fail(self.path, Problem::WrongType { expected, found })
    }
}

impl<'de> DeserializeSeed<'de> for Text<'_> {
    type Value = Option<String>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        member(d, self)
    }
}

/// A positive whole number (the mount options' `wpm` and `heading`), read by the string reader
/// (`Text::size`) rather than serde's `u32` visitor, whose range errors format the number
/// through `de::Unexpected` and so link float formatting into the wasm (vendor/README.md).
#[cfg(target_arch = "wasm32")]
pub fn whole<'de, D: Deserializer<'de>>(d: D) -> Result<u32, D::Error> {
    let digits = member(
        d,
        Text {
            path: "options",
            required: false,
            size: true,
        },
    )?;
    digits
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| fail("options", Problem::Missing))
}

pub fn text<'de, D: Deserializer<'de>>(
    d: D,
    path: &str,
    required: bool,
) -> Result<Option<String>, D::Error> {
    member(
        d,
        Text {
            path,
            required,
            size: false,
        },
    )
}

/// An object at `path`, read by `T`'s own derived `Deserialize` from its members (through
/// `deserialize_any`, so a value of another kind is ours to describe, and only the members `T`
/// names are read; any other member is skipped unread).
pub struct Object<'p, T> {
    pub path: &'p str,
    pub marker: std::marker::PhantomData<T>,
}

impl<T: de::DeserializeOwned> Member for Object<'_, T> {
    type Value = Option<T>;
    const EXPECTED: &'static str = "an object";
    fn path(&self) -> &str {
        self.path
    }
    fn null<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn map<'a, A: MapAccess<'a>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(de::value::MapAccessDeserializer::new(map)).map(Some)
    }
}

/// Reads an object at `path` (None for null or undefined).
pub fn object<'de, D: Deserializer<'de>, T: de::DeserializeOwned>(
    d: D,
    path: &str,
) -> Result<Option<T>, D::Error> {
    member(
        d,
        Object {
            path,
            marker: std::marker::PhantomData,
        },
    )
}
