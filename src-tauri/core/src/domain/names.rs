//! Names as a Dutch or Flemish office reads them: sorted by surname, with
//! the tussenvoegsel ("van", "de", "ter") left out of the order, and found
//! whatever accents or capitals are typed.
//!
//! A name is one field ("Lotte van Dijk"). Written the Dutch way, with the
//! tussenvoegsel in small letters after the first name, it sorts under the
//! surname: "Lotte van Dijk" under D. Written the Flemish way, with a capital
//! ("Lotte Van Dijk"), the particle is part of the surname and sorts under V,
//! as Belgian registers do.

use std::cmp::Ordering;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Words that can stand between first name and surname (lower case).
const PARTICLES: &[&str] = &[
    "van", "de", "der", "den", "het", "'t", "ter", "ten", "te", "in", "op", "aan", "onder", "over", "uit", "uijt", "bij", "vande", "vander", "vanden", "'s",
    "d'", "le", "la", "les", "du", "des", "di", "da", "del", "della", "dos", "von", "zu", "am", "auf", "dem", "ver", "l'",
    // Arabic articles, written with a capital as part of the surname ("El Idrissi" under E).
    "el", "al",
];

fn is_particle(word: &str) -> bool {
    PARTICLES.contains(&word)
}

/// Lower case without accents: "Zoë Çelik" → "zoe celik". For comparing and searching, never for showing.
pub fn fold(s: &str) -> String {
    s.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// (surname, first names, particles), each folded: what the order compares.
fn parts(name: &str) -> (String, String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    let join = |w: &[&str]| fold(&w.join(" "));
    if words.len() < 2 {
        return (join(&words), String::new(), String::new());
    }
    // The first particle in small letters after the first name starts the
    // surname's prefix; the surname is what follows the particles.
    let last = words.len() - 1;
    if let Some(i) = (1..last).find(|&i| is_particle(words[i])) {
        let end = (i..last).find(|&j| !is_particle(words[j])).unwrap_or(last);
        return (join(&words[end..]), join(&words[..i]), join(&words[i..end]));
    }
    // A capital particle ("Van Dijk", Flemish) or a double surname
    // ("Jansen-de Vries") starts the surname itself.
    let start = (1..last).find(|&i| is_particle(&fold(words[i])) || words[i].contains('-')).unwrap_or(last);
    (join(&words[start..]), join(&words[..start]), String::new())
}

/// The order of two names on every list: by surname, then first names, then
/// the particle, then as written (so different names never compare equal).
pub fn compare(a: &str, b: &str) -> Ordering {
    parts(a).cmp(&parts(b)).then_with(|| a.cmp(b))
}

/// The key that sorts like [`compare`] (for sorting a list in Rust).
pub fn sort_key(name: &str) -> (String, String, String, String) {
    let (surname, first, particle) = parts(name);
    (surname, first, particle, name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(a, b));
        v
    }

    #[test]
    fn tussenvoegsels_do_not_count_in_the_netherlands() {
        assert_eq!(
            sorted(&["Lotte van Dijk", "Noor Bakker", "Sem de Wit", "Daan Mol", "Anna van der Berg", "Bram ter Horst", "Eva 't Hart"]),
            ["Noor Bakker", "Anna van der Berg", "Lotte van Dijk", "Eva 't Hart", "Bram ter Horst", "Daan Mol", "Sem de Wit"]
        );
    }

    #[test]
    fn a_capital_particle_is_part_of_the_surname_as_in_flanders() {
        assert_eq!(sorted(&["Lotte Van Dijk", "Noor Bakker", "Jan Peeters", "Tom De Smet"]), ["Noor Bakker", "Tom De Smet", "Jan Peeters", "Lotte Van Dijk"]);
        assert_eq!(sorted(&["Bram de Wit", "Aïcha El Idrissi", "Chris O'Brien"]), ["Aïcha El Idrissi", "Chris O'Brien", "Bram de Wit"]);
    }

    #[test]
    fn first_names_then_particle_break_ties() {
        assert_eq!(sorted(&["Sanne de Vries", "Anna Vries", "Anna de Vries"]), ["Anna Vries", "Anna de Vries", "Sanne de Vries"]);
        assert_eq!(sorted(&["Jan Jansen", "Anna Maria Jansen"]), ["Anna Maria Jansen", "Jan Jansen"]);
    }

    #[test]
    fn accents_and_capitals_do_not_change_the_order() {
        assert_eq!(sorted(&["Zoë Çelik", "Ali Ceylan", "bas smit", "Anna Smit"]), ["Zoë Çelik", "Ali Ceylan", "Anna Smit", "bas smit"]);
        assert_eq!(fold("Zoë ÇELİK"), "zoe celik");
    }

    #[test]
    fn odd_names_still_sort() {
        // One word, a particle at the end, a hyphenated surname, extra spaces.
        assert_eq!(sorted(&["Madonna", "Piet van", "Jan  Jansen-de Vries", "Kees"]), ["Jan  Jansen-de Vries", "Kees", "Madonna", "Piet van"]);
        assert_eq!(compare("Noor Bakker", "Noor Bakker"), Ordering::Equal);
    }
}
