//! A TeX subset for school math, turned into a MathML-shaped tree the web shell builds with DOM calls
//! (never as markup). Supported: numbers, letters, `+ - = < > ( ) , .`, `\times`, `\div`, `\cdot`,
//! `\le`, `\ge`, `\ne`, `\frac{a}{b}`, `x^{2}`, `x_{1}`, `\sqrt{x}`, `\text{...}` and `{...}` groups
//! (every command is in [`COMMANDS`], which the error message and docs/package-format.md list).
//! A minus or plus with nothing before it, or after another operator or an opening bracket, is a sign
//! ([`MathNode::Sign`]), set tight to its number; the spaces at the ends of `\text{ and }` are kept.

/// Every TeX command of the subset, as the docs list them and the error message names them.
pub const COMMANDS: [&str; 13] = [
    "frac", "sqrt", "text", "times", "div", "cdot", "le", "leq", "ge", "geq", "ne", "neq", "pi",
];

/// The supported commands as one list: `\frac`, `\sqrt`, ...
pub fn supported_list() -> String {
    COMMANDS
        .iter()
        .map(|c| format!("`\\{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

use thiserror::Error;

/// A node of the math tree; names follow the MathML element each becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MathNode {
    /// `<mrow>`
    Row(Vec<MathNode>),
    /// `<mn>`
    Number(String),
    /// `<mi>`
    Ident(String),
    /// `<mo>`
    Operator(String),
    /// `<mo form="prefix">` with no space: a sign, as in `3 > -2` or `(-4)`.
    Sign(String),
    /// `<mtext>`
    Text(String),
    /// `<mfrac>`
    Frac(Box<MathNode>, Box<MathNode>),
    /// `<msup>`
    Sup(Box<MathNode>, Box<MathNode>),
    /// `<msub>`
    Sub(Box<MathNode>, Box<MathNode>),
    /// `<msqrt>`
    Sqrt(Box<MathNode>),
}

/// TeX outside the supported subset.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MathError {
    #[error(
        "unsupported TeX command `\\{command}` (supported: {})",
        supported_list()
    )]
    Unsupported { command: String },
    #[error("unbalanced braces in math `{source_text}`")]
    Unbalanced { source_text: String },
    #[error("`{what}` needs an argument in braces, e.g. `\\frac{{1}}{{4}}`")]
    MissingArgument { what: String },
    #[error("unexpected character `{found}` in math")]
    Unexpected { found: char },
    #[error("math nested deeper than {MAX_DEPTH} groups or commands")]
    TooDeep,
}

/// How deep groups and commands may nest. Each level is a frame of the recursive parser (and of the
/// tree's readers and its drop): without a bound, `{{{{…` or `\sqrt\sqrt\sqrt…` of some thousands overflowed
/// the stack. A fractions course nests three or four deep.
pub const MAX_DEPTH: usize = 32;

