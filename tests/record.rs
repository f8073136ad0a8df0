//! The public record of `../shared/FACTS-2018-2025.md` in the shipped
//! content, read through netra's own loader: every row of its figures
//! table with its numbers, producer, date and outlet; every conflict with
//! both sides; no chart that mixes Bawaslu's cases with civil servants;
//! and downloads whose text cells a spreadsheet cannot run.

mod common;

use std::collections::BTreeMap;

use common::Scratch;
use netra::model::{Content, Figure};

fn shipped() -> Content {
    let (content, problems) = netra::load::load(&common::repo().join("content"));
    assert!(problems.is_empty(), "{problems}");
    let (_, problems) = netra::validate::validate(&content);
    assert!(problems.is_empty(), "{problems}");
    content
}

fn figure<'a>(c: &'a Content, id: &str) -> &'a Figure {
    &c.figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

/// Every number a figure holds, keyed the way the table below names them:
/// `count:<measure>`, `funnel:<stage>`, `share:<by>:<code>`,
/// `tally:<by>:<code>`, `rate:<part>/<of>`.
fn numbers(f: &Figure) -> BTreeMap<String, f64> {
    let mut n = BTreeMap::new();
    for c in &f.counts {
        n.insert(format!("count:{}", c.measure), c.value as f64);
    }
    for s in &f.funnel {
        n.insert(format!("funnel:{}", s.stage), s.value as f64);
    }
    for s in &f.shares {
        for p in &s.parts {
            n.insert(format!("share:{}:{}", s.by.key(), p.code), p.percent);
        }
    }
    for t in &f.tallies {
        for p in &t.parts {
            n.insert(format!("tally:{}:{}", t.by.key(), p.code), p.value as f64);
        }
    }
    for r in &f.rates {
        n.insert(format!("rate:{}/{}", r.part, r.of), r.percent);
    }
    n
}

/// One row of the facts file: its number, the figure holding it, the
/// producer, the date of the data (or, where the source gave none, the day
/// it was stated), the outlets that reported it (source ids), and its
/// numbers as published.
struct Row {
    row: &'static str,
    figure: &'static str,
    producer: &'static str,
    date: &'static str,
    outlets: &'static [&'static str],
    numbers: &'static [(&'static str, f64)],
}

