//! The text alternative of a drawn figure, in the learner's language: what a sighted learner sees, said
//! in words ("A bar cut into 8 equal parts, 3 shaded."). A number line says where each point is the way
//! the picture shows it: by its value where the ticks are labelled with fractions, else by how many ticks
//! it is after the whole number before it (so the words give away no more than the picture does).

use crate::i18n::{t, tf, tn};
use crate::package::figure::{Figure, ModelShape, NumberLine, TickLabels};
use crate::package::shade::Parts;

/// A whole number or a fraction as it is read: a true minus sign for negatives.
fn signed(v: i64) -> String {
    if v < 0 {
        format!("\u{2212}{}", v.unsigned_abs())
    } else {
        v.to_string()
    }
}

fn count(lang: &str, key: &str, n: u32) -> String {
    tn(lang, key, n)
}

/// The words for `figure`; a point's name in `lang`, else in the package's `default` language.
pub fn figure_alt(lang: &str, default: &str, figure: &Figure) -> String {
    match figure {
        Figure::FractionModel(m) => tf(
            lang,
            match m.shape() {
                ModelShape::Bar => "figure-bar",
                ModelShape::Circle => "figure-circle",
            },
            &[
                ("parts", &count(lang, "figure-parts", m.parts())),
                ("shaded", &count(lang, "figure-shaded", m.shaded())),
            ],
        ),
        Figure::NumberLine(l) => line_alt(lang, default, l),
    }
}

/// The words for a `shade` item's model with `shaded` of its parts shaded, as a fraction model figure
/// says them ("A bar cut into 8 equal parts, 3 shaded."; a grid by its rows and columns).
pub fn shade_alt(lang: &str, model: &Parts, shaded: u32) -> String {
    let shaded = count(lang, "figure-shaded", shaded);
    match *model {
        Parts::Bar { parts } | Parts::Circle { parts } => tf(
            lang,
            if matches!(model, Parts::Bar { .. }) {
                "figure-bar"
            } else {
                "figure-circle"
            },
            &[
                ("parts", &count(lang, "figure-parts", parts)),
                ("shaded", &shaded),
            ],
        ),
        Parts::Grid { rows, columns } => tf(
            lang,
            "figure-grid",
            &[
                ("rows", &count(lang, "shade-rows", rows)),
                ("columns", &count(lang, "shade-columns", columns)),
                ("shaded", &shaded),
            ],
        ),
    }
}

