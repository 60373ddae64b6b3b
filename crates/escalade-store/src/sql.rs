//! The one execution choke point: SQL text with `$n` placeholders (understood by both SQLite and
//! PostgreSQL), typed parameter values, and rows decoded into plain structs. This is the only
//! place that matches on the backend to run a statement.

use std::future::Future;
use std::pin::Pin;

use chrono::{DateTime, Utc};
use sqlx::pool::PoolConnection;
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::{FromRow, Postgres, Sqlite};

use crate::error::StoreError;

/// A boxed, sendable future borrowing for `'a`; what a write job returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A parameter value. Nulls are typed because PostgreSQL checks a parameter's type against
/// its column even when the value is null.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// 64-bit integer.
    I64(Option<i64>),
    /// Text.
    Text(Option<String>),
    /// Boolean.
    Bool(Option<bool>),
    /// Instant in UTC.
    Time(Option<DateTime<Utc>>),
    /// Bytes.
    Bytes(Option<Vec<u8>>),
}

macro_rules! value_from {
    ($t:ty, $variant:ident, $conv:expr) => {
        impl From<$t> for Value {
            fn from(v: $t) -> Self {
                Value::$variant(Some($conv(v)))
            }
        }
        impl From<Option<$t>> for Value {
            fn from(v: Option<$t>) -> Self {
                Value::$variant(v.map($conv))
            }
        }
    };
}

value_from!(i64, I64, |v| v);
value_from!(bool, Bool, |v| v);
value_from!(String, Text, |v| v);
value_from!(&str, Text, |v: &str| v.to_string());
value_from!(DateTime<Utc>, Time, |v| v);
value_from!(Vec<u8>, Bytes, |v| v);

/// Builds a parameter list: `args![id, name, now]`.
#[macro_export]
macro_rules! args {
    () => { Vec::<$crate::sql::Value>::new() };
    ($($v:expr),+ $(,)?) => { vec![$($crate::sql::Value::from($v)),+] };
}

/// A row type both backends can decode.
pub trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A database connection of either backend: pooled for reads, or the writer's connection
/// inside a transaction.
pub enum Conn {
    /// SQLite.
    Sqlite(PoolConnection<Sqlite>),
    /// PostgreSQL.
    Postgres(PoolConnection<Postgres>),
}

fn bind_sqlite<'q>(
    mut q: sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments>,
    args: Vec<Value>,
) -> sqlx::query::Query<'q, Sqlite, sqlx::sqlite::SqliteArguments> {
    for v in args {
        q = match v {
            Value::I64(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Time(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

fn bind_pg<'q>(
    mut q: sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments>,
    args: Vec<Value>,
) -> sqlx::query::Query<'q, Postgres, sqlx::postgres::PgArguments> {
    for v in args {
        q = match v {
            Value::I64(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Time(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

fn bind_sqlite_as<'q, T>(
    mut q: sqlx::query::QueryAs<'q, Sqlite, T, sqlx::sqlite::SqliteArguments>,
    args: Vec<Value>,
) -> sqlx::query::QueryAs<'q, Sqlite, T, sqlx::sqlite::SqliteArguments> {
    for v in args {
        q = match v {
            Value::I64(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Time(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

fn bind_pg_as<'q, T>(
    mut q: sqlx::query::QueryAs<'q, Postgres, T, sqlx::postgres::PgArguments>,
    args: Vec<Value>,
) -> sqlx::query::QueryAs<'q, Postgres, T, sqlx::postgres::PgArguments> {
    for v in args {
        q = match v {
            Value::I64(v) => q.bind(v),
            Value::Text(v) => q.bind(v),
            Value::Bool(v) => q.bind(v),
            Value::Time(v) => q.bind(v),
            Value::Bytes(v) => q.bind(v),
        };
    }
    q
}

impl Conn {
    /// Whether this is a PostgreSQL connection (for the rare dialect branch).
    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Postgres(_))
    }

    /// Runs a statement; returns the number of rows it touched.
    pub async fn exec(&mut self, sql: &str, args: Vec<Value>) -> Result<u64, StoreError> {
        Ok(match self {
            Conn::Sqlite(c) => bind_sqlite(sqlx::query(sqlx::AssertSqlSafe(sql)), args)
                .execute(&mut **c)
                .await?
                .rows_affected(),
            Conn::Postgres(c) => bind_pg(sqlx::query(sqlx::AssertSqlSafe(sql)), args)
                .execute(&mut **c)
                .await?
                .rows_affected(),
        })
    }

    /// Runs a query and decodes every row.
    pub async fn all<T: Record>(
        &mut self,
        sql: &str,
        args: Vec<Value>,
    ) -> Result<Vec<T>, StoreError> {
        Ok(match self {
            Conn::Sqlite(c) => {
                bind_sqlite_as(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **c)
                    .await?
            }
            Conn::Postgres(c) => {
                bind_pg_as(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql)), args)
                    .fetch_all(&mut **c)
                    .await?
            }
        })
    }

    /// Runs a query and decodes the first row, if any.
    pub async fn opt<T: Record>(
        &mut self,
        sql: &str,
        args: Vec<Value>,
    ) -> Result<Option<T>, StoreError> {
        Ok(match self {
            Conn::Sqlite(c) => {
                bind_sqlite_as(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql)), args)
                    .fetch_optional(&mut **c)
                    .await?
            }
            Conn::Postgres(c) => {
                bind_pg_as(sqlx::query_as::<_, T>(sqlx::AssertSqlSafe(sql)), args)
                    .fetch_optional(&mut **c)
                    .await?
            }
        })
    }

    /// Runs a query that must return a row.
    pub async fn one<T: Record>(&mut self, sql: &str, args: Vec<Value>) -> Result<T, StoreError> {
        self.opt(sql, args).await?.ok_or(StoreError::NotFound)
    }

    /// Runs a query returning one integer (a count, an id).
    pub async fn int(&mut self, sql: &str, args: Vec<Value>) -> Result<i64, StoreError> {
        let row: (i64,) = self.one(sql, args).await?;
        Ok(row.0)
    }

    /// Runs raw statements without parameters (transaction control, pragmas).
    pub async fn raw(&mut self, sql: &str) -> Result<(), StoreError> {
        match self {
            Conn::Sqlite(c) => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await?;
            }
            Conn::Postgres(c) => {
                sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                    .execute(&mut **c)
                    .await?;
            }
        }
        Ok(())
    }
}

/// Appends `$n` placeholders for a list and pushes the values: for `IN (...)` clauses.
pub fn push_list(sql: &mut String, args: &mut Vec<Value>, values: impl IntoIterator<Item = Value>) {
    sql.push('(');
    let mut first = true;
    for v in values {
        args.push(v);
        if !first {
            sql.push_str(", ");
        }
        first = false;
        sql.push_str(&format!("${}", args.len()));
    }
    if first {
        sql.push_str("NULL");
    }
    sql.push(')');
}

/// Pushes one value and returns its placeholder.
pub fn param(args: &mut Vec<Value>, v: impl Into<Value>) -> String {
    args.push(v.into());
    format!("${}", args.len())
}
