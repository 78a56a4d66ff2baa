//! The record: every report accepted and every attempt refused, kept in
//! SQLite (one file, created on first run).
//!
//! - Append only. Nothing is updated or deleted: a resubmission adds a
//!   version, and triggers refuse any UPDATE or DELETE, so a unit's month
//!   can always be read back as it was filed.
//! - Versioned migrations: `PRAGMA user_version` holds the schema version,
//!   and each migration runs once, in a transaction, in order.
//! - WAL mode, so the office's reads never wait for a unit's write, and
//!   `synchronous = FULL`: every commit is flushed to the disk before it
//!   returns, so a submission the server acknowledged survives a power cut.
//!   (At NORMAL, WAL mode may roll back the last commits after one; the cost
//!   of FULL is one fsync per submission, a few milliseconds, for a form
//!   that 32 units file once a month.)
//!
//! One connection behind a mutex: SQLite has one writer at a time anyway,
//! and a month's traffic is a few hundred requests.

use std::path::Path;
use std::sync::Mutex;

use rusqlite::{Connection, OptionalExtension, params};

use crate::district::{Attempt, Filing, Record};
use crate::form::YearMonth;
use crate::output::Counts;
use crate::report::Report;
use crate::validate::parse_period;

/// The schema, one migration per version. Never edit one that has shipped:
/// add the next.
const MIGRATIONS: &[&str] = &[
    // 1: submissions and attempts.
    "CREATE TABLE submissions (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        period TEXT NOT NULL,
        received TEXT NOT NULL,
        received_unix INTEGER NOT NULL,
        late INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        report TEXT NOT NULL,
        result TEXT NOT NULL
    );
    CREATE INDEX submissions_unit_period ON submissions (unit, period, id);
    CREATE INDEX submissions_period ON submissions (period, id);
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        unit TEXT NOT NULL,
        period TEXT,
        received TEXT NOT NULL,
        received_unix INTEGER NOT NULL,
        codes TEXT NOT NULL
    );
    CREATE INDEX attempts_unit_period ON attempts (unit, period, id);
    CREATE TRIGGER submissions_kept BEFORE UPDATE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are kept as filed'); END;
    CREATE TRIGGER submissions_not_deleted BEFORE DELETE ON submissions
        BEGIN SELECT RAISE(ABORT, 'submissions are kept as filed'); END;
    CREATE TRIGGER attempts_kept BEFORE UPDATE ON attempts
        BEGIN SELECT RAISE(ABORT, 'attempts are kept as made'); END;
    CREATE TRIGGER attempts_not_deleted BEFORE DELETE ON attempts
        BEGIN SELECT RAISE(ABORT, 'attempts are kept as made'); END;",
];

/// What went wrong with the store; the server answers 500 with it.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> StoreError {
        StoreError(e.to_string())
    }
}

/// A report accepted, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Stored {
    /// The version number: the row's id, increasing across the record.
    pub version: i64,
    pub unit: String,
    pub period: YearMonth,
    /// `YYYY-MM-DD HH:MM:SS`, China time.
    pub received: String,
    pub late: bool,
    pub warnings: usize,
    /// The normalised report, with its 说明, as JSON.
    pub report: String,
    /// The check it passed, as JSON.
    pub result: String,
}

/// An attempt refused, as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredAttempt {
    pub id: i64,
    pub unit: String,
    pub period: Option<String>,
    pub received: String,
    pub codes: Vec<String>,
}

pub struct Store {
    conn: Mutex<Connection>,
}

fn received_text(unix: i64) -> String {
    crate::district::moment_text(crate::clock::china_time(unix))
}

