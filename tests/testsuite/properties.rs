//! Property tests: aggregation invariants over random case sets and
//! shares, and a bounded fuzz of the content loader (runs on stable, in
//! CI, in a few seconds).

use netra::aggregate::{self, Key, Kind};
use netra::model::{Content, Origin, Record};
use proptest::prelude::*;

const POSITIONS: [&str; 3] = ["jpt", "fungsional", "administrator"];
const CATEGORIES: [&str; 3] = [
    "kampanye-medsos",
    "pendekatan-parpol",
    "keberpihakan-paslon",
];
const OUTCOMES: [&str; 3] = ["dilaporkan", "rekomendasi", "sanksi"];
const REGIONS: [&str; 4] = ["11", "31", "73", "75"];

fn vocab<T: serde::de::DeserializeOwned>(yaml: &str) -> Vec<Record<T>> {
    let items: Vec<T> = serde_yaml::from_str(yaml).unwrap();
    items
        .into_iter()
        .map(|value| Record {
            origin: Origin::default(),
            value,
        })
        .collect()
}

fn content(cases: &[(usize, Vec<usize>, usize, usize, i16)]) -> Content {
    let mut c = Content::default();
    c.vocab.positions = vocab(
        &POSITIONS
            .iter()
            .map(|p| format!("- {{code: {p}, label: {{id: {p}}}}}\n"))
            .collect::<String>(),
    );
    c.vocab.categories = vocab(
        &CATEGORIES
            .iter()
            .map(|p| format!("- {{code: {p}, label: {{id: {p}}}}}\n"))
            .collect::<String>(),
    );
    c.vocab.outcomes = vocab(
        &OUTCOMES
            .iter()
            .enumerate()
            .map(|(i, p)| format!("- {{code: {p}, label: {{id: {p}}}, stage: {}}}\n", i + 1))
            .collect::<String>(),
    );
    c.vocab.regions = vocab(
        &REGIONS
            .iter()
            .map(|p| format!("- {{code: \"{p}\", iso: ID-XX, label: {{id: R{p}}}}}\n"))
            .collect::<String>(),
    );
    c.cases = cases
        .iter()
        .enumerate()
        .map(|(i, (pos, cats, out, reg, year))| {
            let cats: Vec<&str> = cats.iter().map(|&k| CATEGORIES[k]).collect();
            let yaml = format!(
                "id: c-{i}\ndate: {year}-06-01\nelection: e\nregion: \"{}\"\nagency: A\nposition: {}\ncategories: [{}]\noutcome: {}\nsource: s\n",
                REGIONS[*reg],
                POSITIONS[*pos],
                cats.join(", "),
                OUTCOMES[*out]
            );
            Record { origin: Origin::default(), value: serde_yaml::from_str(&yaml).unwrap() }
        })
        .collect();
    c
}

fn case_strategy() -> impl Strategy<Value = (usize, Vec<usize>, usize, usize, i16)> {
    (
        0..3usize,
        proptest::collection::btree_set(0..3usize, 1..=3).prop_map(|s| s.into_iter().collect()),
        0..3usize,
        0..4usize,
        2018..2025i16,
    )
}

