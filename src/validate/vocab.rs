//! Rules for `vocab/*.yaml`.

use super::rules::{self, Cx};
use crate::model::{Origin, Region};
use crate::problem::{FieldPath, Problem};

pub fn check(cx: &mut Cx) {
    let v = &cx.content.vocab;
    let key = |k: &str| FieldPath::root().key(k);

    for (name, list) in [
        (
            "positions",
            v.positions
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect::<Vec<_>>(),
        ),
        (
            "categories",
            v.categories
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect(),
        ),
        (
            "outcomes",
            v.outcomes
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect(),
        ),
        (
            "elections",
            v.elections
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect(),
        ),
        (
            "measures",
            v.measures
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect(),
        ),
        (
            "regions",
            v.regions
                .iter()
                .map(|r| (&r.origin, r.code.as_str(), &r.label))
                .collect(),
        ),
    ] {
        if list.is_empty() {
            let origin = Origin::file(format!("vocab/{name}.yaml"));
            cx.push(
                Problem::new(&origin, FieldPath::root(), "empty vocabulary")
                    .expected("at least one entry")
                    .found("none"),
            );
        }
        for (origin, code, label) in &list {
            if name == "regions" {
                if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())) {
                    cx.push(
                        Problem::new(origin, key("code"), "not a province code")
                            .expected("the two-digit Kemendagri code, quoted: \"73\"")
                            .found(format!("{code:?}")),
                    );
                }
            } else {
                rules::slug(cx, origin, key("code"), code);
            }
            cx.localized(origin, key("label"), label);
        }
        rules::unique(cx, "code", "code", list.iter().map(|(o, c, _)| (*o, *c)));
    }

    for p in &v.positions {
        if let Some(parent) = &p.parent {
            cx.known(
                &p.origin,
                key("parent"),
                parent,
                &cx.index.positions,
                "vocab/positions.yaml",
            );
            if parent == &p.code {
                cx.push(
                    Problem::new(
                        &p.origin,
                        key("parent"),
                        "a position cannot be its own parent",
                    )
                    .expected("the code of a broader position")
                    .found(format!("`{parent}`")),
                );
            }
        }
    }
    let mut stages = std::collections::HashMap::new();
    for o in &v.outcomes {
        if let Some(first) = stages.insert(o.stage, o.code.clone()) {
            cx.push(
                Problem::new(&o.origin, key("stage"), "two outcomes share a stage")
                    .expected(format!("a stage number not used by `{first}`"))
                    .found(o.stage.to_string()),
            );
        }
    }
    for m in &v.measures {
        if !super::record::MEASURE_UNITS.contains(&m.unit.as_str()) {
            cx.push(
                Problem::new(&m.origin, key("unit"), "unknown unit")
                    .expected("`people`, `reports` or `cases`")
                    .found(format!("`{}`", m.unit)),
            );
        }
    }
    for e in &v.elections {
        if !["pilkada", "pemilu"].contains(&e.kind.as_str()) {
            cx.push(
                Problem::new(&e.origin, key("kind"), "unknown election kind")
                    .expected("`pilkada` or `pemilu`")
                    .found(format!("`{}`", e.kind)),
            );
        }
    }
    for r in &v.regions {
        let iso_ok = r.iso.len() == 5
            && r.iso.starts_with("ID-")
            && r.iso[3..].bytes().all(|b| b.is_ascii_uppercase());
        if !iso_ok {
            cx.push(
                Problem::new(
                    &r.origin,
                    key("iso"),
                    "not an ISO 3166-2 code for Indonesia",
                )
                .expected("`ID-` and two capital letters: `ID-SN`")
                .found(format!("{:?}", r.iso)),
            );
        }
    }
    tiles(cx);
}

/// The tile map's layout: every province on a tile of its own, within
/// [`Region::MAX_TILE`] columns and rows, or no layout at
/// all (the map then lays the tiles out in code order).
fn tiles(cx: &mut Cx) {
    const MAX_GRID: u8 = Region::MAX_TILE;
    let content = cx.content;
    let regions = &content.vocab.regions;
    let key = || FieldPath::root().key("tile");
    let Some(first) = regions.iter().find(|r| r.tile.is_some()) else {
        return;
    };
    let mut problems = Vec::new();
    let mut taken: std::collections::HashMap<[u8; 2], &str> = Default::default();
    for r in regions {
        let Some(tile) = r.tile else {
            problems.push(
                Problem::new(&r.origin, key(), "a province without a tile")
                    .expected(format!(
                        "`tile: [column, row]`, as `{}` has: every province or none",
                        first.code
                    ))
                    .found("no `tile`"),
            );
            continue;
        };
        if tile.iter().any(|&x| x >= MAX_GRID) {
            problems.push(
                Problem::new(&r.origin, key(), "a tile off the map")
                    .expected(format!("a column and a row below {MAX_GRID}"))
                    .found(format!("{tile:?}")),
            );
        } else if let Some(other) = taken.insert(tile, &r.code) {
            problems.push(
                Problem::new(&r.origin, key(), "two provinces on one tile")
                    .expected(format!("a tile not taken by `{other}`"))
                    .found(format!("{tile:?}")),
            );
        }
    }
    for p in problems {
        cx.push(p);
    }
}
