#!/usr/bin/env python3
"""Compares two CycloneDX SBOMs by name@version: what the first (cdxgen) lists that the second (ours) does
not. With --dpkg STATUS, also checks that every installed package of that dpkg database is in ours."""
import json
import sys


def components(path):
    found = set()

    def walk(cs):
        for c in cs or []:
            if c.get("type") in ("file", "operating-system"):
                continue
            found.add((c.get("name", "").lower(), c.get("version")))
            walk(c.get("components"))

    walk(json.load(open(path)).get("components"))
    return found


def installed(status):
    out = set()
    for stanza in open(status, encoding="utf-8").read().split("\n\n"):
        fields = dict(line.split(": ", 1) for line in stanza.splitlines() if ": " in line and not line.startswith(" "))
        if fields.get("Status") == "install ok installed":
            out.add((fields["Package"].lower(), fields["Version"]))
    return out


cdxgen, ours = components(sys.argv[1]), components(sys.argv[2])
missed = sorted(cdxgen - ours, key=str)
print(f"components: cdxgen {len(cdxgen)}, pipeline-integrity {len(ours)}, "
      f"found by cdxgen and not by us: {len(missed)}, recall against cdxgen "
      f"{100.0 * (len(cdxgen) - len(missed)) / max(1, len(cdxgen)):.1f}%")
for name, version in missed:
    print(f"  missed {name}@{version}")
if len(sys.argv) > 4 and sys.argv[3] == "--dpkg":
    debs = installed(sys.argv[4])
    absent = sorted(debs - ours)
    print(f"dpkg: {len(debs)} installed packages in the image, {len(debs) - len(absent)} in our SBOM")
    for name, version in absent:
        print(f"  absent {name}@{version}")
