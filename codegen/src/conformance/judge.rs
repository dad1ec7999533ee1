//! Whether one answer conforms to the page.
//!
//! The answer to a valid request: a `2xx` body is checked against the
//! success table, any other status against the failure table (with the
//! validator `codegen validate` runs, so every violation comes with its
//! JSON pointer and its Portuguese message), its `Content-Type` must be the
//! operation's (`application/json`), and it must come within the timeout
//! (an answer slower than `--slow` is a warning).
//!
//! The answer to a forbidden request needs only a `4xx` and a `mensagem`;
//! anything else is a warning, not a failure, since the pages do not
//! require refusal. (The generated servers add `erros` to their `400`s,
//! beyond the page's failure table: only `mensagem` is looked at here.)

use std::time::Duration;

use codegen_runtime::serde_json::{self, Value};
use codegen_runtime::{Lang, Report};

use super::requests::{Expect, Probe};
use crate::ir::{Module, Operation, Response};
use crate::validator;

/// What came back for one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    /// The `Content-Type` header, as sent.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// How one request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Answered(Answer),
    /// No complete answer within the timeout.
    TimedOut,
    /// No connection could be made (refused, unknown host, TLS): the
    /// endpoint was not reached.
    Unreachable(String),
    /// The connection broke, or the answer was not HTTP.
    Broken(String),
}

impl Outcome {
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Answered(answer) => Some(answer.status),
            _ => None,
        }
    }
}

/// One broken rule: a violation of the table (`path` its JSON pointer,
/// `rule` its code, as `codegen validate` prints them) or of the HTTP
/// exchange (`content_type`, `timeout`, `status`, `connection`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub rule: String,
    /// JSON pointer into the body (`""`, the root); `None` when the finding
    /// is not about the body.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// In Portuguese, as the validator's messages.
    pub message: String,
}

impl Finding {
    fn new(rule: &str, message: String) -> Self {
        Finding {
            rule: rule.to_owned(),
            path: None,
            message,
        }
    }

    fn of_report(report: &Report) -> Vec<Finding> {
        let mut findings: Vec<Finding> = report
            .iter()
            .map(|violation| Finding {
                rule: violation.rule().code().to_owned(),
                path: Some(violation.path().to_owned()),
                message: violation.message_in(Lang::Pt),
            })
            .collect();
        if report.omitted() > 0 {
            findings.push(Finding::new(
                Report::TRUNCATED_RULE,
                format!("… e mais {} violações não listadas", report.omitted()),
            ));
        }
        findings
    }
}

impl std::fmt::Display for Finding {
    /// `/registros/0/subtitulo: <mensagem> [unknown_attribute]`, as
    /// `codegen validate` prints a violation.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.path.as_deref() {
            Some("") => write!(f, "(raiz): {} [{}]", self.message, self.rule),
            Some(path) => write!(f, "{path}: {} [{}]", self.message, self.rule),
            None => write!(f, "{} [{}]", self.message, self.rule),
        }
    }
}

/// The verdict on one answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Verdict {
    /// What makes the answer non-conforming.
    pub failures: Vec<Finding>,
    /// What should be looked at but breaks no rule of the page (a
    /// forbidden request accepted or refused without a `mensagem`).
    pub warnings: Vec<Finding>,
}

impl Verdict {
    pub fn conforms(&self) -> bool {
        self.failures.is_empty()
    }
}

/// How long an answer may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timing {
    /// No answer by then fails a valid request (`--timeout`).
    pub timeout: Duration,
    /// An answer slower than this is a warning (`--slow`): it conforms,
    /// but an endpoint this slow is close to failing Mosia's own timeout.
    pub slow: Duration,
}