/// Parses `tex` into a row of nodes.
pub fn parse_tex(tex: &str) -> Result<MathNode, MathError> {
    let chars: Vec<char> = tex.chars().collect();
    let mut p = Parser {
        chars: &chars,
        pos: 0,
        source: tex,
        depth: 0,
    };
    let row = p.row(false)?;
    Ok(row)
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    source: &'a str,
    /// Groups and commands open around the current position.
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn row(&mut self, in_group: bool) -> Result<MathNode, MathError> {
        if in_group {
            self.enter()?;
        }
        let row = self.row_inner(in_group);
        if in_group {
            self.depth -= 1;
        }
        row
    }

    fn enter(&mut self) -> Result<(), MathError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(MathError::TooDeep);
        }
        Ok(())
    }

    fn row_inner(&mut self, in_group: bool) -> Result<MathNode, MathError> {
        let mut nodes: Vec<MathNode> = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                '}' if in_group => {
                    self.pos += 1;
                    return Ok(MathNode::Row(nodes));
                }
                '}' => {
                    return Err(MathError::Unbalanced {
                        source_text: self.source.to_owned(),
                    })
                }
                '^' | '_' => {
                    self.pos += 1;
                    let base = nodes.pop().unwrap_or(MathNode::Row(Vec::new()));
                    let script = self.argument(if c == '^' { "^" } else { "_" })?;
                    nodes.push(if c == '^' {
                        MathNode::Sup(Box::new(base), Box::new(script))
                    } else {
                        MathNode::Sub(Box::new(base), Box::new(script))
                    });
                }
                _ => {
                    if let Some(node) = self.atom()? {
                        nodes.push(match node {
                            MathNode::Operator(op)
                                if (op == "−" || op == "+") && opens_operand(nodes.last()) =>
                            {
                                MathNode::Sign(op)
                            }
                            other => other,
                        });
                    }
                }
            }
        }
        if in_group {
            return Err(MathError::Unbalanced {
                source_text: self.source.to_owned(),
            });
        }
        Ok(MathNode::Row(nodes))
    }

    /// One node, or None for skipped whitespace.
    fn atom(&mut self) -> Result<Option<MathNode>, MathError> {
        let Some(c) = self.peek() else {
            return Ok(None);
        };
        self.pos += 1;
        let node = match c {
            c if c.is_whitespace() => return Ok(None),
            '{' => self.row(true)?,
            '\\' => self.command()?,
            c if c.is_ascii_digit() || c == '.' => {
                let mut n = c.to_string();
                while let Some(d) = self.peek().filter(|d| d.is_ascii_digit() || *d == '.') {
                    n.push(d);
                    self.pos += 1;
                }
                MathNode::Number(n)
            }
            c if c.is_alphabetic() => MathNode::Ident(c.to_string()),
            '+' | '-' | '=' | '<' | '>' | '(' | ')' | ',' | '/' | '×' | '÷' | '·' | '%' | '['
            | ']' | '|' | '!' | ':' => MathNode::Operator(if c == '-' {
                "−".to_owned()
            } else {
                c.to_string()
            }),
            other => return Err(MathError::Unexpected { found: other }),
        };
        Ok(Some(node))
    }

    fn command(&mut self) -> Result<MathNode, MathError> {
        self.enter()?;
        let node = self.command_inner();
        self.depth -= 1;
        node
    }

    fn command_inner(&mut self) -> Result<MathNode, MathError> {
        let mut name = String::new();
        while let Some(c) = self.peek().filter(char::is_ascii_alphabetic) {
            name.push(c);
            self.pos += 1;
        }
        if name.is_empty() {
            // `\,` `\;` `\ ` are spaces; `\{` `\}` literal braces.
            let c = self.peek().unwrap_or(' ');
            self.pos += 1;
            return Ok(match c {
                '{' | '}' => MathNode::Operator(c.to_string()),
                _ => MathNode::Row(Vec::new()),
            });
        }
        Ok(match name.as_str() {
            "frac" => {
                let num = self.argument("\\frac")?;
                let den = self.argument("\\frac")?;
                MathNode::Frac(Box::new(num), Box::new(den))
            }
            "sqrt" => MathNode::Sqrt(Box::new(self.argument("\\sqrt")?)),
            "text" => {
                self.skip_spaces();
                if self.peek() != Some('{') {
                    return Err(MathError::MissingArgument {
                        what: "\\text".into(),
                    });
                }
                self.pos += 1;
                let mut s = String::new();
                loop {
                    match self.peek() {
                        Some('}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(c) => {
                            s.push(c);
                            self.pos += 1;
                        }
                        None => {
                            return Err(MathError::Unbalanced {
                                source_text: self.source.to_owned(),
                            })
                        }
                    }
                }
                // MathML trims the ends of a token's text; `\text{ and }` means its spaces.
                let inner = s.trim_matches(' ');
                let lead = s.len() - s.trim_start_matches(' ').len();
                let trail = if inner.is_empty() {
                    0
                } else {
                    s.len() - s.trim_end_matches(' ').len()
                };
                let nbsp = |n: usize| "\u{a0}".repeat(n);
                MathNode::Text(format!("{}{inner}{}", nbsp(lead), nbsp(trail)))
            }
            "times" => MathNode::Operator("×".into()),
            "div" => MathNode::Operator("÷".into()),
            "cdot" => MathNode::Operator("·".into()),
            "le" | "leq" => MathNode::Operator("≤".into()),
            "ge" | "geq" => MathNode::Operator("≥".into()),
            "ne" | "neq" => MathNode::Operator("≠".into()),
            "pi" => MathNode::Ident("π".into()),
            _ => return Err(MathError::Unsupported { command: name }),
        })
    }

    fn skip_spaces(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    /// A `{group}` or a single character argument.
    fn argument(&mut self, what: &str) -> Result<MathNode, MathError> {
        self.skip_spaces();
        match self.peek() {
            None | Some('}') => Err(MathError::MissingArgument { what: what.into() }),
            Some('{') => {
                self.pos += 1;
                self.row(true)
            }
            // An unbraced argument is one character (`\frac34` is 3/4), or one command.
            Some(c) if c.is_ascii_digit() => {
                self.pos += 1;
                Ok(MathNode::Number(c.to_string()))
            }
            Some(_) => self
                .atom()?
                .ok_or(MathError::MissingArgument { what: what.into() }),
        }
    }
}

