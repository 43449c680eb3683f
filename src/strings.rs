//! The card's own words (labels, button text, reading time, error texts) in each UI language.

/// Everything the card writes itself, in one language.
pub struct Ui {
    /// BCP 47 tag of these strings.
    pub lang: &'static str,
    pub rtl: bool,
    pub summary_label: &'static str,
    pub author_label: &'static str,
    pub read_more: &'static str,
    pub read_less: &'static str,
    pub full_text: &'static str,
    pub error_title: &'static str,
    /// Introduces the name of the field an error is in.
    pub error_field: &'static str,
    /// Writes "N minutes of reading" for this language.
    pub reading_time: fn(u32) -> String,
}

impl Ui {
    /// The label of the toggle for a state: what pressing it will do.
    pub fn toggle_label(&self, open: bool) -> &'static str {
        if open {
            self.read_less
        } else {
            self.read_more
        }
    }
}

pub static AR: Ui = Ui {
    lang: "ar",
    rtl: true,
    summary_label: "في كلمات قليلة",
    author_label: "نبذة عن المؤلف",
    read_more: "اقرأ المزيد",
    read_less: "اعرض أقل",
    full_text: "النص الكامل",
    error_title: "تعذّر عرض المقال",
    error_field: "الحقل:",
    reading_time: reading_time_ar,
};

pub static EN: Ui = Ui {
    lang: "en",
    rtl: false,
    summary_label: "In a few words",
    author_label: "About the author",
    read_more: "Read more",
    read_less: "Show less",
    full_text: "Full text",
    error_title: "The article could not be shown",
    error_field: "Field:",
    reading_time: |n| with_number(n, "", " min read"),
};

pub static FR: Ui = Ui {
    lang: "fr",
    rtl: false,
    summary_label: "En quelques mots",
    author_label: "À propos de l’auteur",
    read_more: "Lire la suite",
    read_less: "Réduire",
    full_text: "Texte intégral",
    error_title: "Impossible d’afficher l’article",
    error_field: "Champ :",
    reading_time: |n| with_number(n, "", "\u{a0}min de lecture"),
};

pub static FA: Ui = Ui {
    lang: "fa",
    rtl: true,
    summary_label: "در چند کلمه",
    author_label: "درباره نویسنده",
    read_more: "بیشتر بخوانید",
    read_less: "نمایش کمتر",
    full_text: "متن کامل",
    error_title: "نمایش مقاله ممکن نشد",
    error_field: "فیلد:",
    reading_time: |n| with_number(n, "زمان مطالعه: ", " دقیقه"),
};

pub static HE: Ui = Ui {
    lang: "he",
    rtl: true,
    summary_label: "בכמה מילים",
    author_label: "על הכותב",
    read_more: "קרא עוד",
    read_less: "הצג פחות",
    full_text: "הטקסט המלא",
    error_title: "לא ניתן להציג את הכתבה",
    error_field: "שדה:",
    reading_time: |n| match n {
        1 => "דקת קריאה אחת".into(),
        _ => with_number(n, "", " דקות קריאה"),
    },
};

pub static UR: Ui = Ui {
    lang: "ur",
    rtl: true,
    summary_label: "چند الفاظ میں",
    author_label: "مصنف کے بارے میں",
    read_more: "مزید پڑھیں",
    read_less: "کم دکھائیں",
    full_text: "مکمل متن",
    error_title: "مضمون نہیں دکھایا جا سکا",
    error_field: "خانہ:",
    reading_time: |n| with_number(n, "", " منٹ کا مطالعہ"),
};

/// The UI languages, the default (Arabic) first.
pub static ALL: [&Ui; 6] = [&AR, &EN, &FR, &FA, &HE, &UR];

/// The strings for a BCP 47 tag, by its primary subtag; English for languages without strings.
pub fn ui_for(lang: &str) -> &'static Ui {
    let primary = lang.split(['-', '_']).next().unwrap_or("");
    ALL.iter()
        .find(|ui| ui.lang.eq_ignore_ascii_case(primary))
        .copied()
        .unwrap_or(&EN)
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

fn with_number(n: u32, before: &str, after: &str) -> String {
    let mut out = String::from(before);
    push_number(&mut out, n);
    out.push_str(after);
    out
}

/// "N minutes of reading", with the noun in the form CLDR's Arabic plural rules ask for:
/// one and two take no numeral (the noun's singular and dual say it), 3–10 the plural,
/// 11–99 the singular accusative, 100 and up (and 0) the singular.
pub fn reading_time_ar(minutes: u32) -> String {
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
