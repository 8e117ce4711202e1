//! Passwords an office can live with: at least ten characters, no rules
//! about digits or capitals, and none of the thousand most common passwords
//! (zxcvbn's frequency list of leaked passwords, not a list typed here).

use zxcvbn::matching::patterns::MatchPattern;

pub const MIN_PASSWORD_LEN: usize = 10;

/// How many of the most common passwords are refused.
pub const COMMON_REFUSED: usize = 1_000;

/// Why a new password is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weakness {
    TooShort,
    Common,
}

pub fn check(password: &str) -> Result<(), Weakness> {
    if password.chars().count() < MIN_PASSWORD_LEN {
        return Err(Weakness::TooShort);
    }
    if is_common(password) {
        return Err(Weakness::Common);
    }
    Ok(())
}

/// One of the thousand most common passwords, as typed (any case).
fn is_common(password: &str) -> bool {
    let entropy = zxcvbn::zxcvbn(password, &[]);
    let whole = password.chars().count();
    entropy.sequence().iter().any(|m| match &m.pattern {
        // The dictionary's type is not exported; its name is.
        MatchPattern::Dictionary(d) => {
            m.i == 0 && m.j + 1 == whole && !d.l33t && !d.reversed && d.rank <= COMMON_REFUSED && format!("{:?}", d.dictionary_name) == "Passwords"
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(check("kort-wacht"), Ok(()), "ten characters are enough");
        assert_eq!(check("negen-tek"), Err(Weakness::TooShort));
        // Ranked in the first thousand of the leaked-password list.
        for common in ["1234567890", "qwertyuiop", "password123", "PASSWORD123", "1q2w3e4r5t"] {
            assert_eq!(check(common), Err(Weakness::Common), "{common}");
        }
        assert_eq!(check("fietsenstalling-achter"), Ok(()));
        assert_eq!(check("correct horse battery"), Ok(()));
    }
}
