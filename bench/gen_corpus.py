#!/usr/bin/env python3
"""Synthetic content folder for benchmarking netra (and Hugo on the same
press releases).

Deterministic from --seed: the same arguments give the same bytes.
Python 3.11 standard library only.

    python3 bench/gen_corpus.py --out bench/out/press-10000 --press 10000 --cases 0
    python3 bench/gen_corpus.py --out bench/out/mixed --press 10000 --cases 100000

The folder holds site.yaml and vocab/ copied from the shipped content
(--from, default: the repository's content/), the shipped sources and
figure snapshots plus synthetic ones, N press releases and M case
records. Every file follows docs/content-model.md and the whole folder
passes `netra check`.

Everything generated is invented for benchmarking and says so where a
reader could take it for a fact (synthetic sources and figures are
titled "sintetis"). The prose names roles and institutions, never a
person; it holds no 18-digit number, phone number or e-mail address
(each text is checked against netra's privacy patterns before writing).

A hidden manifest, OUT/.corpus.json, records the arguments and the
sources as a map for the Hugo templates; netra skips hidden files.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import re
import random
import shutil
import sys
from pathlib import Path

GENERATOR_VERSION = 3
REPO = Path(__file__).resolve().parent.parent

# ---------------------------------------------------------------------------
# netra's privacy patterns (src/validate/privacy.rs), checked before writing.
PRIVACY = [
    re.compile(r"\b\d{8}[ .]?\d{6}[ .]?\d[ .]?\d{3}\b"),
    re.compile(r"(?:\+62|\b0)[ .-]?8\d{1,3}[ .-]?\d{3,4}[ .-]?\d{3,5}\b"),
    re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"),
]
FIRST_STOP = re.compile(r"\.(?=\s|$)")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def nwords(text: str) -> int:
    """Words as a reader counts them: tokens with a letter or a digit."""
    return sum(1 for w in text.split() if any(ch.isalnum() for ch in w))


def private_ok(text: str) -> bool:
    return not any(p.search(text) for p in PRIVACY)


# ---------------------------------------------------------------------------
# Minimal readers for the shipped vocabularies (flat YAML lists written the
# way content/vocab/*.yaml is). Only what the generator needs: codes,
# Indonesian labels, election dates.

def read_vocab(path: Path) -> list[dict]:
    items: list[dict] = []
    cur: dict | None = None
    in_label = False
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip()
        if not line or line.lstrip().startswith("#"):
            continue
        m = re.match(r"^- code: \"?([^\"]+)\"?$", line)
        if m:
            cur = {"code": m.group(1)}
            items.append(cur)
            in_label = False
            continue
        if cur is None:
            continue
        m = re.match(r"^  (\w+):\s*(.*)$", line)
        if m:
            key, val = m.group(1), m.group(2)
            in_label = key == "label" and val == ""
            if val:
                cur[key] = val.strip('"')
            continue
        m = re.match(r"^    (id|en): \"(.*)\"$", line)
        if m and in_label:
            cur["label_" + m.group(1)] = m.group(2)
    return items


# ---------------------------------------------------------------------------
# Formatting helpers.

BULAN = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli",
         "Agustus", "September", "Oktober", "November", "Desember"]
HARI = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]


def tanggal(d: dt.date, with_day: bool = False) -> str:
    s = f"{d.day} {BULAN[d.month - 1]} {d.year}"
    return f"{HARI[d.weekday()]}, {s}" if with_day else s


def angka(n: int) -> str:
    """Indonesian thousands separator: 1.234."""
    return f"{n:,}".replace(",", ".")


def persen(x: float) -> str:
    return f"{x:.1f}".replace(".", ",") + " persen"


def q(s: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(s, ensure_ascii=False)


def slugify(s: str) -> str:
    s = s.lower()
    for a, b in (("é", "e"), ("è", "e"), ("'", ""), ("’", "")):
        s = s.replace(a, b)
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return re.sub(r"-+", "-", s)


# ---------------------------------------------------------------------------
# Word and phrase bank. Roles and institutions only, never a person's name.

LEMBAGA = [
    "Bawaslu", "KASN", "BKN", "Kemendagri", "Kementerian PANRB",
    "inspektorat daerah", "BKD", "Bawaslu provinsi", "Bawaslu kabupaten/kota",
]
LEMBAGA_PANJANG = {
    "Bawaslu": "Badan Pengawas Pemilihan Umum (Bawaslu)",
    "KASN": "Komisi Aparatur Sipil Negara (KASN)",
    "BKN": "Badan Kepegawaian Negara (BKN)",
    "Kemendagri": "Kementerian Dalam Negeri (Kemendagri)",
    "Kementerian PANRB": "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi (Kementerian PANRB)",
}
PERAN = [
    "Ketua Bawaslu provinsi", "anggota Bawaslu kabupaten yang membidangi penanganan pelanggaran",
    "Asisten KASN bidang pengawasan netralitas", "komisioner KASN", "Sekretaris daerah",
    "Kepala BKD", "Inspektur daerah", "Kepala kantor regional BKN",
    "Koordinator divisi hukum Bawaslu", "Kepala Bagian Organisasi sekretariat daerah",
    "Direktur pada Kementerian Dalam Negeri", "Deputi pada Kementerian PANRB",
    "Penjabat bupati", "Penjabat wali kota", "Ketua Panwaslu kecamatan",
]
KEGIATAN = [
    "rapat koordinasi pengawasan netralitas ASN", "sosialisasi netralitas ASN",
    "apel siaga netralitas", "deklarasi netralitas ASN", "bimbingan teknis penanganan pelanggaran",
    "diskusi kelompok terpumpun tentang netralitas birokrasi", "kampanye publik Gerakan Nasional Netralitas ASN",
    "penandatanganan pakta integritas", "rapat evaluasi pengawasan tahapan", "seminar penguatan netralitas ASN",
    "patroli pengawasan media sosial", "sekolah kader pengawasan partisipatif",
]
TEMPAT = [
    "aula kantor gubernur", "gedung sekretariat daerah", "kantor Bawaslu provinsi",
    "balai diklat daerah", "pendopo kabupaten", "ruang rapat inspektorat", "gedung serbaguna pemerintah kota",
    "kantor regional BKN", "auditorium universitas negeri setempat",
]
PELANGGARAN = [
    "mengunggah dan menyebarkan materi kampanye di media sosial",
    "memberikan tanda suka dan komentar dukungan pada unggahan pasangan calon",
    "menghadiri deklarasi bakal pasangan calon",
    "mendaftarkan diri sebagai bakal calon tanpa mengundurkan diri",
    "melakukan pendekatan ke partai politik untuk pencalonan",
    "menggunakan fasilitas kantor untuk kegiatan pemenangan",
    "mengadakan pertemuan yang mengarah pada keberpihakan kepada salah satu pasangan calon",
    "memasang alat peraga yang memuat foto pejabat bersama bakal calon",
    "mengajak bawahan mendukung salah satu calon",
    "menjadi anggota tim sukses secara tidak resmi",
]
ATURAN = [  # (name, what it says, year it was issued)
    ("Undang-Undang Nomor 5 Tahun 2014 tentang Aparatur Sipil Negara",
     "menempatkan netralitas sebagai salah satu asas penyelenggaraan kebijakan dan manajemen ASN", 2014),
    ("Peraturan Pemerintah Nomor 94 Tahun 2021 tentang Disiplin Pegawai Negeri Sipil",
     "mengatur jenis hukuman disiplin bagi pegawai yang terbukti memberikan dukungan kepada calon", 2021),
    ("Peraturan Pemerintah Nomor 42 Tahun 2004 tentang Pembinaan Jiwa Korps dan Kode Etik PNS",
     "memuat kewajiban pegawai untuk menjaga etika dalam bernegara dan berorganisasi", 2004),
    ("Undang-Undang Nomor 10 Tahun 2016 tentang Pemilihan Gubernur, Bupati, dan Wali Kota",
     "melarang pejabat daerah dan ASN membuat keputusan atau tindakan yang menguntungkan salah satu pasangan calon", 2016),
    ("Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum",
     "melarang pelaksana kampanye mengikutsertakan aparatur sipil negara", 2017),
    ("keputusan bersama tentang Pedoman Pembinaan dan Pengawasan Netralitas Pegawai ASN",
     "membagi peran pembinaan dan pengawasan di antara lembaga yang berwenang", 2022),
]


def aturan_berlaku(d: dt.date) -> list[tuple[str, str]]:
    return [(a, b) for a, b, y in ATURAN if y <= d.year]


AJAKAN = [
    "menjaga jarak yang sama dengan semua peserta pemilihan",
    "tidak ikut menyebarkan konten politik praktis melalui akun pribadi",
    "melaporkan dugaan pelanggaran melalui kanal pengaduan resmi",
    "memastikan pelayanan publik tetap berjalan tanpa membedakan pilihan politik warga",
    "menolak ajakan menghadiri kegiatan pemenangan",
    "membaca kembali kode etik dan kode perilaku ASN",
    "memisahkan urusan kedinasan dari kepentingan kelompok",
]
JUDUL = [
    "{lembaga} Ingatkan ASN {prov} Jaga Netralitas Menjelang {pemilu}",
    "{n} Dugaan Pelanggaran Netralitas ASN Ditangani di {prov}",
    "{lembaga} Gelar {Kegiatan} di {prov}",
    "ASN {prov} Diminta Tidak Terlibat Politik Praktis pada {pemilu}",
    "Pengawasan Netralitas ASN Diperketat Jelang {pemilu}",
    "KASN Terbitkan {n} Rekomendasi Sanksi bagi ASN yang Melanggar Netralitas",
    "Bawaslu Temukan Unggahan Kampanye oleh ASN di Media Sosial",
    "{lembaga} dan Pemerintah Daerah {prov} Teken Komitmen Netralitas",
    "Tindak Lanjut Rekomendasi KASN di {prov} Masih Rendah",
    "Netralitas Birokrasi Jadi Sorotan dalam {Kegiatan}",
    "Laporan Pelanggaran Netralitas ASN pada {pemilu} Naik, Pengawas Perkuat Pencegahan",
    "{lembaga} Minta PPK di {prov} Segera Jatuhkan Sanksi",
]
RINGKASAN = [
    "{lembaga} menggelar {kegiatan} di {prov} dan mengingatkan ASN untuk menjaga netralitas menjelang {pemilu}.",
    "Pengawas mencatat {n} dugaan pelanggaran netralitas ASN di {prov}; sebagian besar berkaitan dengan media sosial.",
    "KASN meminta pejabat pembina kepegawaian di {prov} menindaklanjuti rekomendasi atas pelanggaran netralitas ASN.",
    "Pemerintah daerah dan pengawas pemilu di {prov} sepakat memperkuat pencegahan pelanggaran netralitas ASN selama {pemilu}.",
    "{lembaga} memaparkan data pengaduan netralitas ASN dan menegaskan kembali larangan berpolitik praktis bagi pegawai.",
]

# Tag bank: topical tags first (the broad ones head the Zipf ranking), then
# provinces (added by the region slug), elections, event-year tags.
TAG_TOPIK = [
    "netralitas-asn", "bawaslu", "kasn", "pengawasan", "pencegahan", "media-sosial",
    "sanksi", "rekomendasi", "sosialisasi", "deklarasi", "pilkada", "pemilu",
    "birokrasi", "kode-etik", "disiplin-pns", "ppk", "bkn", "kemendagri", "kemenpanrb",
    "inspektorat", "laporan-pengaduan", "politik-praktis", "kampanye", "kampanye-virtual",
    "gnn-asn", "data-kasn", "pakta-integritas", "apel-siaga", "rapat-koordinasi",
    "pengawasan-partisipatif", "penanganan-pelanggaran", "kepala-desa", "tenaga-honorer",
    "jpt", "jabatan-fungsional", "jabatan-administrasi", "sekretaris-daerah", "guru",
    "tenaga-kesehatan", "camat", "lurah", "pelayanan-publik", "politik-uang",
    "alat-peraga", "tim-sukses", "mutasi-jabatan", "penjabat-kepala-daerah", "petahana",
    "evaluasi", "edukasi-pemilih", "literasi-digital", "hoaks", "ujaran-kebencian",
]
TAG_ACARA = [
    "sosialisasi", "rakor", "apel", "bimtek", "seminar", "deklarasi", "patroli-siber",
    "evaluasi", "sekolah-kader", "fgd", "kampanye-publik", "pakta-integritas",
    "rekapitulasi", "kunjungan-kerja", "pelatihan",
]
TAG_SASARAN = ["asn", "pengawas", "pemilih", "kepala-desa", "guru", "media-sosial", "camat"]


# ---------------------------------------------------------------------------

class Gen:
    def __init__(self, args: argparse.Namespace):
        self.a = args
        self.rng = random.Random(args.seed)
        src = Path(args.src)
        self.src = src
        self.regions = read_vocab(src / "vocab/regions.yaml")
        self.positions = read_vocab(src / "vocab/positions.yaml")
        self.categories = read_vocab(src / "vocab/categories.yaml")
        self.outcomes = read_vocab(src / "vocab/outcomes.yaml")
        self.elections = read_vocab(src / "vocab/elections.yaml")
        self.measures = read_vocab(src / "vocab/measures.yaml")
        for e in self.elections:
            e["date_obj"] = dt.date.fromisoformat(e["date"])
        self.elections.sort(key=lambda e: e["date_obj"])
        self.outcomes.sort(key=lambda o: int(o["stage"]))
        for v, name in ((self.regions, "regions"), (self.positions, "positions"),
                        (self.categories, "categories"), (self.outcomes, "outcomes"),
                        (self.elections, "elections"), (self.measures, "measures")):
            if not v:
                sys.exit(f"gen_corpus: no entries read from vocab/{name}.yaml")
        self.sources: list[dict] = []
        self.figures: list[dict] = []  # {id, date}
        self.tags = self.make_tags()
        self.tag_cum = self.zipf_cum(len(self.tags), args.zipf)

    # -- tags -------------------------------------------------------------
    def make_tags(self) -> list[str]:
        n = self.a.tags
        r = random.Random(self.a.seed + 1)
        pool = list(TAG_TOPIK)
        extra = [e["code"] for e in self.elections]
        extra += ["provinsi-" + slugify(x["label_id"]) for x in self.regions]
        extra += [f"{a}-{b}" for a in TAG_ACARA for b in TAG_SASARAN]
        r.shuffle(extra)
        tags: list[str] = []
        for t in pool + extra:
            if t not in tags:
                tags.append(t)
        i = 1
        while len(tags) < n:  # only when --tags exceeds the bank
            tags.append(f"topik-{i}")
            i += 1
        tags = tags[:n]
        assert all(SLUG.match(t) for t in tags)
        return tags

    @staticmethod
    def zipf_cum(n: int, s: float) -> list[float]:
        w = [1.0 / (r ** s) for r in range(1, n + 1)]
        tot = sum(w)
        acc, out = 0.0, []
        for x in w:
            acc += x / tot
            out.append(acc)
        return out

    def pick_tags(self, k: int) -> list[str]:
        import bisect
        chosen: list[str] = []
        while len(chosen) < k:
            i = bisect.bisect_left(self.tag_cum, self.rng.random())
            t = self.tags[min(i, len(self.tags) - 1)]
            if t not in chosen:
                chosen.append(t)
        return chosen

    # -- helpers ------------------------------------------------------------
    def election_for(self, d: dt.date) -> dict:
        for e in self.elections:
            if e["date_obj"] >= d:
                return e
        return self.elections[-1]

    def rand_date(self, lo: dt.date, hi: dt.date) -> dt.date:
        return lo + dt.timedelta(days=self.rng.randrange((hi - lo).days + 1))

    def slots(self, prov: str, pemilu: str) -> dict:
        r = self.rng
        keg = r.choice(KEGIATAN)
        return {
            "lembaga": r.choice(["Bawaslu", "KASN", "BKN", "Kemendagri", "Kementerian PANRB"]),
            "prov": prov,
            "pemilu": pemilu,
            "kegiatan": keg,
            "Kegiatan": " ".join(w[:1].upper() + w[1:] for w in keg.split()),
            "n": angka(r.randint(3, 480)),
        }

    # -- sources ----------------------------------------------------------
    def write_sources(self, out: Path) -> None:
        shipped = (self.src / "sources.yaml").read_text(encoding="utf-8")
        for m in re.finditer(r"^- id: (\S+)\n(?:  .*\n)*?  date: (\d{4}-\d{2}-\d{2})", shipped, re.M):
            self.sources.append({"id": m.group(1), "date": m.group(2), "synthetic": False})
        # outlets / titles of the shipped entries, for the Hugo data map
        for s, block in zip(self.sources, re.split(r"^- id: ", shipped, flags=re.M)[1:]):
            mo = re.search(r'^  outlet: "(.*)"$', block, re.M)
            mt = re.search(r'^    id: "(.*)"$', block, re.M)
            s["outlet"] = mo.group(1) if mo else s["id"]
            s["title"] = mt.group(1) if mt else s["id"]
        r = random.Random(self.a.seed + 2)
        lines = [shipped.rstrip("\n"), "",
                 "# Synthetic sources below: written by bench/gen_corpus.py for benchmarks.",
                 "# They describe no real report."]
        lo, hi = dt.date(2018, 1, 1), dt.date(2025, 6, 30)
        kinds = ["Portal berita daerah", "Situs resmi Bawaslu kabupaten", "Siaran pers KASN",
                 "Radio publik daerah", "Laman humas pemerintah provinsi", "Harian regional"]
        for i in range(1, self.a.sources + 1):
            d = lo + dt.timedelta(days=r.randrange((hi - lo).days + 1))
            prov = r.choice(self.regions)["label_id"]
            sid = f"sintetis-{i:04d}-{d.isoformat()}"
            outlet = f"{r.choice(kinds)} (sumber sintetis {i}), {prov}"
            title_id = f"Laporan sintetis {i} tentang pengawasan netralitas ASN di {prov}"
            title_en = f"Synthetic report {i} on ASN neutrality oversight in {prov}"
            lines += [f"- id: {sid}", f"  outlet: {q(outlet)}", "  title:",
                      f"    id: {q(title_id)}", f"    en: {q(title_en)}",
                      f"  date: {d.isoformat()}", f"  place: {q(prov)}"]
            self.sources.append({"id": sid, "date": d.isoformat(), "synthetic": True,
                                 "outlet": outlet, "title": title_id})
        text = "\n".join(lines) + "\n"
        assert private_ok(text)
        (out / "sources.yaml").write_text(text, encoding="utf-8")

    # -- figures ----------------------------------------------------------
    def write_figures(self, out: Path) -> None:
        fdir = out / "figures"
        fdir.mkdir()
        for f in sorted((self.src / "figures").glob("*.yaml")):
            shutil.copyfile(f, fdir / f.name)
            text = f.read_text(encoding="utf-8")
            # The date of the data, else its year's end, else the day it
            # was announced (the record's final totals carry only that).
            m = re.search(r"^as_of: (\S+)", text, re.M)
            y = re.search(r"^year: (\d+)", text, re.M)
            a = re.search(r"^announced: (\S+)", text, re.M)
            d = m.group(1) if m else f"{y.group(1)}-12-31" if y else a.group(1) if a else "2015-01-01"
            t = re.search(r'^title:\n  id: "(.*)"$', text, re.M)
            self.figures.append({"id": f.stem, "date": d, "title": t.group(1) if t else f.stem})
        r = random.Random(self.a.seed + 3)
        synth = [s for s in self.sources if s["synthetic"]] or self.sources
        # Synthetic snapshots are KASN's: they count civil servants, and
        # a figure's numbers never mix units.
        measures = [m["code"] for m in self.measures if m.get("unit", "people") == "people"]
        for k in range(self.a.figures):
            year = 2021 + k % 4
            fid = f"sintetis-rekap-{year}" + (f"-{k // 4 + 1}" if k >= 4 else "")
            src = r.choice(synth)["id"]
            e = self.election_for(dt.date(year, 1, 1))
            reported = r.randint(300, 2500)
            rec = int(reported * r.uniform(0.5, 0.8))
            sanc = int(rec * r.uniform(0.4, 0.8))
            lines = [
                f"# Synthetic figure snapshot for benchmarks (bench/gen_corpus.py); not real data.",
                f"id: {fid}",
                "title:",
                f"  id: {q(f'Rekapitulasi sintetis pelanggaran netralitas ASN, {year} (data uji kinerja)')}",
                f"  en: {q(f'Synthetic tally of ASN neutrality breaches, {year} (benchmark data)')}",
                f"year: {year}",
                f"election: {e['code']}",
                "producer: kasn",
                f"source: {src}",
                'compiled_by: "KASN"',
                "counts:",
                f"  - measure: {measures[k % len(measures)]}",
                f"    value: {reported}",
                "funnel:",
            ]
            vals = [reported, rec, sanc]
            for o, v in zip(self.outcomes, vals + [sanc] * 10):
                lines += [f"  - stage: {o['code']}", f"    value: {v}"]
            shares = [("region", [x["code"] for x in self.regions]),
                      ("position", [x["code"] for x in self.positions if "parent" not in x]),
                      ("category", [x["code"] for x in self.categories])]
            lines.append("shares:")
            for by, codes in shares:
                pick = r.sample(codes, min(len(codes), 5 if by == "region" else 3))
                left = 100.0
                lines += [f"  - by: {by}", f"    of: {measures[k % len(measures)]}", "    parts:"]
                for c in pick:
                    p = round(r.uniform(2.0, left / 2.2), 1)
                    left -= p
                    code = q(c) if by == "region" else c
                    lines += [f"      - code: {code}", f"        percent: {p}"]
            lines += ["leading:", "  - by: category", f"    code: {self.categories[k % len(self.categories)]['code']}",
                      "note:",
                      f"  id: {q('Angka sintetis untuk uji kinerja netra; bukan data resmi.')}",
                      f"  en: {q('Synthetic numbers for benchmarking netra; not official data.')}"]
            (fdir / f"{fid}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
            self.figures.append({"id": fid, "date": f"{year}-12-31",
                                 "title": f"Rekapitulasi sintetis pelanggaran netralitas ASN, {year} (data uji kinerja)"})

    # -- press ----------------------------------------------------------------
    def sentence_bank(self, s: dict, d: dt.date, prov: str) -> dict[str, list[str]]:
        r = self.rng
        L = LEMBAGA_PANJANG.get(s["lembaga"], s["lembaga"])
        peran = r.choice(PERAN)
        peran2 = r.choice(PERAN)
        pel = r.sample(PELANGGARAN, 3)
        aturan, isi = r.choice(aturan_berlaku(d))
        aj = r.sample(AJAKAN, 3)
        n1 = r.randint(12, 900)
        n2 = int(n1 * r.uniform(0.3, 0.9))
        n3 = int(n2 * r.uniform(0.2, 0.8))
        return {
            "buka": [
                f"{L} menggelar {s['kegiatan']} di {r.choice(TEMPAT)}, Provinsi {prov}, pada {tanggal(d, True)}.",
                f"Kegiatan ini diikuti sekitar {angka(r.randint(40, 1200))} peserta dari unsur pemerintah daerah, pengawas pemilu, dan organisasi masyarakat sipil.",
                f"Pertemuan tersebut merupakan bagian dari rangkaian persiapan menghadapi {s['pemilu']}.",
                f"Tema yang diangkat adalah penguatan netralitas aparatur sipil negara di tengah meningkatnya suhu politik daerah.",
                f"Panitia menyebut kegiatan serupa akan digelar di kabupaten dan kota lain di {prov} dalam beberapa pekan ke depan.",
            ],
            "kutip": [
                f"{peran[:1].upper() + peran[1:]} di {prov} menegaskan bahwa ASN wajib bersikap netral sejak tahapan awal hingga penetapan hasil.",
                f"Menurutnya, pelanggaran netralitas sering bermula dari hal yang dianggap sepele, seperti {pel[0]}.",
                f"Ia mengingatkan bahwa jabatan dan fasilitas negara tidak boleh dipakai untuk kepentingan pasangan calon mana pun.",
                f"Ia juga meminta setiap pimpinan instansi memberi contoh dan tidak menekan bawahan untuk mendukung calon tertentu.",
                f"Dalam kesempatan yang sama, {peran2} menyampaikan bahwa pengawasan tidak akan berhasil tanpa partisipasi warga.",
                f"Warga yang menemukan dugaan pelanggaran diminta melapor dengan menyertakan bukti yang cukup, misalnya tangkapan layar atau dokumentasi kegiatan.",
            ],
            "data": [
                f"Sepanjang periode pengawasan, pengawas mencatat {angka(n1)} laporan dugaan pelanggaran netralitas ASN di {prov}.",
                f"Dari jumlah itu, {angka(n2)} laporan diteruskan kepada KASN setelah dinilai memenuhi syarat formal dan material.",
                f"KASN kemudian menerbitkan rekomendasi untuk {angka(n3)} ASN yang dinyatakan terbukti melanggar.",
                f"Jenis pelanggaran yang paling banyak ditemukan adalah {pel[1]}, disusul {pel[2]}.",
                f"Sebagian besar terlapor berasal dari jabatan fungsional dan jabatan administrasi, meskipun pejabat pimpinan tinggi juga tercatat.",
                f"Pengawas menilai angka tersebut belum menggambarkan seluruh kejadian karena banyak pelanggaran di media sosial tidak dilaporkan.",
            ],
            "aturan": [
                f"Dasar hukum larangan itu antara lain {aturan}, yang {isi}.",
                f"Sanksi bagi pelanggar dijatuhkan oleh pejabat pembina kepegawaian setelah menerima rekomendasi KASN.",
                f"Sanksi tersebut dapat berupa hukuman disiplin sedang hingga berat, tergantung pada bobot pelanggaran.",
                f"Pengawas juga mengingatkan bahwa rekomendasi yang tidak ditindaklanjuti dapat dilaporkan kepada Presiden melalui Kementerian PANRB.",
                f"Ketentuan netralitas berlaku bagi seluruh ASN, baik pegawai negeri sipil maupun pegawai pemerintah dengan perjanjian kerja.",
            ],
            "ajak": [
                f"Di akhir acara, peserta diajak untuk {aj[0]}.",
                f"ASN juga diminta {aj[1]}, serta {aj[2]}.",
                f"Pengawas berharap komitmen yang dibangun hari ini tidak berhenti pada penandatanganan dokumen.",
                f"Pemerintah daerah berjanji menyebarkan surat edaran tentang netralitas ke seluruh perangkat daerah.",
                f"Sosialisasi lanjutan akan menyasar camat, lurah, dan kepala sekolah yang sering bersinggungan langsung dengan warga.",
            ],
            "konteks": [
                f"Menjelang {s['pemilu']}, tekanan terhadap birokrasi biasanya meningkat, terutama di daerah dengan petahana yang kembali mencalonkan diri.",
                f"Pengalaman pemilihan sebelumnya menunjukkan bahwa pelanggaran banyak terjadi pada masa sebelum penetapan pasangan calon.",
                f"Pada masa itu, sebagian ASN merasa belum terikat larangan karena kampanye resmi belum dimulai.",
                f"Anggapan tersebut keliru, sebab larangan berpolitik praktis melekat pada status ASN kapan pun.",
                f"Media sosial menjadi ruang yang paling sulit diawasi karena unggahan dapat dihapus dengan cepat.",
            ],
        }

    def paragraph(self, sents: list[str]) -> str:
        """The lead sentence, then some of the others in their order."""
        k = self.rng.randint(2, min(4, len(sents) - 1))
        rest = sorted(self.rng.sample(range(1, len(sents)), k))
        return " ".join([sents[0]] + [sents[i] for i in rest])

    def press_body(self, s: dict, d: dt.date, prov: str, src: dict, table: bool, notes: bool) -> str:
        r = self.rng
        target = r.randint(320, 560)
        bank = self.sentence_bank(s, d, prov)
        order = ["buka", "kutip", "data", "konteks", "aturan", "kutip", "ajak", "konteks", "data", "ajak"]
        paras: list[str] = []
        words = 0
        fn_used = False
        for key in order:
            p = self.paragraph(bank[key])
            if notes and not fn_used and key == "aturan":
                p = FIRST_STOP.sub("[^1].", p, count=1)
                fn_used = True
            w = nwords(p)
            if words + w > target and words >= 300:
                break
            paras.append(p)
            words += w
            if key == "data" and table and len(paras) < 6 and not any(x.startswith("|") for x in paras):
                rows = r.sample(self.regions, 4) if r.random() < 0.5 else None
                if rows:
                    t = ["| Provinsi | Laporan | Rekomendasi |", "|---|---:|---:|"]
                    for x in rows:
                        a_ = r.randint(5, 400)
                        t.append(f"| {x['label_id']} | {angka(a_)} | {angka(int(a_ * r.uniform(0.3, 0.9)))} |")
                else:
                    t = ["| Jenis pelanggaran | Porsi laporan |", "|---|---:|"]
                    left = 100.0
                    for c in self.categories:
                        p_ = round(r.uniform(5, left / 2), 1)
                        left -= p_
                        t.append(f"| {c['label_id']} | {persen(p_)} |")
                    t.append(f"| Lainnya / tidak dipublikasikan | {persen(left)} |")
                paras.append("\n".join(t))
                words += nwords("\n".join(t))
        if notes and not fn_used:
            paras[0] = FIRST_STOP.sub("[^1].", paras[0], count=1)
        while words < 300:
            p = self.paragraph(bank["konteks"] + bank["ajak"])
            paras.append(p)
            words += nwords(p)
        sd = dt.date.fromisoformat(src["date"])
        paras.append(f"Sumber: {src['outlet']}, {tanggal(sd)}.")
        if notes:
            aturan, isi = r.choice(aturan_berlaku(d))
            paras.append(f"[^1]: {aturan}; ketentuan ini {isi}.")
        return "\n\n".join(paras) + "\n"

    def yearly_figures(self, d: dt.date) -> list[str]:
        """Every figure published by the release's date, as an agency's
        releases cite its yearly figures (the first one before any is out):
        each figure is cited by thousands of releases at 10 000."""
        cited = [f["id"] for f in self.figures if f["date"] <= d.isoformat()]
        return cited or [min(self.figures, key=lambda f: f["date"])["id"]]

    def write_press(self, out: Path) -> None:
        pdir = out / "press"
        pdir.mkdir()
        lo, hi = dt.date(2018, 1, 1), dt.date(2025, 6, 30)
        width = max(6, len(str(self.a.press)))
        for i in range(1, self.a.press + 1):
            r = self.rng
            d = self.rand_date(lo, hi)
            reg = r.choice(self.regions)
            prov = reg["label_id"]
            e = self.election_for(d)
            s = self.slots(prov, e["label_id"])
            title = r.choice(JUDUL).format(**s)
            summary = r.choice(RINGKASAN).format(**s)
            # sources published on or before the release when there are any
            older = [x for x in self.sources if x["date"] <= d.isoformat()] or self.sources
            srcs = r.sample(older, 2) if r.random() < 0.25 and len(older) > 1 else [r.choice(older)]
            tags = self.pick_tags(r.randint(2, 5))
            has_region = r.random() < 0.6
            has_election = r.random() < 0.85
            if has_region:
                t = "provinsi-" + slugify(prov)
                if t not in tags:
                    tags.append(t)
            if has_election and e["code"] not in tags and r.random() < 0.5:
                tags.append(e["code"])
            figs = []
            if r.random() < 0.05:
                cands = [f["id"] for f in self.figures if f["date"] <= d.isoformat()]
                if cands:
                    figs = [r.choice(cands)]
            if self.a.cite == "yearly":
                # Drawn after the sample above, so that both modes give
                # the same releases apart from this list.
                figs = self.yearly_figures(d)
            table = r.random() < 0.3
            notes = r.random() < 0.25
            body = self.press_body(s, d, prov, srcs[0], table, notes)
            slug = f"{d.isoformat()}-{slugify(' '.join(title.split()[:6]))}-{i:0{width}d}"
            assert SLUG.match(slug) and len(slug) <= 120, slug
            fm = ["---", f"title: {q(title)}", f"date: {d.isoformat()}", "lang: id",
                  f"summary: {q(summary)}", "sources:"]
            fm += [f"  - {x['id']}" for x in srcs]
            fm.append("tags:")
            fm += [f"  - {t}" for t in tags]
            if has_region:
                fm.append(f"region: {q(reg['code'])}")
            if has_election:
                fm.append(f"election: {e['code']}")
            if figs:
                fm.append("figures:")
                fm += [f"  - {x}" for x in figs]
            fm.append("---")
            text = "\n".join(fm) + "\n" + body
            assert private_ok(text), slug
            (pdir / f"{slug}.md").write_text(text, encoding="utf-8")

    # -- cases -----------------------------------------------------------------
    def write_cases(self, out: Path) -> None:
        if self.a.cases <= 0:
            return
        cdir = out / "cases"
        cdir.mkdir()
        r = random.Random(self.a.seed + 4)
        dinas = ["Dinas Pendidikan", "Dinas Kesehatan", "Dinas Pekerjaan Umum", "Sekretariat Daerah",
                 "Badan Kepegawaian Daerah", "Dinas Sosial", "Kantor Kecamatan", "Dinas Perhubungan",
                 "Rumah Sakit Umum Daerah", "Dinas Pertanian", "Inspektorat", "Satuan Polisi Pamong Praja"]
        pemda = ["Pemerintah Kabupaten Contoh", "Pemerintah Kota Contoh", "Pemerintah Provinsi Contoh"]
        summ = [
            ("Seorang pegawai pada {pos} {pel}.", "A civil servant in the position \"{pos_en}\" was reported for a neutrality breach."),
            ("Pegawai dengan {pos} dilaporkan karena {pel}.", "A civil servant in the position \"{pos_en}\" was reported for siding with a candidate."),
        ]
        weights_region = [1.0 / (1 + (k % 7)) for k in range(len(self.regions))]
        width = max(6, len(str(self.a.cases)))
        for i in range(1, self.a.cases + 1):
            # the first records walk every vocabulary so each code is used
            j = i - 1
            reg = self.regions[j] if j < len(self.regions) else r.choices(self.regions, weights_region)[0]
            pos = self.positions[j % len(self.positions)] if j < 3 * len(self.positions) else r.choice(self.positions)
            out_ = self.outcomes[j % len(self.outcomes)] if j < 3 * len(self.outcomes) else \
                r.choices(self.outcomes, [5, 3, 2] + [1] * max(0, len(self.outcomes) - 3))[0]
            e = self.elections[j % len(self.elections)] if j < 3 * len(self.elections) else r.choice(self.elections)
            ed = e["date_obj"]
            d = ed - dt.timedelta(days=r.randint(0, 300))
            d = max(d, dt.date(1999, 1, 1))
            ncat = 1 if r.random() < 0.7 else r.randint(2, len(self.categories))
            cats = [self.categories[j % len(self.categories)]["code"]] if j < len(self.categories) else \
                [c["code"] for c in r.sample(self.categories, ncat)]
            older = [x for x in self.sources if x["date"] >= d.isoformat()] or self.sources
            src = r.choice(older[:50] if len(older) > 50 else older)
            cid = f"c-{i:0{width}d}"
            agency = f"{r.choice(dinas)} {r.choice(pemda)} {r.randint(1, 60)}"
            lines = [f"id: {cid}", f"date: {d.isoformat()}", f"election: {e['code']}",
                     f"region: {q(reg['code'])}", f"agency: {q(agency)}", f"position: {pos['code']}",
                     "categories:"]
            lines += [f"  - {c}" for c in cats]
            lines += [f"outcome: {out_['code']}", f"source: {src['id']}"]
            if r.random() < 0.5:
                t_id, t_en = r.choice(summ)
                lab = pos.get("label_id", pos["code"])
                lines += ["summary:",
                          f"  id: {q(t_id.format(pos=lab.lower(), pel=r.choice(PELANGGARAN)))}",
                          f"  en: {q(t_en.format(pos_en=pos.get('label_en', pos['code'])))}"]
            text = "\n".join(lines) + "\n"
            assert private_ok(text), cid
            (cdir / f"{cid}.yaml").write_text(text, encoding="utf-8")

    # ---------------------------------------------------------------------
    def run(self) -> None:
        out = Path(self.a.out)
        if out.exists():
            if not self.a.force:
                sys.exit(f"gen_corpus: {out} exists (use --force to replace it)")
            shutil.rmtree(out)
        tmp = out.with_name(out.name + ".tmp")
        if tmp.exists():
            shutil.rmtree(tmp)
        tmp.mkdir(parents=True)
        shutil.copyfile(self.src / "site.yaml", tmp / "site.yaml")
        shutil.copytree(self.src / "vocab", tmp / "vocab")
        # The record's files (conflicts, corrections, chart specs, the
        # institutions page) as shipped: figures refer to them.
        for name in ("conflicts.yaml", "corrections.yaml", "charts.yaml", "institutions.yaml"):
            if (self.src / name).exists():
                shutil.copyfile(self.src / name, tmp / name)
        self.write_sources(tmp)
        self.write_figures(tmp)
        self.write_press(tmp)
        self.write_cases(tmp)
        manifest = {
            "generator_version": GENERATOR_VERSION,
            "args": {k: getattr(self.a, k) for k in ("seed", "press", "cases", "tags", "sources", "figures", "zipf", "cite")},
            "sources": {s["id"]: {"outlet": s["outlet"], "title": s["title"], "date": s["date"]} for s in self.sources},
            "figures": {f["id"]: {"title": f["title"], "date": f["date"]} for f in self.figures},
        }
        (tmp / ".corpus.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        os.replace(tmp, out)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", required=True, help="content folder to write")
    p.add_argument("--press", type=int, default=1000, help="number of press releases")
    p.add_argument("--cases", type=int, default=0, help="number of case records")
    p.add_argument("--seed", type=int, default=1, help="random seed (same seed, same bytes)")
    p.add_argument("--tags", type=int, default=200, help="number of distinct tags")
    p.add_argument("--zipf", type=float, default=1.0, help="Zipf exponent of tag popularity")
    p.add_argument("--sources", type=int, default=195, help="synthetic sources added to the shipped ones")
    p.add_argument("--figures", type=int, default=4, help="synthetic figure snapshots added to the shipped ones")
    p.add_argument("--cite", choices=("sample", "yearly"), default="sample",
                   help="which figures releases cite: sample (5 %% cite one) or yearly "
                        "(each cites every figure published by its date, as an agency's do)")
    p.add_argument("--from", dest="src", default=str(REPO / "content"),
                   help="content folder to copy site.yaml, vocab/, sources and figures from")
    p.add_argument("--force", action="store_true", help="replace --out if it exists")
    args = p.parse_args()
    Gen(args).run()


if __name__ == "__main__":
    main()
