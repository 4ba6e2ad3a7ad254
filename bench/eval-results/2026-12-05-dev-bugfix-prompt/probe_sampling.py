"""For each dev bug fix's first prompt (recorded), sample answers with the code shown; count verbatim
copies, answers that change the function, and answers equal (ast) to the reference fix."""
import ast, json, glob, re, sys, subprocess, tempfile, shutil, pathlib, httpx, collections
URL = "http://127.0.0.1:8799/v1/chat/completions"
N = int(sys.argv[1]); TEMPS = [float(t) for t in sys.argv[2].split(",")]
def norm(s): return re.sub(r'\s+', ' ', s).strip()
def reference_function(task, path, name):
    tmp = pathlib.Path(tempfile.mkdtemp())
    shutil.copytree(f"/work/main/bench/tasks/{task}/repo", tmp / "repo")
    subprocess.run(["git", "init", "-q"], cwd=tmp / "repo")
    subprocess.run(["git", "apply", f"/work/main/bench/tasks/{task}/solution.patch"], cwd=tmp / "repo", check=True)
    src = (tmp / "repo" / path).read_text()
    for node in ast.walk(ast.parse(src)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
            return ast.dump(node)
def dump_of(code, name):
    try:
        for node in ast.walk(ast.parse(code)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name == name:
                return ast.dump(node)
    except SyntaxError:
        return "syntax"
totals = collections.Counter()
for f in sorted(glob.glob('/tmp/dev-rec/*.jsonl')):
    task = pathlib.Path(f).stem
    if task.startswith("big-"): continue
    e = json.loads(open(f).readline())
    user = e['messages'][1]['content']
    m = re.search(r"The current `([^`]+)`:\n```python\n(.*?)```", user, re.S)
    path = re.search(r"The file `([^`]+)`", user).group(1)
    name, current = m.group(1).split(".")[-1], m.group(2)
    ref = reference_function(task, path, name)
    prefill = e['messages'][-1]['content']
    header = prefill.split("```python\n", 1)[1]
    row = collections.Counter()
    for t in TEMPS:
        for s in range(N):
            body = {"model": "qwen2.5-coder-0.5b", "messages": e['messages'], "max_tokens": 400, "temperature": t, "seed": s,
                    "stop": ["\n```", "\ndef ", "\nclass ", "\nif __name__"], "continue_final_message": True, "add_generation_prompt": False}
            r = httpx.post(URL, json=body, timeout=900).json()
            text = r['choices'][0]['message']['content']
            text = text[len(prefill):] if text.startswith(prefill) else text
            code = header + text
            d = dump_of(code, name)
            kind = "copy" if norm(text) in norm(current) else ("syntax" if d == "syntax" else ("fix" if d == ref else "changed"))
            row[(t, kind)] += 1; totals[(t, kind)] += 1
    print(task, dict(row), flush=True)
print(dict(totals))