const ROWS: &[Row] = &[
    Row {
        row: "1",
        figure: "kasn-rekomendasi-2015",
        producer: "kasn",
        date: "2020-12-21",
        outlets: &["republika-2020-12-21"],
        numbers: &[("funnel:rekomendasi", 29.0)],
    },
    Row {
        row: "1, 2",
        figure: "kasn-rekomendasi-2018",
        producer: "kasn",
        date: "2020-12-21",
        outlets: &["republika-2020-12-21"],
        numbers: &[
            ("funnel:rekomendasi", 508.0),
            ("rate:sanksi/rekomendasi", 17.0),
        ],
    },
    Row {
        row: "1, 2",
        figure: "kasn-rekomendasi-2019",
        producer: "kasn",
        date: "2020-12-21",
        outlets: &["republika-2020-12-21"],
        numbers: &[
            ("funnel:rekomendasi", 386.0),
            ("rate:sanksi/rekomendasi", 38.0),
        ],
    },
    Row {
        row: "1, 2",
        figure: "kasn-rekomendasi-2020",
        producer: "kasn",
        date: "2020-12-21",
        outlets: &["republika-2020-12-21", "republika-2020-12-27"],
        numbers: &[
            ("funnel:rekomendasi", 872.0),
            ("funnel:sanksi", 635.0),
            ("rate:sanksi/rekomendasi", 72.8),
        ],
    },
    Row {
        row: "2a",
        figure: "kasn-2020-12-21",
        producer: "kasn",
        date: "2020-12-21",
        outlets: &["republika-2020-12-21"],
        numbers: &[
            ("count:pengaduan-kasn", 1305.0),
            ("count:pengaduan-diproses-kasn", 985.0),
            ("rate:pengaduan-diproses-kasn/pengaduan-kasn", 75.5),
        ],
    },
    Row {
        row: "3",
        figure: "bawaslu-2018-07-05",
        producer: "bawaslu",
        date: "2018-07-05",
        outlets: &["rumahpemilu-2018-07-05"],
        numbers: &[
            ("count:diteruskan-bawaslu", 356.0),
            ("tally:region:73", 157.0),
            ("tally:region:32", 48.0),
        ],
    },
    Row {
        row: "3 (2017)",
        figure: "bawaslu-2017",
        producer: "bawaslu",
        date: "2018-07-05",
        outlets: &["rumahpemilu-2018-07-05"],
        numbers: &[
            ("count:diteruskan-bawaslu", 29.0),
            ("count:asn-dalam-kasus-bawaslu", 75.0),
        ],
    },
    Row {
        row: "4",
        figure: "bawaslu-2019-03-01",
        producer: "bawaslu",
        date: "2019-03-01",
        outlets: &["detik-2019-03-08", "kompas-2019-03-08", "bisnis-2019-03-08"],
        numbers: &[
            ("count:dugaan-pelanggaran-bawaslu", 165.0),
            ("count:ditindaklanjuti-kasn-bawaslu", 24.0),
            ("tally:region:33", 43.0),
            ("tally:region:73", 26.0),
            ("tally:region:74", 19.0),
            ("tally:region:32", 17.0),
            ("tally:region:36", 16.0),
            ("tally:region:51", 8.0),
            ("tally:region:76", 7.0),
            ("tally:region:52", 6.0),
            ("tally:region:14", 5.0),
            ("tally:region:64", 5.0),
            ("tally:region:19", 3.0),
            ("tally:region:21", 2.0),
            ("tally:region:16", 2.0),
            ("tally:region:81", 1.0),
            ("tally:category:dukungan-medsos", 40.0),
            ("tally:category:tindakan-menguntungkan", 27.0),
            ("tally:category:hadir-kampanye", 23.0),
            ("tally:category:atribut-kampanye", 16.0),
            ("tally:category:anggota-parpol", 14.0),
            ("tally:category:hadir-non-kampanye", 10.0),
            ("tally:category:caleg-tanpa-mundur", 2.0),
            ("tally:category:tim-kampanye", 1.0),
        ],
    },
    Row {
        row: "5",
        figure: "kasn-2019-04-15",
        producer: "kasn",
        date: "2019-04-15",
        outlets: &["antara-2019-04-16", "beritasatu-2019-04-16"],
        numbers: &[
            ("count:pengaduan-kasn", 128.0),
            ("count:pengaduan-diproses-kasn", 85.0),
            ("count:pengaduan-pendalaman-kasn", 42.0),
            ("tally:region:73", 30.0),
            ("tally:region:33", 15.0),
            ("tally:region:74", 14.0),
            ("tally:region:76", 10.0),
            ("tally:region:35", 7.0),
        ],
    },
    Row {
        row: "6",
        figure: "bawaslu-pemilu-2019",
        producer: "bawaslu",
        date: "2022-08-24",
        outlets: &["alinea-2022-08-24", "detik-2022-09-27"],
        numbers: &[
            ("count:temuan-bawaslu", 914.0),
            ("count:laporan-bawaslu", 85.0),
            ("count:diteruskan-bawaslu", 894.0),
            ("count:bukan-pelanggaran-bawaslu", 101.0),
            ("count:pidana-pemilu-bawaslu", 4.0),
        ],
    },
    Row {
        row: "7",
        figure: "kasn-2020-06-26",
        producer: "kasn",
        date: "2020-06-26",
        outlets: &["okezone-2020-06-30", "kompas-2020-06-30"],
        numbers: &[
            ("funnel:dilaporkan", 369.0),
            ("funnel:rekomendasi", 283.0),
            ("funnel:sanksi", 99.0),
            ("share:position:jpt", 36.0),
            ("share:position:fungsional", 17.0),
            ("share:position:administrator", 13.0),
            ("share:position:pelaksana", 12.0),
            ("share:position:camat-lurah", 7.0),
            ("share:category:kampanye-medsos", 27.0),
            ("share:category:pendekatan-parpol", 21.0),
            ("share:category:baliho", 13.0),
            ("share:category:deklarasi-diri", 9.0),
            ("share:category:hadir-deklarasi", 4.0),
        ],
    },
    Row {
        row: "8",
        figure: "kasn-2020-07-31",
        producer: "kasn",
        date: "2020-07-31",
        outlets: &[
            "republika-2020-08-05",
            "radarnews-2020-08-05",
            "dwipanews-2020-08-05",
            "tribunnews-2020-08-05",
        ],
        numbers: &[
            ("funnel:dilaporkan", 456.0),
            ("funnel:rekomendasi", 344.0),
            ("funnel:sanksi", 189.0),
            ("rate:sanksi/rekomendasi", 54.9),
            ("share:position:jpt", 27.6),
            ("share:position:fungsional", 25.4),
            ("share:position:administrator", 14.3),
            ("share:category:pendekatan-parpol", 21.5),
            ("share:category:kampanye-medsos", 21.3),
            ("share:category:keberpihakan-paslon", 13.6),
        ],
    },
    Row {
        row: "9",
        figure: "kasn-2020-08-19",
        producer: "kasn",
        date: "2020-08-19",
        outlets: &["kompas-2020-08-26", "tribunnews-2020-08-26"],
        numbers: &[
            ("funnel:dilaporkan", 490.0),
            ("funnel:rekomendasi", 372.0),
            ("funnel:sanksi", 194.0),
            ("rate:sanksi/rekomendasi", 52.2),
            ("share:position:jpt", 27.1),
            ("share:position:fungsional", 25.5),
            ("share:position:administrator", 14.9),
            ("share:position:pelaksana", 12.0),
            ("share:position:camat-lurah", 9.0),
        ],
    },
    Row {
        row: "10",
        figure: "kasn-2020-10-07",
        producer: "kasn",
        date: "2020-09-30",
        outlets: &["kompas-2020-10-07", "radarcirebon-2020-10-07"],
        numbers: &[
            ("funnel:dilaporkan", 694.0),
            ("funnel:rekomendasi", 492.0),
            ("funnel:sanksi", 256.0),
            ("tally:region:74", 90.0),
            ("tally:region:52", 83.0),
            ("tally:region:33", 74.0),
            ("tally:region:73", 49.0),
            ("tally:region:35", 42.0),
        ],
    },
    Row {
        row: "11",
        figure: "bawaslu-2020-10-04",
        producer: "bawaslu",
        date: "2020-10-04",
        outlets: &["rmol-2020-10-07"],
        numbers: &[
            ("count:dugaan-pelanggaran-bawaslu", 805.0),
            ("count:temuan-bawaslu", 744.0),
            ("count:laporan-bawaslu", 61.0),
            ("count:bukan-pelanggaran-bawaslu", 81.0),
            ("count:diteruskan-bawaslu", 719.0),
            ("tally:category:dukungan-medsos", 284.0),
            ("tally:category:hadir-kegiatan-paslon", 108.0),
            ("tally:category:pendekatan-parpol", 104.0),
            ("tally:region:74", 92.0),
            ("tally:region:73", 88.0),
            ("tally:region:82", 88.0),
            ("tally:region:52", 66.0),
            ("tally:region:72", 56.0),
        ],
    },
    Row {
        row: "12",
        figure: "kasn-2020-10-27",
        producer: "kasn",
        date: "2020-10-27",
        outlets: &["kumparan-2020-10-27", "kompasid-2020-10-27"],
        numbers: &[
            ("funnel:dilaporkan", 793.0),
            ("funnel:rekomendasi", 571.0),
            ("funnel:sanksi", 325.0),
            ("rate:sanksi/rekomendasi", 56.9),
        ],
    },
    Row {
        row: "13",
        figure: "bkn-2020-11-05",
        producer: "bkn",
        date: "2020-11-05",
        outlets: &["bkn-2020-11-05", "detikfinance-2020-11-05"],
        numbers: &[
            ("funnel:dilaporkan", 827.0),
            ("funnel:rekomendasi", 606.0),
            ("funnel:sanksi", 362.0),
            ("share:position:fungsional", 25.7),
            ("share:position:jpt", 22.8),
            ("share:position:administrator", 14.6),
            ("share:position:pelaksana", 12.9),
            ("share:position:camat-lurah", 11.5),
        ],
    },
    Row {
        row: "14",
        figure: "bkn-2020-11-26",
        producer: "bkn",
        date: "2020-11-26",
        outlets: &[
            "tribunnews-2020-11-28",
            "kompastv-2020-11-28",
            "bisnis-2020-11-30",
        ],
        numbers: &[
            ("funnel:dilaporkan", 1005.0),
            ("funnel:rekomendasi", 727.0),
            ("funnel:sanksi", 580.0),
            ("count:asn-belum-ditindaklanjuti", 147.0),
            ("count:asn-dalam-proses", 121.0),
            ("count:asn-diblokir", 26.0),
        ],
    },
    Row {
        row: "15 (Bawaslu)",
        figure: "bawaslu-2020-12-19",
        producer: "bawaslu",
        date: "2020-12-19",
        outlets: &["republika-2020-12-27", "beritanusa-2020-12-28"],
        numbers: &[
            ("count:diteruskan-bawaslu", 1194.0),
            ("count:asn-dalam-kasus-bawaslu", 1645.0),
        ],
    },
    Row {
        row: "15 (KASN)",
        figure: "kasn-2020-12-19",
        producer: "kasn",
        date: "2020-12-19",
        outlets: &["republika-2020-12-27", "beritanusa-2020-12-28"],
        numbers: &[
            ("funnel:dilaporkan", 1305.0),
            ("funnel:rekomendasi", 872.0),
            ("funnel:sanksi", 635.0),
            ("rate:rekomendasi/dilaporkan", 66.8),
        ],
    },
    Row {
        row: "16",
        figure: "kasn-pilkada-2020-akhir-2021",
        producer: "kasn",
        date: "2021-12-16",
        outlets: &["detik-2021-12-16", "tribunnews-2021-12-17"],
        numbers: &[
            ("funnel:dilaporkan", 2007.0),
            ("funnel:rekomendasi", 1588.0),
            ("funnel:sanksi", 1365.0),
        ],
    },
    Row {
        row: "17, 18",
        figure: "kasn-pilkada-2020-akhir-2022",
        producer: "kasn",
        date: "2022-05-31",
        outlets: &[
            "okezone-2022-05-31",
            "tvone-2023-01-31",
            "kompas-2023-10-06",
        ],
        numbers: &[
            ("funnel:dilaporkan", 2034.0),
            ("funnel:rekomendasi", 1596.0),
            ("funnel:sanksi", 1373.0),
            ("count:sanksi-moral-tertutup", 130.0),
            ("count:sanksi-moral-terbuka", 533.0),
            ("count:hukdis-ringan", 32.0),
            ("count:hukdis-sedang", 884.0),
            ("count:hukdis-berat", 17.0),
            ("share:position:fungsional", 26.5),
            ("share:position:pelaksana", 17.2),
            ("share:position:jpt", 15.7),
            ("share:position:administrator", 13.4),
            ("share:position:pengawas", 11.8),
            ("share:category:kampanye-medsos", 30.4),
            ("share:category:keberpihakan-paslon", 22.4),
            ("share:category:foto-gestur", 12.6),
            ("share:category:hadir-deklarasi", 10.9),
            ("share:category:pendekatan-parpol", 5.6),
        ],
    },
    Row {
        row: "19",
        figure: "kasn-pilkada-2020-akhir-2024",
        producer: "kasn",
        date: "2024-02-06",
        outlets: &[
            "antarajabar-2024-02-06",
            "beritabaru-2024-02-06",
            "mistar-2024-02-06",
        ],
        numbers: &[
            ("funnel:dilaporkan", 2034.0),
            ("funnel:rekomendasi", 1597.0),
            ("funnel:sanksi", 1450.0),
            ("rate:rekomendasi/dilaporkan", 78.5),
            ("rate:sanksi/rekomendasi", 90.8),
        ],
    },
    Row {
        row: "20",
        figure: "kasn-pilkada-2020-akhir-2023",
        producer: "kasn",
        date: "2023-10-06",
        outlets: &["kompas-2023-10-06", "mediakampung-2023-10-06"],
        numbers: &[
            ("funnel:dilaporkan", 2073.0),
            ("funnel:rekomendasi", 1605.0),
            ("funnel:sanksi", 1402.0),
            ("rate:rekomendasi/dilaporkan", 77.5),
        ],
    },
    Row {
        row: "21",
        figure: "bawaslu-pilkada-2020",
        producer: "bawaslu",
        date: "2022-09-27",
        outlets: &["detik-2022-09-27", "khatulistiwaonline-2022-09-27"],
        numbers: &[
            ("count:dugaan-pelanggaran-bawaslu", 1536.0),
            ("count:diteruskan-bawaslu", 1398.0),
            ("count:dihentikan-bawaslu", 53.0),
        ],
    },
    Row {
        row: "22",
        figure: "kasn-2024-02-06",
        producer: "kasn",
        date: "2024-02-06",
        outlets: &[
            "antarajabar-2024-02-06",
            "beritabaru-2024-02-06",
            "mistar-2024-02-06",
            "tribunnews-2024-02-06",
        ],
        numbers: &[
            ("funnel:dilaporkan", 403.0),
            ("funnel:rekomendasi", 183.0),
            ("funnel:sanksi", 97.0),
            ("rate:rekomendasi/dilaporkan", 45.4),
            ("rate:sanksi/rekomendasi", 53.0),
        ],
    },
    Row {
        row: "23",
        figure: "kasn-2024-02-06-provinsi",
        producer: "kasn",
        date: "2024-02-06",
        outlets: &["harianreportase-2024-02-06", "radarkepahiang-2024-02-06"],
        numbers: &[
            ("tally:region:73", 45.0),
            ("tally:region:74", 29.0),
            ("tally:region:33", 22.0),
            ("tally:region:76", 20.0),
            ("tally:region:72", 8.0),
            ("count:asn-diberhentikan", 13.0),
        ],
    },
    Row {
        row: "24",
        figure: "kemendagri-2024-03-25",
        producer: "kemendagri",
        date: "2024-03-25",
        outlets: &["okezone-2024-03-25", "republika-2024-03-25"],
        numbers: &[
            ("funnel:dilaporkan", 450.0),
            ("funnel:rekomendasi", 240.0),
            ("funnel:sanksi", 180.0),
        ],
    },
    Row {
        row: "25",
        figure: "kemendagri-2024-03-25-rincian",
        producer: "kemendagri",
        date: "2024-03-25",
        outlets: &["idntimes-2024-03-25", "databoks-2024-03-25"],
        numbers: &[
            ("share:position:fungsional", 23.3),
            ("share:position:jpt", 22.9),
            ("share:position:pelaksana", 18.3),
            ("share:position:camat-lurah", 16.7),
            ("share:position:administrator", 10.4),
            ("share:category:unggah-suka-akun-kampanye", 15.8),
            ("share:category:ikut-kegiatan-kampanye", 12.9),
            ("share:category:kampanye-medsos", 11.3),
            ("share:category:kegiatan-partisan", 10.8),
            ("share:category:anggota-parpol", 7.1),
        ],
    },
    Row {
        row: "26",
        figure: "kasn-2024-06-12",
        producer: "kasn",
        date: "2024-06-12",
        outlets: &["tirto-2024-06-12", "kumparan-2024-06-12"],
        numbers: &[("count:asn-dilaporkan", 464.0)],
    },
    Row {
        row: "26 (2023)",
        figure: "kasn-2024-06-12-2023",
        producer: "kasn",
        date: "2024-06-12",
        outlets: &["tirto-2024-06-12", "kumparan-2024-06-12"],
        numbers: &[
            ("funnel:dilaporkan", 262.0),
            ("count:asn-selesai-ditangani", 259.0),
            ("funnel:rekomendasi", 141.0),
            ("rate:rekomendasi/asn-selesai-ditangani", 54.0),
            ("funnel:sanksi", 98.0),
        ],
    },
    Row {
        row: "26 (2024)",
        figure: "kasn-2024-06-12-2024",
        producer: "kasn",
        date: "2024-06-12",
        outlets: &["tirto-2024-06-12", "kumparan-2024-06-12"],
        numbers: &[("funnel:dilaporkan", 202.0), ("funnel:sanksi", 67.0)],
    },
    Row {
        row: "27",
        figure: "bawaslu-2024-12-02",
        producer: "bawaslu",
        date: "2024-12-02",
        outlets: &["okezone-2024-12-03", "rmol-2024-12-03"],
        numbers: &[
            ("count:dugaan-pelanggaran-bawaslu", 433.0),
            ("count:pelanggaran-bawaslu", 314.0),
            ("count:bukan-pelanggaran-bawaslu", 99.0),
        ],
    },
    Row {
        row: "28",
        figure: "kemendagri-2024-12-04",
        producer: "kemendagri",
        date: "2024-12-04",
        outlets: &["nusabali-2024-12-04", "voi-2024-12-04"],
        numbers: &[
            ("funnel:dilaporkan", 1158.0),
            ("count:asn-menunggu-verifikasi-bkn", 667.0),
            ("count:asn-menunggu-ppk", 436.0),
            ("count:asn-tidak-terbukti", 24.0),
            ("count:asn-dibatalkan", 27.0),
            ("count:asn-ditolak", 60.0),
            ("funnel:sanksi", 19.0),
        ],
    },
];

