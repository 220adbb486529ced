"""Peak memory and time of one worker answering the largest uploads the limits accept.

    .venv/bin/python bench/upload_memory.py

For each case a fresh interpreter (production settings from bench/settings.py, a throwaway
SQLite database) logs a superuser in to the admin, resets the kernel's peak-RSS mark, posts
the upload as a staff member's browser would (the preview: parse, check, dry-run import)
and prints the peak resident memory it reached (VmHWM) above the resident memory before the
request, and the time the request took. A tool to run by hand; results go in SECURITY.md.
"""

import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
SEED = ROOT / "missions" / "fixtures" / "kz-senate-2017.yaml"
CASES = ("roster-csv", "roster-xlsx", "document-yaml", "document-json", "document-refused")


def roster_csv():
    """The most members the limit allows, padded to just under the 1 MiB upload limit."""
    from missions.spreadsheets import MAX_ROSTER_BYTES, MAX_ROSTER_ROWS

    row = "Person {i:05d},RU,observer,{position}\n"
    width = MAX_ROSTER_BYTES // (MAX_ROSTER_ROWS + 1) - len(row.format(i=0, position=""))
    lines = ["name,country,role,position\n"]
    lines += [row.format(i=i, position="p" * width) for i in range(MAX_ROSTER_ROWS)]
    return "".join(lines).encode()


def roster_xlsx():
    """The most rows the limit allows, of 20 columns, unpacking to just under 16 MiB."""
    import openpyxl

    from missions.spreadsheets import (
        MAX_ROSTER_COLUMNS,
        MAX_ROSTER_ROWS,
        MAX_XLSX_UNPACKED_BYTES,
    )

    cell = '<c t="inlineStr"><is><t>{}</t></is></c>'
    per_cell = MAX_XLSX_UNPACKED_BYTES // ((MAX_ROSTER_ROWS + 1) * MAX_ROSTER_COLUMNS)
    text = "x" * (per_cell - len(cell.format("")) - 8)
    header = ["name", "country", "role", "position"] + [f"extra{i}" for i in range(16)]
    rows = ["<row>" + "".join(cell.format(name) for name in header) + "</row>"]
    member = ["Person", "RU", "observer", text] + [text] * (MAX_ROSTER_COLUMNS - 4)
    rows += ["<row>" + "".join(cell.format(v) for v in member) + "</row>"] * MAX_ROSTER_ROWS
    xml = (
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>" + "".join(rows) + "</sheetData></worksheet>"
    )
    buffer = io.BytesIO()
    openpyxl.Workbook().save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = xml.encode()
            target.writestr(item.filename, data)
    return out.getvalue()


def document(kind):
    """The seed mission with as many more people as fit under the 2 MiB document limit."""
    import yaml

    from missions.interchange.loading import MAX_DOCUMENT_BYTES, Source, load_source

    seed = load_source(Source(SEED.name, SEED.read_bytes()))[0]
    people = list(seed["people"])

    def dump(count):
        seed["people"] = people + [
            {"slug": f"person-{i:05d}", "name": f"Person {i:05d}", "name_original": f"Персона {i}"}
            for i in range(count)
        ]
        if kind == "json":
            return json.dumps(seed, ensure_ascii=False, indent=1).encode()
        return yaml.safe_dump(seed, allow_unicode=True, sort_keys=False).encode()

    # Grow the list in proportion until the text is within 2% under the limit.
    count = 1000
    while True:
        size = len(dump(count))
        if 0.98 * MAX_DOCUMENT_BYTES <= size <= MAX_DOCUMENT_BYTES:
            return dump(count)
        count = int(count * MAX_DOCUMENT_BYTES * 0.99 / size)


def refused_document():
    """2 MiB of mappings just under the key limit, each key unknown: one problem per key."""
    from missions.interchange.loading import MAX_DOCUMENT_BYTES, MAX_KEYS

    entry = "{" + ", ".join(f'"unknown{k:02d}": 0' for k in range(MAX_KEYS - 1)) + "}"
    count = MAX_DOCUMENT_BYTES // (len(entry) + 2) - 1
    return ('{"format": "mission/1", "people": [' + ", ".join([entry] * count) + "]}").encode()


