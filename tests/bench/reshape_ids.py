"""Rewrites a generated transaction file's customer ids into another shape,
one id per customer, deterministically — the shapes the generator does not
make: e-mail, phone (+86 mobile), UUID, Chinese nickname.

  python3 tests/bench/reshape_ids.py email 1m.csv 1m-email.csv
"""
import hashlib
import sys
import uuid

shape, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
WORDS = ["快乐", "星球", "小鱼", "阳光", "奶茶", "追风", "晴天", "猫咪", "木子", "橙子"]


def reshape(cid: str) -> str:
    n = int(cid[1:])
    h = hashlib.blake2b(cid.encode(), digest_size=16).digest()
    if shape == "email":
        return f"user{n}.{h[0] % 100}@example{h[1] % 7}.com"
    if shape == "phone":
        return f"+86 13{h[0] % 10}{n:08d}"
    if shape == "uuid":
        return str(uuid.UUID(bytes=h))
    if shape == "nickname":
        return f"{SURNAMES[h[0] % len(SURNAMES)]}{WORDS[h[1] % len(WORDS)]}{n}"
    raise SystemExit(f"unknown shape {shape}")


with open(src, encoding="utf-8") as f, open(out, "w", encoding="utf-8") as g:
    g.write(f.readline())
    for line in f:
        cid, rest = line.split(",", 1)
        g.write(f"{reshape(cid)},{rest}")
