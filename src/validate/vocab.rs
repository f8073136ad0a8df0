//! Rules for `vocab/*.yaml`.

use super::rules::{self, Cx};
use crate::message::Message;
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
            cx.push(Problem::msg(
                &origin,
                FieldPath::root(),
                Message::EmptyVocabulary,
            ));
        }
        for (origin, code, label) in &list {
            if name == "regions" {
                if !(code.len() == 2 && code.bytes().all(|b| b.is_ascii_digit())) {
                    cx.push(Problem::msg(
                        origin,
                        key("code"),
                        Message::NotAProvinceCode {
                            code: code.to_string(),
                        },
                    ));
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
                cx.push(Problem::msg(
                    &p.origin,
                    key("parent"),
                    Message::OwnParent {
                        code: parent.clone(),
                    },
                ));
            }
        }
    }
    let mut stages = std::collections::HashMap::new();
    for o in &v.outcomes {
        if let Some(first) = stages.insert(o.stage, o.code.clone()) {
            cx.push(Problem::msg(
                &o.origin,
                key("stage"),
                Message::StageTaken {
                    stage: o.stage,
                    first,
                },
            ));
        }
    }
    for m in &v.measures {
        if !super::record::MEASURE_UNITS.contains(&m.unit.as_str()) {
            cx.push(Problem::msg(
                &m.origin,
                key("unit"),
                Message::UnknownUnit {
                    unit: m.unit.clone(),
                },
            ));
        }
    }
    for e in &v.elections {
        if !["pilkada", "pemilu"].contains(&e.kind.as_str()) {
            cx.push(Problem::msg(
                &e.origin,
                key("kind"),
                Message::UnknownElectionKind {
                    kind: e.kind.clone(),
                },
            ));
        }
    }
    for r in &v.regions {
        let iso_ok = r.iso.len() == 5
            && r.iso.starts_with("ID-")
            && r.iso[3..].bytes().all(|b| b.is_ascii_uppercase());
        if !iso_ok {
            cx.push(Problem::msg(
                &r.origin,
                key("iso"),
                Message::NotAnIsoProvinceCode { iso: r.iso.clone() },
            ));
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
            problems.push(Problem::msg(
                &r.origin,
                key(),
                Message::ProvinceWithoutTile {
                    example: first.code.clone(),
                },
            ));
            continue;
        };
        if tile.iter().any(|&x| x >= MAX_GRID) {
            problems.push(Problem::msg(
                &r.origin,
                key(),
                Message::TileOffTheMap {
                    tile,
                    max: MAX_GRID,
                },
            ));
        } else if let Some(other) = taken.insert(tile, &r.code) {
            problems.push(Problem::msg(
                &r.origin,
                key(),
                Message::TileTaken {
                    tile,
                    other: other.to_string(),
                },
            ));
        }
    }
    for p in problems {
        cx.push(p);
    }
}
