# Flattens the RFC 7208 test suite (pyspf's rfc7208-tests.yml.gz) for Rfc7208SuiteTest: one
# tab-separated line per record and per case, each field base64 of its UTF-8 text.
# Zone data follows pyspf's testspf.py: an SPF entry also gives a TXT record unless the name has
# TXT entries; "TXT: NONE" gives none; a bare TIMEOUT makes every query type that has no record
# listed before it time out.
import base64, gzip, sys, yaml

def f(s):
    return base64.b64encode(str(s).encode('utf-8')).decode('ascii')

def out(*fields):
    print('\t'.join(f(x) for x in fields))

TYPES = ['A', 'AAAA', 'MX', 'TXT', 'PTR', 'CNAME']
with gzip.open(sys.argv[1], 'rb') as fp:
    for i, doc in enumerate(yaml.safe_load_all(fp)):
        scen = str(i)
        out('S', scen, doc.get('description', ''))
        for name, entries in (doc.get('zonedata') or {}).items():
            has_txt = any(isinstance(e, dict) and 'TXT' in e for e in entries)
            seen = set()
            timeout = False
            for e in entries:
                if e == 'TIMEOUT':
                    timeout = True
                    break
                for t, v in e.items():
                    if t == 'SPF':
                        if has_txt:
                            continue  # the SPF RR type itself is never asked (RFC 7208 §3.1)
                        t = 'TXT'
                    if v == 'NONE' or v == ['NONE']:
                        continue  # suppresses the TXT made from SPF; not a record (so TIMEOUT applies)
                    seen.add(t)
                    if t == 'TXT':
                        strings = v if isinstance(v, list) else [v]
                        out('Z', scen, name, 'TXT', *strings)
                    elif t == 'MX':
                        out('Z', scen, name, 'MX', v[0], v[1])
                    else:
                        out('Z', scen, name, t, v)
            if timeout:
                for t in TYPES:
                    if t not in seen:
                        out('Z', scen, name, 'SILENT', t)
        for tname, t in doc['tests'].items():
            res = t['result']
            res = res if isinstance(res, list) else [res]
            out('C', scen, tname, t['host'], t['mailfrom'], t['helo'], ','.join(res),
                t.get('explanation', '') or '', t.get('spec', ''), t.get('description', '') or '')
