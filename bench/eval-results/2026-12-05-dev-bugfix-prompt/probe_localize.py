import json, glob, re, sys, httpx, pathlib
URL = "http://127.0.0.1:8765/v1/chat/completions"
MODEL = sys.argv[1] if len(sys.argv) > 1 else "qwen2.5-coder-0.5b"
res = []
for f in sorted(glob.glob('/tmp/dev-rec/*.jsonl')):
    task = pathlib.Path(f).stem
    e = json.loads(open(f).readline())
    user = e['messages'][1]['content']
    m = re.search(r"The current `([^`]+)`:\n```python\n(.*?)```", user, re.S)
    fail = re.search(r"It fails:\n```\n(.*?)```", user, re.S)
    if not m or not fail: print(task, "no current/failure"); continue
    name, code = m.group(1), m.group(2)
    patch = pathlib.Path(f"/work/main/bench/tasks/{task}/solution.patch").read_text()
    removed = [l[1:].strip() for l in patch.splitlines() if l.startswith('-') and not l.startswith('---')]
    lines = code.rstrip('\n').split('\n')
    numbered = "\n".join(f"{i+1:3d} | {l}" for i, l in enumerate(lines))
    truth = [i+1 for i, l in enumerate(lines) if l.strip() and l.strip() in removed]
    prompt = f"This Python function has a bug. A test fails:\n```\n{fail.group(1).strip()[-1500:]}\n```\n\n```\n{numbered}\n```\nWhich line has the bug? Answer with the line number only."
    r = httpx.post(URL, json={"model": MODEL, "messages": [{"role": "user", "content": prompt}], "max_tokens": 8, "temperature": 0}, timeout=600).json()
    ans = r['choices'][0]['message']['content']
    got = re.findall(r"\d+", ans)
    ok = bool(got) and int(got[0]) in truth
    res.append(ok)
    print(task, "truth", truth, "answer", repr(ans), "OK" if ok else "", flush=True)
print(sum(res), "/", len(res))
