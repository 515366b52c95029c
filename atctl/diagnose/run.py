"""One diagnose run, as a library call: check the inputs, open the port, collect, classify,
redact, write the bundle, decide the exit code. The CLI only parses options and renders.

    diagnosis = run_diagnosis(DiagnoseRequest(port="sim://quectel-bg95-m3", out="b.zip"))
    diagnosis.report, diagnosis.bundle.path, diagnosis.exit_code
    diagnosis = run_log_diagnosis(LogDiagnoseRequest(log="serial.log"))   # the same, from a serial log
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from atctl.device.registration import WaitResult, WaitStatus
from atctl.errors import InputError, ModemUnreachable


@dataclass
class DiagnoseRequest:
    port: str
    baud: int = 115200
    out: str | None = None              # bundle path (a folder: a fresh name inside it)
    force: bool = False                 # replace an --out that is not an atctl bundle
    config_path: str | None = None      # also run the verify checks against this config
    show_ids: bool = False              # keep IMEI/IMSI/ICCID in full everywhere
    wait_s: float = 30.0                # registration wait when the module is still searching
    transcript: str | None = None       # --transcript FILE
    trace: object | None = None         # -v: a text stream that gets every exchange live, redacted
    on_wait: Callable[[WaitStatus], None] | None = None  # hears the registration wait on every poll and URC


@dataclass
class Diagnosis:
    report: dict
    markdown: str
    exit_code: int
    bundle: object | None = None        # atctl.diagnose.bundle.Saved when --out was given
    warnings: list[str] = field(default_factory=list)
    wait: WaitResult | None = None      # how the registration wait ended; None: no wait


def exit_code_for(reachable: bool, report: dict, bundle=None) -> int:
    """3 the module could not be reached; 1 a critical/major finding, or the bundle is not where asked;
    0 otherwise (DESIGN.md exit codes)."""
    if not reachable:
        return 3
    if report["summary"]["severity"] in ("critical", "major"):
        return 1
    return 1 if bundle is not None and bundle.moved else 0


def _open_transcript(request: DiagnoseRequest):
    from atctl.at.transcript import Transcript

    # redacted as it is written (unless --show-ids): the file on disk never holds a full identifier
    try:
        return Transcript(request.transcript, show_ids=request.show_ids, keep=True, force=request.force,
                          trace=request.trace)
    except OSError as exc:
        raise InputError(f"cannot write the transcript to {request.transcript}: {exc.strerror or exc}",
                         hint="choose another --transcript path") from None


def run_diagnosis(request: DiagnoseRequest) -> Diagnosis:
    from atctl.at.session import AtSession
    from atctl.at.transport import open_port
    from atctl.diagnose.bundle import check_out_path
    from atctl.diagnose.collect import collect
    from atctl.diagnose.facts import Facts
    from atctl.diagnose.findings import classify
    from atctl.diagnose.report import build_report, known_ids, redact_report, render_markdown, write_bundle

    # every input is checked before the modem is touched
    if request.out:
        check_out_path(request.out, request.force)
    cfg = None
    if request.config_path:
        from atctl.config.loader import load_config

        cfg = load_config(request.config_path)
    record = _open_transcript(request)

    facts = Facts(port=request.port)
    try:
        try:
            serial_port = open_port(request.port, baud=request.baud)
        except ModemUnreachable as exc:
            facts.reachable = False
            facts.failures.append(f"opening the port: {exc.one_line()}")
            serial_port = None
        if serial_port is not None:
            session = AtSession(serial_port, transcript=record, port_name=request.port)
            try:
                collect(session, facts, wait_s=request.wait_s, config=cfg, on_wait=request.on_wait)
            finally:
                session.close()
    finally:
        record.close()

    findings = classify(facts)
    report = build_report(facts, findings)
    ids = known_ids(facts)
    if not request.show_ids:
        report = redact_report(report, ids)
    markdown = render_markdown(report)
    diagnosis = Diagnosis(report, markdown, 0, wait=facts.wait)
    if request.out:
        diagnosis.bundle = write_bundle(request.out, report, markdown, record.records or [],
                                        None if request.show_ids else ids, force=request.force)
        if diagnosis.bundle.moved:
            where = diagnosis.bundle.path or "nowhere: the report printed here is all that is kept"
            diagnosis.warnings.append(f"{diagnosis.bundle.problem}; the bundle is in {where}")
        report["bundle"] = diagnosis.bundle.as_dict()
    diagnosis.exit_code = exit_code_for(facts.reachable, report, diagnosis.bundle)
    return diagnosis


@dataclass
class LogDiagnoseRequest:
    log: str                            # a serial log or transcript file, or "-" (stdin)
    out: str | None = None              # bundle path
    config_path: str | None = None      # also run the verify checks against this config
    show_ids: bool = False              # keep IMEI/IMSI/ICCID in full everywhere


def run_log_diagnosis(request: LogDiagnoseRequest) -> Diagnosis:
    """`diagnose --log`: the findings a log shows, redacted, bundled when asked, with the live run's exit
    policy. No port is opened: the log is what is diagnosed."""
    from atctl.diagnose.from_log import diagnose_log, render_log_markdown
    from atctl.diagnose.report import redact_report, write_bundle
    from atctl.logs.capture import to_transcript
    from atctl.logs.from_file import check_output_beside_log, read_log_file

    cfg = None
    if request.config_path:  # every input is checked before the log is read
        from atctl.config.loader import load_config

        cfg = load_config(request.config_path)
    if request.out:
        check_output_beside_log(request.out, request.log)
    result = read_log_file(request.log, show_ids=request.show_ids)
    name = "stdin" if request.log == "-" else request.log
    report, ids = diagnose_log(result, name, cfg)
    if not request.show_ids:
        report = redact_report(report, ids)
    markdown = render_log_markdown(report)
    saved = None
    if request.out:
        saved = write_bundle(request.out, report, markdown, to_transcript(result, name),
                             None if request.show_ids else ids)
    diagnosis = Diagnosis(report, markdown, exit_code_for(True, report, saved), bundle=saved)
    if saved is not None and saved.moved:
        diagnosis.warnings.append(f"the bundle could not be written to {request.out}: it is at {saved.path}")
    return diagnosis
