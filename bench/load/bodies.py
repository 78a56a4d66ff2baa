"""Request bodies for the load run (scripts/load.sh): real reports, and the
hostile bodies the server must shrug off. Writes them into the folder given."""
import json
import pathlib
import sys

root = pathlib.Path(__file__).resolve().parents[2]
out = pathlib.Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
fixtures = root / "tests" / "fixtures"
june = (fixtures / "series" / "chengqiao-2023-06.json").read_text()
july = (fixtures / "series" / "chengqiao-2023-07.json").read_text()
broken = (fixtures / "broken" / "cross-field-errors.json").read_text()
MIB = 1024 * 1024


def write(name, data):
    (out / name).write_bytes(data if isinstance(data, bytes) else data.encode())


opts = '{"mode": "submit", "today": "2024-01-10"}'
write("good.json", f'{{"report": {july}, "prior": {june}, "options": {opts}}}')
write("bad.json", f'{{"report": {broken}, "prior": {june}, "options": {opts}}}')
# Hostile, each just under the 1 MiB limit.
write("nesting.json", '{"report": {"values": {"a": ' + "[" * (MIB - 40) + "}")
write("key.json", '{"report": {"values": {"' + "k" * (MIB - 40) + '": 1}}}')
write("key900k.json", '{"report": {"values": {"' + "k" * 900_000 + '": 1}}}')
keys = ", ".join(f'"extra_{i}": 1' for i in range(20_000))
write("keys20k.json", '{"report": {"values": {' + keys + "}}}")
# As many unknown keys as fit: the most work a body can ask of the key checks.
many = []
size = 40
i = 0
while size < MIB - 64:
    item = f'"k{i}": 1'
    many.append(item)
    size += len(item) + 2
    i += 1
write("keysmax.json", '{"report": {"values": {' + ", ".join(many) + "}}}")
# Twenty keys of 40 bytes, the longest compared by edit distance, in each of
# 20 values' worth of near-misses.
write("spelling.json", '{"report": {"values": {' + ", ".join(f'"{"self_found_x" * 3}{i:04d}": 1' for i in range(20)) + "}}}")
write("utf8.json", b'{"report": {"unit": "\xff\xfe' + b"\xc3" * (MIB - 40) + b'"}}')
write("truncated.json", f'{{"report": {july}, "prior": {june[: len(june) // 2]}')
