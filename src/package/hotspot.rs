//! The regions of a `hotspot` interaction: circles, rectangles and polygons in the coordinates of the
//! item's image (its own pixels, `0,0` at the top left), written as HTML image maps and QTI write them
//! (`shape` and `coords`). Each region has an id and a label (its name as a control).
//!
//! This module says what a region is and checks its geometry (inside the image, not degenerate), where
//! its control sits (a point inside it), and whether the learner picks one region or several (the key's
//! shape); scoring is `check`'s, the controls the web shell's.

use super::Text;
use serde::Serialize;

/// The most regions one image may have (each is a control the learner tabs through).
pub const MAX_REGIONS: usize = 24;

/// The outline of a region, in the image's coordinates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "shape", content = "coords", rename_all = "camelCase")]
pub enum Outline {
    /// `[cx, cy, r]`.
    Circle([f64; 3]),
    /// `[left, top, right, bottom]`.
    Rect([f64; 4]),
    /// `[x1, y1, x2, y2, ...]`, at least three corners.
    Polygon(Vec<f64>),
}

/// One region an author marks on the image.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Region {
    pub id: String,
    /// Its name as a control ("The lake").
    pub label: Text,
    #[serde(flatten)]
    pub outline: Outline,
}

/// The right regions: one (`"correct": "lake"`, the learner picks exactly one region, a radio group) or
/// several (`"correct": ["lake", "hill"]`, the learner picks any number, checkboxes), as a `hottext` key
/// says one phrase or several. Written as authors write it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Key {
    One(String),
    Several(Vec<String>),
}

impl Key {
    /// The ids of the right regions.
    pub fn correct(&self) -> Vec<&str> {
        match self {
            Key::One(id) => vec![id.as_str()],
            Key::Several(ids) => ids.iter().map(String::as_str).collect(),
        }
    }

    /// Whether the learner may pick several regions.
    pub fn is_several(&self) -> bool {
        matches!(self, Key::Several(_))
    }
}

/// Why a region's outline cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OutlineError {
    #[error("a polygon takes pairs of numbers (x, y) for at least 3 corners, got {0} numbers")]
    Corners(usize),
    #[error("has no area")]
    Empty,
    #[error("reaches outside the image ({width} by {height})")]
    Outside { width: f64, height: f64 },
}

impl Outline {
    /// The polygon's corners.
    fn corners(coords: &[f64]) -> impl Iterator<Item = (f64, f64)> + '_ {
        coords.chunks_exact(2).map(|c| (c[0], c[1]))
    }

    /// Checks that the outline has an area and lies inside an image `width` by `height`.
    pub fn check(&self, width: f64, height: f64) -> Result<(), OutlineError> {
        let inside = |x: f64, y: f64| (0.0..=width).contains(&x) && (0.0..=height).contains(&y);
        let outside = OutlineError::Outside { width, height };
        match self {
            Outline::Circle([cx, cy, r]) => {
                if *r <= 0.0 {
                    return Err(OutlineError::Empty);
                }
                if !(inside(cx - r, cy - r) && inside(cx + r, cy + r)) {
                    return Err(outside);
                }
            }
            Outline::Rect([l, t, r, b]) => {
                if r <= l || b <= t {
                    return Err(OutlineError::Empty);
                }
                if !(inside(*l, *t) && inside(*r, *b)) {
                    return Err(outside);
                }
            }
            Outline::Polygon(coords) => {
                if coords.len() < 6 || coords.len() % 2 != 0 {
                    return Err(OutlineError::Corners(coords.len()));
                }
                if polygon_area(coords).abs() < 1e-9 {
                    return Err(OutlineError::Empty);
                }
                if !Outline::corners(coords).all(|(x, y)| inside(x, y)) {
                    return Err(outside);
                }
            }
        }
        Ok(())
    }

    /// The width and height of the box around the outline, in the image's pixels.
    pub fn extent(&self) -> (f64, f64) {
        match self {
            Outline::Circle([_, _, r]) => (2.0 * r, 2.0 * r),
            Outline::Rect([l, t, r, b]) => (r - l, b - t),
            Outline::Polygon(coords) => {
                let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
                for (x, y) in Outline::corners(coords) {
                    (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
                }
                (x1 - x0, y1 - y0)
            }
        }
    }

    /// A point inside the outline, where its control sits: the centre of a circle or a rectangle, the
    /// centroid of a polygon (inside it when it is convex; else the corner nearest to the centroid).
    pub fn anchor(&self) -> (f64, f64) {
        match self {
            Outline::Circle([cx, cy, _]) => (*cx, *cy),
            Outline::Rect([l, t, r, b]) => ((l + r) / 2.0, (t + b) / 2.0),
            Outline::Polygon(coords) => {
                let a = polygon_area(coords);
                let corners: Vec<(f64, f64)> = Outline::corners(coords).collect();
                let n = corners.len();
                let (mut x, mut y) = (0.0, 0.0);
                for i in 0..n {
                    let (x0, y0) = corners[i];
                    let (x1, y1) = corners[(i + 1) % n];
                    let cross = x0 * y1 - x1 * y0;
                    x += (x0 + x1) * cross;
                    y += (y0 + y1) * cross;
                }
                let c = (x / (6.0 * a), y / (6.0 * a));
                if contains(&corners, c) {
                    c
                } else {
                    let d = |p: &(f64, f64)| (p.0 - c.0).powi(2) + (p.1 - c.1).powi(2);
                    corners
                        .iter()
                        .copied()
                        .min_by(|p, q| d(p).total_cmp(&d(q)))
                        .unwrap_or(c)
                }
            }
        }
    }
}

