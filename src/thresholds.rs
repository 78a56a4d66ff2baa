//! Every numeric threshold the rules use, in one place.
//!
//! Hard maximums make a value an error (强制性): no township, department or
//! district enterprise of Chongming can reach them, so a value above one is a
//! typing slip. Plausibility limits only make a warning (核实性): a real value
//! may exceed them, and the unit then says why in a 说明.

use crate::money::Wan;

/// Largest count accepted on any count field (rule F107). Chongming has on the
/// order of ten thousand enterprises; a million of anything is a typing slip.
pub const COUNT_HARD_MAX: u64 = 1_000_000;

/// Largest headcount for 4.7 inspectors (rule F107).
pub const INSPECTORS_HARD_MAX: u64 = 100_000;

/// Largest amount on any 万元 field (rule F107): 100 亿元.
pub const MONEY_HARD_MAX: Wan = Wan::from_wan(1_000_000);

/// Average administrative penalty per case above which 元 was probably typed
/// as 万元 (rule C353). 100 万元 per case is far beyond ordinary safety fines.
pub const AVERAGE_PENALTY_PLAUSIBLE_MAX: Wan = Wan::from_wan(100);

/// Cumulative report rewards above which 元 was probably typed as 万元 (rule C354).
pub const REPORT_REWARD_PLAUSIBLE_MAX: Wan = Wan::from_wan(100);

/// Month-on-month jump (rule M454): the new cumulative value is more than this
/// many times last month's...
pub const JUMP_FACTOR: u64 = 10;

/// ...and larger by more than this (in the field's unit; 万元 for money), so
/// that small numbers (1 -> 12) do not count as jumps.
pub const JUMP_MIN_INCREASE: u64 = 100;

/// An explanation (说明) needs at least this many characters, punctuation and
/// spaces not counted.
pub const EXPLANATION_MIN_CHARS: usize = 5;

/// The least share of found hazards, in percent, that a December report is
/// expected to show rectified (rule S554). National year-end figures for the
/// 2023 campaign were 93 to 100 %; 90 % leaves room for hazards found late
/// in December that are being rectified on schedule.
pub const YEAR_END_RECTIFIED_MIN_PERCENT: u64 = 90;

/// How many monthly reports in a row a figure above zero must stay the same
/// for rule S553, while the unit's other cumulative figures move.
pub const UNCHANGED_MONTHS: u32 = 3;