fn line_alt(lang: &str, default: &str, l: &NumberLine) -> String {
    let mut out = vec![
        tf(
            lang,
            "figure-line",
            &[
                ("from", &signed(l.from())),
                ("to", &signed(l.to())),
                ("parts", &count(lang, "figure-parts", l.denominator())),
            ],
        ),
        t(
            lang,
            match l.labels() {
                TickLabels::Wholes => "figure-labels-wholes",
                TickLabels::Fractions => "figure-labels-fractions",
                TickLabels::None => "figure-labels-none",
            },
        )
        .to_owned(),
    ];
    let d = i64::from(l.denominator());
    for mark in l.marks() {
        let name = match &mark.label {
            Some(label) => label.get(lang, default).to_owned(),
            None => t(lang, "figure-point").to_owned(),
        };
        let numerator = l.numerator(mark.step);
        let sentence = match (l.labels(), l.whole_at(mark.step)) {
            (TickLabels::Fractions, _) => tf(
                lang,
                "figure-point-at",
                &[
                    ("name", &name),
                    ("value", &format!("{}/{d}", signed(numerator))),
                ],
            ),
            (TickLabels::Wholes, Some(w)) => tf(
                lang,
                "figure-point-at",
                &[("name", &name), ("value", &signed(w))],
            ),
            (TickLabels::Wholes, None) => {
                let before = numerator.div_euclid(d);
                let after = u32::try_from(numerator.rem_euclid(d)).unwrap_or(0);
                tf(
                    lang,
                    "figure-point-after",
                    &[
                        ("name", &name),
                        ("ticks", &count(lang, "figure-ticks", after)),
                        ("whole", &signed(before)),
                    ],
                )
            }
            (TickLabels::None, _) => tf(
                lang,
                "figure-point-from-start",
                &[
                    ("name", &name),
                    ("ticks", &count(lang, "figure-ticks", mark.step)),
                ],
            ),
        };
        out.push(sentence);
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::package::figure::{FigureSpec, FractionModel, LinePoint};
    use crate::package::params::Values;
    use crate::package::{NumberValue, Text};

    fn line(labels: TickLabels, at: &[(&str, Option<&str>)]) -> Figure {
        let (f, to, d) = (
            NumberValue::Literal(0.0),
            NumberValue::Literal(2.0),
            NumberValue::Literal(4.0),
        );
        let points: Vec<LinePoint> = (at.iter())
            .map(|(a, name)| LinePoint {
                at: NumberValue::Formula((*a).to_owned()),
                label: name.map(|n| {
                    Text::Translated(
                        [("en".into(), n.into()), ("es".into(), format!("{n}-es"))].into(),
                    )
                }),
            })
            .collect();
        FigureSpec::NumberLine {
            from: &f,
            to: &to,
            denominator: &d,
            labels,
            points: &points,
        }
        .resolve(&Values::new())
        .unwrap()
    }

    #[test]
    fn models_say_their_parts_and_shaded_parts() {
        let bar = Figure::FractionModel(FractionModel::new(ModelShape::Bar, 8, 3).unwrap());
        assert_eq!(
            figure_alt("en", "en", &bar),
            "A bar cut into 8 equal parts, 3 shaded."
        );
        assert_eq!(
            figure_alt("es", "en", &bar),
            "Una barra dividida en 8 partes iguales, 3 sombreadas."
        );
        let one = Figure::FractionModel(FractionModel::new(ModelShape::Circle, 4, 1).unwrap());
        assert_eq!(
            figure_alt("en", "en", &one),
            "A circle cut into 4 equal parts, 1 shaded."
        );
        assert_eq!(
            figure_alt("es", "en", &one),
            "Un círculo dividido en 4 partes iguales, 1 sombreada."
        );
    }

    #[test]
    fn shade_models_say_their_parts_and_what_is_shaded_so_far() {
        assert_eq!(
            shade_alt("en", &Parts::Bar { parts: 8 }, 3),
            "A bar cut into 8 equal parts, 3 shaded."
        );
        assert_eq!(
            shade_alt("es", &Parts::Circle { parts: 4 }, 1),
            "Un círculo dividido en 4 partes iguales, 1 sombreada."
        );
        assert_eq!(
            shade_alt(
                "en",
                &Parts::Grid {
                    rows: 2,
                    columns: 3
                },
                0
            ),
            "A grid of 2 rows by 3 columns, 0 shaded."
        );
        assert_eq!(
            shade_alt(
                "es",
                &Parts::Grid {
                    rows: 1,
                    columns: 5
                },
                2
            ),
            "Una cuadrícula de 1 fila por 5 columnas, 2 sombreadas."
        );
    }

    #[test]
    fn points_are_placed_as_the_picture_shows_them() {
        let wholes = line(
            TickLabels::Wholes,
            &[("3/4", Some("A")), ("5/4", None), ("1", Some("B"))],
        );
        assert_eq!(
            figure_alt("en", "en", &wholes),
            "A number line from 0 to 2; each whole is cut into 4 equal parts. The whole numbers are \
             written under their ticks. A is 3 ticks after 0. A point is 1 tick after 1. B is at 1."
        );
        let es = figure_alt("es", "en", &wholes);
        assert!(es.starts_with("Una recta numérica de 0 a 2"), "{es}");
        assert!(es.contains("A-es está 3 marcas después del 0."), "{es}");
        let fractions = line(TickLabels::Fractions, &[("3/4", Some("A"))]);
        assert!(figure_alt("en", "en", &fractions).ends_with("A is at 3/4."));
        let bare = line(TickLabels::None, &[("3/4", Some("A"))]);
        assert!(figure_alt("en", "en", &bare).ends_with("A is 3 ticks from the start."));
    }
}
