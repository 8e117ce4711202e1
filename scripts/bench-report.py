#!/usr/bin/env python3
"""The table of scripts/bench: reads the figures each part wrote (JSON) and
prints one markdown table (figure, ours, without encryption, reference,
ratio, target, pass) and writes the same as JSON. With --compare OLD.json a
column shows the earlier run and the change."""

import argparse
import glob
import json
import os
import platform
import subprocess
import sys
from datetime import datetime, timezone


def load(path):
    try:
        with open(path) as f:
            return json.load(f).get("figures", {})
    except FileNotFoundError:
        return {}


def val(src, name, field="median"):
    fig = src.get(name)
    if not fig:
        return None
    return fig.get(field)


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    mem = 0
    try:
        with open("/proc/meminfo") as f:
            mem = int(next(l.split()[1] for l in f if l.startswith("MemTotal"))) // 1024
    except (OSError, StopIteration):
        pass
    return {"cores": os.cpu_count(), "cpu": cpu, "memory_mib": mem, "system": platform.platform()}


def commit():
    try:
        c = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True).stdout.strip()
        return c + ("+changes" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def criterion(root):
    """The criterion benches of the pure parts, as their last run left them."""
    out = {}
    for est in glob.glob(os.path.join(root, "*", "*", "new", "estimates.json")):
        parts = est.split(os.sep)
        group, bench = parts[-4], parts[-3]
        if not group.startswith(("decision", "terms", "one_dossier")):
            continue
        with open(est) as f:
            e = json.load(f)
        out[f"{group}/{bench}"] = e["median"]["point_estimate"] / 1000.0  # ns -> µs
    return out


def rows(work, crit):
    enc, plain = load(f"{work}/core-encrypted.json"), load(f"{work}/core-plain.json")
    win, win_plain = load(f"{work}/window-encrypted.json"), load(f"{work}/window-plain.json")
    vips = load(f"{work}/vips.json")
    r = []

    def add(id, figure, unit, ours, plain=None, reference=None, ratio=None, target=None, ok=None, note=""):
        if ours is None:
            return
        if ratio is None and reference:
            ratio = ours / reference
        r.append({"id": id, "figure": figure, "unit": unit, "ours": ours, "plain": plain, "reference": reference,
                  "ratio": ratio, "target": target, "pass": ok, "note": note})

    s, ref = val(win, "start"), val(win, "start_reference")
    add("start", "Cold start to the first screen (sign-in), window", "ms", s, val(win_plain, "start"), ref,
        target="≤ 1.2× a bare Tauri 2 window", ok=None if s is None or not ref else s / ref <= 1.2,
        note="reference: bare Tauri 2 window, same workspace, profile, features and method")
    add("sign_in", "Sign-in to Vandaag (password key derivation included)", "ms", val(win, "sign_in_to_home"), val(win_plain, "sign_in_to_home"), target="reported")
    add("to_people", "Vandaag to the people list", "ms", val(win, "home_to_people"), val(win_plain, "home_to_people"), target="reported")
    m, mref = val(win, "memory_after_start"), val(win, "memory_reference")
    add("memory_start", "Memory after start (RSS, program + WebKit processes)", "MiB", m, val(win_plain, "memory_after_start"), mref,
        target="≤ 1.5× reference", ok=None if m is None or not mref else m / mref <= 1.5)
    g1, gn = val(win, "memory_after_grid_1"), val(win, "memory_after_grid_all")
    if g1 and gn:
        rounds = win["memory_after_grid_all"].get("rounds", 0)
        add("memory_growth", f"Memory growth over {rounds} scrolls of the whole photo grid", "%", (gn - g1) / g1 * 100, target="< 10 %",
            ok=(gn - g1) / g1 < 0.10, note=f"{g1:.0f} MiB after the first round, {gn:.0f} MiB after the last")
    ours_ps, ref_ps = val(enc, "photo_import", "photos_per_s"), val(vips, "import_reference", "photos_per_s")
    files = val(enc, "photo_import", "files")
    add("import", f"Photo import of {files} camera JPEGs (faces later)", "photos/s", ours_ps, val(plain, "photo_import", "photos_per_s"), ref_ps,
        ratio=None if not ref_ps or ours_ps is None else ours_ps / ref_ps, target="≥ 1.0× vipsthumbnail's throughput",
        ok=None if not ref_ps or ours_ps is None else ours_ps >= ref_ps,
        note=f"reference: vipsthumbnail -s 400, {val(vips, 'import_reference', 'processes')} processes")
    stored_ps = val(vips, "import_reference_stored", "photos_per_s")
    add("import_vs_stored", "Photo import against the reference that also stores each original", "photos/s", ours_ps, None, stored_ps,
        target="reported", note="reference: vipsthumbnail, then each original copied, hashed (sha256sum) and flushed to disk")
    add("import_faces", "Photo import with face detection", "photos/s", val(enc, "photo_import_faces", "photos_per_s"), target="reported")
    c, p = val(enc, "photo_check"), val(enc, "sqlite_point_read")
    add("photo_check", f"Photo check, {val(enc, 'photo_check', 'people')} people tagged, in process", "µs", c, val(plain, "photo_check"), p,
        target="< 1 ms; ratio reported", ok=None if c is None else c < 1000, note="reference: one SQLite point read through the same store")
    t = val(enc, "takedown_after_withdrawal")
    add("takedown", f"Takedown list over {val(enc, 'takedown_after_withdrawal', 'publications')} publications after one withdrawal", "ms", t,
        val(plain, "takedown_after_withdrawal"), target="< 200 ms", ok=None if t is None else t < 200,
        note=f"{val(enc, 'takedown_after_withdrawal', 'to_take_down')} to take down")
    for id, name in [("roster_import", "Roster import, {n} rows"), ("roster_reimport", "Roster re-import, {n} rows unchanged")]:
        v = val(enc, id)
        n = val(enc, id, "added") or val(enc, id, "unchanged")
        add(id, name.format(n=n), "ms", v, val(plain, id), target="< 1 s", ok=None if v is None else v < 1000)
    d = val(enc, "dossier_batch")
    add("dossiers", f"{val(enc, 'dossier_batch', 'dossiers')} exit dossiers, batch with combined PDF", "ms", d, val(plain, "dossier_batch"),
        target="≤ 3 s", ok=None if d is None else d <= 3000,
        note=f"{val(enc, 'dossier_batch', 'kib_per_dossier')} KiB per dossier, combined {val(enc, 'dossier_batch', 'combined_kib')} KiB")
    f = val(win, "grid_longest_frame")
    add("grid_frames", "Photo grid scrolled top to bottom, a screenful a frame: longest frame", "ms", f, val(win_plain, "grid_longest_frame"), target="≤ 50 ms",
        ok=None if f is None else f <= 50,
        note=f"p95 {val(win, 'grid_longest_frame', 'p95') or 0:.1f} ms over {val(win, 'grid_longest_frame', 'frames')} frames")
    f = val(win, "grid_paced_longest_frame")
    add("grid_paced", "Photo grid scrolled at a person's pace (thumbnails loading): longest frame", "ms", f, val(win_plain, "grid_paced_longest_frame"),
        target="≤ 50 ms", ok=None if f is None else f <= 50,
        note=f"p95 {val(win, 'grid_paced_longest_frame', 'p95') or 0:.1f} ms over {val(win, 'grid_paced_longest_frame', 'frames')} frames")
    k = val(win, "search_key_to_frame", "max")
    add("search", f"People search: key to results on screen (max of {val(win, 'search_key_to_frame', 'keys')} keys)", "ms", k,
        val(win_plain, "search_key_to_frame", "max"), target="≤ 50 ms", ok=None if k is None else k <= 50,
        note=f"median {val(win, 'search_key_to_frame') or 0:.0f} ms")
    add("db_size", "Database size", "MiB", val(enc, "database_size"), val(plain, "database_size"), target="reported")
    add("data_size", "Data folder size", "MiB", val(enc, "data_folder_size"), val(plain, "data_folder_size"), target="reported",
        note="originals are 800×600 stand-ins, not camera files")
    for id, name in [("open_with_password", "Opening the data with the password (in process)"), ("home_overview", "Vandaag's counts (in process)"),
                     ("people_list", "People list query (in process)"), ("people_search", "People search query (in process)"),
                     ("grid_first_page", "Photo grid, first page of 200 (in process)"), ("grid_last_page", "Photo grid, last page (in process)")]:
        add(id, name, "ms", val(enc, id), val(plain, id), target="reported")
    for name, us in sorted(crit.items()):
        add("criterion/" + name, f"criterion: {name}", "µs", us, target="reported")
    return r


def fmt(x, unit=""):
    if x is None:
        return "–"
    if isinstance(x, float):
        s = f"{x:,.0f}" if abs(x) >= 100 else f"{x:.1f}" if abs(x) >= 10 else f"{x:.2f}"
    else:
        s = str(x)
    return f"{s} {unit}".strip()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--work", required=True)
    a.add_argument("--out", required=True)
    a.add_argument("--profile", required=True)
    a.add_argument("--scale", required=True)
    a.add_argument("--seed", required=True)
    a.add_argument("--criterion", default="")
    a.add_argument("--compare")
    a.add_argument("--no-targets", action="store_true")
    args = a.parse_args()

    crit = criterion(args.criterion) if args.criterion and args.scale == "full" else {}
    result = {
        "commit": commit(), "date": datetime.now(timezone.utc).isoformat(timespec="seconds"), "machine": machine(),
        "profile": args.profile, "scale": args.scale, "seed": args.seed, "rows": rows(args.work, crit),
        "raw": {os.path.basename(p)[:-5]: load(p) for p in sorted(glob.glob(f"{args.work}/*.json"))},
    }
    old = {}
    if args.compare:
        with open(args.compare) as f:
            prev = json.load(f)
        old = {row["id"]: row for row in prev.get("rows", [])}
    m = result["machine"]
    print(f"\nBeeldakkoord {result['commit']}, {args.profile} build, {args.scale} data set (seed {args.seed}), "
          f"{m['cores']} cores, {m['cpu'] or 'unknown CPU'}, {m['memory_mib']} MiB, {result['date']}\n")
    head = "| figure | ours | without encryption | reference | ratio | target | |"
    if old:
        head += f" before ({prev.get('commit', '?')}) | change |"
    print(head)
    print("|" + " --- |" * (head.count("|") - 1))
    for row in result["rows"]:
        u = row["unit"]
        verdict = "" if row["pass"] is None else ("pass" if row["pass"] else "**fail**")
        line = (f"| {row['figure']} | {fmt(row['ours'], u)} | {fmt(row['plain'], u)} | {fmt(row['reference'], u)} | "
                f"{fmt(row['ratio']) + '×' if row['ratio'] is not None else '–'} | {row['target'] or ''} | {verdict} |")
        if old:
            before = old.get(row["id"], {}).get("ours")
            change = f"{(row['ours'] - before) / before * 100:+.0f} %" if before else "–"
            line += f" {fmt(before, u)} | {change} |"
        print(line)
    notes = [f"- {r['figure']}: {r['note']}" for r in result["rows"] if r["note"]]
    if notes:
        print("\n" + "\n".join(notes))
    with open(args.out, "w") as f:
        json.dump(result, f, indent=2, ensure_ascii=False)
    print(f"\nwritten to {args.out}")
    failed = [r["id"] for r in result["rows"] if r["pass"] is False]
    if failed and not args.no_targets:
        print(f"targets not met: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
