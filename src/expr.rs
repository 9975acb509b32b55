//! A small math expression language, used both to score "math expression" answers (is the learner's
//! expression equivalent to the key?) and to compute item parameters from formulas.
//!
//! A leaf of the module graph: the content model (`package::params`, validation) and scoring (`check`)
//! both use it, so it belongs to neither. It knows nothing of items, learners or languages.
//!
//! Grammar, loosest binding first:
//! - `+` and `-` (left-associative);
//! - `*`, `×`, `·`, `/`, `÷` and implicit multiplication (`2x`, `2(x+1)`, `(x+1)(x-1)`, `3ab`), all
//!   left-associative at the same level, so `1/2x` is `(1/2)*x`;
//! - unary `-` and `+` (also the minus sign `−`);
//! - `^` (right-associative and binding tighter than a unary minus on its left: `-x^2` is `-(x^2)`,
//!   `2^3^2` is `2^9`; the exponent may carry its own sign: `2^-1`);
//! - numbers (`2`, `0.5`, `.5`), variables, `(…)` and the functions `sqrt`, `abs`, `floor`, `ceil`,
//!   `round` (one argument) and `min`, `max` (two arguments).
//!
//! Variables are the names given to [`parse`]. A word that is neither a known variable nor a function is
//! read as a product of single letters when each letter is a known variable (`ab` is `a*b`), and is an
//! unknown variable otherwise. Function names are reserved. A number cannot follow a value directly
//! (`x2` and `(x+1)2` are errors, not products), since learners often mean `x^2` by `x2`.

use std::collections::BTreeSet;
use thiserror::Error;

/// A parsed expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    node: Node,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Number(f64),
    Variable(String),
    Neg(Box<Node>),
    Binary(BinOp, Box<Node>, Box<Node>),
    Call(Func, Vec<Node>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Func {
    Sqrt,
    Abs,
    Min,
    Max,
    Floor,
    Ceil,
    Round,
}

/// The function names expressions know; they cannot be used as variable or parameter names.
pub const FUNCTIONS: [&str; 7] = ["sqrt", "abs", "min", "max", "floor", "ceil", "round"];

impl Func {
    fn from_name(name: &str) -> Option<Func> {
        Some(match name {
            "sqrt" => Func::Sqrt,
            "abs" => Func::Abs,
            "min" => Func::Min,
            "max" => Func::Max,
            "floor" => Func::Floor,
            "ceil" => Func::Ceil,
            "round" => Func::Round,
            _ => return None,
        })
    }

    fn arity(self) -> usize {
        match self {
            Func::Min | Func::Max => 2,
            Func::Sqrt | Func::Abs | Func::Floor | Func::Ceil | Func::Round => 1,
        }
    }
}

/// Why a source text is not an expression. Positions are given both as the byte `offset` into the source
/// and as the 1-based `column` in characters (the one the messages show).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ExprError {
    #[error("the expression is empty")]
    Empty,
    #[error("unexpected `{text}` at character {column}")]
    Unexpected {
        text: String,
        offset: usize,
        column: usize,
    },
    #[error("`{text}` at character {column} is not a number")]
    InvalidNumber {
        text: String,
        offset: usize,
        column: usize,
    },
    #[error("something is missing after `{after}` at character {column}")]
    MissingOperand {
        after: String,
        offset: usize,
        column: usize,
    },
    #[error("the `(` at character {column} is never closed")]
    UnclosedParen { offset: usize, column: usize },
    #[error("the `)` at character {column} has no matching `(`")]
    UnmatchedParen { offset: usize, column: usize },
    #[error("unknown variable `{name}` ({})", known_list(.known))]
    UnknownVariable {
        name: String,
        offset: usize,
        column: usize,
        /// The variables the expression may use.
        known: Vec<String>,
    },
    #[error("`{name}` at character {column} needs its argument in parentheses, like `{name}(x)`")]
    MissingCallParen {
        name: String,
        offset: usize,
        column: usize,
    },
    #[error("`{name}` at character {column} takes {expected} argument{}, not {found}", plural(.expected))]
    WrongArity {
        name: String,
        expected: usize,
        found: usize,
        offset: usize,
        column: usize,
    },
    #[error("the expression is too long or too deeply nested (at character {column})")]
    TooComplex { offset: usize, column: usize },
}