#[test]
fn every_row_of_the_facts_file_is_in_content_with_its_numbers_producer_date_and_outlets() {
    let c = shipped();
    let rows: std::collections::BTreeSet<&str> = ROWS
        .iter()
        .flat_map(|r| r.row.split([',', ' ']).filter(|p| !p.is_empty()))
        .collect();
    for n in (1..=28).map(|n| n.to_string()).chain(["2a".to_string()]) {
        assert!(
            rows.contains(n.as_str()),
            "row {n} of the facts file is not covered"
        );
    }
    for r in ROWS {
        let f = figure(&c, r.figure);
        assert_eq!(f.producer.as_deref(), Some(r.producer), "row {}", r.row);
        // The date of the data where the source gave one, else the day
        // the numbers were stated.
        let date = f.as_of.or(f.announced).map(|d| d.to_string());
        assert_eq!(date.as_deref(), Some(r.date), "row {}: {}", r.row, f.id);
        for outlet in r.outlets {
            assert!(
                f.source == *outlet || f.other_sources.iter().any(|s| s == outlet),
                "row {}: {} does not cite {outlet}",
                r.row,
                f.id
            );
            let src = c.sources.iter().find(|s| s.id == *outlet).unwrap();
            assert!(!src.outlet.trim().is_empty(), "{outlet}");
        }
        let held = numbers(f);
        for (key, value) in r.numbers {
            assert_eq!(
                held.get(*key),
                Some(value),
                "row {}: {} {key} (has {held:?})",
                r.row,
                f.id
            );
        }
    }
}

