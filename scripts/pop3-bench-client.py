#!/usr/bin/env python3
"""POP3 download timing for scripts/bench-pop3.sh: one session doing LIST, UIDL, RETR of every
message (pipelined in windows of 100 commands, RFC 2449 PIPELINING, which both servers offer),
then QUIT. Prints the wall time in nanoseconds (LIST to QUIT's +OK), the message count, the
nanoseconds of LIST+UIDL alone and of PASS (login with the maildrop snapshot), after checking every reply: N messages listed,
N unique ids, N RETR answers +OK with a terminated body and the octets LIST announced.
usage: pop3-bench-client.py HOST PORT USER PASSWORD"""
import socket, sys, time

host, port, user, pw = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
s = socket.create_connection((host, port), timeout=120)
# Input buffer and read position: replies are found by offset, and consumed bytes are dropped
# only when more input is read, so the client never copies the rest of its buffer per reply.
buf = bytearray()
pos = 0

def fill():
    global buf, pos
    if pos:
        del buf[:pos]
        pos = 0
    d = s.recv(1 << 20)
    if not d:
        raise SystemExit("bench client: server closed the connection")
    buf += d

def line():
    global pos
    while True:
        i = buf.find(b"\r\n", pos)
        if i >= 0:
            l = bytes(buf[pos:i])
            pos = i + 2
            return l
        fill()

def ok(l):
    if not l.startswith(b"+OK"):
        raise SystemExit("bench client: unexpected reply %r" % l[:80])
    return l

def multiline():
    """(start, end) of the body of a multi-line reply in buf (still dot-stuffed), terminator consumed;
    valid until the next read."""
    global pos
    start = pos
    while True:
        if buf.startswith(b".\r\n", pos):
            pos += 3
            return pos - 3, pos - 3
        i = buf.find(b"\r\n.\r\n", start)
        if i >= 0:
            b0 = pos
            pos = i + 5
            return b0, i + 2
        start = max(pos, len(buf) - 4)
        rel = start - pos
        fill()
        start = pos + rel

def body_bytes():
    a, b = multiline()
    return bytes(buf[a:b])

def cmd(c):
    s.sendall(c + b"\r\n")

ok(line())
cmd(b"USER " + user.encode()); ok(line())
tl = time.perf_counter_ns()
cmd(b"PASS " + pw.encode()); ok(line())
t0 = time.perf_counter_ns()
cmd(b"LIST"); ok(line())
sizes = [int(x.split()[1]) for x in body_bytes().split(b"\r\n") if x]
cmd(b"UIDL"); ok(line())
uids = [x.split()[1] for x in body_bytes().split(b"\r\n") if x]
tu = time.perf_counter_ns()
n = len(sizes)
got = 0
W = 100
for first in range(1, n + 1, W):
    last = min(n, first + W - 1)
    s.sendall(b"".join(b"RETR %d\r\n" % i for i in range(first, last + 1)))
    for i in range(first, last + 1):
        st = ok(line())
        a, b = multiline()
        # octets as stored = body without the dot-stuffing dots
        unstuffed = (b - a) - buf.count(b"\r\n..", a, b) - (1 if buf.startswith(b"..", a) else 0)
        if unstuffed != sizes[i - 1]:
            raise SystemExit("bench client: message %d: %d octets, LIST said %d" % (i, unstuffed, sizes[i - 1]))
        got += 1
cmd(b"QUIT"); ok(line())
t1 = time.perf_counter_ns()
if n == 0 or got != n or len(set(uids)) != n:
    raise SystemExit("bench client: %d listed, %d retrieved, %d unique ids" % (n, got, len(set(uids))))
print(t1 - t0, n, tu - t0, t0 - tl)