/// The signed area of a polygon given as `[x1, y1, x2, y2, ...]` (the shoelace formula).
fn polygon_area(coords: &[f64]) -> f64 {
    let corners: Vec<(f64, f64)> = Outline::corners(coords).collect();
    let n = corners.len();
    (0..n)
        .map(|i| {
            let (x0, y0) = corners[i];
            let (x1, y1) = corners[(i + 1) % n];
            x0 * y1 - x1 * y0
        })
        .sum::<f64>()
        / 2.0
}

/// Whether `p` is inside the polygon (even-odd rule).
fn contains(corners: &[(f64, f64)], p: (f64, f64)) -> bool {
    let n = corners.len();
    let mut inside = false;
    for i in 0..n {
        let (xi, yi) = corners[i];
        let (xj, yj) = corners[(i + n - 1) % n];
        if (yi > p.1) != (yj > p.1) && p.0 < (xj - xi) * (p.1 - yi) / (yj - yi) + xi {
            inside = !inside;
        }
    }
    inside
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outlines_inside_the_image_with_an_area_pass() {
        assert_eq!(
            Outline::Circle([50.0, 50.0, 20.0]).check(100.0, 100.0),
            Ok(())
        );
        assert_eq!(
            Outline::Rect([0.0, 0.0, 100.0, 60.0]).check(100.0, 60.0),
            Ok(())
        );
        let tri = Outline::Polygon(vec![10.0, 10.0, 90.0, 10.0, 50.0, 80.0]);
        assert_eq!(tri.check(100.0, 100.0), Ok(()));
    }

    #[test]
    fn outlines_outside_the_image_or_without_area_fail() {
        let outside = OutlineError::Outside {
            width: 100.0,
            height: 100.0,
        };
        assert_eq!(
            Outline::Circle([90.0, 50.0, 20.0]).check(100.0, 100.0),
            Err(outside.clone())
        );
        assert_eq!(
            Outline::Rect([10.0, 10.0, 120.0, 20.0]).check(100.0, 100.0),
            Err(outside.clone())
        );
        assert_eq!(
            Outline::Polygon(vec![10.0, 10.0, 90.0, 10.0, 50.0, -1.0]).check(100.0, 100.0),
            Err(outside)
        );
        assert_eq!(
            Outline::Circle([50.0, 50.0, 0.0]).check(100.0, 100.0),
            Err(OutlineError::Empty)
        );
        assert_eq!(
            Outline::Rect([30.0, 10.0, 20.0, 20.0]).check(100.0, 100.0),
            Err(OutlineError::Empty)
        );
        assert_eq!(
            Outline::Polygon(vec![0.0, 0.0, 10.0, 10.0, 20.0, 20.0]).check(100.0, 100.0),
            Err(OutlineError::Empty)
        );
        assert_eq!(
            Outline::Polygon(vec![0.0, 0.0, 10.0, 10.0, 20.0]).check(100.0, 100.0),
            Err(OutlineError::Corners(5))
        );
    }

    #[test]
    fn extents_are_the_boxes_around_outlines() {
        assert_eq!(Outline::Circle([50.0, 50.0, 20.0]).extent(), (40.0, 40.0));
        assert_eq!(
            Outline::Rect([10.0, 5.0, 30.0, 60.0]).extent(),
            (20.0, 55.0)
        );
        let tri = Outline::Polygon(vec![10.0, 10.0, 90.0, 10.0, 50.0, 80.0]);
        assert_eq!(tri.extent(), (80.0, 70.0));
    }

    #[test]
    fn every_anchor_is_inside_its_outline() {
        assert_eq!(Outline::Circle([30.0, 40.0, 5.0]).anchor(), (30.0, 40.0));
        assert_eq!(
            Outline::Rect([10.0, 20.0, 30.0, 60.0]).anchor(),
            (20.0, 40.0)
        );
        let square = vec![0.0, 0.0, 10.0, 0.0, 10.0, 10.0, 0.0, 10.0];
        let (x, y) = Outline::Polygon(square).anchor();
        assert!((x - 5.0).abs() < 1e-9 && (y - 5.0).abs() < 1e-9);
        // An L shape whose centroid falls outside it: the anchor is a corner instead.
        let l = vec![
            0.0, 0.0, 100.0, 0.0, 100.0, 10.0, 10.0, 10.0, 10.0, 100.0, 0.0, 100.0,
        ];
        let corners: Vec<(f64, f64)> = Outline::corners(&l).collect();
        let a = Outline::Polygon(l.clone()).anchor();
        assert!(corners.contains(&a) || contains(&corners, a), "{a:?}");
        let tri = vec![10.0, 10.0, 90.0, 10.0, 50.0, 80.0];
        let c: Vec<(f64, f64)> = Outline::corners(&tri).collect();
        assert!(contains(&c, Outline::Polygon(tri).anchor()));
    }
}
