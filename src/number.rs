//! Numbers as itlead keeps and shows them: rounded to a few decimals and
//! never `-0`, in figures with their sign.
//!
//! The figures a result or an analysis stores are rounded here
//! ([`round`]); the figures a document shows are written here ([`decimal`],
//! [`signed`], [`score_with_error`]). A value that rounds to zero is `0`,
//! whichever side of zero it came from, in data and in every format alike.
//! This module depends on nothing in itlead: `build.rs` compiles it beside
//! `src/content/`, whose design analysis rounds with it.

/// `value` rounded to `places` decimals (halves away from zero), never
/// `-0.0`: a value that rounds to zero from below is `0.0`.
pub fn round(value: f64, places: u8) -> f64 {
    let scale = 10_f64.powi(i32::from(places));
    let rounded = (value * scale).round() / scale;
    // `-0.0 == 0.0`: this replaces a negative zero with a positive one.
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// `value` written with `places` decimals, with a `+` when `signed` and it
/// is above zero; never `-0.0`: a value that shows as zero has no sign.
pub fn decimal(value: f64, places: u8, signed: bool) -> String {
    let places = usize::from(places);
    let text = format!("{value:.places$}");
    let zero = text.trim_start_matches('-').chars().all(|c| c == '0' || c == '.');
    let text = if zero { text.trim_start_matches('-').to_owned() } else { text };
    if signed && !zero && !text.starts_with('-') { format!("+{text}") } else { text }
}

/// A whole score as people read it: `+38`, `-12`, `0`; `None` is none.
pub fn signed(score: Option<i32>) -> Option<String> {
    score.map(|score| if score == 0 { String::from("0") } else { format!("{score:+}") })
}

/// A score with its uncertainty: `+63 ±12`, or `+63` without one; empty
/// without a score.
pub fn score_with_error(score: Option<i32>, error: Option<i32>) -> String {
    let Some(text) = signed(score) else {
        return String::new();
    };
    match error {
        Some(error) => format!("{text} ±{error}"),
        None => text,
    }
}

#[cfg(test)]
// Rounding gives the very float a literal names: compared exactly.
#[allow(clippy::float_cmp)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn rounding_to_zero_from_below_gives_a_positive_zero() {
        assert!(round(-0.04, 1).is_sign_positive());
        assert!(round(-0.000_4, 3).is_sign_positive());
        assert!(round(-0.4, 0).is_sign_positive());
        assert_eq!(round(-0.05, 1), -0.1);
        assert_eq!(round(2.5, 0), 3.0);
        assert_eq!(round(-2.5, 0), -3.0);
        assert_eq!(round(0.123_456, 3), 0.123);
        assert_eq!(round(39.96, 1), 40.0);
    }

    #[test]
    fn decimals_never_show_negative_zero() {
        assert_eq!(decimal(-0.04, 1, true), "0.0");
        assert_eq!(decimal(-0.004, 2, false), "0.00");
        assert_eq!(decimal(-0.4, 0, true), "0");
        assert_eq!(decimal(12.5, 1, true), "+12.5");
        assert_eq!(decimal(-3.0, 1, true), "-3.0");
        assert_eq!(decimal(0.812, 2, false), "0.81");
        assert_eq!(decimal(0.812, 2, true), "+0.81");
    }

    #[test]
    fn whole_scores_carry_their_sign_except_zero() {
        assert_eq!(signed(Some(38)).as_deref(), Some("+38"));
        assert_eq!(signed(Some(-12)).as_deref(), Some("-12"));
        assert_eq!(signed(Some(0)).as_deref(), Some("0"));
        assert_eq!(signed(None), None);
        assert_eq!(score_with_error(Some(63), Some(12)), "+63 ±12");
        assert_eq!(score_with_error(Some(-5), None), "-5");
        assert_eq!(score_with_error(None, Some(12)), "");
    }

    /// Values of every size, many of them near zero, where a sign is lost.
    fn values() -> impl Strategy<Value = f64> {
        prop_oneof![-1.0e6_f64..1.0e6, -1.0_f64..1.0, -0.001_f64..0.001]
    }

    proptest! {
        #[test]
        fn rounding_is_near_never_negative_zero_and_stable(
            value in values(),
            places in 0_u8..=4,
        ) {
            let rounded = round(value, places);
            prop_assert!(rounded != 0.0 || rounded.is_sign_positive(), "{value} gave -0");
            let half = 0.5 / 10_f64.powi(i32::from(places));
            prop_assert!((rounded - value).abs() <= half * (1.0 + 1e-9) + 1e-9,
                "{value} to {places} places gave {rounded}");
            prop_assert_eq!(round(rounded, places), rounded);
        }

        #[test]
        fn decimals_read_back_as_their_value_and_sign_only_what_is_not_zero(
            value in values(),
            places in 0_u8..=4,
            with_sign: bool,
        ) {
            let text = decimal(value, places, with_sign);
            let digits = text.trim_start_matches(['+', '-']);
            let zero = digits.chars().all(|c| c == '0' || c == '.');
            prop_assert!(!(zero && (text.starts_with('-') || text.starts_with('+'))), "{text}");
            prop_assert_eq!(text.starts_with('+'), with_sign && !zero && value > 0.0);
            prop_assert_eq!(text.starts_with('-'), !zero && value < 0.0);
            let shown_places = digits.split_once('.').map_or(0, |(_, fraction)| fraction.len());
            prop_assert_eq!(shown_places, usize::from(places));
            let read: f64 = text.trim_start_matches('+').parse().unwrap();
            let half = 0.5 / 10_f64.powi(i32::from(places));
            prop_assert!((read - value).abs() <= half * (1.0 + 1e-9) + 1e-9, "{value} as {text}");
        }
    }
}
