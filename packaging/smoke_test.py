"""Smoke test of a built bundle: version, sample, both solvers in their worker process, the
plan report (PDF), the app.

Usage: python packaging/smoke_test.py dist/planner [--gui-seconds 8]
Runs the bundle headless and exits non-zero on the first check that fails. It needs only
the standard library, so any Python 3.11+ runs it (build.sh uses the build venv's).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOLVE_TIMEOUT = 300  # seconds; the sample solves in a few
# Start-up of a multiprocessing helper: how a frozen executable runs the forkserver or a
# spawned worker (PyInstaller's freeze_support recognises these arguments).
WORKER_MARKERS = ("multiprocessing.forkserver", "--multiprocessing-fork")


class SmokeFailure(Exception):
    pass


def check(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def expected_version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as stream:
        return tomllib.load(stream)["project"]["version"]


def executable(bundle: Path) -> Path:
    name = "planner.exe" if sys.platform == "win32" else "planner"
    return bundle / name


def run(command: list[str], timeout: float = 120, **kwargs: object) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                          **kwargs)  # type: ignore[call-overload]


def no_traceback(result: subprocess.CompletedProcess, what: str) -> None:
    check("Traceback" not in result.stderr,
          f"{what} printed a traceback:\n{result.stderr}")


# --- the bundle's files --------------------------------------------------------------

def check_layout(bundle: Path) -> None:
    internal = bundle / "_internal"
    resources = internal / "resources"
    for name in ("sample-fleet.xlsx", "icons/planner.svg", "icons/planner-256.png"):
        check((resources / name).is_file(), f"resources/{name} is missing from the bundle")
    check(any(internal.glob("fleet_transition_planner-*.dist-info/METADATA")),
          "the planner's package metadata (for its version) is missing")
    cbc = list((internal / "pulp" / "solverdir" / "cbc").glob("*/*/cbc*"))
    check(len(cbc) == 1, f"expected PuLP's CBC for this platform only, found {cbc}")
    if os.name != "nt":
        check(os.access(cbc[0], os.X_OK), f"{cbc[0]} is not executable")
    check((internal / "pulp" / "apis").is_dir(),
          "pulp/apis is missing: PuLP finds CBC through pulp/apis/..")
    plugins = internal / "PySide6" / "Qt" / "plugins"
    if sys.platform.startswith("linux"):
        for plugin in ("platforms/libqoffscreen.so", "platforms/libqxcb.so",
                       "iconengines/libqsvgicon.so", "imageformats/libqsvg.so"):
            check((plugins / plugin).is_file(), f"Qt plugin {plugin} is missing")
        check_libraries_resolve(internal)
    print(f"   resources, metadata, CBC ({cbc[0].relative_to(internal)}), Qt plugins present")


def check_libraries_resolve(internal: Path) -> None:
    """Every shared library in the bundle finds the libraries it links against."""
    if shutil.which("ldd") is None:
        print("   (ldd not found: library check skipped)")
        return
    environment = {**os.environ, "LD_LIBRARY_PATH": str(internal)}
    unresolved = []
    for path in sorted(internal.rglob("*.so*")):
        if path.is_symlink() or not path.is_file():
            continue
        output = run(["ldd", str(path)], timeout=30, env=environment).stdout
        unresolved += [f"{path.relative_to(internal)}: {line.strip()}"
                       for line in output.splitlines() if "not found" in line]
    check(not unresolved, "libraries that do not resolve:\n  " + "\n  ".join(unresolved))


# --- the command line ----------------------------------------------------------------

def check_version(app: Path) -> None:
    result = run([str(app), "--version"])
    wanted = f"planner {expected_version()}"
    check(result.returncode == 0, f"--version exited {result.returncode}: {result.stderr}")
    check(result.stdout.strip() == wanted,
          f"--version printed {result.stdout.strip()!r}, pyproject.toml says {wanted!r}")
    print(f"   {result.stdout.strip()}")


def check_example_and_validate(app: Path, workbook: Path) -> None:
    result = run([str(app), "example", str(workbook)])
    check(result.returncode == 0 and workbook.is_file(),
          f"example exited {result.returncode}: {result.stderr}")
    result = run([str(app), "validate", str(workbook)])
    no_traceback(result, "validate")
    check(result.returncode == 0, f"validate exited {result.returncode}:\n{result.stdout}"
          f"{result.stderr}")
    print(f"   {result.stdout.strip().splitlines()[-1]}")


class ProcessWatch:
    """Records a process's descendants (pid: parent pid, command line) while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.seen: dict[int, tuple[int, str]] = {}
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    @staticmethod
    def supported() -> bool:
        return Path("/proc/self/stat").exists()  # Linux; elsewhere the solve is checked alone

    def __enter__(self) -> ProcessWatch:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _watch(self) -> None:
        while not self._done.is_set():
            self._sample()
            time.sleep(0.005)

    def _sample(self) -> None:
        processes: dict[int, tuple[int, str]] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                stat = (entry / "stat").read_text()
                command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
            except OSError:
                continue
            # The parent pid follows the command name, which is in parentheses.
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            processes[int(entry.name)] = (parent, command.strip())
        for pid, (parent, command) in processes.items():
            ancestor = parent
            while ancestor and ancestor != self.pid and ancestor in processes:
                ancestor = processes[ancestor][0]
            if ancestor == self.pid and command:
                self.seen[pid] = (parent, command)

    def workers(self) -> list[int]:
        """The solver's worker processes: a spawned child or a child of the forkserver."""
        def helper(pid: int) -> bool:
            return any(marker in self.seen[pid][1] for marker in WORKER_MARKERS)

        return [pid for pid, (parent, command) in self.seen.items()
                if "--multiprocessing-fork" in command
                or (helper(pid) and parent in self.seen and helper(parent))]


