//! The drawings hold what their numbers say: for every model of up to `MAX_PARTS` parts the shaded share
//! is `shaded / parts` and the parts tile the whole; for sampled number lines every tick sits where its
//! value says, whole ticks are the whole numbers, and each point is on its tick.

use super::*;
use crate::package::figure::{
    FigureSpec, FractionModel, LinePoint, ModelShape, TickLabels, MAX_PARTS, MAX_STEPS,
};
use crate::package::params::Values;
use crate::package::{NumberValue, Text};
use crate::rng::SeededRng;

fn model(shape: ModelShape, parts: i64, shaded: i64) -> Drawing {
    let m = FractionModel::new(shape, parts, shaded).expect("a drawable model");
    draw(&Figure::FractionModel(m), "en", "en")
}

/// The shaded and the whole area of a model, in its own terms (lengths for a bar, turns for a circle).
fn shares(d: &Drawing) -> (f64, f64) {
    let mut shaded = 0.0;
    let mut all = 0.0;
    for s in &d.shapes {
        let (size, paint) = match s {
            Shape::Rect { width, paint, .. } => (*width, *paint),
            Shape::Wedge {
                start, end, paint, ..
            } => (end - start, *paint),
            Shape::Disc { paint, .. } => (1.0, *paint),
            other => panic!("a model holds only parts: {other:?}"),
        };
        all += size;
        if paint == Paint::Shaded {
            shaded += size;
        }
    }
    (shaded, all)
}

/// Whether a part of a drawn model is shaded.
fn is_shaded(shape: &Shape) -> bool {
    matches!(
        shape,
        Shape::Rect {
            paint: Paint::Shaded,
            ..
        } | Shape::Wedge {
            paint: Paint::Shaded,
            ..
        } | Shape::Disc {
            paint: Paint::Shaded,
            ..
        }
    )
}

#[test]
fn every_model_shades_its_share_and_its_parts_are_equal() {
    for shape in [ModelShape::Bar, ModelShape::Circle] {
        for parts in 1..=MAX_PARTS {
            for shaded in 0..=parts {
                let d = model(shape, parts, shaded);
                assert_eq!(d.shapes.len(), parts as usize, "{shape:?} {parts}");
                let (s, all) = shares(&d);
                let whole = if shape == ModelShape::Bar {
                    fraction::BAR_W
                } else {
                    1.0
                };
                assert!(
                    (all - whole).abs() < 1e-9,
                    "{shape:?} {parts}: the parts tile the whole"
                );
                let want = shaded as f64 / parts as f64;
                assert!(
                    (s / all - want).abs() < 1e-9,
                    "{shape:?} {shaded}/{parts}: shaded share {}",
                    s / all
                );
                let sizes: Vec<f64> = d
                    .shapes
                    .iter()
                    .map(|s| match s {
                        Shape::Rect { width, .. } => *width,
                        Shape::Wedge { start, end, .. } => end - start,
                        _ => 1.0,
                    })
                    .collect();
                assert!(
                    sizes.iter().all(|z| (z - sizes[0]).abs() < 1e-9),
                    "equal parts"
                );
            }
        }
    }
}

#[test]
fn a_bar_is_shaded_from_its_start_and_its_parts_touch() {
    let d = model(ModelShape::Bar, 5, 2);
    let rects: Vec<(f64, f64, Paint)> = d
        .shapes
        .iter()
        .map(|s| match s {
            Shape::Rect {
                x, width, paint, ..
            } => (*x, *width, *paint),
            other => panic!("{other:?}"),
        })
        .collect();
    for pair in rects.windows(2) {
        assert!((pair[0].0 + pair[0].1 - pair[1].0).abs() < 1e-9);
    }
    let paints: Vec<Paint> = rects.iter().map(|r| r.2).collect();
    assert_eq!(
        paints,
        [
            Paint::Shaded,
            Paint::Shaded,
            Paint::Unshaded,
            Paint::Unshaded,
            Paint::Unshaded
        ]
    );
    assert!(rects.last().map(|r| r.0 + r.1).unwrap() <= d.width);
}

