//! Language tags: the primary subtag, the direction a language is written in, and the shape checks for tags and dates.

/// The primary subtag of a BCP 47 tag ("ar" of "ar-EG"), as given (compare it case-insensitively).
pub fn primary(tag: &str) -> &str {
    tag.split(['-', '_']).next().unwrap_or("")
}

/// Whether two tags share their primary subtag.
pub fn same_primary(a: &str, b: &str) -> bool {
    primary(a).eq_ignore_ascii_case(primary(b))
}

/// Whether a language (by its primary subtag) is written right to left.
pub fn is_rtl(tag: &str) -> bool {
    const RTL: [&str; 12] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ps", "sd", "ug", "ur", "yi",
    ];
    let primary = primary(tag);
    RTL.iter().any(|l| l.eq_ignore_ascii_case(primary))
}

/// Whether a language is written without spaces between words (Chinese, Japanese, Thai,
/// Lao, Khmer, Burmese, Tibetan, Dzongkha): only there does counting words need a dictionary
/// segmenter (the browser's `Intl.Segmenter`).
pub fn writes_without_spaces(tag: &str) -> bool {
    let primary = primary(tag);
    ["zh", "ja", "th", "lo", "km", "my", "bo", "dz"]
        .iter()
        .any(|l| l.eq_ignore_ascii_case(primary))
}

/// Whether `tag` is shaped like a BCP 47 language tag (letters, then alphanumeric subtags).
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary_ok = parts
        .next()
        .is_some_and(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    primary_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

/// Whether `s` is an ISO 8601 calendar date, optionally with a time and a zone:
/// `2024-06-19`, `2024-06-19T14:30`, `2024-06-19T14:30:05.123Z`, `2024-06-19T14:30+03:00`.
pub fn is_iso_date(s: &str) -> bool {
    let (date, time) = match s.split_once(['T', 't', ' ']) {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let mut d = date.split('-');
    let (Some(y), Some(m), Some(day), None) = (d.next(), d.next(), d.next(), d.next()) else {
        return false;
    };
    let year: Option<u32> = (y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))
        .then(|| y.parse().ok())
        .flatten();
    let (Some(year), Some(month), Some(day)) = (year, two_digits(m), two_digits(day)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    if day == 0 || day > days {
        return false;
    }
    let Some(time) = time else { return true };
    // Split off the zone: Z, or +HH:MM / -HH:MM.
    let (clock, zone) = match time.find(['Z', 'z', '+', '-']) {
        Some(i) => (&time[..i], Some(&time[i..])),
        None => (time, None),
    };
    let zone_ok = match zone {
        None | Some("Z" | "z") => true,
        Some(z) => match z[1..].split_once(':') {
            Some((h, m)) => {
                two_digits(h).is_some_and(|h| h < 24) && two_digits(m).is_some_and(|m| m < 60)
            }
            None => false,
        },
    };
    let (hms, fraction) = match clock.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (clock, None),
    };
    let fraction_ok =
        fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    let mut parts = hms.split(':');
    let h = parts.next().and_then(two_digits).is_some_and(|h| h < 24);
    let m = parts.next().and_then(two_digits).is_some_and(|m| m < 60);
    let sec = match parts.next() {
        None => fraction.is_none(),
        Some(s) => two_digits(s).is_some_and(|s| s < 61),
    };
    zone_ok && fraction_ok && h && m && sec && parts.next().is_none()
}
