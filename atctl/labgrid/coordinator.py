"""Talk to labgrid's coordinator through labgrid's own client (labgrid >= 24: gRPC).

The coordinator keeps a place acquired until it is released (as after `labgrid-client acquire`),
so atctl acquires, works on the serial port, and releases. One connection per process, on its own
event-loop thread, serves every port of a fleet.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass

from atctl.errors import InputError, ModemUnreachable
from atctl.labgrid import EXTRA_HINT, coordinator_address


@dataclass
class Lease:
    """A place's serial port while atctl uses it; `ours` when atctl acquired it (and so releases it)."""

    place: str
    address: str
    host: str
    port: int
    speed: int
    protocol: str
    ours: bool
    holder: str


def _client():
    try:
        import grpc  # noqa: F401 - labgrid >= 25 brings it; older labgrid (WAMP) does not
        from labgrid.remote import client
        from labgrid.remote.generated import labgrid_coordinator_pb2
        from labgrid.util.proxy import proxymanager
    except ImportError as exc:
        raise InputError(f"labgrid:// ports need labgrid 25 or newer, whose coordinator speaks gRPC ({exc})",
                         hint=EXTRA_HINT) from None
    _quiet_labgrid_logs()
    return client, labgrid_coordinator_pb2, proxymanager


def _quiet_labgrid_logs() -> None:
    # labgrid logs a traceback through the root logger when the coordinator is unreachable; with no
    # logging set up Python prints it on stderr. atctl reports that in one line of its own instead.
    import logging

    root = logging.getLogger()
    if not root.handlers:
        root.addHandler(logging.NullHandler())


class _Connection:
    """One coordinator connection per address for the whole process, on its own event-loop thread:
    gRPC's asyncio client does not cope with one loop per thread (concurrent fleet ports failed to
    connect), so every thread hands its calls to this one loop."""

    _lock = threading.Lock()
    _by_address: dict[str, "_Connection"] = {}

    def __init__(self, address: str):
        import asyncio

        self.address = address
        self.client, self.pb, proxymanager = _client()
        self.grpc_address = proxymanager.get_grpc_address(address, default_port=20408)
        self.loop = asyncio.new_event_loop()
        self.session = None
        threading.Thread(target=self.loop.run_forever, name="atctl labgrid", daemon=True).start()

    @classmethod
    def get(cls, address: str) -> "_Connection":
        with cls._lock:
            conn = cls._by_address.get(address)
            if conn is None:
                conn = cls._by_address[address] = cls(address)
            conn._connect()
            return conn

    def _connect(self) -> None:
        if self.session is not None and not self.session.stopping.is_set():
            return

        async def connect():
            import asyncio

            session = self.client.ClientSession(self.grpc_address, asyncio.get_running_loop())
            await session.start()
            return session

        try:
            self.session = self.call(connect)
        except self.client.Error:
            self.session = None
            raise ModemUnreachable(f"cannot reach the labgrid coordinator at {self.address}",
                                   hint="start labgrid-coordinator there, or set LG_COORDINATOR=HOST:PORT") from None

    def call(self, make, timeout: float = 30.0):
        """Run `make()` (returns an awaitable) on the connection's loop and wait for its result;
        the wait is sliced so Ctrl-C (or the fleet's interrupt) still gets through."""
        import asyncio
        import concurrent.futures
        import time

        async def run():
            return await make()

        future = asyncio.run_coroutine_threadsafe(run(), self.loop)
        deadline = time.monotonic() + timeout
        while True:
            try:
                return future.result(timeout=0.1)
            except concurrent.futures.TimeoutError:
                if time.monotonic() >= deadline:
                    future.cancel()
                    raise ModemUnreachable(f"the labgrid coordinator at {self.address} did not answer "
                                           f"within {timeout:g} s") from None
            except BaseException:
                future.cancel()
                raise


class Lab:
    """The coordinator at `address` (a context manager, as before: one short use per operation)."""

    def __init__(self, address: str):
        self.address = address

    def __enter__(self) -> "Lab":
        self.conn = _Connection.get(self.address)
        self.session, self.pb, self._client = self.conn.session, self.conn.pb, self.conn.client
        return self

    def __exit__(self, *exc) -> None:
        pass  # the connection stays for the next port of a fleet; its thread ends with the process

    def run(self, make):
        return self.conn.call(make)

    def me(self) -> str:
        return f"{self.session.gethostname()}/{self.session.getuser()}"

    def place(self, name: str):
        places = self.session.places
        if name not in places:
            known = ", ".join(sorted(places)[:10]) or "none"
            raise ModemUnreachable(f"labgrid place {name} is not known to the coordinator at {self.address}",
                                   hint=f"places there: {known} (labgrid-client places)")
        return places[name]

    def sync(self) -> None:
        self.run(self.session.sync_with_coordinator)


