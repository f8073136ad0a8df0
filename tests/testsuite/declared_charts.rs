//! The charts `content/charts.yaml` declares, on the shipped content: a
//! timeline puts each snapshot at its date on a real time axis; table and
//! CSV hold each published number exactly as the figure files give it, in
//! both languages' formats; a breakdown shows what was not published; each
//! chart has its embed page, PNG and a link from the figures it draws.

use std::collections::BTreeMap;

use crate::common;

/// A declared chart as `charts.yaml` gives it (maps left out: drawn elsewhere).
struct Spec {
    id: String,
    kind: String,
    figures: Vec<String>,
    numbers: Vec<serde_yaml::Value>,
}

fn yaml(rel: &str) -> serde_yaml::Value {
    let text = std::fs::read_to_string(common::repo().join("content").join(rel)).unwrap();
    serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn specs() -> Vec<Spec> {
    let list = yaml("charts.yaml");
    let specs: Vec<Spec> = list
        .as_sequence()
        .unwrap()
        .iter()
        .filter(|c| c["kind"].as_str() != Some("map"))
        .map(|c| Spec {
            id: c["id"].as_str().unwrap().to_string(),
            kind: c["kind"].as_str().unwrap().to_string(),
            figures: c["figures"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap().to_string())
                .collect(),
            numbers: c["numbers"].as_sequence().unwrap().clone(),
        })
        .collect();
    assert!(specs.len() >= 8, "only {} declared charts", specs.len());
    specs
}

fn figure(id: &str) -> serde_yaml::Value {
    yaml(&format!("figures/{id}.yaml"))
}

/// The date a timeline places a figure at: its data's, else its announcement's.
fn date(f: &serde_yaml::Value) -> jiff::civil::Date {
    f["as_of"]
        .as_str()
        .or(f["announced"].as_str())
        .unwrap()
        .parse()
        .unwrap()
}

/// The value of a `stage:` or `measure:` number in a figure, if published.
fn number(f: &serde_yaml::Value, n: &serde_yaml::Value) -> Option<f64> {
    let (list, key, code) = match (n["stage"].as_str(), n["measure"].as_str()) {
        (Some(s), _) => ("funnel", "stage", s),
        (_, Some(m)) => ("counts", "measure", m),
        _ => return None,
    };
    f[list]
        .as_sequence()?
        .iter()
        .find(|x| x[key].as_str() == Some(code))
        .map(|x| x["value"].as_f64().unwrap())
}

/// The published parts of a `share:` or `tally:` number in a figure.
fn parts(f: &serde_yaml::Value, n: &serde_yaml::Value) -> Vec<f64> {
    let (list, field, by) = match (n["share"].as_str(), n["tally"].as_str()) {
        (Some(d), _) => ("shares", "percent", d),
        (_, Some(d)) => ("tallies", "value", d),
        _ => return Vec::new(),
    };
    f[list]
        .as_sequence()
        .into_iter()
        .flatten()
        .filter(|x| x["by"].as_str() == Some(by))
        .flat_map(|x| x["parts"].as_sequence().unwrap().clone())
        .map(|p| p[field].as_f64().unwrap())
        .collect()
}

/// The rows of a chart's CSV, header first.
fn csv_rows(rel: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(common::shipped_site().output().join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    text.split(open)
        .skip(1)
        .map(|p| p.split(close).next().unwrap())
        .collect()
}

/// The `<figure>` of chart `id` in a page.
fn chart_block<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page
        .find(&format!("<figure class=\"chart\" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no chart {id}"));
    let end = page[start..].find("</figure>").unwrap() + start;
    &page[start..end]
}

/// The cells of each body row of a chart's table, as printed.
fn table_cells(block: &str) -> Vec<Vec<String>> {
    let body = between(block, "<tbody>", "</tbody>")[0];
    between(body, "<tr>", "</tr>")
        .iter()
        .map(|row| {
            between(row, "<td class=\"num", "</td>")
                .iter()
                .map(|c| c.split_once('>').unwrap().1.to_string())
                .collect()
        })
        .collect()
}

/// A number as the English pages print it: `1,305`, `27.6%`.
fn en(x: f64, percent: bool) -> String {
    let s = if percent {
        format!("{x:.1}")
    } else {
        format!("{}", x as u64)
    };
    let (int, frac) = s
        .split_once('.')
        .map_or((s.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{grouped}.{f}%"),
        None => grouped,
    }
}

/// The same number as the Indonesian pages print it: `1.305`, `27,6 %`.
fn id(x: f64, percent: bool) -> String {
    let e = en(x, percent);
    let swapped: String = e
        .chars()
        .map(|c| match c {
            ',' => '.',
            '.' => ',',
            c => c,
        })
        .collect();
    swapped.replace('%', " %")
}

#[test]
fn a_timeline_puts_each_snapshot_at_its_date_on_a_real_time_axis() {
    let mut checked = 0;
    for spec in specs().iter().filter(|s| s.kind == "timeline") {
        let figures: Vec<serde_yaml::Value> = spec.figures.iter().map(|f| figure(f)).collect();
        let dates: Vec<jiff::civil::Date> = figures.iter().map(date).collect();
        let first = *dates.iter().min().unwrap();
        let days = |d: jiff::civil::Date| first.until(d).unwrap().get_days() as f64;
        let span = days(*dates.iter().max().unwrap());
        let svg = common::shipped_site().page(&format!("statistik/{}.svg", spec.id));
        // Each point: its x and the series its marker belongs to.
        let points: Vec<(f64, usize)> =
            between(&svg, "<g class=\"point\" transform=\"translate(", "</g>")
                .iter()
                .map(|p| {
                    let x: f64 = p.split(' ').next().unwrap().parse().unwrap();
                    let after_title = p.split("</title>").nth(1).unwrap();
                    let series = between(after_title, "class=\"s", "\"")[0].parse().unwrap();
                    (x, series)
                })
                .collect();
        let (lo, hi) = points.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
            (lo.min(p.0), hi.max(p.0))
        });
        for (k, n) in spec.numbers.iter().enumerate() {
            let published: Vec<jiff::civil::Date> = figures
                .iter()
                .zip(&dates)
                .filter(|(f, _)| number(f, n).is_some())
                .map(|(_, d)| *d)
                .collect();
            let xs: Vec<f64> = points.iter().filter(|p| p.1 == k).map(|p| p.0).collect();
            assert_eq!(
                xs.len(),
                published.len(),
                "{}: series {k} has {} points for {} published values",
                spec.id,
                xs.len(),
                published.len()
            );
            for (x, d) in xs.iter().zip(&published) {
                let at = (x - lo) / (hi - lo);
                assert!(
                    (at - days(*d) / span).abs() < 0.002,
                    "{}: the point of {d} is at {at:.4} of the axis, its date at {:.4}",
                    spec.id,
                    days(*d) / span
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} timelines");
    // The funnel over 2020: a point per snapshot date for the reported.
    let svg = common::shipped_site().page("statistik/pilkada-2020-tindak-lanjut-waktu.svg");
    assert_eq!(svg.matches("<circle r=\"4.5\" class=\"s0\"").count(), 8 + 1); // + legend
}

#[test]
fn table_and_csv_hold_each_published_number_as_the_figure_files_give_it() {
    for spec in specs() {
        let figures: Vec<serde_yaml::Value> = spec.figures.iter().map(|f| figure(f)).collect();
        for (lang, dir, format) in [
            ("id", "statistik", id as fn(f64, bool) -> String),
            ("en", "en/statistics", en),
        ] {
            let csv = csv_rows(&format!("{dir}/{}.csv", spec.id));
            assert_eq!(csv.len(), figures.len() + 1, "{} ({lang}): rows", spec.id);
            let page = common::shipped_site().page(&format!("{dir}/{}/index.html", spec.id));
            let cells = table_cells(chart_block(&page, &spec.id));
            assert_eq!(
                cells.len(),
                figures.len(),
                "{} ({lang}): table rows",
                spec.id
            );
            let not_published = if lang == "id" {
                "tidak dipublikasikan"
            } else {
                "not published"
            };
            for (i, f) in figures.iter().enumerate() {
                let row = &csv[i + 1];
                assert_eq!(row[2], spec.figures[i], "{}: row {i}", spec.id);
                // Columns: label, date, figure, the numbers…, unit.
                let values = &row[3..row.len() - 1];
                let shown = &cells[i];
                assert_eq!(values.len(), shown.len(), "{}: columns", spec.id);
                if spec.kind == "shares" {
                    // The parts, in whatever column their code has, then
                    // the remainder.
                    let n = &spec.numbers[0];
                    let percent = n["share"].is_string();
                    let mut want = parts(f, n);
                    let mut got: Vec<f64> = values[..values.len() - 1]
                        .iter()
                        .filter(|v| !v.is_empty())
                        .map(|v| v.parse().unwrap())
                        .collect();
                    want.sort_by(f64::total_cmp);
                    got.sort_by(f64::total_cmp);
                    assert_eq!(got, want, "{} ({lang}): {}", spec.id, spec.figures[i]);
                    for v in &want {
                        assert!(
                            shown.contains(&format(*v, percent)),
                            "{} ({lang}): {} not in the table row {shown:?}",
                            spec.id,
                            format(*v, percent)
                        );
                    }
                    continue;
                }
                for (k, n) in spec.numbers.iter().enumerate() {
                    match number(f, n) {
                        Some(v) => {
                            assert_eq!(values[k].parse::<f64>().unwrap(), v, "{}: CSV", spec.id);
                            assert_eq!(shown[k], format(v, false), "{} ({lang}): table", spec.id);
                        }
                        None => {
                            assert_eq!(
                                values[k], "",
                                "{}: an unpublished number in the CSV",
                                spec.id
                            );
                            assert_eq!(shown[k], not_published, "{} ({lang})", spec.id);
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn a_breakdown_shows_what_was_not_published() {
    let svg = common::shipped_site().page("statistik/jabatan-dari-waktu-ke-waktu.svg");
    let csv = csv_rows("statistik/jabatan-dari-waktu-ke-waktu.csv");
    let spec = specs()
        .into_iter()
        .find(|s| s.id == "jabatan-dari-waktu-ke-waktu")
        .unwrap();
    let mut remainders = 0;
    for (i, fid) in spec.figures.iter().enumerate() {
        let known: f64 = parts(&figure(fid), &spec.numbers[0]).iter().sum();
        let rest = ((100.0 - known) * 10.0).round() / 10.0;
        let row = &csv[i + 1];
        let cell = &row[row.len() - 2];
        if rest > 0.0 {
            assert_eq!(cell.parse::<f64>().unwrap(), rest, "{fid}: remainder");
            assert!(
                svg.contains(&format!(">{}</text>", id(rest, true))),
                "{fid}: {rest} not drawn"
            );
            remainders += 1;
        } else {
            assert_eq!(cell, "", "{fid}: a remainder where the parts make 100");
        }
    }
    assert!(remainders >= 2, "only {remainders} remainders");
    // Drawn in the gap colour, and named in every panel that has one.
    assert_eq!(svg.matches("class=\"gap\"").count(), remainders);
    assert_eq!(
        svg.matches(">Lainnya / tidak dipublikasikan</text>")
            .count(),
        remainders
    );
    let page = common::shipped_site().page("en/statistics/jabatan-dari-waktu-ke-waktu/index.html");
    assert!(chart_block(&page, "jabatan-dari-waktu-ke-waktu").contains("class=\"gap-note\""));
}

#[test]
fn each_declared_chart_has_its_page_png_and_links_in_both_languages() {
    let stats_id = common::shipped_site().page("statistik/index.html");
    let stats_en = common::shipped_site().page("en/statistics/index.html");
    let mut linked: BTreeMap<&str, usize> = BTreeMap::new();
    let specs = specs();
    for spec in &specs {
        for (dir, stats) in [("statistik", &stats_id), ("en/statistics", &stats_en)] {
            let page = common::shipped_site().page(&format!("{dir}/{}/index.html", spec.id));
            let block = chart_block(&page, &spec.id);
            assert!(
                block.contains("<title id="),
                "{}: an SVG without a name",
                spec.id
            );
            assert!(
                block.contains(&format!("{}.csv\" download", spec.id)),
                "{}: no CSV link",
                spec.id
            );
            let png = std::fs::read(
                common::shipped_site()
                    .output()
                    .join(format!("{dir}/{}.png", spec.id)),
            )
            .unwrap();
            assert_eq!(&png[1..4], b"PNG", "{}", spec.id);
            let width = u32::from_be_bytes(png[16..20].try_into().unwrap());
            assert_eq!(width, 800, "{}: the PNG is not twice the drawing", spec.id);
            let svg = common::shipped_site().page(&format!("{dir}/{}.svg", spec.id));
            assert!(
                svg.contains("fill=\"#FFFFFF\"") && !svg.contains("var(--"),
                "{}: the SVG download is not standalone",
                spec.id
            );
            chart_block(stats, &spec.id);
        }
        for fid in &spec.figures {
            let page = common::shipped_site().page(&format!("angka/{fid}/index.html"));
            if page.contains(&format!("statistik/#{}\"", spec.id)) {
                *linked.entry(spec.id.as_str()).or_default() += 1;
            }
        }
        assert_eq!(
            linked.get(spec.id.as_str()),
            Some(&spec.figures.len()),
            "{}: not every figure it draws links to it",
            spec.id
        );
    }
}