/// Judges how `probe` (a request of `op`, in `module`) ended, `elapsed`
/// after it was sent.
pub fn judge(
    module: &Module,
    op: &Operation,
    probe: &Probe,
    outcome: &Outcome,
    elapsed: Duration,
    timing: Timing,
) -> Verdict {
    let mut verdict = Verdict::default();
    let answer = match outcome {
        Outcome::Answered(answer) => answer,
        Outcome::TimedOut => {
            let finding = Finding::new(
                "timeout",
                format!(
                    "nenhuma resposta em {} (tempo limite)",
                    describe(timing.timeout)
                ),
            );
            push(&mut verdict, probe.expect, finding);
            return verdict;
        }
        Outcome::Unreachable(error) | Outcome::Broken(error) => {
            let finding = Finding::new("connection", format!("sem resposta HTTP: {error}"));
            push(&mut verdict, probe.expect, finding);
            return verdict;
        }
    };
    match probe.expect {
        Expect::Valid => judge_valid(module, op, answer, &mut verdict),
        Expect::Forbidden => judge_forbidden(answer, &mut verdict),
    }
    if elapsed > timing.slow {
        verdict.warnings.push(Finding::new(
            "slow",
            format!(
                "resposta em {}, mais que os {} tolerados (--slow)",
                describe(elapsed),
                describe(timing.slow)
            ),
        ));
    }
    verdict
}

fn push(verdict: &mut Verdict, expect: Expect, finding: Finding) {
    match expect {
        Expect::Valid => verdict.failures.push(finding),
        Expect::Forbidden => verdict.warnings.push(finding),
    }
}

fn judge_valid(module: &Module, op: &Operation, answer: &Answer, verdict: &mut Verdict) {
    if let Some(finding) = content_type(op, answer) {
        verdict.failures.push(finding);
    }
    let success = (200..300).contains(&answer.status);
    let table = if success {
        match op.response {
            Response::Typed(ty) => Some(ty),
            Response::Undocumented => None,
        }
    } else {
        if !(400..600).contains(&answer.status) {
            verdict.failures.push(Finding::new(
                "status",
                format!(
                    "status {}: esperava-se 2xx (sucesso) ou 4xx/5xx (falha)",
                    answer.status
                ),
            ));
        }
        op.failure
    };
    match table {
        Some(ty) => {
            let report = validator::validate(module, ty, &answer.body);
            verdict.failures.extend(Finding::of_report(&report));
        }
        // No table: the body must still be JSON (or empty).
        None if answer.body.iter().all(u8::is_ascii_whitespace) => {}
        None => {
            if let Err(error) = serde_json::from_slice::<Value>(&answer.body) {
                verdict.failures.push(Finding {
                    rule: "syntax".to_owned(),
                    path: Some(String::new()),
                    message: format!("o corpo não é JSON: {error}"),
                });
            }
        }
    }
}

fn judge_forbidden(answer: &Answer, verdict: &mut Verdict) {
    if !(400..500).contains(&answer.status) {
        verdict.warnings.push(Finding::new(
            "accepts_forbidden",
            format!(
                "status {} para um request que a tabela proíbe: esperava-se 4xx",
                answer.status
            ),
        ));
        return;
    }
    let mensagem = serde_json::from_slice::<Value>(&answer.body)
        .ok()
        .and_then(|value| {
            value
                .get("mensagem")
                .and_then(Value::as_str)
                .map(|m| !m.trim().is_empty())
        })
        .unwrap_or(false);
    if !mensagem {
        verdict.warnings.push(Finding::new(
            "mensagem",
            format!(
                "status {} sem \"mensagem\" (texto não vazio) num corpo JSON",
                answer.status
            ),
        ));
    }
}

/// A `Content-Type` other than the operation's (parameters such as
/// `charset=utf-8` allowed).
fn content_type(op: &Operation, answer: &Answer) -> Option<Finding> {
    let expected = op.content_type.as_str();
    let got = answer.content_type.as_deref();
    let essence = got
        .and_then(|value| value.split(';').next())
        .map(|value| value.trim().to_ascii_lowercase());
    if essence.as_deref() == Some(expected) {
        return None;
    }
    Some(Finding::new(
        "content_type",
        match got {
            Some(got) => format!("Content-Type \"{got}\": esperava-se {expected}"),
            None => format!("sem Content-Type: esperava-se {expected}"),
        },
    ))
}

/// `10 s`, `1.5 s`, `250 ms`.
pub fn describe(duration: Duration) -> String {
    let ms = duration.as_millis();
    if ms >= 1000 && ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else if ms >= 1000 {
        format!("{:.1} s", duration.as_secs_f64())
    } else {
        format!("{ms} ms")
    }
}