def matching_places(pattern: str, options: dict | None = None) -> list[str]:
    """Names of the places matching a shell-style pattern (bench-*), sorted; exit 3 when none does."""
    import fnmatch

    address = coordinator_address(options)
    with Lab(address) as lab:
        names = sorted(lab.session.places)
    found = fnmatch.filter(names, pattern)
    if not found:
        raise ModemUnreachable(f"no labgrid place matches {pattern} at {address}",
                               hint=f"places there: {', '.join(names[:10]) or 'none'}")
    return found


def acquire(place: str, options: dict | None = None) -> Lease:
    """Acquire `place` (unless this user already holds it) and resolve its NetworkSerialPort."""
    address = coordinator_address(options)
    with Lab(address) as lab:
        import grpc

        me = lab.me()
        entry = lab.place(place)
        ours = False
        if entry.acquired and entry.acquired != me and me not in entry.allowed:
            raise _held(place, entry.acquired)
        if not entry.acquired:
            try:
                lab.run(lambda: lab.session.stub.AcquirePlace(lab.pb.AcquirePlaceRequest(placename=place)))
            except grpc.aio.AioRpcError as exc:
                lab.sync()
                holder = lab.place(place).acquired
                if holder and holder != me:
                    raise _held(place, holder) from None  # someone was faster
                raise ModemUnreachable(f"cannot acquire labgrid place {place}: {exc.details()}",
                                       hint="labgrid-client -p PLACE show says what it needs") from None
            ours = True
            entry = _acquired_entry(lab, place)
        try:
            return _serial_lease(lab, entry, address, ours, me)
        except BaseException:
            if ours:
                _release(lab, place)
            raise


def _acquired_entry(lab: Lab, place: str, wait_s: float = 5.0):
    """The place once the coordinator lists its acquired resources with a port (ser2net is
    started by the exporter on acquire; its port reaches us in an update), within `wait_s`."""
    import time

    deadline = time.monotonic() + wait_s
    while True:
        lab.sync()  # one round trip: every update sent before it has arrived
        entry = lab.place(place)
        try:
            ready = entry.acquired_resources and all(
                res.avail and res.args.get("port") for res in lab.session.get_target_resources(entry).values()
                if res.cls == "NetworkSerialPort")
        except lab._client.Error:
            ready = False
        if ready or time.monotonic() >= deadline:
            return entry
        time.sleep(0.05)  # poll interval while the exporter's update is on its way (not a fixed delay)


def _held(place: str, holder: str) -> ModemUnreachable:
    user = holder.split("/", 1)[-1]
    return ModemUnreachable(f"labgrid place {place} is held by {holder}",
                            hint=f"wait until {user} releases it, or ask them to run "
                                 f"`labgrid-client -p {place} release`; or pick another place")


def _serial_lease(lab: Lab, entry, address: str, ours: bool, me: str) -> Lease:
    try:
        resources = lab.session.get_target_resources(entry)
    except lab._client.Error as exc:
        raise ModemUnreachable(f"labgrid place {entry.name}: {' '.join(exc.args)}",
                               hint="is its exporter running? (labgrid-client resources)") from None
    serial = sorted(((name, res) for (name, cls), res in resources.items() if res.cls == "NetworkSerialPort"),
                    key=lambda item: item[0])
    if not serial:
        raise ModemUnreachable(f"labgrid place {entry.name} has no serial port (NetworkSerialPort)",
                               hint="export the module's port (RawSerialPort or USBSerialPort) and add-match it "
                                    "to the place")
    name, res = serial[0]
    args = res.args
    if not res.avail or not args.get("port"):
        raise ModemUnreachable(f"the serial port {name} of labgrid place {entry.name} is not available",
                               hint="is the module plugged in on the exporter host? (labgrid-client resources -v)")
    return Lease(place=entry.name, address=address, host=str(args.get("host") or "127.0.0.1"), port=int(args["port"]),
                 speed=int(args.get("speed") or 115200), protocol=str(args.get("protocol") or "rfc2217"),
                 ours=ours, holder=me)


def _release(lab: Lab, place: str) -> None:
    lab.run(lambda: lab.session.stub.ReleasePlace(lab.pb.ReleasePlaceRequest(placename=place)))
    lab.sync()


def release(lease: Lease) -> None:
    """Release a place atctl acquired; a failure is one warning line (the place stays acquired)."""
    if not lease.ours:
        return
    try:
        with Lab(lease.address) as lab:
            _release(lab, lease.place)
    except BaseException as exc:  # noqa: BLE001 - also Ctrl-C: say what is left behind, then go on
        text = exc.one_line() if hasattr(exc, "one_line") else (str(exc) or type(exc).__name__)
        sys.stderr.write(f"atctl: warning: labgrid place {lease.place} is still acquired ({text}); "
                         f"release it with `labgrid-client -p {lease.place} release`\n")
        if isinstance(exc, KeyboardInterrupt):
            raise
