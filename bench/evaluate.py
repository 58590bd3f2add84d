#!/usr/bin/env python3
"""Scores findings against a corpus's labels.

usage: evaluate.py LABELS.json FINDINGS.tsv
FINDINGS.tsv: one finding per line, "file<TAB>line" (file relative to the corpus tree).
Prints recall (planted secrets found on their line), false positives (findings on decoy lines, and on lines
with no label at all) and the misses by family.
"""
import collections
import json
import sys

labels = json.load(open(sys.argv[1]))['labels']
found = set()
for row in open(sys.argv[2]):
    if row.strip():
        f, line = row.rstrip('\n').split('\t')
        found.add((f.lstrip('./'), int(line)))
secrets = {(l['file'], l['line']): l['family'] for l in labels if 'family' in l}
decoys = {(l['file'], l['line']): l['decoy'] for l in labels if 'decoy' in l}
hit = [k for k in secrets if k in found]
missed = collections.Counter(secrets[k] for k in secrets if k not in found)
fp_decoy = collections.Counter(decoys[k] for k in found if k in decoys)
fp_other = [k for k in found if k not in secrets and k not in decoys]
print(f'recall {len(hit)}/{len(secrets)} = {100.0 * len(hit) / max(1, len(secrets)):.1f}%')
print(f'false positives on decoys {sum(fp_decoy.values())} {dict(fp_decoy)}; elsewhere {len(fp_other)}')
if missed:
    print(f'missed by family {dict(missed)}')
