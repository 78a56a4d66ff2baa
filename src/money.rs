//! Exact money in 万元 (ten-thousand yuan).
//!
//! The form reports amounts in 万元, and the smallest amount that means
//! anything is 1 元 = 0.0001 万元. So an amount is stored as a whole number of
//! 元 (`Wan(35_000)` is 3.5 万元): sums and comparisons are exact integer
//! arithmetic and never meet binary floating point.

use std::fmt;

/// An amount of money in 万元, held exactly as a whole number of 元.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Wan(i64);

impl Wan {
    /// How many 元 make one 万元; also the number of steps per 万元.
    pub const YUAN_PER_WAN: i64 = 10_000;
    /// Decimal places a 万元 amount may have (0.0001 万元 = 1 元).
    pub const DECIMALS: u32 = 4;
    /// The largest amount the type holds.
    pub const MAX: Wan = Wan(i64::MAX);

    /// An amount of `yuan` 元.
    pub const fn from_yuan(yuan: i64) -> Wan {
        Wan(yuan)
    }

    /// A whole number of 万元; for constants (thresholds), so an overflow
    /// is a compile error. Amounts typed by people go through the parser's
    /// checked arithmetic instead.
    pub const fn from_wan(wan: i64) -> Wan {
        match wan.checked_mul(Self::YUAN_PER_WAN) {
            Some(yuan) => Wan(yuan),
            None => panic!("amount out of range"),
        }
    }

    /// The amount in 元.
    pub const fn yuan(self) -> i64 {
        self.0
    }

    pub const fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// Exact sum; `None` only on overflow, which the hard maximums rule out.
    pub fn checked_add(self, other: Wan) -> Option<Wan> {
        self.0.checked_add(other.0).map(Wan)
    }

    pub fn checked_sub(self, other: Wan) -> Option<Wan> {
        self.0.checked_sub(other.0).map(Wan)
    }

    /// Exact product by a count (used to compare an average without dividing).
    pub fn mul_count(self, n: u64) -> i128 {
        i128::from(self.0) * i128::from(n)
    }

    /// `self / n`, rounded half away from zero to whole 元, for display only.
    pub fn div_count_rounded(self, n: u64) -> Wan {
        if n == 0 {
            return self;
        }
        let n = i128::from(n);
        let v = i128::from(self.0);
        let q = (2 * v + n) / (2 * n);
        Wan(i64::try_from(q).unwrap_or(i64::MAX))
    }
}

impl Wan {
    /// [`Wan`]'s text (shortest exact decimal), written at the end of
    /// `out` without the formatting machinery: normalised reports write one
    /// per amount.
    pub fn write_to(self, out: &mut String) {
        if self.0 < 0 {
            out.push('-');
        }
        let abs = self.0.unsigned_abs();
        let per = Self::YUAN_PER_WAN.unsigned_abs();
        let (whole, mut frac) = (abs / per, abs % per);
        out.push_str(itoa::Buffer::new().format(whole));
        if frac != 0 {
            out.push('.');
            let mut place = per / 10;
            while frac != 0 {
                let digit = frac / place;
                out.push(char::from(b'0' + u8::try_from(digit).unwrap_or(0)));
                frac %= place;
                place /= 10;
            }
        }
    }
}

impl fmt::Display for Wan {
    /// Shortest exact decimal: `3.5`, `0.0001`, `12`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = String::with_capacity(26);
        self.write_to(&mut s);
        f.write_str(&s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_shortest_exact_decimal() {
        assert_eq!(Wan::from_yuan(35_000).to_string(), "3.5");
        assert_eq!(Wan::from_yuan(1).to_string(), "0.0001");
        assert_eq!(Wan::from_wan(12).to_string(), "12");
        assert_eq!(Wan::from_yuan(-5_000).to_string(), "-0.5");
    }

    #[test]
    fn average_rounds_half_away_from_zero() {
        assert_eq!(Wan::from_yuan(10).div_count_rounded(4), Wan::from_yuan(3));
        assert_eq!(Wan::from_yuan(9).div_count_rounded(2), Wan::from_yuan(5));
    }
}
