"""Slow senders: N connections that send a request head and then one byte
of the body a second; half declare a light body (2,000 bytes), half a heavy
one (100,000). The server must keep answering others and answer these with
408 at its request timeout. Prints how each one ended."""
import asyncio
import sys
import time

host, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])


async def slow(i):
    start = time.monotonic()
    r, w = await asyncio.open_connection(host, port)
    length = 2000 if i % 2 else 100_000
    w.write(f"POST /api/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"Content-Length: {length}\r\n\r\n{{".encode())
    await w.drain()
    answer = asyncio.ensure_future(r.read(200))
    while not answer.done() and time.monotonic() - start < 60:
        await asyncio.sleep(1)
        try:
            w.write(b" ")
            await w.drain()
        except (ConnectionError, OSError):
            break
    head = await asyncio.wait_for(answer, 5)
    w.close()
    status = head.split(b"\r\n", 1)[0].decode(errors="replace")
    return time.monotonic() - start, status


async def main():
    results = await asyncio.gather(*(slow(i) for i in range(n)), return_exceptions=True)
    ended = [r for r in results if isinstance(r, tuple)]
    failed = [repr(r) for r in results if not isinstance(r, tuple)]
    times = sorted(t for t, _ in ended)
    statuses = sorted({s for _, s in ended})
    print(f"slow senders: {len(ended)}/{n} answered, after {times[0]:.1f}-{times[-1]:.1f} s, answers {statuses}"
          + (f"; errors {failed[:3]}" if failed else ""))


asyncio.run(main())