impl ExprError {
    /// The byte offset of the problem in the source, when there is one.
    pub fn offset(&self) -> Option<usize> {
        match self {
            ExprError::Empty => None,
            ExprError::Unexpected { offset, .. }
            | ExprError::InvalidNumber { offset, .. }
            | ExprError::MissingOperand { offset, .. }
            | ExprError::UnclosedParen { offset, .. }
            | ExprError::UnmatchedParen { offset, .. }
            | ExprError::UnknownVariable { offset, .. }
            | ExprError::MissingCallParen { offset, .. }
            | ExprError::WrongArity { offset, .. }
            | ExprError::TooComplex { offset, .. } => Some(*offset),
        }
    }
}

fn plural(n: &usize) -> &'static str {
    if *n == 1 {
        ""
    } else {
        "s"
    }
}

fn known_list(known: &[String]) -> String {
    if known.is_empty() {
        "this expression takes no variables".to_owned()
    } else {
        format!("known: {}", known.join(", "))
    }
}

/// Why an expression has no value.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvalError {
    #[error("division by zero")]
    DivisionByZero,
    #[error("no value for the variable `{0}`")]
    UnknownVariable(String),
    #[error("the result is not a finite number (like the square root of a negative number)")]
    NotFinite,
}

/// Longest accepted input, in tokens, and deepest nesting of parentheses, signs and powers: keeps the
/// recursive parser, evaluator and drop well within the stack for any input.
const MAX_TOKENS: usize = 1000;
const MAX_DEPTH: usize = 100;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tok {
    Num(f64),
    Var,
    Func(Func),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
}

#[derive(Debug, Clone, Copy)]
struct Token<'a> {
    tok: Tok,
    /// The source text of the token (for a variable, its name).
    text: &'a str,
    offset: usize,
}

fn column(src: &str, offset: usize) -> usize {
    src.get(..offset).map_or(offset, |s| s.chars().count()) + 1
}

fn lex<'a>(src: &'a str, variables: &[&str]) -> Result<Vec<Token<'a>>, ExprError> {
    let mut tokens = Vec::new();
    let mut chars = src.char_indices().peekable();
    while let Some(&(offset, c)) = chars.peek() {
        if tokens.len() > MAX_TOKENS {
            return Err(ExprError::TooComplex {
                offset,
                column: column(src, offset),
            });
        }
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let mut end = offset;
            while let Some(&(i, d)) = chars.peek() {
                if !(d.is_ascii_digit() || d == '.') {
                    break;
                }
                end = i + d.len_utf8();
                chars.next();
            }
            let text = &src[offset..end];
            let value = (text.matches('.').count() <= 1
                && text.bytes().any(|b| b.is_ascii_digit()))
            .then(|| text.parse::<f64>().ok())
            .flatten()
            .filter(|v| v.is_finite())
            .ok_or_else(|| ExprError::InvalidNumber {
                text: text.to_owned(),
                offset,
                column: column(src, offset),
            })?;
            tokens.push(Token {
                tok: Tok::Num(value),
                text,
                offset,
            });
            continue;
        }
        if c.is_ascii_alphabetic() {
            let mut end = offset;
            while let Some(&(i, d)) = chars.peek() {
                if !d.is_ascii_alphabetic() {
                    break;
                }
                end = i + 1;
                chars.next();
            }
            let word = &src[offset..end];
            if let Some(f) = Func::from_name(word) {
                tokens.push(Token {
                    tok: Tok::Func(f),
                    text: word,
                    offset,
                });
            } else if variables.contains(&word) {
                tokens.push(Token {
                    tok: Tok::Var,
                    text: word,
                    offset,
                });
            } else if word.len() > 1
                && (0..word.len()).all(|i| variables.contains(&&word[i..i + 1]))
            {
                // `ab` with known `a` and `b`: the product of the letters (the word is ASCII).
                for i in 0..word.len() {
                    tokens.push(Token {
                        tok: Tok::Var,
                        text: &word[i..i + 1],
                        offset: offset + i,
                    });
                }
            } else {
                return Err(ExprError::UnknownVariable {
                    name: word.to_owned(),
                    offset,
                    column: column(src, offset),
                    known: variables.iter().map(|v| (*v).to_owned()).collect(),
                });
            }
            continue;
        }
        let tok = match c {
            '+' => Tok::Plus,
            '-' | '\u{2212}' => Tok::Minus,
            '*' | '×' | '·' => Tok::Star,
            '/' | '÷' => Tok::Slash,
            '^' => Tok::Caret,
            '(' => Tok::LParen,
            ')' => Tok::RParen,
            ',' => Tok::Comma,
            _ => {
                return Err(ExprError::Unexpected {
                    text: c.to_string(),
                    offset,
                    column: column(src, offset),
                })
            }
        };
        chars.next();
        tokens.push(Token {
            tok,
            text: &src[offset..offset + c.len_utf8()],
            offset,
        });
    }
    if let Some(t) = tokens.get(MAX_TOKENS) {
        // Reached when a long word was split into letters.
        return Err(ExprError::TooComplex {
            offset: t.offset,
            column: column(src, t.offset),
        });
    }
    Ok(tokens)
}

struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token<'a>>,
    pos: usize,
    depth: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<Token<'a>> {
        self.tokens.get(self.pos).copied()
    }

    fn advance(&mut self) -> Option<Token<'a>> {
        let t = self.peek();
        self.pos += 1;
        t
    }

    fn column(&self, offset: usize) -> usize {
        column(self.src, offset)
    }

    fn unexpected(&self, t: Token<'_>) -> ExprError {
        ExprError::Unexpected {
            text: t.text.to_owned(),
            offset: t.offset,
            column: self.column(t.offset),
        }
    }

    /// The error for a missing operand at the current position.
    fn missing(&self) -> ExprError {
        match self.peek() {
            Some(t) => self.unexpected(t),
            None => match self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)) {
                Some(prev) => ExprError::MissingOperand {
                    after: prev.text.to_owned(),
                    offset: prev.offset,
                    column: self.column(prev.offset),
                },
                None => ExprError::Empty,
            },
        }
    }

    /// `term (('+' | '-') term)*`
    fn expr(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.term()?;
        while let Some(t) = self.peek() {
            let op = match t.tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => break,
            };
            self.advance();
            let rhs = self.term()?;
            lhs = Node::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    /// `unary (('*' | '/') unary | power)*`, the bare `power` being implicit multiplication.
    fn term(&mut self) -> Result<Node, ExprError> {
        let mut lhs = self.unary()?;
        while let Some(t) = self.peek() {
            let (op, rhs) = match t.tok {
                Tok::Star | Tok::Slash => {
                    self.advance();
                    let op = if t.tok == Tok::Star {
                        BinOp::Mul
                    } else {
                        BinOp::Div
                    };
                    (op, self.unary()?)
                }
                Tok::Var | Tok::Func(_) | Tok::LParen => (BinOp::Mul, self.power()?),
                _ => break,
            };
            lhs = Node::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        Ok(lhs)
    }

    /// `('-' | '+') unary | power`
    fn unary(&mut self) -> Result<Node, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let offset = self.peek().map_or(self.src.len(), |t| t.offset);
            return Err(ExprError::TooComplex {
                offset,
                column: self.column(offset),
            });
        }
        let node = match self.peek().map(|t| t.tok) {
            Some(Tok::Minus) => {
                self.advance();
                Node::Neg(Box::new(self.unary()?))
            }
            Some(Tok::Plus) => {
                self.advance();
                self.unary()?
            }
            _ => self.power()?,
        };
        self.depth -= 1;
        Ok(node)
    }

    /// `atom ('^' unary)?` (right-associative through `unary`).
    fn power(&mut self) -> Result<Node, ExprError> {
        let base = self.atom()?;
        if self.peek().map(|t| t.tok) == Some(Tok::Caret) {
            self.advance();
            let exponent = self.unary()?;
            return Ok(Node::Binary(BinOp::Pow, Box::new(base), Box::new(exponent)));
        }
        Ok(base)
    }

    /// A number, a variable, a function call or a parenthesised expression.
    fn atom(&mut self) -> Result<Node, ExprError> {
        let Some(t) = self.peek() else {
            return Err(self.missing());
        };
        match t.tok {
            Tok::Num(v) => {
                self.advance();
                Ok(Node::Number(v))
            }
            Tok::Var => {
                self.advance();
                Ok(Node::Variable(t.text.to_owned()))
            }
            Tok::LParen => {
                self.advance();
                let inner = self.expr()?;
                self.close(t)?;
                Ok(inner)
            }
            Tok::Func(f) => {
                self.advance();
                let open = match self.peek() {
                    Some(open) if open.tok == Tok::LParen => open,
                    _ => {
                        return Err(ExprError::MissingCallParen {
                            name: t.text.to_owned(),
                            offset: t.offset,
                            column: self.column(t.offset),
                        })
                    }
                };
                self.advance();
                let mut args = vec![self.expr()?];
                while self.peek().map(|c| c.tok) == Some(Tok::Comma) {
                    self.advance();
                    args.push(self.expr()?);
                }
                self.close(open)?;
                if args.len() != f.arity() {
                    return Err(ExprError::WrongArity {
                        name: t.text.to_owned(),
                        expected: f.arity(),
                        found: args.len(),
                        offset: t.offset,
                        column: self.column(t.offset),
                    });
                }
                Ok(Node::Call(f, args))
            }
            Tok::RParen if self.pos == 0 => Err(ExprError::UnmatchedParen {
                offset: t.offset,
                column: self.column(t.offset),
            }),
            _ => Err(self.unexpected(t)),
        }
    }

    /// Consumes the `)` that closes `open`.
    fn close(&mut self, open: Token<'_>) -> Result<(), ExprError> {
        match self.advance() {
            Some(t) if t.tok == Tok::RParen => Ok(()),
            Some(t) => Err(self.unexpected(t)),
            None => Err(ExprError::UnclosedParen {
                offset: open.offset,
                column: self.column(open.offset),
            }),
        }
    }
}

