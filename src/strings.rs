//! The card's own words (labels, button text, reading time), in Arabic.

/// Button text while the full text is closed: "read more".
pub const READ_MORE: &str = "اقرأ المزيد";
/// Button text while the full text is open: "show less".
pub const READ_LESS: &str = "اعرض أقل";
/// Accessible name of the body region: "the full text".
pub const FULL_TEXT: &str = "النص الكامل";
/// Heading of the error state: "the article could not be shown".
pub const ERROR_TITLE: &str = "تعذّر عرض المقال";

/// The label of the toggle for a state.
pub fn toggle_label(open: bool) -> &'static str {
    if open {
        READ_LESS
    } else {
        READ_MORE
    }
}

/// Writes `n` in Western digits without the formatting machinery (keeps it out of the wasm).
pub fn push_number(out: &mut String, mut n: u32) {
    let mut digits = [0u8; 10];
    let mut len = 0;
    loop {
        digits[len] = b'0' + (n % 10) as u8;
        len += 1;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &d in digits[..len].iter().rev() {
        out.push(d as char);
    }
}

/// "N minutes of reading", with the noun in the form CLDR's Arabic plural rules ask for:
/// one and two take no numeral (the noun's singular and dual say it), 3–10 the plural,
/// 11–99 the singular accusative, 100 and up (and 0) the singular.
pub fn reading_time(minutes: u32) -> String {
    let mut out = String::from("مدة القراءة: ");
    match minutes {
        1 => out.push_str("دقيقة"),
        2 => out.push_str("دقيقتان"),
        _ => {
            push_number(&mut out, minutes);
            out.push_str(match minutes % 100 {
                3..=10 => " دقائق",
                _ => " دقيقة",
            });
        }
    }
    out
}
