#!/usr/bin/env python3
"""Milliseconds from starting the explorer to its first frame showing the timeline.

    scripts/first-frame.py [--runs N] [--size COLSxROWS] BIN FILE...

Runs `BIN FILE...` in a pseudo-terminal (answering its cursor-position query), and
stops the clock when the header's event count ("<shown>/<N> events") appears. Prints each run's
time, then the median. Run once before to fill the cache (`BIN validate FILE`): this
measures reopening an unchanged timeline.
"""
import argparse, fcntl, os, pty, re, select, signal, statistics, struct, sys, termios, time


def once(argv, cols, rows):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    seen = b""
    try:
        while True:
            ready, _, _ = select.select([fd], [], [], 60)
            if not ready:
                raise SystemExit("no frame within 60 s")
            data = os.read(fd, 65536)
            if b"\x1b[6n" in data:
                os.write(fd, b"\x1b[1;1R")
            # Search the whole read (a frame can come in one read of many KiB, the
            # header first) plus the end of the last one, in case the count was split.
            seen = seen[-256:] + data
            if re.search(rb"\d/\d+ events", seen):
                return (time.monotonic() - t0) * 1000
    finally:
        os.kill(pid, signal.SIGTERM)
        os.waitpid(pid, 0)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=11)
    p.add_argument("--size", default="120x40")
    p.add_argument("argv", nargs="+")
    a = p.parse_args()
    cols, rows = (int(x) for x in a.size.split("x"))
    times = [once(a.argv, cols, rows) for _ in range(a.runs)]
    print(" ".join(f"{t:.1f}" for t in sorted(times)), "ms")
    print(f"median {statistics.median(times):.1f} ms")


if __name__ == "__main__":
    sys.exit(main())
