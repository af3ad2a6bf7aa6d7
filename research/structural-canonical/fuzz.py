# Differential check: the prototype (native) against Python's json.dumps(sort_keys=True, compact,
# ensure_ascii=False) on 3,000 random and mutated documents; writes them to target/fuzz-in.txt for
# wasmcheck.mjs. Needs `cargo build --release --example check`.  python3 fuzz.py [SEED]
import json, os, random, subprocess, sys
HERE = os.path.dirname(os.path.abspath(__file__))
FUZZ_IN = os.path.join(HERE, 'target', 'fuzz-in.txt')
random.seed(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
KEYCH = ['a','b','c','é','\u20ac','\U0001F600','"','\\','\n','\x01','/','z','A','\x7f']
def rstr():
    return ''.join(random.choice(KEYCH) for _ in range(random.randint(0, 12)))
def enc_str(s):
    out = ['"']
    for ch in s:
        r = random.random()
        if ch in '"\\': out.append('\\' + ch)
        elif ord(ch) < 0x20: out.append(random.choice(['\\u%04x' % ord(ch), '\\u%04X' % ord(ch)] + (['\\n'] if ch == '\n' else [])))
        elif r < 0.2: out.append(''.join('\\u%04x' % u for u in (lambda b: [int.from_bytes(b[i:i+2], 'big') for i in range(0, len(b), 2)])(ch.encode('utf-16-be'))))
        elif ch == '/' and r < 0.5: out.append('\\/')
        else: out.append(ch)
    out.append('"'); return ''.join(out)
def ws():
    return random.choice(['', '', ' ', '\n  ', '\t', '\r\n'])
def rnum():
    return random.choice([str(random.randint(-10**6, 10**6)), repr(random.uniform(-1e3, 1e3)), '0', '-1', '12345678901234567890123'])
def gen(d=0):
    r = random.random()
    if d > 4 or r < 0.35:
        return random.choice([enc_str(rstr()), rnum(), 'true', 'false', 'null'])
    if r < 0.55:
        return '[' + ws() + (','+ws()).join(gen(d+1) for _ in range(random.randint(0, 5))) + ws() + ']'
    n = random.choice([0, 1, 3, 8, 20, 40, 100] if d == 0 else [0, 1, 3, 5])
    keys = [rstr() for _ in range(n)]
    if n and random.random() < 0.3: keys += random.choices(keys, k=3)
    return '{' + ws() + (','+ws()).join(enc_str(k) + ws() + ':' + ws() + gen(d+1) for k in keys) + ws() + '}'
docs = []
for i in range(3000):
    s = gen()
    if random.random() < 0.3:  # mutate
        p = random.randrange(len(s) + 1)
        m = random.choice(['del', 'ins'])
        s = s[:p] + s[p+1:] if m == 'del' else s[:p] + random.choice('{}[],:"\\ 1a\x01\x00-.e') + s[p:]
    if '\n' in s.replace('\\n', ''):  # one document per line: escape-free raw newlines only as whitespace
        s = s.replace('\n', ' ')
    docs.append(s)
os.makedirs(os.path.dirname(FUZZ_IN), exist_ok=True)
open(FUZZ_IN, 'wb').write(('\n'.join(docs) + '\n').encode('utf-8', 'surrogatepass'))
out = subprocess.run([os.path.join(HERE, 'target', 'release', 'examples', 'check'), FUZZ_IN], capture_output=True).stdout.decode('utf-8', 'surrogatepass').split('\n')
bad = 0; errs = 0; numdiff = 0
for s, got in zip(docs, out):
    try:
        want = json.dumps(json.loads(s), sort_keys=True, separators=(',', ':'), ensure_ascii=False)
    except Exception:
        want = 'ERR'
    if want == 'ERR': errs += 1
    if got != want:
        # number spellings are copied as written by the prototype (1e+20 -> 1e+20, Python 1e+20)
        try:
            if got != 'ERR' and json.loads(got) == json.loads(want): numdiff += 1; continue
        except Exception: pass
        bad += 1
        if bad <= 5: print('MISMATCH\n in  %r\n want %r\n got  %r' % (s[:300], want[:300], got[:300]))
print('docs', len(docs), 'python-rejected', errs, 'mismatches', bad, 'number-spelling-only diffs', numdiff)