#[test]
fn the_two_shipped_figures_are_corrected_and_logged() {
    let c = shipped();
    let f = figure(&c, "kasn-2020-10-07");
    assert_eq!(f.as_of.unwrap().to_string(), "2020-09-30");
    assert_eq!(f.announced.unwrap().to_string(), "2020-10-07");
    let log: Vec<(&str, &str)> = c
        .corrections
        .iter()
        .map(|k| (k.figure.as_str(), k.field.as_str()))
        .collect();
    for entry in [
        ("kasn-2020-10-07", "as_of"),
        ("kasn-2018", "title"),
        ("kasn-2019", "title"),
    ] {
        assert!(log.contains(&entry), "{entry:?} not in the corrections log");
    }
    for k in &c.corrections {
        for text in [&k.old, &k.new, &k.reason] {
            assert!(
                text.0.contains_key("id") && text.0.contains_key("en"),
                "{}",
                k.id
            );
        }
    }
    // The 2018 and 2019 numbers are kept under both names, each with its source.
    assert_eq!(
        numbers(figure(&c, "kasn-2018"))["count:laporan-pengaduan"],
        508.0
    );
    assert_eq!(figure(&c, "kasn-2018").source, "kilas24-2020-03-08");
    assert_eq!(
        numbers(figure(&c, "kasn-rekomendasi-2018"))["funnel:rekomendasi"],
        508.0
    );
    assert_eq!(
        figure(&c, "kasn-rekomendasi-2018").source,
        "republika-2020-12-21"
    );
}