TARGETS = {  # where each case is uploaded, under which file name
    "roster-csv": ("roster", "roster.csv"),
    "roster-xlsx": ("roster", "roster.xlsx"),
    "document-yaml": ("document", "large.yaml"),
    "document-json": ("document", "large.json"),
    "document-refused": ("document", "refused.json"),
}


def payload(case):
    """The bytes of one case, made in the parent so the child's memory holds only the file."""
    return {
        "roster-csv": roster_csv,
        "roster-xlsx": roster_xlsx,
        "document-yaml": lambda: document("yaml"),
        "document-json": lambda: document("json"),
        "document-refused": refused_document,
    }[case]()


def rss_kib(field):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise LookupError(field)


def measure(case, path):
    """Run in the child: upload the file at `path`, then print a JSON line with the figures."""
    import time

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment
    from django.urls import reverse

    from missions.models import Mission

    setup_test_environment()  # responses carry their template context
    call_command("import_missions", str(SEED), stdout=io.StringIO())
    user = get_user_model().objects.create_superuser("bench", password="bench-password-42")
    client = Client()
    client.force_login(user)
    target, name = TARGETS[case]
    content = Path(path).read_bytes()
    if target == "roster":
        url = reverse("admin:missions_delegationmember_import")
        data = {"mission": str(Mission.objects.get().pk), "resource": "0"}
        data["format"] = "1" if name.endswith(".xlsx") else "0"
        data["import_file"] = SimpleUploadedFile(name, content)
    else:
        url = reverse("admin:missions_mission_import_document")
        data = {"document": SimpleUploadedFile(name, content)}
    client.get(url)  # warm up: templates and code loaded before the mark is reset
    Path("/proc/self/clear_refs").write_text("5")  # peak RSS := current RSS
    before = rss_kib("VmRSS")
    started = time.perf_counter()
    response = client.post(url, data)
    seconds = time.perf_counter() - started
    context = response.context or {}
    accepted = bool(context.get("confirm_form"))
    problems = context.get("problems") or []
    print(
        json.dumps(
            {
                "case": case,
                "upload_bytes": len(content),
                "status": response.status_code,
                "accepted": accepted,
                "rss_before_mib": round(before / 1024, 1),
                "peak_above_mib": round((rss_kib("VmHWM") - before) / 1024, 1),
                "seconds": round(seconds, 2),
                "problems": len(problems),
                "first_problem": problems[0] if problems else None,
            }
        )
    )


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "--measure":
        return measure(sys.argv[2], sys.argv[3])
    with tempfile.TemporaryDirectory() as folder:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "DATABASE_URL": f"sqlite:///{folder}/template.sqlite3",
            "DJANGO_PAGE_CACHE_DIR": f"{folder}/page-cache",
            "DJANGO_ROSTER_UPLOAD_DIR": f"{folder}/uploads",
            "PYTHONPATH": str(ROOT),
        }
        manage = [str(PYTHON), "manage.py"]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
        template = Path(folder) / "template.sqlite3"
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
        sys.path.insert(0, str(ROOT))
        import django

        django.setup()
        for case in CASES:
            database = Path(folder) / f"{case}.sqlite3"
            database.write_bytes(template.read_bytes())
            upload = Path(folder) / TARGETS[case][1]
            upload.write_bytes(payload(case))
            result = subprocess.run(
                [str(PYTHON), __file__, "--measure", case, str(upload)],
                cwd=ROOT,
                env={**env, "DATABASE_URL": f"sqlite:///{database}"},
                capture_output=True,
                text=True,
                check=False,
            )
            print(result.stdout.strip() if result.returncode == 0 else result.stderr[-3000:])


if __name__ == "__main__":
    main()