#[test]
fn a_wedge_path_starts_and_ends_on_its_circle() {
    for (start, end) in [(0.0, 0.25), (0.25, 0.5), (0.5, 1.0), (0.1, 0.9)] {
        let d = wedge_path(100.0, 100.0, 96.0, start, end);
        let nums: Vec<f64> = d
            .split(|c: char| c.is_ascii_alphabetic() || c == ' ')
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        // M cx cy L x1 y1 A r r 0 large 1 x2 y2 Z
        assert_eq!(nums.len(), 11, "{d}");
        let on = |x: f64, y: f64| ((x - 100.0).hypot(y - 100.0) - 96.0).abs() < 0.02;
        assert!(on(nums[2], nums[3]) && on(nums[9], nums[10]), "{d}");
        assert_eq!(nums[7], f64::from(u8::from(end - start > 0.5)), "{d}");
        let a = start * std::f64::consts::TAU;
        assert!((nums[2] - (100.0 + 96.0 * a.sin())).abs() < 0.01);
    }
    assert_eq!(
        wedge_path(100.0, 100.0, 96.0, 0.0, 0.25),
        "M100 100L100 4A96 96 0 0 1 196 100Z"
    );
}

fn line(from: i64, to: i64, d: i64, labels: TickLabels, at: &[f64]) -> (Figure, Drawing) {
    let (f, t, den) = (
        NumberValue::Literal(from as f64),
        NumberValue::Literal(to as f64),
        NumberValue::Literal(d as f64),
    );
    let points: Vec<LinePoint> = at
        .iter()
        .enumerate()
        .map(|(i, a)| LinePoint {
            at: NumberValue::Literal(*a),
            label: Some(Text::Plain(format!("P{i}"))),
        })
        .collect();
    let figure = FigureSpec::NumberLine {
        from: &f,
        to: &t,
        denominator: &den,
        labels,
        points: &points,
    }
    .resolve(&Values::new())
    .expect("a drawable line");
    let drawing = draw(&figure, "en", "en");
    (figure, drawing)
}

#[test]
fn sampled_number_lines_put_every_tick_and_point_where_its_value_is() {
    let mut rng = SeededRng::new(23);
    for _ in 0..300 {
        let d = rng.range_i64(1, 12);
        let wholes = rng.range_i64(1, (MAX_STEPS / d).max(1));
        let from = rng.range_i64(-3, 3);
        let to = from + wholes;
        let steps = wholes * d;
        let at: Vec<f64> = (0..rng.range_i64(0, 3))
            .map(|_| from as f64 + rng.range_i64(0, steps) as f64 / d as f64)
            .collect();
        let (_, drawing) = line(from, to, d, TickLabels::Wholes, &at);
        // The value at x, read back from the axis's ends.
        let (x0, x1) = match drawing.shapes[0] {
            Shape::Line { x1, x2, stroke, .. } => {
                assert_eq!(stroke, Stroke::Axis);
                (x1, x2)
            }
            ref other => panic!("{other:?}"),
        };
        assert!(x0 >= 0.0 && x1 <= drawing.width);
        let value = |x: f64| from as f64 + (x - x0) / (x1 - x0) * (to - from) as f64;
        let ticks: Vec<(f64, Stroke)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Line {
                    x1, stroke, y1, y2, ..
                } if *stroke != Stroke::Axis => {
                    assert!(y1 < y2);
                    Some((*x1, *stroke))
                }
                _ => None,
            })
            .collect();
        assert_eq!(ticks.len() as i64, steps + 1, "{from}..{to} by 1/{d}");
        for (i, (x, stroke)) in ticks.iter().enumerate() {
            let want = from as f64 + i as f64 / d as f64;
            assert!((value(*x) - want).abs() < 1e-9, "tick {i}: {}", value(*x));
            let is_whole = (i as i64) % d == 0;
            assert_eq!(*stroke == Stroke::WholeTick, is_whole, "tick {i} of 1/{d}");
        }
        let labels: Vec<(f64, &str)> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text {
                    x,
                    text,
                    writing: Writing::TickLabel,
                    ..
                } => Some((*x, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(labels.len() as i64, wholes + 1);
        for (x, text) in labels {
            let v = value(x).round() as i64;
            assert_eq!(text, line::number_for_test(v));
        }
        let points: Vec<f64> = drawing
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Disc {
                    cx,
                    paint: Paint::Point,
                    ..
                } => Some(*cx),
                _ => None,
            })
            .collect();
        assert_eq!(points.len(), at.len());
        for (x, a) in points.iter().zip(&at) {
            assert!((value(*x) - a).abs() < 1e-9, "point at {a}");
        }
        for s in &drawing.shapes {
            if let Shape::Text { x, y, .. } = s {
                assert!(*x >= 0.0 && *x <= drawing.width && *y <= drawing.height);
            }
        }
    }
}