#[test]
fn each_conflict_keeps_every_side_with_its_source() {
    let c = shipped();
    // (conflict, values its claims must hold, from at least two sources)
    let expected: [(&str, &[f64]); 10] = [
        ("kasn-2018-2019-sebutan", &[508.0, 386.0, 985.0]),
        ("kasn-2020-09-30-tanggal", &[694.0]),
        ("pilkada-2020-akhir-kasn", &[2007.0, 2034.0, 2073.0]),
        ("pilkada-2020-bawaslu-total", &[1536.0, 1546.0]),
        ("pemilu-2019-bawaslu-total", &[165.0, 160.0]),
        ("pemilu-2019-kasn-pendalaman", &[42.0, 52.0]),
        ("pemilu-2024-tiga-angka", &[403.0, 450.0, 464.0, 43.0]),
        ("bkn-2020-11-26-jumlah", &[727.0]),
        ("pilkada-2024-bawaslu-selisih", &[433.0]),
        ("pemilu-2019-bawaslu-rincian", &[165.0, 160.0, 133.0]),
    ];
    assert_eq!(c.conflicts.len(), expected.len());
    for (id, values) in expected {
        let k = c
            .conflicts
            .iter()
            .find(|k| k.id == id)
            .unwrap_or_else(|| panic!("no conflict {id}"));
        let held: Vec<f64> = k.claims.iter().filter_map(|x| x.value).collect();
        for v in values {
            assert!(held.contains(v), "{id} lacks {v}: {held:?}");
        }
        assert!(k.claims.len() >= 2, "{id}");
        for claim in &k.claims {
            assert!(c.sources.iter().any(|s| s.id == claim.source), "{id}");
            assert!(claim.says.0.contains_key("id") && claim.says.0.contains_key("en"));
        }
        assert!(k.note.0.contains_key("en") && k.title.0.contains_key("en"));
    }
    // Where two outlets give different numbers for one figure, the figure
    // keeps one and the conflict the other: nothing is lost.
    let bawaslu = c
        .conflicts
        .iter()
        .find(|k| k.id == "pilkada-2020-bawaslu-total")
        .unwrap();
    let sources: Vec<&str> = bawaslu.claims.iter().map(|x| x.source.as_str()).collect();
    assert_eq!(sources, ["detik-2022-09-27", "alinea-2022-08-24"]);
    let date = c
        .conflicts
        .iter()
        .find(|k| k.id == "kasn-2020-09-30-tanggal")
        .unwrap();
    let dates: Vec<String> = date
        .claims
        .iter()
        .filter_map(|x| x.as_of.map(|d| d.to_string()))
        .collect();
    assert_eq!(dates, ["2020-10-07", "2020-09-30"]);
}