def solve(app: Path, workbook: Path, solver: str) -> dict:
    command = [str(app), "solve", str(workbook), "--solver", solver, "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        watch = ProcessWatch(process.pid)
        with watch if ProcessWatch.supported() else contextlib.nullcontext():
            stdout, stderr = process.communicate(timeout=SOLVE_TIMEOUT)
    check("Traceback" not in stderr, f"solve --solver {solver} printed a traceback:\n{stderr}")
    try:
        result = json.loads(stdout)
    except json.JSONDecodeError as error:
        raise SmokeFailure(f"solve --solver {solver} did not print one JSON object "
                           f"({error}):\n{stdout}\n{stderr}") from error
    check(process.returncode == 0 and result["status"] in ("optimal", "feasible"),
          f"solve --solver {solver} exited {process.returncode} with status "
          f"{result['status']}: {result['errors']}")
    check(result["solver"] == solver, f"asked for {solver}, the plan names {result['solver']}")
    check(bool(result["retrofits"]) and bool(result["emissions_by_year"]),
          f"solve --solver {solver} returned an empty plan")
    where = ""
    if ProcessWatch.supported():
        listing = "\n  ".join(f"{pid} (parent {parent}): {command}"
                              for pid, (parent, command) in sorted(watch.seen.items()))
        workers = watch.workers()
        check(bool(workers), f"solve --solver {solver} ran in no worker process; its "
              f"processes:\n  {listing or 'none'}")
        check(all(watch.seen[pid][1].startswith(str(app)) for pid in workers),
              f"a worker is not the bundle's executable:\n  {listing}")
        if solver == "cbc":
            cbc = [pid for pid, (parent, command) in watch.seen.items()
                   if "/solverdir/cbc/" in command and parent in workers]
            check(bool(cbc), f"no worker ran the bundled CBC; processes:\n  {listing}")
        where = f", in worker process {workers[0]} of the bundle"
    print(f"   {result['status']}, objective {result['objective']:,.0f}, "
          f"{len(result['retrofits'])} retrofits, {result['solve_seconds']:.1f} s{where}")
    return result


def check_cases_in_parallel(app: Path, workbook: Path, solve_objective: float) -> None:
    """``cases --jobs 2``: the what-if pool's spawned workers run in the bundle."""
    command = [str(app), "cases", str(workbook), "--jobs", "2", "--json"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True) as process:
        watch = ProcessWatch(process.pid)
        with watch if ProcessWatch.supported() else contextlib.nullcontext():
            stdout, stderr = process.communicate(timeout=SOLVE_TIMEOUT)
    check("Traceback" not in stderr, f"cases printed a traceback:\n{stderr}")
    try:
        cases = json.loads(stdout)["cases"]
    except (json.JSONDecodeError, KeyError) as error:
        raise SmokeFailure(f"cases did not print its JSON object ({error}):\n{stdout}\n"
                           f"{stderr}") from error
    check(process.returncode == 0, f"cases exited {process.returncode}:\n{stderr}")
    statuses = {case["case"]: case["status"] for case in cases}
    solved = all(status in ("optimal", "feasible") for status in statuses.values())
    check(len(cases) > 1 and solved, f"cases: {statuses}")
    base = next(case for case in cases if case["case"] == "Base")
    check(abs(base["objective"] - solve_objective) <= 0.01 * abs(solve_objective),
          f"cases' Base ({base['objective']:,.0f}) is not solve's plan ({solve_objective:,.0f})")
    where = ""
    if ProcessWatch.supported():
        spawned = [pid for pid, (_parent, command) in watch.seen.items()
                   if "--multiprocessing-fork" in command and command.startswith(str(app))]
        check(len(spawned) >= 2, "cases --jobs 2 spawned fewer than 2 workers of the "
              f"bundle: {sorted(command for _parent, command in watch.seen.values())}")
        where = f" in {len(spawned)} spawned worker processes"
    print(f"   {len(cases)} cases optimal{where}")


def check_report(app: Path, workbook: Path, folder: Path) -> None:
    """``report --solve``: matplotlib, its fonts' metrics and the PDF backend are bundled."""
    out = folder / "plan report.pdf"
    result = run([str(app), "report", str(workbook), "-o", str(out), "--solve"],
                 timeout=SOLVE_TIMEOUT)
    no_traceback(result, "report")
    check(result.returncode == 0, f"report exited {result.returncode}:\n{result.stderr}")
    check(out.is_file() and out.read_bytes().startswith(b"%PDF"), f"report wrote no PDF: "
          f"{result.stdout}{result.stderr}")
    pages = len(re.findall(rb"/Type /Page\b", out.read_bytes()))
    said = re.search(r"\((\d+) pages\)", result.stdout)
    check(pages >= 8 and said is not None and int(said.group(1)) == pages,
          f"the report has {pages} pages; the command said: {result.stdout}")
    print(f"   {pages} pages, {out.stat().st_size:,} bytes")


def check_solvers_agree(plans: dict[str, dict]) -> None:
    """Both solvers reach the same optimum within their gaps."""
    highs, cbc = plans["highs"], plans["cbc"]
    tolerance = max(highs["gap"] or 0.0, cbc["gap"] or 0.0, 1e-6) * 1.01 + 1e-9
    difference = abs(highs["objective"] - cbc["objective"]) / abs(highs["objective"])
    check(difference <= max(tolerance, 0.01),
          f"HiGHS ({highs['objective']:,.0f}) and CBC ({cbc['objective']:,.0f}) disagree "
          f"by {difference:.2%}")
    print(f"   HiGHS and CBC agree within {difference:.4%}")


# --- the app -------------------------------------------------------------------------

def check_gui(app: Path, arguments: list[str], seconds: float, platform: str,
              extra_environment: dict[str, str] | None = None,
              while_open: Callable[[], str] | None = None) -> None:
    """The app starts and is still running, without an error, after ``seconds``;
    ``while_open`` checks the running app (it raises SmokeFailure or says what it saw)."""
    environment = {**os.environ, "QT_QPA_PLATFORM": platform, **(extra_environment or {})}
    with tempfile.TemporaryDirectory() as home:
        # A fresh settings folder, so a user's recent files or window state play no part.
        environment["XDG_CONFIG_HOME"] = home
        process = subprocess.Popen([str(app), *arguments], stdout=subprocess.PIPE,
                                   stderr=subprocess.STDOUT, text=True, env=environment,
                                   start_new_session=True)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=seconds)
        exited = process.poll()
        seen = while_open() if while_open is not None and exited is None else ""
        if exited is None and os.name != "nt":
            os.killpg(process.pid, signal.SIGTERM)  # the app and its solver processes
        elif exited is None:
            process.terminate()
        log = process.communicate(timeout=30)[0]
    check(exited is None, f"the app ({platform}) exited with {exited} within {seconds} s:\n{log}")
    problems = [line for line in log.splitlines()
                if any(word in line for word in ("Traceback", "Error", "Could not",
                                                 "Cannot", "cannot", "Failed", "failed"))]
    check(not problems, f"the app ({platform}) reported problems:\n{log}")
    said = " | ".join(line for line in log.splitlines() if line.strip())
    print(f"   stayed open {seconds:g} s without an error" + (f"; {seen}" if seen else "")
          + (f" (it said: {said})" if said else ""))