/// Parses `src`; `variables` are the names it may use (see the module documentation).
pub fn parse(src: &str, variables: &[&str]) -> Result<Expr, ExprError> {
    let tokens = lex(src, variables)?;
    if tokens.is_empty() {
        return Err(ExprError::Empty);
    }
    let mut parser = Parser {
        src,
        tokens,
        pos: 0,
        depth: 0,
    };
    let node = parser.expr()?;
    match parser.peek() {
        None => Ok(Expr { node }),
        Some(t) if t.tok == Tok::RParen => Err(ExprError::UnmatchedParen {
            offset: t.offset,
            column: parser.column(t.offset),
        }),
        Some(t) => Err(parser.unexpected(t)),
    }
}

impl Expr {
    /// The value of the expression, with `vars` giving each variable's value. Every intermediate result
    /// must be finite: `x/0` and `0^-1` are [`EvalError::DivisionByZero`], `sqrt(-1)` and overflow
    /// [`EvalError::NotFinite`]. `round` rounds halves away from zero.
    pub fn eval(&self, vars: &dyn Fn(&str) -> Option<f64>) -> Result<f64, EvalError> {
        eval_node(&self.node, vars)
    }

    /// The variables the expression uses.
    pub fn variables(&self) -> BTreeSet<String> {
        fn walk(node: &Node, out: &mut BTreeSet<String>) {
            match node {
                Node::Number(_) => {}
                Node::Variable(name) => {
                    out.insert(name.clone());
                }
                Node::Neg(inner) => walk(inner, out),
                Node::Binary(_, a, b) => {
                    walk(a, out);
                    walk(b, out);
                }
                Node::Call(_, args) => args.iter().for_each(|a| walk(a, out)),
            }
        }
        let mut out = BTreeSet::new();
        walk(&self.node, &mut out);
        out
    }
}

fn eval_node(node: &Node, vars: &dyn Fn(&str) -> Option<f64>) -> Result<f64, EvalError> {
    let value = match node {
        Node::Number(v) => *v,
        Node::Variable(name) => {
            vars(name).ok_or_else(|| EvalError::UnknownVariable(name.clone()))?
        }
        Node::Neg(inner) => -eval_node(inner, vars)?,
        Node::Binary(op, a, b) => {
            let x = eval_node(a, vars)?;
            let y = eval_node(b, vars)?;
            match op {
                BinOp::Add => x + y,
                BinOp::Sub => x - y,
                BinOp::Mul => x * y,
                BinOp::Div if y == 0.0 => return Err(EvalError::DivisionByZero),
                BinOp::Div => x / y,
                BinOp::Pow if x == 0.0 && y < 0.0 => return Err(EvalError::DivisionByZero),
                BinOp::Pow => x.powf(y),
            }
        }
        Node::Call(f, args) => {
            let mut values = Vec::with_capacity(args.len());
            for arg in args {
                values.push(eval_node(arg, vars)?);
            }
            let (x, y) = match values.as_slice() {
                [x] => (*x, f64::NAN),
                [x, y] => (*x, *y),
                _ => return Err(EvalError::NotFinite),
            };
            match f {
                Func::Sqrt if x < 0.0 => return Err(EvalError::NotFinite),
                Func::Sqrt => x.sqrt(),
                Func::Abs => x.abs(),
                Func::Floor => x.floor(),
                Func::Ceil => x.ceil(),
                Func::Round => x.round(),
                Func::Min => x.min(y),
                Func::Max => x.max(y),
            }
        }
    };
    if value.is_finite() {
        Ok(value)
    } else {
        Err(EvalError::NotFinite)
    }
}

