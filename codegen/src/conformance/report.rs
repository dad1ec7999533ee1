//! A conformance run rendered as text (people), JSON (scripts) or JUnit XML
//! (CI systems, one test case per request). Nothing here sees the request
//! headers: their values (tokens) are never printed.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::time::Duration;

use codegen_runtime::serde_json::{self, json, Value};

use super::judge::{describe, Finding, Outcome, Verdict};
use super::requests::{Expect, Probe};

/// One request, how it ended and the verdict on it.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub probe: Probe,
    pub outcome: Outcome,
    pub elapsed: Duration,
    pub verdict: Verdict,
}

impl Exchange {
    /// `-> 200 in 3 ms`, `-> no answer within 1 s`.
    pub fn ending(&self) -> String {
        let elapsed = describe(self.elapsed);
        match &self.outcome {
            Outcome::Answered(answer) => format!("{} in {elapsed}", answer.status),
            Outcome::TimedOut => format!("no answer after {elapsed} (timeout)"),
            Outcome::Unreachable(_) => "unreachable".to_owned(),
            Outcome::Broken(_) => format!("connection broken after {elapsed}"),
        }
    }

    /// `ok`, `FAIL` or `warn`.
    pub fn mark(&self) -> &'static str {
        if !self.verdict.conforms() {
            "FAIL"
        } else if !self.verdict.warnings.is_empty() {
            "warn"
        } else {
            "ok"
        }
    }

    fn title(&self) -> String {
        match self.probe.expect {
            Expect::Valid => self.probe.name.clone(),
            Expect::Forbidden => format!("{} (forbidden)", self.probe.name),
        }
    }

    /// One line: `ok   demonstrativoPagamentoDetalhe: integracao null -> 200 in 3 ms`.
    pub fn line(&self) -> String {
        format!(
            "{:<4} {}: {} -> {}",
            self.mark(),
            self.probe.operation,
            self.title(),
            self.ending()
        )
    }
}

/// Every exchange of a run against one base URL.
#[derive(Debug, Clone)]
pub struct Run {
    pub url: String,
    pub exchanges: Vec<Exchange>,
}

/// The counts that end a run.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Requests sent.
    pub sent: usize,
    /// Answers to valid requests that conform, plus answers to forbidden
    /// requests (which can only warn).
    pub conforming: usize,
    pub failing: usize,
    pub warnings: usize,
    /// Failures by rule code, each counted once per finding.
    pub failures_by_rule: BTreeMap<String, usize>,
    /// Warnings by rule code.
    pub warnings_by_rule: BTreeMap<String, usize>,
}

impl Run {
    pub fn summary(&self) -> Summary {
        let mut failures_by_rule = BTreeMap::new();
        let mut warnings_by_rule = BTreeMap::new();
        for exchange in &self.exchanges {
            for finding in &exchange.verdict.failures {
                *failures_by_rule.entry(finding.rule.clone()).or_insert(0) += 1;
            }
            for finding in &exchange.verdict.warnings {
                *warnings_by_rule.entry(finding.rule.clone()).or_insert(0) += 1;
            }
        }
        let failing = self
            .exchanges
            .iter()
            .filter(|e| !e.verdict.conforms())
            .count();
        Summary {
            sent: self.exchanges.len(),
            conforming: self.exchanges.len() - failing,
            failing,
            warnings: self
                .exchanges
                .iter()
                .filter(|e| !e.verdict.warnings.is_empty())
                .count(),
            failures_by_rule,
            warnings_by_rule,
        }
    }

    /// Whether every answer conforms.
    pub fn conforms(&self) -> bool {
        self.exchanges.iter().all(|e| e.verdict.conforms())
    }

