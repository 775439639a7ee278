"""A real SMTP server for the tests (aiosmtpd), on 127.0.0.1 and a free port.

Prints its port on the first line of stdout, then keeps each accepted message
as a numbered .eml file in --maildir (written whole, then renamed, so a reader
never sees half a mail). Behaviour by recipient, for the fault tests:

  refused-...@  answered 550 at RCPT (a permanent failure)
  busy-...@     answered 451 at RCPT (a temporary one)

--kill-pidfile FILE: after storing a message and before answering 250, the
process whose pid FILE holds is killed (SIGKILL), once; the mail is then at
the server while the sender never heard it accepted.
"""

import argparse
import asyncio
import itertools
import os
import signal

from aiosmtpd.smtp import SMTP


class Keeper:
    def __init__(self, maildir, kill_pidfile):
        self.maildir = maildir
        self.kill_pidfile = kill_pidfile
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        local = address.split("@", 1)[0]
        if local.startswith("refused"):
            return "550 5.1.1 No such mailbox here"
        if local.startswith("busy"):
            return "451 4.3.0 Mailbox busy, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        number = next(self.counter)
        final = os.path.join(self.maildir, f"{os.getpid()}-{number:05d}.eml")
        partial = final + ".part"
        with open(partial, "wb") as out:
            out.write(envelope.original_content or envelope.content)
        os.rename(partial, final)
        if self.kill_pidfile and os.path.exists(self.kill_pidfile):
            with open(self.kill_pidfile) as f:
                pid = int(f.read().strip())
            os.remove(self.kill_pidfile)
            os.kill(pid, signal.SIGKILL)
        return "250 2.0.0 Stored"


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--maildir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--kill-pidfile")
    args = parser.parse_args()
    keeper = Keeper(args.maildir, args.kill_pidfile)
    loop = asyncio.get_running_loop()
    server = await loop.create_server(
        lambda: SMTP(keeper, hostname="smtp.test", decode_data=False),
        host="127.0.0.1",
        port=args.port,
    )
    print(server.sockets[0].getsockname()[1], flush=True)
    async with server:
        await server.serve_forever()


asyncio.run(main())
