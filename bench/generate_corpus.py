#!/usr/bin/env python3
"""Generates a labelled corpus of config files for the secret-scanning benchmark.

Every planted secret and every decoy is made here at run time (random values in the providers' published
formats), so this script holds no credential. Output: DIR/tree/... and DIR/labels.json with one entry per
planted secret ({"file", "line", "family"}) and per decoy ({"file", "line", "decoy"}).

Besides the bulk of generated config files, every true and false sample of every built-in rule
(core/src/test/resources/.../secrets/rule-samples.txt, the file the unit tests read) is planted as a file
of its own, under the file name the sample gives (Jenkinsfile, .npmrc, secrets/master.key ...), so that
recall is measured for each rule family and each documented decoy is one too.

usage: generate_corpus.py DIR [MEGABYTES] [SEED]
"""
import json
import os
import random
import string
import sys
import base64
import re

out, megabytes, seed = sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 50, int(sys.argv[3]) if len(sys.argv) > 3 else 1
rnd = random.Random(seed)
ALNUM = string.ascii_letters + string.digits


def r(alphabet, n):
    return ''.join(rnd.choice(alphabet) for _ in range(n))


def b64url(s):
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip('=')


# family -> (file kind, line maker); each makes one line holding one secret
SECRETS = {
    'aws-access-key-id': lambda: 'aws_access_key_id = ' + 'AKIA' + r(string.ascii_uppercase + '234567', 16),
    'aws-secret-access-key': lambda: 'aws_secret_access_key = ' + r(ALNUM + '+/', 40),
    'gcp-api-key': lambda: 'api_key: ' + 'AIza' + r(ALNUM + '_-', 34) + 'Q',
    'github-pat': lambda: 'GITHUB_TOKEN=' + 'ghp_' + r(ALNUM, 36),
    'github-fine-grained-pat': lambda: 'GH_PAT=' + 'github_pat_' + r(ALNUM, 22) + '_' + r(ALNUM, 59),
    'gitlab-pat': lambda: 'gitlab_token: ' + 'glpat-' + r(ALNUM, 20),
    'slack-bot-token': lambda: 'slack.token=' + 'xoxb-' + r(string.digits, 12) + '-' + r(string.digits, 12) + '-' + r(ALNUM, 24),
    'slack-webhook-url': lambda: "slackSend baseUrl: 'https://hooks.slack.com/services/T" + r(string.ascii_uppercase, 8) + '/B' + r(string.ascii_uppercase, 8) + '/' + r(ALNUM, 24) + "'",
    'stripe-secret-key': lambda: 'STRIPE_KEY=' + 'sk_' + 'live_' + r(ALNUM, 24),
    'npm-access-token': lambda: '//registry.npmjs.org/:_authToken=' + 'npm_' + r(ALNUM, 36),
    'jwt': lambda: 'Authorization: Bearer ' + b64url('{"alg":"HS256","typ":"JWT"}') + '.' + b64url('{"sub":"%s"}' % r(ALNUM, 12)) + '.' + r(ALNUM + '-_', 43),
    'url-basic-auth': lambda: "url 'https://deploy:" + r(ALNUM, 16) + "@nexus.corp.local/repository/releases'",
    'generic-secret-assignment': lambda: 'spring.datasource.password=' + r(ALNUM, 18),
    'generic-xml-secret': lambda: '    <password>' + r(ALNUM, 14) + '</password>',
}
DECOYS = {
    'aws-doc-example': lambda: 'aws_access_key_id = ' + 'AKIAIOSFODNN7' + 'EXAMPLE',
    'env-reference': lambda: 'token: ${env.' + rnd.choice(['TOKEN', 'GH_TOKEN', 'NPM_TOKEN']) + '}',
    'credentials-binding': lambda: "    DEPLOY_TOKEN = credentials('" + rnd.choice(['deploy-token', 'nexus-creds', 'gh-app']) + "')",
    'with-credentials': lambda: "withCredentials([string(credentialsId: 'prod-api-token-2024', variable: 'API_TOKEN')]) {",
    'sha256': lambda: 'sha256: ' + r('0123456789abcdef', 64),
    'uuid': lambda: 'id: %s-%s-%s-%s-%s' % (r('0123456789abcdef', 8), r('0123456789abcdef', 4), r('0123456789abcdef', 4), r('0123456789abcdef', 4), r('0123456789abcdef', 12)),
    'lorem': lambda: '# Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.',
    'placeholder': lambda: 'password: ' + rnd.choice(['changeme', '<password>', '${DB_PASSWORD}', 'xxxxxxxx']),
}
WORDS = 'server port host name user timeout retries enabled logging level path url version build deploy cache region zone image tag replicas memory cpu limits requests service account namespace label selector'.split()


