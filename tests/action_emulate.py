#!/usr/bin/env python3
"""Runs a composite GitHub Action's steps locally, the way a runner does.

    action_emulate.py ACTION_DIR REPORT.json [--input NAME=VALUE]...
                      [--github NAME=VALUE]...

A local emulation, not GitHub: it follows the documented behaviour of the
Actions runner for composite actions as far as action.yml needs it:

- inputs: the action's defaults, replaced by --input (the workflow's with:);
  composite actions get no INPUT_* variables, so none are set;
- ${{ }} expressions in if:, env:, working-directory:, run: and with: over
  the inputs, github, runner, env and steps contexts: literals, context
  paths, ==, !=, &&, ||, !, parentheses, success(), failure(), always();
  comparisons ignore case, a missing value is ''; anything else is an error
  (exit 2), never a guess;
- an if: without a status function means success() && (...);
- run: steps run as "bash --noprofile --norc -eo pipefail FILE" in
  working-directory (relative to GITHUB_WORKSPACE) with the step's env over
  the job's; GITHUB_OUTPUT is a fresh file per step, read back as
  steps.<id>.outputs (NAME=VALUE and NAME<<DELIMITER forms); lines
  appended to GITHUB_PATH are put in front of PATH for the later steps,
  GITHUB_ENV's variables are set for them;
- a failed step makes the action fail; later steps run only when their if:
  allows it (always(), failure());
- uses: steps are not run (they are other actions): their with: is
  evaluated and recorded, and they count as succeeded.

The environment (GITHUB_WORKSPACE, RUNNER_TEMP, PATH...) comes from the
caller. REPORT.json gets every step's name, status, exit code, outputs and
(for uses: steps) inputs, and the action's outputs. Exit status: 0 when the
action succeeded, else the first failed step's exit code.
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml


class ExprError(Exception):
    pass


TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|!|\(|\)|,)|('(?:[^']|'')*')|"
                   r"([A-Za-z_][A-Za-z0-9_-]*(?:\.[A-Za-z_][A-Za-z0-9_-]*)*)|"
                   r"(-?[0-9]+(?:\.[0-9]+)?))")


def tokenize(text):
    pos, out = 0, []
    while pos < len(text):
        if text[pos:].strip() == "":
            break
        m = TOKEN.match(text, pos)
        if not m or m.end() == pos:
            raise ExprError("cannot read expression at: %r" % text[pos:])
        pos = m.end()
        op, lit, name, num = m.groups()
        if op:
            out.append(("op", op))
        elif lit is not None:
            out.append(("str", lit[1:-1].replace("''", "'")))
        elif name:
            out.append(("name", name))
        else:
            out.append(("str", num))
    return out


class Evaluator:
    def __init__(self, contexts, status):
        self.ctx = contexts
        self.status = status  # "success" or "failure" so far
        self.used_status_fn = False

    def evaluate(self, text):
        self.toks = tokenize(text)
        self.i = 0
        v = self.parse_or()
        if self.i != len(self.toks):
            raise ExprError("unexpected %r in %r" % (self.toks[self.i][1], text))
        return v

    def peek(self):
        return self.toks[self.i] if self.i < len(self.toks) else (None, None)

    def take(self, op):
        if self.peek() == ("op", op):
            self.i += 1
            return True
        return False

    def parse_or(self):
        v = self.parse_and()
        while self.take("||"):
            r = self.parse_and()
            v = v if truthy(v) else r
        return v

    def parse_and(self):
        v = self.parse_eq()
        while self.take("&&"):
            r = self.parse_eq()
            v = r if truthy(v) else v
        return v

    def parse_eq(self):
        v = self.parse_not()
        while True:
            if self.take("=="):
                v = equal(v, self.parse_not())
            elif self.take("!="):
                v = not equal(v, self.parse_not())
            else:
                return v

    def parse_not(self):
        if self.take("!"):
            return not truthy(self.parse_not())
        return self.parse_atom()

    def parse_atom(self):
        kind, val = self.peek()
        if kind is None:
            raise ExprError("expression ends early")
        self.i += 1
        if kind == "op" and val == "(":
            v = self.parse_or()
            if not self.take(")"):
                raise ExprError("missing )")
            return v
        if kind == "str":
            return val
        if kind == "name":
            if self.take("("):
                if not self.take(")"):
                    raise ExprError("function %s takes no arguments here" % val)
                return self.call(val)
            if val in ("true", "false"):
                return val == "true"
            if val == "null":
                return None
            return self.lookup(val)
        raise ExprError("unexpected %r" % val)

    def call(self, fn):
        self.used_status_fn = True
        if fn == "always":
            return True
        if fn == "success":
            return self.status == "success"
        if fn == "failure":
            return self.status == "failure"
        raise ExprError("function %s() is not emulated" % fn)

    def lookup(self, path):
        parts = path.split(".")
        if parts[0] not in self.ctx:
            raise ExprError("context %s is not emulated" % parts[0])
        v = self.ctx
        for p in parts:
            if not isinstance(v, dict):
                return None
            v = v.get(p)
        return v


def truthy(v):
    return v not in (None, False, "", 0)


def as_string(v):
    if v is None:
        return ""
    if v is True:
        return "true"
    if v is False:
        return "false"
    return str(v)


def equal(a, b):
    # The runner compares strings ignoring case; null is ''.
    return as_string(a).lower() == as_string(b).lower()


EXPR = re.compile(r"\$\{\{(.*?)\}\}", re.S)


def substitute(text, ev):
    return EXPR.sub(lambda m: as_string(ev.evaluate(m.group(1))), str(text))


def condition(cond, ev):
    if cond is None:
        return ev.status == "success"
    if isinstance(cond, bool):
        return cond and ev.status == "success"
    text = str(cond).strip()
    m = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
    if m:
        text = m.group(1)
    ev.used_status_fn = False
    v = truthy(ev.evaluate(text))
    if not ev.used_status_fn:
        v = v and ev.status == "success"
    return v


def read_output_file(path):
    out = {}
    if not os.path.exists(path):
        return out
    lines = open(path, encoding="utf-8").read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line:
            continue
        m = re.match(r"^([^=<]+)<<(.+)$", line)
        if m:
            name, delim, val = m.group(1), m.group(2), []
            while i < len(lines) and lines[i] != delim:
                val.append(lines[i])
                i += 1
            if i == len(lines):
                raise ExprError("%s: no closing %s" % (path, delim))
            i += 1
            out[name] = "\n".join(val)
        elif "=" in line:
            name, val = line.split("=", 1)
            out[name] = val
        else:
            raise ExprError("%s: unreadable line %r" % (path, line))
    return out


def main():
    args = sys.argv[1:]
    if len(args) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    action_dir, report_path = args[0], args[1]
    given_inputs, github = {}, {}
    rest = args[2:]
    while rest:
        flag, kv = rest[0], rest[1]
        rest = rest[2:]
        k, v = kv.split("=", 1)
        if flag == "--input":
            given_inputs[k] = v
        elif flag == "--github":
            github[k] = v
        else:
            print("unknown flag " + flag, file=sys.stderr)
            return 2

    action = yaml.safe_load(open(os.path.join(action_dir, "action.yml")))
    if action["runs"]["using"] != "composite":
        raise SystemExit("not a composite action")
    inputs = {}
    for name, spec in (action.get("inputs") or {}).items():
        inputs[name] = as_string((spec or {}).get("default", ""))
    for k, v in given_inputs.items():
        if k not in inputs:
            raise SystemExit("the action has no input " + k)
        inputs[k] = v

    env = dict(os.environ)
    workspace = env["GITHUB_WORKSPACE"]
    github.setdefault("workspace", workspace)
    github.setdefault("action_path", action_dir)
    env["GITHUB_ACTION_PATH"] = action_dir
    env.setdefault("GITHUB_ACTIONS", "true")
    env.setdefault("CI", "true")
    # Documented, but empty in composite actions' steps (actions/runner#2473).
    env["GITHUB_ACTION_REPOSITORY"] = ""
    env["GITHUB_ACTION_REF"] = ""
    runner = {"temp": env["RUNNER_TEMP"], "os": "Linux"}
    tmp = tempfile.mkdtemp(prefix="pf-action-")
    for f in ("GITHUB_PATH", "GITHUB_ENV", "GITHUB_STEP_SUMMARY"):
        if f not in env:
            env[f] = os.path.join(tmp, f.lower())
            open(env[f], "w").close()
    steps_ctx, report, status, first_failure = {}, [], "success", 0
    path_seen = 0

    for n, step in enumerate(action["runs"]["steps"]):
        ctx = {"inputs": inputs, "github": github, "runner": runner,
               "env": env, "steps": steps_ctx}
        ev = Evaluator(ctx, status)
        name = step.get("name", step.get("id", "step %d" % n))
        entry = {"name": name, "id": step.get("id")}
        report.append(entry)
        if not condition(step.get("if"), ev):
            entry["status"] = "skipped"
            continue
        if "uses" in step:
            entry["uses"] = step["uses"]
            entry["with"] = {k: substitute(v, ev)
                             for k, v in (step.get("with") or {}).items()}
            entry["status"] = "not run (uses: another action)"
            continue
        if step.get("shell") != "bash":
            raise SystemExit("step %s: only shell: bash is emulated" % name)
        step_env = dict(env)
        for k, v in (step.get("env") or {}).items():
            step_env[k] = substitute(v, ev)
        out_file = os.path.join(tmp, "output-%d" % n)
        open(out_file, "w").close()
        step_env["GITHUB_OUTPUT"] = out_file
        wd = substitute(step.get("working-directory", "."), ev)
        cwd = os.path.normpath(os.path.join(workspace, wd))
        script = os.path.join(tmp, "step-%d.sh" % n)
        with open(script, "w") as f:
            f.write(substitute(step["run"], ev))
        sys.stdout.write("::group::%s\n" % name)
        sys.stdout.flush()
        rc = subprocess.call(["bash", "--noprofile", "--norc", "-eo",
                              "pipefail", script], cwd=cwd, env=step_env)
        sys.stdout.write("::endgroup:: (exit %d)\n" % rc)
        sys.stdout.flush()
        outputs = read_output_file(out_file)
        entry.update(status="success" if rc == 0 else "failure",
                     exit=rc, outputs=outputs)
        if step.get("id"):
            steps_ctx[step["id"]] = {"outputs": outputs,
                                     "outcome": entry["status"],
                                     "conclusion": entry["status"]}
        # GITHUB_PATH and GITHUB_ENV: what this step appended.
        lines = open(env["GITHUB_PATH"]).read().splitlines()
        for p in lines[path_seen:]:
            if p:
                env["PATH"] = p + os.pathsep + env["PATH"]
        path_seen = len(lines)
        env.update(read_output_file(env["GITHUB_ENV"]))
        if rc != 0 and status == "success":
            status, first_failure = "failure", rc

    ev = Evaluator({"inputs": inputs, "github": github, "runner": runner,
                    "env": env, "steps": steps_ctx}, status)
    outputs = {k: substitute((v or {}).get("value", ""), ev)
               for k, v in (action.get("outputs") or {}).items()}
    with open(report_path, "w") as f:
        json.dump({"status": status, "exit": first_failure, "steps": report,
                   "outputs": outputs, "path": env["PATH"]}, f, indent=1)
    return first_failure


if __name__ == "__main__":
    try:
        sys.exit(main())
    except ExprError as e:
        print("action_emulate: %s" % e, file=sys.stderr)
        sys.exit(2)