#[test]
fn fraction_labels_count_over_the_denominator_and_negatives_have_a_minus_sign() {
    let (_, d) = line(-1, 1, 4, TickLabels::Fractions, &[-0.25]);
    let texts: Vec<&str> = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text {
                text,
                writing: Writing::TickLabel,
                ..
            } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(
        texts,
        [
            "\u{2212}4",
            "4",
            "\u{2212}3",
            "4",
            "\u{2212}2",
            "4",
            "\u{2212}1",
            "4",
            "0",
            "4",
            "1",
            "4",
            "2",
            "4",
            "3",
            "4",
            "4",
            "4"
        ]
    );
    let bars = d
        .shapes
        .iter()
        .filter(|s| {
            matches!(
                s,
                Shape::Line {
                    stroke: Stroke::FractionBar,
                    ..
                }
            )
        })
        .count();
    assert_eq!(bars, 9);
    let names: Vec<&str> = d
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Text {
                text,
                writing: Writing::PointLabel,
                ..
            } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(names, ["P0"]);
    let (_, none) = line(0, 1, 3, TickLabels::None, &[]);
    assert!(none.shapes.iter().all(|s| !matches!(s, Shape::Text { .. })));
}

#[test]
fn coordinates_are_written_short() {
    assert_eq!(n(4.0), "4");
    assert_eq!(n(1.0 / 3.0), "0.33");
    assert_eq!(n(-0.001), "0");
    assert_eq!(n(195.999), "196");
}

#[test]
fn a_click_places_a_point_on_the_nearest_tick() {
    for steps in [1u32, 4, 8, 24] {
        for step in 0..=steps {
            let x = line_tick_x(step, steps) / line::WIDTH;
            assert_eq!(line_step_at(x, steps), step, "on tick {step} of {steps}");
            let half = 0.45 / f64::from(steps) * (1.0 - 2.0 * line::SIDE / line::WIDTH);
            assert_eq!(line_step_at(x + half, steps), step, "just right of {step}");
            assert_eq!(line_step_at(x - half, steps), step, "just left of {step}");
        }
        assert_eq!(line_step_at(0.0, steps), 0, "the margin snaps to the start");
        assert_eq!(line_step_at(1.0, steps), steps, "and to the end");
        assert_eq!(line_step_at(-3.0, steps), 0);
        assert_eq!(line_step_at(7.0, steps), steps);
    }
}

/// The area of a part of a shade model (a rectangle's, or a sector's share of its circle's turn).
fn part_area(s: &Shape) -> f64 {
    match s {
        Shape::Rect { width, height, .. } => width * height,
        Shape::Wedge { start, end, .. } => end - start,
        Shape::Disc { .. } => 1.0,
        other => panic!("a shade model holds only parts: {other:?}"),
    }
}

#[test]
fn a_shade_model_has_one_equal_part_per_number_and_shades_exactly_the_chosen_ones() {
    use crate::package::shade::{Parts, MAX_GRID_SIDE, MAX_SHADE_PARTS};
    let mut models = Vec::new();
    for parts in 1..=MAX_SHADE_PARTS as u32 {
        models.push(Parts::Bar { parts });
        models.push(Parts::Circle { parts });
    }
    for rows in 1..=MAX_GRID_SIDE as u32 {
        for columns in 1..=MAX_GRID_SIDE as u32 {
            models.push(Parts::Grid { rows, columns });
        }
    }
    let mut rng = SeededRng::new(23);
    for model in models {
        let n = model.count();
        // A sampled set of parts, different for each model.
        let chosen: Vec<bool> = (0..=n).map(|_| rng.next_f64() < 0.4).collect();
        let d = shade_model(&model, &|p| chosen[p as usize], false);
        assert_eq!(d.shapes.len(), n as usize, "{model:?}: one shape per part");
        let areas: Vec<f64> = d.shapes.iter().map(part_area).collect();
        assert!(
            areas.iter().all(|a| (a - areas[0]).abs() < 1e-9),
            "{model:?}: equal parts"
        );
        let shaded: Vec<u32> = (d.shapes.iter().enumerate())
            .filter(|(_, s)| is_shaded(s))
            .map(|(i, _)| i as u32 + 1)
            .collect();
        let want: Vec<u32> = (1..=n).filter(|p| chosen[*p as usize]).collect();
        assert_eq!(
            shaded, want,
            "{model:?}: exactly the chosen parts, in order"
        );
        let share = areas
            .iter()
            .zip(&d.shapes)
            .filter(|(_, s)| is_shaded(s))
            .map(|(a, _)| a)
            .sum::<f64>()
            / areas.iter().sum::<f64>();
        assert!(
            (share - want.len() as f64 / f64::from(n)).abs() < 1e-9,
            "{model:?}: the shaded share is what was shaded"
        );
        for s in &d.shapes {
            if let Shape::Rect {
                x,
                y,
                width,
                height,
                ..
            } = s
            {
                assert!(*x >= 0.0 && *y >= 0.0, "{model:?}: inside the box");
                assert!(x + width <= d.width + 1e-9 && y + height <= d.height + 1e-9);
            }
        }
    }
}

