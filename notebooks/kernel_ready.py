"""nbconvert's ExecutePreprocessor, made to wait until the Java kernel is listening before it talks to it.

The rapaio kernel (3.0.1) binds its five sockets one by one, starting a thread for each, and only then
registers the handlers of its shell channel. Jupyter's client connects at once, and ZeroMQ delivers its first
kernel_info request, queued meanwhile, the moment the shell socket is bound: if that falls before the
handlers exist, the shell thread dies on a NullPointerException and the client waits in vain for a minute.
On a busy machine it happened often. So this preprocessor waits until all five ports are
listening, then lets the kernel finish starting, and only then creates the client. (Linux only: it reads
/proc/net/tcp. Elsewhere it does not wait, and run.sh's retries are all there is.) run.sh passes it to
nbconvert with --Exporter.preprocessors; it uses nothing beyond the standard library and nbconvert.
"""

import asyncio
import pathlib
import time

from nbconvert.preprocessors import ExecutePreprocessor

# /proc/net/tcp state code
LISTEN = "0A"
# From the last bind to the handlers the kernel sends one status message; even on a loaded machine that
# takes well under this.
SETTLE_S = 2.0


def listening_ports():
    """The local TCP ports in state LISTEN, read from the kernel's tables: looking does not disturb the kernel."""
    ports = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = pathlib.Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            if fields[3] == LISTEN:
                ports.add(int(fields[1].rsplit(":", 1)[1], 16))
    return ports


class ReadyKernelExecutePreprocessor(ExecutePreprocessor):
    async def async_start_new_kernel_client(self):
        await self._wait_until_listening()
        return await super().async_start_new_kernel_client()

    async def _wait_until_listening(self):
        km = self.km
        if km.transport != "tcp" or not pathlib.Path("/proc/net/tcp").exists():
            return  # not Linux: no waiting, and the retries in run.sh
        ports = [km.shell_port, km.iopub_port, km.stdin_port, km.control_port, km.hb_port]
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline and not set(ports) <= listening_ports():
            await asyncio.sleep(0.2)
        # If the kernel never listened, the client's own wait_for_ready reports the failure as usual.
        await asyncio.sleep(SETTLE_S)