fn rows(stats: &aggregate::Stats, id: &str) -> Vec<(Key, f64)> {
    stats
        .charts
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("no chart {id}"))
        .rows
        .iter()
        .map(|r| (r.key.clone(), r.value))
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn case_facets_sum_to_totals_and_order_is_stable(cases in proptest::collection::vec(case_strategy(), 1..60), seed in any::<u64>()) {
        let c = content(&cases);
        let idx = netra::model::Index::build(&c);
        let stats = aggregate::aggregate(&c, &idx);
        let n = cases.len() as f64;
        for id in ["kasus-per-jabatan", "kasus-per-provinsi", "kasus-per-tahun"] {
            let sum: f64 = rows(&stats, id).iter().map(|r| r.1).sum();
            prop_assert_eq!(sum, n, "{} does not sum to the number of cases", id);
        }
        let cat_sum: f64 = rows(&stats, "kasus-per-kategori").iter().map(|r| r.1).sum();
        let labels: usize = cases.iter().map(|k| k.1.len()).sum();
        prop_assert_eq!(cat_sum, labels as f64);
        let funnel = rows(&stats, "kasus-tindak-lanjut");
        prop_assert_eq!(funnel[0].1, n, "every case was reported");
        prop_assert!(funnel.windows(2).all(|w| w[0].1 >= w[1].1), "funnel grows: {:?}", funnel);
        let by_pos = rows(&stats, "kasus-per-jabatan");
        prop_assert!(by_pos.windows(2).all(|w| w[0].1 > w[1].1 || (w[0].1 == w[1].1 && w[0].0 < w[1].0)), "not sorted by value then code");
        // The order records were loaded in does not change any chart.
        let mut shuffled = cases.clone();
        let len = shuffled.len();
        for i in 0..len {
            shuffled.swap(i, (seed as usize).wrapping_mul(i + 7) % len);
        }
        let c2 = content(&shuffled);
        let stats2 = aggregate::aggregate(&c2, &netra::model::Index::build(&c2));
        for (a, b) in stats.charts.iter().zip(&stats2.charts) {
            prop_assert_eq!(&a.id, &b.id);
            let ra: Vec<_> = a.rows.iter().map(|r| (r.key.clone(), r.value)).collect();
            let rb: Vec<_> = b.rows.iter().map(|r| (r.key.clone(), r.value)).collect();
            prop_assert_eq!(ra, rb);
        }
    }

    #[test]
    fn share_remainders_stay_within_0_and_100(parts in proptest::collection::vec(0u32..=400, 1..5)) {
        // Tenths of a percent, scaled so the parts never exceed 100 % together.
        let total: u32 = parts.iter().sum();
        let scale = if total > 1000 { 1000.0 / f64::from(total) } else { 1.0 };
        let percents: Vec<f64> = parts.iter().map(|&p| (f64::from(p) * scale).floor() / 10.0).collect();
        let yaml = format!(
            "id: f\ntitle: {{id: F}}\nas_of: 2020-07-31\nsource: s\nshares:\n  - by: position\n    of: m\n    parts:\n{}",
            percents.iter().enumerate().map(|(i, p)| format!("      - {{code: p{i}, percent: {p}}}\n")).collect::<String>()
        );
        let c = Content {
            figures: vec![Record { origin: Origin::default(), value: serde_yaml::from_str(&yaml).unwrap() }],
            ..Default::default()
        };
        let stats = aggregate::aggregate(&c, &netra::model::Index::build(&c));
        let share = stats.charts.iter().find(|a| a.kind == Kind::Share).unwrap();
        let sum: f64 = share.rows.iter().map(|r| r.value).sum();
        prop_assert!(share.rows.iter().all(|r| (0.0..=100.0).contains(&r.value)));
        prop_assert!((sum - 100.0).abs() < 0.051 || percents.iter().sum::<f64>() >= 99.95, "parts and remainder make {}", sum);
        let gaps = share.rows.iter().filter(|r| r.key == Key::NotPublished).count();
        prop_assert!(gaps <= 1);
    }

    #[test]
    fn integers_format_and_read_back(n in any::<u32>()) {
        let l: netra::i18n::Locale = serde_yaml::from_str("decimal: \",\"\ngroup: \".\"\nmonths: [a,b,c,d,e,f,g,h,i,j,k,l]\nstrings: {}\n").unwrap();
        let text = netra::format::integer(u64::from(n), &l);
        prop_assert_eq!(text.replace('.', "").parse::<u64>().unwrap(), u64::from(n));
        let mut groups: Vec<&str> = text.split('.').collect();
        let first = groups.remove(0);
        prop_assert!(first.len() <= 3 && groups.iter().all(|g| g.len() == 3));
    }
}

/// The loader never panics, whatever bytes a content file holds.
mod fuzz {
    use super::*;
    use crate::common::Scratch;

    /// YAML-flavoured noise: structure characters, keys of the model, and
    /// arbitrary text, so the fuzz reaches past the YAML parser.
    fn yamlish() -> impl Strategy<Value = String> {
        let atoms = prop_oneof![
            Just("id: ".to_string()),
            Just("value: ".to_string()),
            Just("shares:\n  - by: position\n    parts:\n".to_string()),
            Just("  - ".to_string()),
            Just("\n".to_string()),
            Just("&a [*a, *a]".to_string()),
            Just("---\n".to_string()),
            Just("{".to_string()),
            Just("\"".to_string()),
            "[a-z0-9 :\\-\\[\\]{},.#&*!|>'\"%@`]{0,12}",
            any::<String>(),
        ];
        proptest::collection::vec(atoms, 0..30).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        #[test]
        fn loading_arbitrary_content_never_panics(text in yamlish(), bytes in proptest::collection::vec(any::<u8>(), 0..200), which in 0..4usize) {
            let s = Scratch::new();
            let rel = ["figures/kasn-2018.yaml", "press/2020-08-05-gnn-asn-seri-kedua.md", "vocab/regions.yaml", "site.yaml"][which];
            let mut data = text.into_bytes();
            if which == 1 {
                data = [b"---\n".as_slice(), &data, b"\n---\nbody\n"].concat();
            }
            data.extend(bytes.iter().filter(|_| which == 2));
            s.write_bytes(rel, &data);
            let (content, problems) = netra::load::load(&s.content());
            let (_, more) = netra::validate::validate(&content);
            let mut all = problems;
            all.extend(more.0);
            netra::report::locate_all(&mut all, &s.content());
            // Every problem names a file.
            prop_assert!(all.iter().all(|p| !p.file.is_empty()));
        }
    }
}