/// Points at which [`equivalent`] compares, and how many must have a value.
const POINTS: usize = 12;
const MIN_EVALUATED: usize = 6;

/// splitmix64: a tiny deterministic generator, enough to pick sample points.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform on `[-10, -0.1] ∪ [0.1, 10]`: away from 0, where poles and `0^0`-like cases are likeliest.
    fn sample(&mut self) -> f64 {
        let bits = self.next_u64();
        let unit = (bits >> 11) as f64 / (1u64 << 53) as f64;
        let magnitude = 0.1 + 9.9 * unit;
        if bits & 1 == 1 {
            -magnitude
        } else {
            magnitude
        }
    }
}

fn close_enough(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * 1f64.max(a.abs()).max(b.abs())
}

/// Whether `a` and `b` are the same function of `variables` (plus any other variable either uses).
///
/// Both are evaluated at 12 points drawn from `seed`, each variable uniform on `[-10, 10]` minus
/// `(-0.1, 0.1)`. Points where both fail to evaluate are skipped; a point where only one fails, or where
/// the values differ by more than `1e-9 * max(1, |a|, |b|)`, means not equivalent; and at least 6 points
/// must have been compared. Without variables, the two values are compared (both must have one).
pub fn equivalent(a: &Expr, b: &Expr, variables: &[&str], seed: u64) -> bool {
    let mut names: Vec<String> = variables.iter().map(|v| (*v).to_owned()).collect();
    for name in a.variables().into_iter().chain(b.variables()) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        let none = |_: &str| -> Option<f64> { None };
        return matches!((a.eval(&none), b.eval(&none)), (Ok(x), Ok(y)) if close_enough(x, y));
    }
    let mut rng = SplitMix64(seed);
    let mut values = vec![0.0; names.len()];
    let mut evaluated = 0;
    for _ in 0..POINTS {
        values.iter_mut().for_each(|v| *v = rng.sample());
        let lookup = |name: &str| {
            names
                .iter()
                .position(|n| n == name)
                .and_then(|i| values.get(i).copied())
        };
        match (a.eval(&lookup), b.eval(&lookup)) {
            (Err(_), Err(_)) => {}
            (Ok(x), Ok(y)) if close_enough(x, y) => evaluated += 1,
            _ => return false,
        }
    }
    evaluated >= MIN_EVALUATED
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn p(src: &str, vars: &[&str]) -> Expr {
        parse(src, vars).unwrap_or_else(|e| panic!("{src:?}: {e}"))
    }

    fn value(src: &str, env: &[(&str, f64)]) -> Result<f64, EvalError> {
        let names: Vec<&str> = env.iter().map(|(n, _)| *n).collect();
        p(src, &names).eval(&|name: &str| env.iter().find(|(n, _)| *n == name).map(|(_, v)| *v))
    }

    #[test]
    fn values() {
        type Env<'a> = &'a [(&'a str, f64)];
        let table: &[(&str, Env, f64)] = &[
            ("2", &[], 2.0),
            ("0.5", &[], 0.5),
            (".5", &[], 0.5),
            ("1 + 2 * 3", &[], 7.0),
            ("(1 + 2) * 3", &[], 9.0),
            ("10 - 4 - 3", &[], 3.0),
            ("12 / 3 / 2", &[], 2.0),
            ("2^3^2", &[], 512.0),
            ("-2^2", &[], -4.0),
            ("(-2)^2", &[], 4.0),
            ("2^-1", &[], 0.5),
            ("-x^2", &[("x", 3.0)], -9.0),
            ("--3", &[], 3.0),
            ("+3 - -2", &[], 5.0),
            ("2 × 3 ÷ 4 · 2", &[], 3.0),
            ("5 \u{2212} 2", &[], 3.0),
            ("2x", &[("x", 3.0)], 6.0),
            ("2x^2", &[("x", 3.0)], 18.0),
            ("x^2y", &[("x", 3.0), ("y", 2.0)], 18.0),
            ("2(x+1)", &[("x", 3.0)], 8.0),
            ("(x+1)(x-1)", &[("x", 3.0)], 8.0),
            ("x(x+1)", &[("x", 3.0)], 12.0),
            ("x y", &[("x", 3.0), ("y", 2.0)], 6.0),
            ("3ab", &[("a", 2.0), ("b", 5.0)], 30.0),
            ("ab^2", &[("a", 2.0), ("b", 5.0)], 50.0),
            ("1/2x", &[("x", 4.0)], 2.0),
            ("2sqrt(x)", &[("x", 9.0)], 6.0),
            ("total / 2", &[("total", 9.0)], 4.5),
            ("sqrt(16)", &[], 4.0),
            ("abs(-3)", &[], 3.0),
            ("min(2, 3)", &[], 2.0),
            ("max(2, 3)", &[], 3.0),
            ("floor(2.7)", &[], 2.0),
            ("ceil(2.1)", &[], 3.0),
            ("round(2.5)", &[], 3.0),
            ("round(-2.5)", &[], -3.0),
            ("  ( 1 +\t2 )\n* 3 ", &[], 9.0),
            ("0^0", &[], 1.0),
        ];
        for &(src, env, expected) in table {
            assert_eq!(value(src, env), Ok(expected), "{src}");
        }
    }

    #[test]
    fn evaluation_errors() {
        assert_eq!(
            value("1/(x-x)", &[("x", 3.0)]),
            Err(EvalError::DivisionByZero)
        );
        assert_eq!(value("1/0", &[]), Err(EvalError::DivisionByZero));
        assert_eq!(value("0^-1", &[]), Err(EvalError::DivisionByZero));
        assert_eq!(value("sqrt(-1)", &[]), Err(EvalError::NotFinite));
        assert_eq!(value("(-8)^(1/3)", &[]), Err(EvalError::NotFinite));
        assert_eq!(value("10^400", &[]), Err(EvalError::NotFinite));
        let e = p("x + 1", &["x"]);
        assert_eq!(
            e.eval(&|_: &str| None),
            Err(EvalError::UnknownVariable("x".into()))
        );
        assert_eq!(e.eval(&|_: &str| Some(f64::NAN)), Err(EvalError::NotFinite));
        assert_eq!(EvalError::DivisionByZero.to_string(), "division by zero");
    }

    #[test]
    fn parse_errors() {
        let table: &[(&str, &[&str], ExprError)] = &[
            ("", &[], ExprError::Empty),
            ("  \t", &[], ExprError::Empty),
            (
                "2 + )",
                &[],
                ExprError::Unexpected {
                    text: ")".into(),
                    offset: 4,
                    column: 5,
                },
            ),
            (
                "2×)",
                &[],
                ExprError::Unexpected {
                    text: ")".into(),
                    offset: 3,
                    column: 3,
                },
            ),
            (
                "(1+2",
                &[],
                ExprError::UnclosedParen {
                    offset: 0,
                    column: 1,
                },
            ),
            (
                "2*((1+2)",
                &[],
                ExprError::UnclosedParen {
                    offset: 2,
                    column: 3,
                },
            ),
            (
                "1+2)",
                &[],
                ExprError::UnmatchedParen {
                    offset: 3,
                    column: 4,
                },
            ),
            (
                ")",
                &[],
                ExprError::UnmatchedParen {
                    offset: 0,
                    column: 1,
                },
            ),
            (
                "2+",
                &[],
                ExprError::MissingOperand {
                    after: "+".into(),
                    offset: 1,
                    column: 2,
                },
            ),
            (
                "x^ ",
                &["x"],
                ExprError::MissingOperand {
                    after: "^".into(),
                    offset: 1,
                    column: 2,
                },
            ),
            (
                "2 + * 3",
                &[],
                ExprError::Unexpected {
                    text: "*".into(),
                    offset: 4,
                    column: 5,
                },
            ),
            (
                "x + y",
                &["x"],
                ExprError::UnknownVariable {
                    name: "y".into(),
                    offset: 4,
                    column: 5,
                    known: vec!["x".into()],
                },
            ),
            (
                "3ab",
                &["a"],
                ExprError::UnknownVariable {
                    name: "ab".into(),
                    offset: 1,
                    column: 2,
                    known: vec!["a".into()],
                },
            ),
            (
                "x2",
                &["x"],
                ExprError::Unexpected {
                    text: "2".into(),
                    offset: 1,
                    column: 2,
                },
            ),
            (
                "(x+1)2",
                &["x"],
                ExprError::Unexpected {
                    text: "2".into(),
                    offset: 5,
                    column: 6,
                },
            ),
            (
                "1.2.3",
                &[],
                ExprError::InvalidNumber {
                    text: "1.2.3".into(),
                    offset: 0,
                    column: 1,
                },
            ),
            (
                "2 + .",
                &[],
                ExprError::InvalidNumber {
                    text: ".".into(),
                    offset: 4,
                    column: 5,
                },
            ),
            (
                "2 $ 3",
                &[],
                ExprError::Unexpected {
                    text: "$".into(),
                    offset: 2,
                    column: 3,
                },
            ),
            (
                "1,2",
                &[],
                ExprError::Unexpected {
                    text: ",".into(),
                    offset: 1,
                    column: 2,
                },
            ),
            (
                "sqrt 4",
                &[],
                ExprError::MissingCallParen {
                    name: "sqrt".into(),
                    offset: 0,
                    column: 1,
                },
            ),
            (
                "2 + min(1)",
                &[],
                ExprError::WrongArity {
                    name: "min".into(),
                    expected: 2,
                    found: 1,
                    offset: 4,
                    column: 5,
                },
            ),
            (
                "sqrt(1, 2)",
                &[],
                ExprError::WrongArity {
                    name: "sqrt".into(),
                    expected: 1,
                    found: 2,
                    offset: 0,
                    column: 1,
                },
            ),
            (
                "min()",
                &[],
                ExprError::Unexpected {
                    text: ")".into(),
                    offset: 4,
                    column: 5,
                },
            ),
            (
                "max(1, 2",
                &[],
                ExprError::UnclosedParen {
                    offset: 3,
                    column: 4,
                },
            ),
        ];
        for (src, vars, expected) in table {
            assert_eq!(parse(src, vars).as_ref(), Err(expected), "{src:?}");
        }
    }

    #[test]
    fn error_messages() {
        let msg = |src: &str, vars: &[&str]| parse(src, vars).map(|_| ()).unwrap_err().to_string();
        assert_eq!(msg("1 + )", &[]), "unexpected `)` at character 5");
        assert_eq!(msg("x + y", &["x"]), "unknown variable `y` (known: x)");
        assert_eq!(
            msg("x + y", &["x", "z"]),
            "unknown variable `y` (known: x, z)"
        );
        assert_eq!(
            msg("y", &[]),
            "unknown variable `y` (this expression takes no variables)"
        );
        assert_eq!(msg("", &[]), "the expression is empty");
        assert_eq!(msg("(1 + 2", &[]), "the `(` at character 1 is never closed");
        assert_eq!(
            msg("1 + 2)", &[]),
            "the `)` at character 6 has no matching `(`"
        );
        assert_eq!(
            msg("3 *", &[]),
            "something is missing after `*` at character 3"
        );
        assert_eq!(
            msg("min(1)", &[]),
            "`min` at character 1 takes 2 arguments, not 1"
        );
        assert_eq!(
            msg("abs(1, 2)", &[]),
            "`abs` at character 1 takes 1 argument, not 2"
        );
        assert_eq!(
            msg("sqrt", &[]),
            "`sqrt` at character 1 needs its argument in parentheses, like `sqrt(x)`"
        );
        assert_eq!(
            parse("x + y", &["x"]).map(|_| ()).unwrap_err().offset(),
            Some(4)
        );
    }

    #[test]
    fn limits() {
        let deep = format!("{}1{}", "(".repeat(500), ")".repeat(500));
        assert!(matches!(
            parse(&deep, &[]),
            Err(ExprError::TooComplex { .. })
        ));
        let signs = format!("{}1", "-".repeat(500));
        assert!(matches!(
            parse(&signs, &[]),
            Err(ExprError::TooComplex { .. })
        ));
        let long = vec!["1"; 1000].join("+");
        assert!(matches!(
            parse(&long, &[]),
            Err(ExprError::TooComplex { .. })
        ));
        let fine = vec!["1"; 400].join("+");
        assert_eq!(p(&fine, &[]).eval(&|_: &str| None), Ok(400.0));
        let nested = format!("{}1{}", "(".repeat(50), ")".repeat(50));
        assert_eq!(p(&nested, &[]).eval(&|_: &str| None), Ok(1.0));
    }

    #[test]
    fn variables_used() {
        let e = p("3ab + c - sqrt(total)", &["a", "b", "c", "total"]);
        let names: Vec<String> = e.variables().into_iter().collect();
        assert_eq!(names, ["a", "b", "c", "total"]);
        assert!(p("2 + 3", &["x"]).variables().is_empty());
    }

    #[test]
    fn known_words_win_over_splitting() {
        // `ab` is a variable of its own when declared; otherwise the product of `a` and `b`.
        let env = |name: &str| match name {
            "a" => Some(2.0),
            "b" => Some(5.0),
            "ab" => Some(100.0),
            _ => None,
        };
        assert_eq!(p("ab", &["a", "b", "ab"]).eval(&env), Ok(100.0));
        assert_eq!(p("ab", &["a", "b"]).eval(&env), Ok(10.0));
        assert_eq!(p("ba", &["a", "b"]).eval(&env), Ok(10.0));
    }

    #[test]
    fn equivalences() {
        let x = &["x"];
        let table: &[(&str, &str, &[&str], bool)] = &[
            ("2(x+1)", "2x+2", x, true),
            ("(x+1)^2", "x^2+2x+1", x, true),
            ("x/2", "0.5x", x, true),
            ("x/2", "x÷2", x, true),
            ("(x+1)(x-1)", "x^2 - 1", x, true),
            ("sqrt(x^2)", "abs(x)", x, true),
            ("x/x", "1", x, true),
            ("3ab", "b·a·3", &["a", "b"], true),
            ("a(b+c)", "ab + ac", &["a", "b", "c"], true),
            ("x+1", "x+2", x, false),
            ("x^2", "2x", x, false),
            ("x", "abs(x)", x, false),
            ("2+3", "5", &[], true),
            ("2+3", "6", &[], false),
            ("1/0", "1/0", &[], false),
            ("1/(x-x)", "1/(x-x)", x, false),
            ("1/(x-x)", "1", x, false),
        ];
        for &(a, b, vars, expected) in table {
            for seed in [0, 1, 0x9e37_79b9, u64::MAX] {
                let (ea, eb) = (p(a, vars), p(b, vars));
                assert_eq!(
                    equivalent(&ea, &eb, vars, seed),
                    expected,
                    "{a} vs {b} (seed {seed})"
                );
                assert_eq!(
                    equivalent(&eb, &ea, vars, seed),
                    expected,
                    "{b} vs {a} (seed {seed})"
                );
            }
        }
    }

    #[test]
    fn sample_points_avoid_zero_and_stay_in_range() {
        let mut rng = SplitMix64(42);
        let samples: Vec<f64> = (0..10_000).map(|_| rng.sample()).collect();
        assert!(samples.iter().all(|v| (0.1..=10.0).contains(&v.abs())));
        let negatives = samples.iter().filter(|v| **v < 0.0).count();
        assert!((4_000..6_000).contains(&negatives));
    }

    proptest! {
        #[test]
        fn expanded_and_factored_polynomials_are_equivalent(
            a in -9i32..=9, b in -9i32..=9, c in -9i32..=9, seed in any::<u64>(),
        ) {
            let expanded = p(&format!("{a}*x^2 + {b}*x + {c}"), &["x"]);
            let implicit = p(&format!("{a}x^2 + {b}x + {c}"), &["x"]);
            let factored = p(&format!("{c} + x*({b} + {a}*x)"), &["x"]);
            prop_assert!(equivalent(&expanded, &factored, &["x"], seed));
            prop_assert!(equivalent(&factored, &implicit, &["x"], seed));
        }

        #[test]
        fn shifted_polynomials_are_not_equivalent(
            a in -9i32..=9, b in -9i32..=9, c in -9i32..=9,
            k in (-20i32..=20).prop_filter("non-zero", |k| *k != 0), seed in any::<u64>(),
        ) {
            let poly = format!("{a}*x^2 + {b}*x + {c}");
            let original = p(&poly, &["x"]);
            let shifted = p(&format!("({poly}) + {k}"), &["x"]);
            prop_assert!(!equivalent(&original, &shifted, &["x"], seed));
            prop_assert!(!equivalent(&shifted, &original, &["x"], seed));
        }

        #[test]
        fn parsing_and_evaluating_never_panic(src in "\\PC{0,30}") {
            if let Ok(e) = parse(&src, &["x", "y"]) {
                let _ = e.eval(&|_: &str| Some(1.5));
            }
        }

        #[test]
        fn parsing_token_soup_never_panics(src in "[-+*/^()×÷·, .0-9xyabsqrtminx]{0,40}") {
            if let Ok(e) = parse(&src, &["x", "y"]) {
                if let Ok(v) = e.eval(&|_: &str| Some(-2.5)) {
                    prop_assert!(v.is_finite());
                }
            }
        }
    }
}