    /// For people: a line per request, its findings below it, the summary.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "Conformance of {}", self.url);
        for exchange in &self.exchanges {
            let _ = writeln!(out, "{}", exchange.line());
            for finding in &exchange.verdict.failures {
                let _ = writeln!(out, "       {finding}");
            }
            for finding in &exchange.verdict.warnings {
                let _ = writeln!(out, "       warning: {finding}");
            }
        }
        out.push_str(&self.summary_text());
        out
    }

    /// The summary lines that end the text report.
    pub fn summary_text(&self) -> String {
        let summary = self.summary();
        let mut out = String::new();
        let _ = writeln!(
            out,
            "\n{} sent, {} conforming, {} not conforming, {} with warnings",
            count(summary.sent, "request", "requests"),
            summary.conforming,
            summary.failing,
            summary.warnings
        );
        let by_rule = |map: &BTreeMap<String, usize>| {
            map.iter()
                .map(|(rule, n)| format!("{rule} {n}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        if !summary.failures_by_rule.is_empty() {
            let _ = writeln!(
                out,
                "Failures by rule: {}",
                by_rule(&summary.failures_by_rule)
            );
        }
        if !summary.warnings_by_rule.is_empty() {
            let _ = writeln!(
                out,
                "Warnings by rule: {}",
                by_rule(&summary.warnings_by_rule)
            );
        }
        out
    }

    /// For scripts: `{"url", "summary", "requests": [...]}`.
    pub fn json(&self) -> Value {
        let requests: Vec<Value> = self
            .exchanges
            .iter()
            .map(|e| {
                json!({
                    "operation": e.probe.operation,
                    "method": e.probe.method,
                    "path": e.probe.path,
                    "name": e.probe.name,
                    "expect": e.probe.expect.as_str(),
                    "body": String::from_utf8_lossy(&e.probe.body),
                    "status": e.outcome.status(),
                    "elapsed_ms": u64::try_from(e.elapsed.as_millis()).unwrap_or(u64::MAX),
                    "conforms": e.verdict.conforms(),
                    "failures": e.verdict.failures,
                    "warnings": e.verdict.warnings,
                })
            })
            .collect();
        json!({
            "url": self.url,
            "summary": serde_json::to_value(self.summary()).unwrap_or(Value::Null),
            "requests": requests,
        })
    }

    /// JUnit XML: a test suite per operation, a test case per request;
    /// a non-conforming answer is a `<failure>`, warnings go to
    /// `<system-out>`.
    pub fn junit(&self) -> String {
        let mut suites: Vec<(&str, Vec<&Exchange>)> = Vec::new();
        for exchange in &self.exchanges {
            let op = exchange.probe.operation.as_str();
            match suites.iter_mut().find(|(name, _)| *name == op) {
                Some((_, list)) => list.push(exchange),
                None => suites.push((op, vec![exchange])),
            }
        }
        let seconds = |exchanges: &[&Exchange]| {
            exchanges
                .iter()
                .map(|e| e.elapsed.as_secs_f64())
                .sum::<f64>()
        };
        let all: Vec<&Exchange> = self.exchanges.iter().collect();
        let summary = self.summary();
        let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        let _ = writeln!(
            out,
            "<testsuites name=\"codegen conformance {}\" tests=\"{}\" failures=\"{}\" errors=\"0\" time=\"{:.3}\">",
            xml(&self.url),
            summary.sent,
            summary.failing,
            seconds(&all)
        );
        for (name, exchanges) in &suites {
            let failures = exchanges.iter().filter(|e| !e.verdict.conforms()).count();
            let _ = writeln!(
                out,
                "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" skipped=\"0\" time=\"{:.3}\">",
                xml(name),
                exchanges.len(),
                seconds(exchanges)
            );
            for exchange in exchanges {
                let _ = write!(
                    out,
                    "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                    xml(name),
                    xml(&exchange.title()),
                    exchange.elapsed.as_secs_f64()
                );
                let failures = &exchange.verdict.failures;
                let warnings = &exchange.verdict.warnings;
                if failures.is_empty() && warnings.is_empty() {
                    out.push_str("/>\n");
                    continue;
                }
                out.push_str(">\n");
                if let Some(first) = failures.first() {
                    let _ = writeln!(
                        out,
                        "      <failure type=\"{}\" message=\"{}\">{}</failure>",
                        xml(&first.rule),
                        xml(&format!("{} -> {}", exchange.ending(), first)),
                        xml(&lines(failures))
                    );
                }
                if !warnings.is_empty() {
                    let _ = writeln!(
                        out,
                        "      <system-out>{}</system-out>",
                        xml(&lines(warnings))
                    );
                }
                out.push_str("    </testcase>\n");
            }
            out.push_str("  </testsuite>\n");
        }
        out.push_str("</testsuites>\n");
        out
    }
}

fn lines(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text escaped for XML content and attribute values; characters XML 1.0
/// cannot carry are replaced.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
