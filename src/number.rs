//! Numbers written as text without the formatting machinery (which would join the wasm), and Western digits mapped to Arabic-Indic: a leaf every layer may use.

/// Writes `n` in Western digits.
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

/// `text` with each Western digit written as its Arabic-Indic one (U+0660 to U+0669), the
/// `arab` numbering system; anything else as it is.
pub fn arabic_indic(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + 0x660).unwrap_or(c),
            _ => c,
        })
        .collect()
}