#[test]
fn versions_of_the_pilkada_2020_totals_form_one_dated_chain() {
    let c = shipped();
    let chain = [
        "kasn-pilkada-2020-akhir-2021",
        "kasn-pilkada-2020-akhir-2022",
        "kasn-pilkada-2020-akhir-2023",
        "kasn-pilkada-2020-akhir-2024",
    ];
    assert_eq!(figure(&c, chain[0]).revises, None);
    for pair in chain.windows(2) {
        let (old, new) = (figure(&c, pair[0]), figure(&c, pair[1]));
        assert_eq!(new.revises.as_deref(), Some(pair[0]));
        assert!(new.announced > old.announced, "{} is not later", pair[1]);
    }
}

#[test]
fn the_producers_vocabulary_holds_the_four_with_their_units_and_periods() {
    let c = shipped();
    let p: BTreeMap<&str, (&str, Option<&str>, Option<&str>)> = c
        .vocab
        .producers
        .iter()
        .map(|p| {
            (
                p.code.as_str(),
                (p.unit.as_str(), p.from.as_deref(), p.until.as_deref()),
            )
        })
        .collect();
    assert_eq!(p["bawaslu"].0, "cases");
    assert_eq!(p["kasn"], ("people", Some("2014"), Some("2024-08-23")));
    assert_eq!(p["bkn"], ("people", Some("2024-09"), None));
    assert_eq!(p["kemendagri"].0, "people");
    let page = c.institutions.as_ref().expect("institutions.yaml");
    for lang in ["id", "en"] {
        let body = &page.body.0[lang];
        for needle in ["91", "121/PUU-XXII/2024", "BKN"] {
            assert!(body.contains(needle), "{lang} page lacks {needle}");
        }
    }
}

