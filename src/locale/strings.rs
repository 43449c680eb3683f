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
    /// The share control's label (its accessible name), and what its live region says after
    /// the link was copied, or could not be.
    pub share: &'static str,
    pub copied: &'static str,
    pub copy_failed: &'static str,
    /// "N minutes of reading", by CLDR plural category; `#` stands for the number.
    pub reading_time: Plural,
}

/// One message in each CLDR plural category a language uses (others repeat `other`).
/// `#` in a pattern is replaced by the number, formatted for the card's locale.
pub struct Plural {
    pub one: &'static str,
    pub two: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl Plural {
    /// The pattern for a CLDR category name ("zero", "one", "two", "few", "many", "other").
    pub fn pick(&self, category: &str) -> &'static str {
        match category {
            "one" => self.one,
            "two" => self.two,
            "few" => self.few,
            "many" => self.many,
            _ => self.other,
        }
    }

    /// Same message for every category.
    const fn all(other: &'static str) -> Plural {
        Plural {
            one: other,
            two: other,
            few: other,
            many: other,
            other,
        }
    }
}

/// `pattern` with `#` replaced by `number`.
pub fn fill(pattern: &str, number: &str) -> String {
    match pattern.split_once('#') {
        Some((before, after)) => {
            let mut out = String::with_capacity(pattern.len() + number.len());
            out.push_str(before);
            out.push_str(number);
            out.push_str(after);
            out
        }
        None => pattern.into(),
    }
}

/// The CLDR cardinal plural category of a whole number, for the UI languages, as
/// `Intl.PluralRules` gives it; used where Intl is not at hand (native code and tests).
pub fn plural_category(lang: &str, n: u32) -> &'static str {
    match (lang, n) {
        ("ar", 0) => "zero",
        ("ar" | "he", 1) => "one",
        ("ar" | "he", 2) => "two",
        ("ar", _) if (3..=10).contains(&(n % 100)) => "few",
        ("ar", _) if (11..=99).contains(&(n % 100)) => "many",
        ("fr", 0 | 1) => "one",
        ("fr", _) if n != 0 && n.is_multiple_of(1_000_000) => "many",
        ("en" | "fa" | "ur", 1) => "one",
        _ => "other",
    }
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
    share: "مشاركة",
    copied: "تم نسخ الرابط",
    copy_failed: "تعذّر نسخ الرابط",
    // One and two take no numeral: the singular and the dual say the number themselves.
    reading_time: Plural {
        one: "مدة القراءة: دقيقة",
        two: "مدة القراءة: دقيقتان",
        few: "مدة القراءة: # دقائق",
        many: "مدة القراءة: # دقيقة",
        other: "مدة القراءة: # دقيقة",
    },
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
    share: "Share",
    copied: "Link copied",
    copy_failed: "The link could not be copied",
    reading_time: Plural::all("# min read"),
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
    share: "Partager",
    copied: "Lien copié",
    copy_failed: "Impossible de copier le lien",
    reading_time: Plural::all("#\u{a0}min de lecture"),
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
    share: "هم‌رسانی",
    copied: "پیوند کپی شد",
    copy_failed: "کپی پیوند ممکن نشد",
    reading_time: Plural::all("زمان مطالعه: # دقیقه"),
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
    share: "שיתוף",
    copied: "הקישור הועתק",
    copy_failed: "לא ניתן להעתיק את הקישור",
    reading_time: Plural {
        one: "דקת קריאה אחת",
        two: "שתי דקות קריאה",
        few: "# דקות קריאה",
        many: "# דקות קריאה",
        other: "# דקות קריאה",
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
    share: "شیئر کریں",
    copied: "لنک کاپی ہو گیا",
    copy_failed: "لنک کاپی نہیں ہو سکا",
    reading_time: Plural::all("# منٹ کا مطالعہ"),
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
