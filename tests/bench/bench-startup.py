#!/usr/bin/env python3
# bench-startup.py — start-up time and memory of membrane-lab against a bare
# AdwApplicationWindow, measured in the same run
#
# Copyright 2026 The Membrane Lab authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Starts each program RUNS times, alternating (and swapping which goes first
# every round), after one unmeasured warm-up start of each.  Neither program
# is changed for the measurement: both get the same LD_PRELOAD module
# (first-frame-hook.c), which writes the monotonic time and VmRSS at the end
# of the process's first frame that drew something (the first
# GdkFrameClock::after-paint after a GdkSurface::render) to a pipe.
#
#   start to first frame = that time − the time just before fork/exec
#   RSS                  = VmRSS at that moment, and again 1 s later
#   peak                 = VmHWM 1 s after the first frame
#
# One more bare window stays open, unmeasured, for the whole run: an X
# server such as Xvfb resets when its last client leaves, and a start that
# meets a resetting server fails now and then.
#
# Prints medians and docs/ARCHITECTURE.md's budgets: app/bare ≤ 1.5 for the start, and
# RSS and peak ≤ bare + 15 MB.  Exits 0 unless a program fails to show a
# frame, crashes or prints something; missing a budget is reported, not
# fatal (timings on a shared machine vary; the figures go in the README).

import argparse
import os
import select
import signal
import statistics
import subprocess
import sys
import time

TIME_RATIO_BUDGET = 1.5
RSS_BUDGET_MB = 15.0
FIRST_FRAME_TIMEOUT_S = 30.0
SETTLE_S = 1.0


def status_kb(pid, key):
    try:
        with open(f'/proc/{pid}/status') as f:
            for line in f:
                if line.startswith(key + ':'):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def run_once(argv, hook):
    """Starts argv, returns (ms to first frame, RSS kB then, RSS kB 1 s later,
    peak RSS kB 1 s later)."""
    read_fd, write_fd = os.pipe()
    env = dict(os.environ)
    env['LD_PRELOAD'] = hook + (':' + env['LD_PRELOAD'] if env.get('LD_PRELOAD') else '')
    env['ML_BENCH_FRAME_FD'] = str(write_fd)
    start_ns = time.monotonic_ns()
    proc = subprocess.Popen(argv, env=env, pass_fds=(write_fd,),
                            stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    os.close(write_fd)
    line = b''
    deadline = time.monotonic() + FIRST_FRAME_TIMEOUT_S
    try:
        while not line.endswith(b'\n'):
            left = deadline - time.monotonic()
            if left <= 0:
                raise RuntimeError(f'{argv[0]}: no first frame within {FIRST_FRAME_TIMEOUT_S:.0f} s')
            ready, _, _ = select.select([read_fd], [], [], left)
            if not ready:
                continue
            chunk = os.read(read_fd, 256)
            if not chunk:
                raise RuntimeError(f'{argv[0]}: exited (status {proc.poll()}) before its first frame')
            line += chunk
        fields = line.decode().split()
        if len(fields) != 3 or fields[0] != 'first-frame':
            raise RuntimeError(f'{argv[0]}: unexpected report {line!r}')
        frame_ms = (int(fields[1]) * 1000 - start_ns) / 1e6
        rss_first = int(fields[2])
        time.sleep(SETTLE_S)
        rss_settled = status_kb(proc.pid, 'VmRSS')
        peak = status_kb(proc.pid, 'VmHWM')
        if proc.poll() is not None:
            raise RuntimeError(f'{argv[0]}: exited (status {proc.returncode}) after its first frame')
    finally:
        os.close(read_fd)
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    if out.strip() or err.strip():
        raise RuntimeError(f'{argv[0]} printed something:\n{(out + err).decode(errors="replace")}')
    return frame_ms, rss_first, rss_settled, peak


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument('--app', required=True, help='path of membrane-lab')
    parser.add_argument('--bare', required=True, help='path of bare-window')
    parser.add_argument('--hook', required=True, help='path of the first-frame-hook module')
    parser.add_argument('--runs', type=int, default=7)
    args = parser.parse_args()

    programs = {'membrane-lab': [args.app], 'bare window': [args.bare]}
    results = {name: [] for name in programs}

    print(f'bench-startup: {args.runs} starts of each, alternating, after one warm-up; '
          f'GSK_RENDERER={os.environ.get("GSK_RENDERER", "(default)")} '
          f'GDK_BACKEND={os.environ.get("GDK_BACKEND", "(default)")}')
    # Off the session bus, so it is not the "primary instance" that the
    # measured bare windows would hand their start to.
    keeper_env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS='unix:path=/nonexistent')
    keeper = subprocess.Popen([args.bare], env=keeper_env, stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for name, argv in programs.items():
            run_once(argv, args.hook)
        for i in range(args.runs):
            order = list(programs) if i % 2 == 0 else list(reversed(programs))
            for name in order:
                r = run_once(programs[name], args.hook)
                results[name].append(r)
                print(f'  run {i + 1} {name:13s} first frame {r[0]:7.1f} ms   '
                      f'RSS {r[1] / 1024:6.1f} MB, 1 s later {r[2] / 1024:6.1f} MB, '
                      f'peak {r[3] / 1024:6.1f} MB')
    except RuntimeError as e:
        print(f'bench-startup: {e}', file=sys.stderr)
        return 1
    finally:
        keeper.terminate()
        keeper.wait(timeout=10)

    med = {}
    for name, runs in results.items():
        med[name] = (statistics.median(r[0] for r in runs),
                     statistics.median(r[1] for r in runs) / 1024,
                     statistics.median(r[2] for r in runs) / 1024,
                     statistics.median(r[3] for r in runs) / 1024)

    app, bare = med['membrane-lab'], med['bare window']
    print()
    print(f'  {"median":13s} {"first frame ms":>15s} {"RSS MB":>8s} {"RSS 1 s later":>14s} '
          f'{"peak MB":>8s}')
    for name in programs:
        m = med[name]
        print(f'  {name:13s} {m[0]:15.1f} {m[1]:8.1f} {m[2]:14.1f} {m[3]:8.1f}')
    ratio = app[0] / bare[0]
    extra = app[1] - bare[1]
    extra_settled = app[2] - bare[2]
    extra_peak = app[3] - bare[3]
    print()
    print(f'bench-startup: start to first frame app/bare = {ratio:.2f} '
          f'(budget {TIME_RATIO_BUDGET}): {"within budget" if ratio <= TIME_RATIO_BUDGET else "OVER BUDGET"}')
    print(f'bench-startup: RSS at first frame app − bare = {extra:+.1f} MB '
          f'(1 s later {extra_settled:+.1f} MB, peak {extra_peak:+.1f} MB; budget '
          f'+{RSS_BUDGET_MB:.0f} MB): '
          f'{"within budget" if max(extra, extra_settled, extra_peak) <= RSS_BUDGET_MB else "OVER BUDGET"}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