#[test]
fn the_province_vocabulary_holds_the_38_official_codes() {
    let c = shipped();
    let codes: Vec<(&str, &str)> = c
        .vocab
        .regions
        .iter()
        .map(|r| (r.code.as_str(), r.label.0["id"].as_str()))
        .collect();
    assert_eq!(codes.len(), 38);
    // The provinces formed in 2022, with their Kemendagri codes.
    for p in [
        ("93", "Papua Selatan"),
        ("94", "Papua Tengah"),
        ("95", "Papua Pegunungan"),
        ("96", "Papua Barat Daya"),
    ] {
        assert!(codes.contains(&p), "{p:?}");
    }
}

/// A chart that draws KASN's civil servants and Bawaslu's cases in one
/// series is refused at the figure that brings the second unit in.
#[test]
fn a_chart_that_mixes_cases_and_civil_servants_is_refused_with_file_and_line() {
    let s = Scratch::new();
    let charts = s.read("charts.yaml");
    let mixed = "- id: campuran\n  kind: compare\n  title:\n    id: \"Campuran\"\n  figures:\n    - kasn-2020-10-07\n    - bawaslu-2020-10-04\n  numbers:\n    - stage: dilaporkan\n    - measure: dugaan-pelanggaran-bawaslu\n";
    s.write("charts.yaml", &format!("{charts}{mixed}"));
    // The line of `- bawaslu-2020-10-04` in the file as written.
    let line = charts.lines().count() + 7;
    let out = s.check();
    let err = common::stderr(&out);
    assert!(!out.status.success(), "a mixed chart passed check");
    assert!(
        err.contains(&format!("content/charts.yaml:{line}:")),
        "no file and line {line}:\n{err}"
    );
    assert!(err.contains("units mixed in one chart"), "{err}");
    assert!(err.contains("figures[1]"), "{err}");
    assert!(err.contains("`bawaslu-2020-10-04` in cases"), "{err}");
    assert!(err.contains("numbers in people"), "{err}");
}

