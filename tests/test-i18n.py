#!/usr/bin/env python3
"""The translations reach membrane-calc when it runs uninstalled.

Usage: test-i18n.py MEMBRANE_CALC BUILD_PO_DIR

BUILD_PO_DIR is the build's po directory, where meson's i18n module puts
<lang>/LC_MESSAGES/membrane-lab.mo; membrane-calc binds its text domain to
it through ML_LOCALEDIR.  The locales are generated with localedef into a
temporary directory (LOCPATH), so nothing needs to be installed system-wide;
without localedef or the locale sources the test is skipped (exit 77).
"""

import os
import shutil
import subprocess
import sys
import tempfile

SKIP = 77

# language, locale source, strings that must appear in the table output of
# --preset squid-axon, strings that --list-presets must show.
CASES = [
    ("de", "de_DE",
     ["Riesenaxon des Tintenfischs", "Temperatur", "Pumpenbeitrag", "Innen mM",
      "Außen mM", "Ionen laden die Membran"],
     ["Riesenaxon des Tintenfischs", "Säugetierneuron", "Erythrozyt"]),
    ("fr", "fr_FR",
     ["Axone géant de calmar", "Température", "Contribution de la pompe",
      "ions chargent la membrane"],
     ["Axone géant de calmar", "Neurone de mammifère", "Globule rouge"]),
    ("es", "es_ES",
     ["Axón gigante de calamar", "Temperatura", "Contribución de la bomba",
      "iones cargan la membrana"],
     ["Axón gigante de calamar", "Neurona de mamífero", "Glóbulo rojo"]),
]

# English strings the translated table must no longer hold.
ENGLISH = ["Pump contribution", "ions charge the membrane", "Squid giant axon"]


def skip(why):
    print(f"SKIP: {why}")
    sys.exit(SKIP)


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    calc, podir = sys.argv[1], os.path.abspath(sys.argv[2])

    localedef = shutil.which("localedef")
    if localedef is None:
        skip("localedef is not installed")
    sources = "/usr/share/i18n/locales"
    for _, src, _, _ in CASES:
        if not os.path.exists(os.path.join(sources, src)):
            skip(f"the locale source {src} is missing (install the 'locales' package)")

    failures = 0
    with tempfile.TemporaryDirectory(prefix="ml-i18n-") as locpath:
        for lang, src, table_strings, preset_names in CASES:
            mo = os.path.join(podir, lang, "LC_MESSAGES", "membrane-lab.mo")
            if not os.path.exists(mo):
                print(f"FAIL {lang}: {mo} was not built")
                failures += 1
                continue

            name = f"{src}.UTF-8"
            made = subprocess.run([localedef, "-i", src, "-f", "UTF-8",
                                   os.path.join(locpath, name)],
                                  capture_output=True, text=True)
            # localedef exits 1 for warnings while still writing the locale.
            if not os.path.exists(os.path.join(locpath, name, "LC_CTYPE")):
                skip(f"localedef could not build {name}: {made.stderr.strip()}")

            env = dict(os.environ)
            for var in ("LANG", "LC_MESSAGES", "LC_CTYPE", "LC_NUMERIC"):
                env.pop(var, None)
            env.update(ML_LOCALEDIR=podir, LOCPATH=locpath,
                       LC_ALL=name, LANGUAGE=lang)

            run = subprocess.run([calc, "--preset", "squid-axon"], env=env,
                                 capture_output=True, text=True)
            if run.returncode != 0:
                print(f"FAIL {lang}: membrane-calc exited {run.returncode}: {run.stderr}")
                failures += 1
                continue
            for s in table_strings:
                if s not in run.stdout:
                    print(f"FAIL {lang}: “{s}” is missing from the table:\n{run.stdout}")
                    failures += 1
            for s in ENGLISH:
                if s in run.stdout:
                    print(f"FAIL {lang}: the English “{s}” is still in the table")
                    failures += 1

            listed = subprocess.run([calc, "--list-presets"], env=env,
                                    capture_output=True, text=True)
            for s in preset_names:
                if s not in listed.stdout:
                    print(f"FAIL {lang}: preset name “{s}” is missing from "
                          f"--list-presets:\n{listed.stdout}")
                    failures += 1

            if not failures:
                print(f"ok {lang}")

    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