#[test]
fn a_grid_numbers_its_parts_row_by_row() {
    use crate::package::shade::Parts;
    let grid = Parts::Grid {
        rows: 3,
        columns: 4,
    };
    let d = shade_model(&grid, &|_| false, false);
    for (i, s) in d.shapes.iter().enumerate() {
        let Shape::Rect { x, y, .. } = s else {
            panic!("{s:?}")
        };
        let (row, column) = grid.cell(i as u32 + 1).unwrap();
        let cell = shade::CELL;
        assert!(
            (x - (4.0 + cell * f64::from(column - 1))).abs() < 1e-9,
            "part {i}"
        );
        assert!(
            (y - (4.0 + cell * f64::from(row - 1))).abs() < 1e-9,
            "part {i}"
        );
    }
    // A circle's parts go clockwise from the top.
    let circle = shade_model(&Parts::Circle { parts: 4 }, &|_| false, false);
    let starts: Vec<f64> = (circle.shapes.iter())
        .map(|s| match s {
            Shape::Wedge { start, .. } => *start,
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(starts, [0.0, 0.25, 0.5, 0.75]);
}

#[test]
fn on_a_right_to_left_page_bars_and_grids_are_numbered_from_the_right() {
    use crate::package::shade::Parts;
    let left = |s: &Shape| match s {
        Shape::Rect { x, .. } => *x,
        other => panic!("{other:?}"),
    };
    for model in [
        Parts::Bar { parts: 5 },
        Parts::Grid {
            rows: 2,
            columns: 3,
        },
    ] {
        let ltr = shade_model(&model, &|p| p == 1, false);
        let rtl = shade_model(&model, &|p| p == 1, true);
        assert_eq!((rtl.width, rtl.height), (ltr.width, ltr.height));
        for (a, b) in ltr.shapes.iter().zip(&rtl.shapes) {
            let Shape::Rect { width, y, .. } = a else {
                panic!("{a:?}")
            };
            // The same part, mirrored: as far from the right edge as it was from the left.
            assert!(
                (left(b) - (ltr.width - left(a) - width)).abs() < 1e-9,
                "{model:?}"
            );
            assert!(matches!(b, Shape::Rect { y: y2, .. } if y2 == y));
            assert_eq!(is_shaded(a), is_shaded(b));
        }
        // Part 1 (shaded) is the rightmost of its row; part 2 is on its left.
        let xs: Vec<f64> = rtl.shapes.iter().map(left).collect();
        assert!(xs[0] > xs[1], "{model:?}: {xs:?}");
        assert!(is_shaded(&rtl.shapes[0]));
    }
    // A circle goes clockwise from the top on any page.
    assert_eq!(
        shade_model(&Parts::Circle { parts: 4 }, &|_| false, true),
        shade_model(&Parts::Circle { parts: 4 }, &|_| false, false)
    );
}

#[test]
fn a_right_to_left_slider_counts_its_values_from_the_other_end() {
    for steps in [1u32, 4, 8, 24] {
        for step in 0..=steps {
            assert_eq!(slider_value(step, steps, false), step);
            let v = slider_value(step, steps, true);
            assert_eq!(
                v,
                steps - step,
                "the thumb at the right end is the line's last tick"
            );
            assert_eq!(slider_value(v, steps, true), step, "and back");
        }
    }
}