/// Bawaslu counts cases: a funnel of civil servants in one of its figures
/// is refused at the funnel.
#[test]
fn a_funnel_of_people_from_a_producer_that_counts_cases_is_refused() {
    let s = Scratch::new();
    let fig = "figures/bawaslu-2024-12-02.yaml";
    let text = s.read(fig);
    s.write(
        fig,
        &format!("{text}funnel:\n  - stage: dilaporkan\n    value: 433\n"),
    );
    // The report points at the funnel's first stage.
    let line = text.lines().count() + 2;
    let out = s.check();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains(&format!("content/{fig}:{line}:")), "{err}");
    assert!(
        err.contains("a funnel of civil servants from a producer that counts cases"),
        "{err}"
    );
}

/// A text cell that starts like a formula reaches the CSV with a leading
/// `'`, so a spreadsheet shows it and never runs it; numbers stay numbers.
#[test]
fn text_cells_that_start_like_a_formula_cannot_run_in_a_spreadsheet() {
    let s = Scratch::new();
    let fig = "figures/kasn-2020-07-31.yaml";
    s.replace(
        fig,
        "  id: \"ASN yang",
        "  id: \"=HYPERLINK(\\\"http://x\\\")+ASN yang",
    );
    s.replace(
        "sources.yaml",
        "outlet: \"KILAS24.COM\"",
        "outlet: \"@SUM(1+1)\"",
    );
    s.replace(
        "sources.yaml",
        "outlet: \"Tribunnews.com\"",
        "outlet: \"-2+3\"",
    );
    let out = s.build();
    assert!(out.status.success(), "{}", common::stderr(&out));
    let mut r = csv::Reader::from_path(s.output().join("data/figures.csv")).unwrap();
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (title, value, outlet) = (col("title"), col("value"), col("source_outlet"));
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let ours: Vec<_> = rows.iter().filter(|r| &r[0] == "kasn-2020-07-31").collect();
    assert!(!ours.is_empty());
    for row in &ours {
        assert_eq!(
            &row[title],
            "'=HYPERLINK(\"http://x\")+ASN yang dilaporkan melanggar netralitas pada Pilkada 2020, per 31 Juli 2020"
        );
        assert_eq!(&row[outlet], "'-2+3");
    }
    let kilas: Vec<_> = rows.iter().filter(|r| &r[0] == "kasn-2018").collect();
    assert!(kilas.iter().all(|r| &r[outlet] == "'@SUM(1+1)"));
    // No text cell anywhere starts like a formula, and every value is a
    // plain number (or empty, for "leading" rows).
    for row in &rows {
        for (i, cell) in row.iter().enumerate() {
            if i == value {
                assert!(cell.is_empty() || cell.parse::<f64>().is_ok(), "{cell:?}");
            } else {
                assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
            }
        }
    }
    let sources = std::fs::read_to_string(s.output().join("data/sources.csv")).unwrap();
    assert!(
        sources.contains(",'@SUM(1+1),") && sources.contains(",'-2+3,"),
        "{sources}"
    );
}

/// The record's new files are scanned for personal data like every other
/// text: a phone number in a conflict's claim is refused where it stands.
#[test]
fn personal_data_in_the_record_is_refused() {
    let s = Scratch::new();
    s.replace(
        "conflicts.yaml",
        "\"1.546 dugaan pelanggaran.\"",
        "\"1.546 dugaan pelanggaran; hubungi 081234567890.\"",
    );
    let out = s.check();
    let err = common::stderr(&out);
    assert!(!out.status.success());
    assert!(err.contains("content/conflicts.yaml:"), "{err}");
    assert!(err.contains("claims[1].says.id"), "{err}");
    assert!(
        !err.contains("081234567890"),
        "the report republishes it: {err}"
    );
}