/// Whether a `-` or `+` after `previous` is a sign (nothing before it, or an operator other than a
/// closing one) rather than an operation.
fn opens_operand(previous: Option<&MathNode>) -> bool {
    match previous {
        None | Some(MathNode::Sign(_)) => true,
        Some(MathNode::Operator(op)) => !matches!(op.as_str(), ")" | "]" | "|" | "!" | "%"),
        Some(_) => false,
    }
}

/// The plain-text reading of a math tree (for xAPI names and the read-aloud button).
pub fn to_plain(node: &MathNode) -> String {
    match node {
        MathNode::Row(nodes) => nodes.iter().map(to_plain).collect::<Vec<_>>().join(""),
        MathNode::Number(s) | MathNode::Ident(s) | MathNode::Text(s) => s.clone(),
        MathNode::Operator(s) => format!(" {s} ").replace("  ", " "),
        MathNode::Sign(s) => s.clone(),
        MathNode::Frac(a, b) => format!("{}/{}", to_plain(a), to_plain(b)),
        MathNode::Sup(a, b) => format!("{}^{}", to_plain(a), to_plain(b)),
        MathNode::Sub(a, b) => format!("{}_{}", to_plain(a), to_plain(b)),
        MathNode::Sqrt(a) => format!("√({})", to_plain(a)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_bounded_not_a_stack_overflow() {
        for tex in [
            "{".repeat(100_000),
            "{".repeat(50_000) + &"}".repeat(50_000),
            "\\sqrt".repeat(100_000),
            "\\frac".repeat(100_000),
            "x^{".repeat(100_000),
        ] {
            assert_eq!(parse_tex(&tex), Err(MathError::TooDeep));
        }
        let deep = "{".repeat(MAX_DEPTH) + "x" + &"}".repeat(MAX_DEPTH);
        assert!(parse_tex(&deep).is_ok());
        assert!(parse_tex("\\frac{\\sqrt{x^{2}}}{2}").is_ok());
    }

    fn n(s: &str) -> MathNode {
        MathNode::Number(s.into())
    }

    #[test]
    fn a_minus_after_an_operator_or_bracket_is_a_sign_and_text_keeps_its_spaces() {
        let sign = || MathNode::Sign("−".into());
        let op = |s: &str| MathNode::Operator(s.into());
        assert_eq!(
            parse_tex("3 > -2, (-4) - 1").unwrap(),
            MathNode::Row(vec![
                n("3"),
                op(">"),
                sign(),
                n("2"),
                op(","),
                op("("),
                sign(),
                n("4"),
                op(")"),
                op("−"),
                n("1"),
            ])
        );
        assert_eq!(
            parse_tex("-x").unwrap(),
            MathNode::Row(vec![sign(), MathNode::Ident("x".into())])
        );
        assert_eq!(
            parse_tex("a \\text{ and } b").unwrap(),
            MathNode::Row(vec![
                MathNode::Ident("a".into()),
                MathNode::Text("\u{a0}and\u{a0}".into()),
                MathNode::Ident("b".into()),
            ])
        );
        assert_eq!(to_plain(&parse_tex("3 > -2").unwrap()), "3 > −2");
    }

    #[test]
    fn the_docs_list_the_commands_the_error_names() {
        let docs = include_str!("../../docs/package-format.md");
        let list = supported_list();
        assert!(docs.contains(&list), "docs/package-format.md lists {list}");
        let e = parse_tex("\\sin x").unwrap_err().to_string();
        assert!(e.ends_with(&format!("(supported: {list})")), "{e}");
    }

    #[test]
    fn fractions_scripts_and_operators() {
        let tree = parse_tex(r"\frac{1}{4} + x^{2} \times 3").expect("parses");
        assert_eq!(
            tree,
            MathNode::Row(vec![
                MathNode::Frac(
                    Box::new(MathNode::Row(vec![n("1")])),
                    Box::new(MathNode::Row(vec![n("4")]))
                ),
                MathNode::Operator("+".into()),
                MathNode::Sup(
                    Box::new(MathNode::Ident("x".into())),
                    Box::new(MathNode::Row(vec![n("2")]))
                ),
                MathNode::Operator("×".into()),
                n("3"),
            ])
        );
        assert_eq!(to_plain(&parse_tex(r"\frac34").expect("parses")), "3/4");
    }

    #[test]
    fn unsupported_and_unbalanced_tex_is_refused() {
        assert!(matches!(
            parse_tex(r"\href{x}"),
            Err(MathError::Unsupported { .. })
        ));
        assert!(matches!(
            parse_tex(r"\frac{1}{4"),
            Err(MathError::Unbalanced { .. })
        ));
        assert!(matches!(
            parse_tex(r"\frac"),
            Err(MathError::MissingArgument { .. })
        ));
        assert!(matches!(
            parse_tex("a & b"),
            Err(MathError::Unexpected { found: '&' })
        ));
    }
}