def filler():
    k = '.'.join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3)))
    v = rnd.choice([str(rnd.randint(0, 99999)), r(string.ascii_lowercase, rnd.randint(3, 20)), 'true', 'false',
                    'https://artifacts.corp.local/' + rnd.choice(WORDS)])
    return rnd.choice([f'{k}={v}', f'  {k}: {v}', f'"{k}": "{v}",', f"export {k.upper().replace('.', '_')}={v}",
                       f'<{k}>{v}</{k}>', f"sh 'make {k}'"])


SAMPLES = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'core', 'src', 'test', 'resources', 'io',
                       'jenkins', 'plugins', 'integrity', 'secrets', 'rule-samples.txt')
ALPHABETS = {
    'hex': '0123456789abcdef', 'HEX': '0123456789ABCDEF', 'alnum': ALNUM, 'alpha': string.ascii_letters,
    'lower': string.ascii_lowercase, 'upper': string.ascii_uppercase, 'digits': string.digits,
    'lowalnum': string.ascii_lowercase + string.digits, 'upalnum': string.ascii_uppercase + string.digits,
    'b64': ALNUM + '+/', 'url': ALNUM + '-_', 'b32': string.ascii_uppercase + '234567',
    'lb32': string.ascii_lowercase + '234567', 'bcrypt': ALNUM + './',
}
TEMPLATE = re.compile('\u27e8([A-Za-z0-9]+)(?::([^\u27e8\u27e9]*))?\u27e9')


def expand(text):
    """Expands the sample templates, innermost first (the syntax is documented in rule-samples.txt)."""
    def one(m):
        kind, arg = m.group(1), m.group(2)
        if kind == 'uuid':
            h = ALPHABETS['hex']
            return '-'.join(r(h, n) for n in (8, 4, 4, 4, 12))
        if kind == 'rep':
            c, n = arg.rsplit(':', 1)
            return c * int(n)
        if kind == 'b64enc':
            return base64.b64encode(arg.encode()).decode()
        return r(ALPHABETS[kind], int(arg))
    while TEMPLATE.search(text):
        text = TEMPLATE.sub(one, text)
    return text


def unescape(s):
    out, i = [], 0
    while i < len(s):
        if s[i] == '\\' and i + 1 < len(s):
            out.append({'n': '\n', 't': '\t'}.get(s[i + 1], s[i + 1]))
            i += 2
        else:
            out.append(s[i])
            i += 1
    return ''.join(out)


def plant_samples(labels):
    """Each sample of rule-samples.txt as a file of its own; returns the bytes written."""
    written = 0
    for n, row in enumerate(open(SAMPLES, encoding='utf-8')):
        if not row.strip() or row.startswith('#'):
            continue
        sign, rule, name, text = row.rstrip('\n').split(' ', 3)
        text = expand(unescape(text)) + '\n'
        path = f'samples/{n:04d}/{name}'
        if sign == '+':
            before = text[:text.index('\u00ab')]
            text = text.replace('\u00ab', '').replace('\u00bb', '')
            labels.append({'file': path, 'line': before.count('\n') + 1, 'family': rule})
        else:
            for line in range(1, text.count('\n') + 1):
                labels.append({'file': path, 'line': line, 'decoy': 'sample-' + rule})
        full = os.path.join(out, 'tree', path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, 'w', encoding='utf-8') as f:
            f.write(text)
        written += len(text.encode())
    return written


os.makedirs(os.path.join(out, 'tree'), exist_ok=True)
labels, total, i = [], 0, 0
total += plant_samples(labels)
exts = ['yml', 'properties', 'json', 'sh', 'xml', 'groovy', 'tf', 'env']
while total < megabytes * 1e6:
    name = f'tree/d{i % 40:02d}/f{i:05d}.{rnd.choice(exts)}'
    os.makedirs(os.path.dirname(os.path.join(out, name)), exist_ok=True)
    lines = []
    for _ in range(rnd.randint(50, 1200)):
        x = rnd.random()
        if x < 0.002:
            fam = rnd.choice(list(SECRETS))
            lines.append(SECRETS[fam]())
            labels.append({'file': name[5:], 'line': len(lines), 'family': fam})
        elif x < 0.006:
            kind = rnd.choice(list(DECOYS))
            lines.append(DECOYS[kind]())
            labels.append({'file': name[5:], 'line': len(lines), 'decoy': kind})
        else:
            lines.append(filler())
    text = '\n'.join(lines) + '\n'
    with open(os.path.join(out, name), 'w') as f:
        f.write(text)
    total += len(text)
    i += 1
with open(os.path.join(out, 'labels.json'), 'w') as f:
    json.dump({'bytes': total, 'files': i, 'labels': labels}, f)
print(f'{i} files, {total / 1e6:.1f} MB, {sum(1 for l in labels if "family" in l)} secrets, '
      f'{sum(1 for l in labels if "decoy" in l)} decoys')