def window_icon_on(display: str) -> Callable[[], str]:
    """A check that the app's main window on an X display carries an icon (_NET_WM_ICON)."""
    def check_icon() -> str:
        if shutil.which("xwininfo") is None or shutil.which("xprop") is None:
            return "window icon not checked (xwininfo/xprop not installed)"
        environment = {**os.environ, "DISPLAY": display}
        tree = run(["xwininfo", "-root", "-tree"], timeout=30, env=environment).stdout
        windows = [line.split()[0] for line in tree.splitlines()
                   if "Fleet Transition Planner" in line and '("planner"' in line]
        check(bool(windows), f"no main window of the planner on {display}:\n{tree}")
        icon = run(["xprop", "-id", windows[0], "_NET_WM_ICON"], timeout=30,
                   env=environment).stdout
        sizes = sorted({int(width) for width, height in
                        re.findall(r"Icon \((\d+) x (\d+)\)", icon) if width == height})
        check(bool(sizes), f"the main window has no icon: {icon.strip()[:200]}")
        return "window icon in " + ", ".join(f"{size} px" for size in sizes)

    return check_icon


def xvfb_display() -> tuple[subprocess.Popen, str] | None:
    """A virtual X display, if Xvfb is installed (to run the xcb platform plugin)."""
    if shutil.which("Xvfb") is None or not sys.platform.startswith("linux"):
        return None
    for number in range(91, 120):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24",
                                   "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        for _ in range(50):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return server, f":{number}"
            if server.poll() is not None:
                break
            time.sleep(0.1)
        server.terminate()
        server.wait()
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bundle", type=Path, help="the bundle folder, e.g. dist/planner")
    parser.add_argument("--gui-seconds", type=float, default=8.0)
    args = parser.parse_args(argv)
    bundle = args.bundle.resolve()
    app = executable(bundle)
    started = time.monotonic()
    try:
        check(app.is_file(), f"{app} does not exist; build it with packaging/build.sh")
        with tempfile.TemporaryDirectory() as work:
            workbook = Path(work) / "sample.xlsx"
            print("== bundle layout")
            check_layout(bundle)
            print("== planner --version")
            check_version(app)
            print("== planner example, validate")
            check_example_and_validate(app, workbook)
            plans = {}
            for solver in ("highs", "cbc"):
                print(f"== planner solve --solver {solver} --json")
                plans[solver] = solve(app, workbook, solver)
            check_solvers_agree(plans)
            print("== planner report --solve")
            check_report(app, workbook, Path(work))
            print("== planner cases --jobs 2 --json")
            check_cases_in_parallel(app, workbook, plans["highs"]["objective"])
            print("== planner (the app on the bundled sample), offscreen")
            check_gui(app, [], args.gui_seconds, "offscreen")
            print("== planner gui WORKBOOK, offscreen")
            check_gui(app, ["gui", str(workbook)], args.gui_seconds, "offscreen")
            display = xvfb_display()
            if display is None:
                print("== (Xvfb not installed: the xcb platform plugin is checked by ldd only)")
            else:
                server, name = display
                try:
                    print(f"== planner gui WORKBOOK, xcb on Xvfb {name}")
                    check_gui(app, ["gui", str(workbook)], args.gui_seconds, "xcb",
                              {"DISPLAY": name}, while_open=window_icon_on(name))
                finally:
                    server.terminate()
                    server.wait()
    except SmokeFailure as failure:
        print(f"SMOKE TEST FAILED: {failure}", file=sys.stderr)
        return 1
    except subprocess.TimeoutExpired as timeout:
        print(f"SMOKE TEST FAILED: {' '.join(map(str, timeout.cmd))} did not finish in "
              f"{timeout.timeout:g} s", file=sys.stderr)
        return 1
    print(f"smoke test passed in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
