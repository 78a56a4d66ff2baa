"""Slow senders: N connections that send a request head announcing a large
body and then one byte a second. The server must keep answering others and
close these at its request timeout. Prints how each one ended."""
import asyncio
import sys
import time

host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


async def slow(i):
    start = time.monotonic()
    r, w = await asyncio.open_connection(host, port)
    w.write(b"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100000\r\n\r\n{")
    await w.drain()
    try:
        for _ in range(60):
            await asyncio.sleep(1)
            w.write(b" ")
            await w.drain()
            if r.at_eof():
                break
    except (ConnectionError, OSError):
        pass
    head = await asyncio.wait_for(r.read(200), 5) if not w.is_closing() else b""
    status = head.split(b"\r\n", 1)[0].decode(errors="replace")
    return time.monotonic() - start, status


async def main():
    results = await asyncio.gather(*(slow(i) for i in range(n)), return_exceptions=True)
    ended = [r for r in results if isinstance(r, tuple)]
    times = sorted(t for t, _ in ended)
    statuses = sorted({s for _, s in ended})
    print(f"slow senders: {len(ended)}/{n} ended, after {times[0]:.1f}-{times[-1]:.1f} s, answers {statuses}")


asyncio.run(main())
