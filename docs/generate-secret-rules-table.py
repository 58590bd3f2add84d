#!/usr/bin/env python3
"""Regenerates the "Built-in rules" table of docs/secret-rules.md from rules.toml.

usage (from the repository root): python3 docs/generate-secret-rules-table.py
"""
import tomllib, re
R='core/src/main/resources/io/jenkins/plugins/integrity/secrets/rules.toml'
D='docs/secret-rules.md'
rules=tomllib.load(open(R,'rb'))['rules']
# section of each rule: the nearest "# ---- name" banner above it in rules.toml
text=open(R).read()
sections=[]; cur=None
for line in text.splitlines():
    m=re.match(r'^# -{5,} (.+)$', line)
    if m: cur=m.group(1).strip()
    m=re.match(r'^id = "(.+)"$', line)
    if m: sections.append(cur)
rows=[]
last=None
for r,sec in zip(rules,sections):
    if sec!=last:
        rows.append(f'| **{sec}** | | |'); last=sec
    where = ' (only in files matching `%s`)' % r['path'].replace('|', '\\|') if 'path' in r else ''
    rows.append(f"| `{r['id']}` | {r.get('severity','HIGH')} | {r.get('description', r['id'])}{where} |")
table='\n'.join(['| id | severity | finds |','|---|---|---|']+rows)
d=open(D).read()
start=d.index('## Built-in rules')
end=d.index('## Encoded values')
body=f'''## Built-in rules

{len(rules)} rules; the provider format each follows is cited above the rule in `rules.toml`. Rules marked
"only in files matching" apply to those files alone (a controller's `secrets/master.key`, JCasC YAML, a
`.pgpass`, a Dockerfile).

{table}

Each rule's citation is in `rules.toml`, and each has true and false samples in
`core/src/test/resources/…/secrets/rule-samples.txt` and `core/src/test/java/…/secrets/RuleSamples.java`
(values made at test time, so no token stands in the sources). `RuleDocsTest` keeps this table (made by `docs/generate-secret-rules-table.py`) and the rules
in step.

'''
open(D,'w').write(d[:start]+body+d[end:])
print(len(rules))
