#!/usr/bin/env python3
"""Where the server's time goes during the benchmark, from a JFR recording (survey-load.sh writes main.jfr).

Prints: CPU samples by the innermost application frame (com.tanfang...) and by the hottest leaf frames; time
spent blocked (parked > 20 ms, e.g. waiting for a pool connection or a row lock; socket reads > 20 ms, i.e.
waiting for PostgreSQL) by what the request was doing.
Usage: jfr-top.py main.jfr
"""
import collections
import json
import re
import subprocess
import sys


def frames_of(event):
    st = event["values"].get("stackTrace") or {}
    out = []
    for f in st.get("frames") or []:
        m = f.get("method") or {}
        cls = ((m.get("type") or {}).get("name") or "?").replace("/", ".")
        out.append(cls + "." + (m.get("name") or "?"))
    return out


def seconds(d):
    if isinstance(d, (int, float)):
        return d / 1e9
    m = re.match(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?", d or "")
    if not m:
        return 0.0
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi or 0) * 60 + float(s or 0)


APP_STEPS = [  # (label, substring of a frame), first match from the top of the stack wins
    ("rate limiter (rate_window upsert)", "RateLimiter.hit"),
    ("fraud history query (responses.recent)", "Submissions.history"),
    ("fraud signals", "FraudSignals"),
    ("store: insert response + answers + flags", "ResponseStore.store"),
    ("retry lookup (findBySubmission)", "Responses$Intercepted.findBySubmission"),
    ("open point (token, campaign, location)", "Submissions.openPoint"),
    ("questionnaire (questions.listByCampaign)", "Questions$Intercepted.listByCampaign"),
    ("phone cipher/hash", "PhoneCipher"),
    ("phone cipher/hash", "PhoneHash"),
    ("submitOnline (other)", "Submissions.submitOnline"),
]


def step(frames):
    for label, needle in APP_STEPS:
        if any(needle in f for f in frames):
            return label
    if any("com.tanfang" in f for f in frames):
        return "other application code: " + next(f for f in frames if "com.tanfang" in f)
    if any("io.netty" in f for f in frames):
        return "netty / HTTP (no application frame)"
    if any("io.micronaut" in f for f in frames):
        return "micronaut (no application frame)"
    return "JVM / other: " + (frames[0] if frames else "?")


def main(path):
    raw = subprocess.run(["jfr", "print", "--json", "--stack-depth", "96", "--events",
                          "jdk.ExecutionSample,jdk.ThreadPark,jdk.SocketRead,jdk.JavaMonitorEnter,"
                          "jdk.GarbageCollection", path],
                         check=True, capture_output=True, text=True).stdout
    events = json.loads(raw)["recording"]["events"]
    cpu = collections.Counter()
    leaf = collections.Counter()
    blocked = collections.Counter()
    blocked_n = collections.Counter()
    gc = 0.0
    samples = 0
    for e in events:
        t = e["type"]
        if t == "jdk.GarbageCollection":
            gc += seconds(e["values"].get("sumOfPauses"))
            continue
        fr = frames_of(e)
        if t == "jdk.ExecutionSample":
            samples += 1
            cpu[step(fr)] += 1
            if fr:
                leaf[fr[0]] += 1
        else:
            kind = {"jdk.ThreadPark": "parked", "jdk.SocketRead": "socket read (waiting for PostgreSQL)",
                    "jdk.JavaMonitorEnter": "monitor"}[t]
            what = step(fr)
            if t == "jdk.ThreadPark":
                if any("HikariPool.getConnection" in f for f in fr):
                    kind = "parked waiting for a pool connection"
                elif any("ThreadPoolExecutor.getTask" in f for f in fr) or not any("com.tanfang" in f for f in fr):
                    continue  # idle worker threads
            key = kind + " | " + what
            blocked[key] += seconds(e["values"].get("duration"))
            blocked_n[key] += 1
    print(f"JFR {path}: {samples} CPU samples (Java threads only), GC pauses {gc:.2f} s")
    print("\nCPU samples by request step:")
    for k, v in cpu.most_common(15):
        print(f"  {100.0 * v / max(samples, 1):5.1f} %  {k}")
    print("\nHottest leaf frames:")
    for k, v in leaf.most_common(12):
        print(f"  {100.0 * v / max(samples, 1):5.1f} %  {k}")
    print("\nBlocked time (events over JFR's 20 ms threshold), summed over threads:")
    for k, v in sorted(blocked.items(), key=lambda kv: -kv[1])[:15]:
        print(f"  {v:8.1f} s  {blocked_n[k]:6d} x  {k}")


if __name__ == "__main__":
    main(sys.argv[1])