impl Store {
    /// Open (or create) the database file and bring its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::setup(conn)
    }

    /// A store that lives in memory, for tests and the demo without a file.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Store, StoreError> {
        // journal_mode answers with the mode it set; in memory it stays
        // "memory", which is as durable as memory gets.
        let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;")?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError(format!(
                "数据库结构版本 {version} 比本程序支持的 {known} 新；请使用新版程序 / the database's schema version {version} is newer than this program's {known}"
            )));
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> std::sync::MutexGuard<'_, Connection> {
        // A panic while holding the lock leaves SQLite consistent (every
        // write is one transaction), so the lock is taken back.
        self.conn.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The schema version.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn()
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Keep an accepted report; its version number.
    #[allow(clippy::too_many_arguments)]
    pub fn add_submission(
        &self,
        unit: &str,
        period: YearMonth,
        received_unix: i64,
        late: bool,
        warnings: usize,
        report_json: &str,
        result_json: &str,
    ) -> Result<(i64, String), StoreError> {
        let received = received_text(received_unix);
        let conn = self.conn();
        conn.execute(
            "INSERT INTO submissions (unit, period, received, received_unix, late, warnings, report, result)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                unit,
                period.to_string(),
                received,
                received_unix,
                late,
                i64::try_from(warnings).unwrap_or(i64::MAX),
                report_json,
                result_json
            ],
        )?;
        Ok((conn.last_insert_rowid(), received))
    }

    /// Keep a refused attempt.
    pub fn add_attempt(
        &self,
        unit: &str,
        period: Option<YearMonth>,
        received_unix: i64,
        codes: &[String],
    ) -> Result<i64, StoreError> {
        let conn = self.conn();
        conn.execute(
            "INSERT INTO attempts (unit, period, received, received_unix, codes) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                unit,
                period.map(|p| p.to_string()),
                received_text(received_unix),
                received_unix,
                codes.join(" ")
            ],
        )?;
        Ok(conn.last_insert_rowid())
    }

    fn stored(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stored> {
        let period: String = r.get(2)?;
        Ok(Stored {
            version: r.get(0)?,
            unit: r.get(1)?,
            // Only valid months are stored (see add_submission).
            period: parse_period(&period).unwrap_or(YearMonth::new(0, 1)),
            received: r.get(3)?,
            late: r.get(4)?,
            warnings: usize::try_from(r.get::<_, i64>(5)?).unwrap_or(0),
            report: r.get(6)?,
            result: r.get(7)?,
        })
    }

    const COLUMNS: &'static str = "id, unit, period, received, late, warnings, report, result";

    /// The unit's report that stands for the latest month before `period`:
    /// the last version of that month.
    pub fn prior(&self, unit: &str, period: YearMonth) -> Result<Option<Stored>, StoreError> {
        let sql = format!(
            "SELECT {} FROM submissions WHERE unit = ?1 AND period < ?2 ORDER BY period DESC, id DESC LIMIT 1",
            Self::COLUMNS
        );
        Ok(self
            .conn()
            .query_row(&sql, params![unit, period.to_string()], Self::stored)
            .optional()?)
    }

    /// Every version of the unit's month, oldest first, and every attempt.
    pub fn history(
        &self,
        unit: &str,
        period: YearMonth,
    ) -> Result<(Vec<Stored>, Vec<StoredAttempt>), StoreError> {
        let conn = self.conn();
        let sql = format!(
            "SELECT {} FROM submissions WHERE unit = ?1 AND period = ?2 ORDER BY id",
            Self::COLUMNS
        );
        let versions = conn
            .prepare(&sql)?
            .query_map(params![unit, period.to_string()], Self::stored)?
            .collect::<Result<Vec<_>, _>>()?;
        let attempts = conn
            .prepare(
                "SELECT id, unit, period, received, codes FROM attempts WHERE unit = ?1 AND period = ?2 ORDER BY id",
            )?
            .query_map(params![unit, period.to_string()], |r| {
                Ok(StoredAttempt {
                    id: r.get(0)?,
                    unit: r.get(1)?,
                    period: r.get(2)?,
                    received: r.get(3)?,
                    codes: r
                        .get::<_, String>(4)?
                        .split_whitespace()
                        .map(str::to_string)
                        .collect(),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok((versions, attempts))
    }

    /// The record up to `period`, in the order it arrived: what the office's
    /// view of the month reads. Only the version that counts of each unit's
    /// month is read whole; earlier ones are counted, so a unit that
    /// resubmits a thousand times costs the view one report.
    pub fn record(&self, up_to: YearMonth) -> Result<Record, StoreError> {
        let conn = self.conn();
        let upto = up_to.to_string();
        let sql = format!(
            "SELECT {}, received_unix FROM submissions WHERE id IN
               (SELECT max(id) FROM submissions WHERE period <= ?1 GROUP BY unit, period)
             ORDER BY id",
            Self::COLUMNS
        );
        let mut filings = Vec::new();
        let mut rows = conn.prepare(&sql)?;
        let mut q = rows.query(params![upto])?;
        while let Some(r) = q.next()? {
            let s = Self::stored(r)?;
            let unix: i64 = r.get(8)?;
            let report = Report::from_json(&s.report).map_err(|e| {
                StoreError(format!(
                    "stored report {} unreadable: {}",
                    s.version,
                    e.render(crate::Lang::En)
                ))
            })?;
            filings.push(Filing {
                unit: s.unit,
                period: s.period,
                report,
                counts: Counts {
                    errors: 0,
                    warnings: s.warnings,
                    unexplained_warnings: 0,
                },
                late: s.late,
                received: Some(crate::clock::china_time(unix)),
                source: format!("v{}", s.version),
            });
        }
        let mut superseded = Vec::new();
        let mut rows = conn.prepare(
            "SELECT unit, period, count(*) - 1 FROM submissions WHERE period <= ?1
             GROUP BY unit, period HAVING count(*) > 1",
        )?;
        let mut q = rows.query(params![upto])?;
        while let Some(r) = q.next()? {
            let period: String = r.get(1)?;
            if let Some(p) = parse_period(&period) {
                let n: i64 = r.get(2)?;
                superseded.push((r.get(0)?, p, usize::try_from(n).unwrap_or(0)));
            }
        }
        let mut attempts = Vec::new();
        let mut rows = conn.prepare(
            "SELECT id, unit, period, received_unix, codes FROM attempts WHERE period <= ?1 ORDER BY id",
        )?;
        let mut q = rows.query(params![upto])?;
        while let Some(r) = q.next()? {
            let period: String = r.get(2)?;
            let Some(period) = parse_period(&period) else {
                continue;
            };
            let id: i64 = r.get(0)?;
            attempts.push(Attempt {
                unit: r.get(1)?,
                period,
                received: Some(crate::clock::china_time(r.get(3)?)),
                codes: r
                    .get::<_, String>(4)?
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
                source: format!("a{id}"),
            });
        }
        Ok(Record {
            filings,
            attempts,
            superseded,
        })
    }
}
