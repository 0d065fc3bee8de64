"""`audit serve`: the reviewers' web page (Starlette, Jinja2 templates; every asset in the package).

Pages: `/` (drop files, a folder or a .zip; earlier uploads of this session), `/b/<id>` (one
row per file: unit, period, verdict, counts; charts; downloads), `/b/<id>/f/<n>` (the report as
written with every finding marked in place, the findings beside it, filters by severity and
rule), and the downloads (`report.html`, `report.xlsx`, `report.sarif`).

Guarded so that another site cannot drive it: every request must name this server in its
`Host` header (a DNS-rebinding page names another), and every POST must come from one of its
own pages (`Origin`, else `Referer`). Pages carry a strict Content-Security-Policy (scripts and
styles from the server only).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from auditor.web.batches import Auditor, Batch, Batches
from auditor.web.texts import TEXTS
from auditor.web.uploads import Limits, Receiver, UploadError, remove_tree

HERE = Path(__file__).resolve().parent
SEVERITIES = ("error", "warning", "info")

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'")


class Guard:
    """ASGI middleware: the Host check, the Origin check for POST, and the security headers."""

    def __init__(self, app: Any, hosts: set[str], origins: set[str], lang: str) -> None:
        self.app, self.hosts, self.origins, self.lang = app, hosts, origins, lang

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        T = TEXTS[self.lang]
        if headers.get("host", "").lower() not in self.hosts:
            await PlainTextResponse(T["bad_host"], status_code=400)(scope, receive, send)
            return
        if scope.get("method", "GET") not in ("GET", "HEAD"):
            origin = headers.get("origin")
            referer = headers.get("referer", "")
            ok = (origin in self.origins) if origin is not None else any(
                referer.startswith(o + "/") for o in self.origins)
            if not ok:
                await PlainTextResponse(T["bad_origin"], status_code=403)(scope, receive, send)
                return

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
                         (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY"),
                         (b"cache-control", b"no-store"), (b"cross-origin-resource-policy", b"same-origin")]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _templates() -> Any:
    import jinja2

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")),
                             autoescape=jinja2.select_autoescape(["html"]), undefined=jinja2.StrictUndefined)
    return env


def supported_extensions() -> tuple[str, ...]:
    """What the auditor reads: JSON and the documents the extractor reads."""
    from auditor.extract import DOC_EXTENSIONS

    return (".json", *DOC_EXTENSIONS)


def image_extensions() -> tuple[str, ...]:
    """Pictures of a page: read by OCR when sent on their own (not from a folder or an archive),
    as `audit` reads them only when named."""
    try:
        from auditor.extract import IMAGE_EXTENSIONS
    except ImportError:  # pragma: no cover - before the OCR reader
        return ()
    return tuple(IMAGE_EXTENSIONS)


def create_app(workdir: Path, auditor: Auditor, *, hosts: set[str], origins: set[str], lang: str = "vi",
               limits: Limits | None = None) -> Any:
    limits = limits or Limits()
    env = _templates()
    batches = Batches(workdir)
    T = TEXTS[lang]

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        html = env.get_template(name).render(T=T, lang=lang, **ctx)
        return HTMLResponse(html, status_code=status)

    def error(vi: str, en: str, status: int) -> HTMLResponse:
        return page("error.html", status, message=vi if lang == "vi" else en, other=en if lang == "vi" else vi)

    async def index(request: Request) -> Response:
        return page("index.html", batches=[_batch_row(b, lang) for b in batches.all()], limits=limits,
                    mb=lambda n: f"{n / 1024 / 1024:g}")

    async def upload(request: Request) -> Response:
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            return error("Hãy gửi tệp qua biểu mẫu tải lên.", "Send files through the upload form.", 400)
        length = request.headers.get("content-length")
        if length and length.isdigit() and int(length) > limits.max_total + 1024 * 1024:
            return error(f"Lần tải lên quá lớn: tối đa {limits.max_total / 1024 / 1024:g} MB.",
                         f"The upload is too big: at most {limits.max_total / 1024 / 1024:g} MB.", 413)
        bid, folder = batches.new_folder()
        recv = Receiver(folder / "files", limits, supported_extensions(), image_extensions())
        try:
            await _read_multipart(request, ctype, recv, limits)
            received = await run_in_threadpool(recv.unpack)
        except UploadError as e:
            recv.close()
            remove_tree(folder)
            return error(e.vi, e.en, e.status)
        except _FormError as e:
            recv.close()
            remove_tree(folder)
            return error(e.vi, e.en, 400)
        if not received.files:
            remove_tree(folder)
            skipped = "; ".join(f"{s.name}: {s.vi if lang == 'vi' else s.en}" for s in received.skipped)
            return error("Không có tệp báo cáo nào để kiểm tra (.json, .docx, .txt, .md)."
                         + (f" Đã bỏ qua: {skipped}." if skipped else ""),
                         "No report file to audit (.json, .docx, .txt, .md)."
                         + (f" Skipped: {skipped}." if skipped else ""), 400)
        rr = await run_in_threadpool(auditor.audit, received)
        batches.add(Batch(bid, dt.datetime.now(), folder, rr, received.skipped))
        return RedirectResponse(f"/b/{bid}", status_code=303)

    def get_batch(request: Request) -> Batch:
        b = batches.get(request.path_params["bid"])
        if b is None:
            raise _NotFound()
        return b

    async def batch_page(request: Request) -> Response:
        b = get_batch(request)
        from auditor.output.html import charts_html

        rows = _file_rows(b, lang)
        charts = charts_html(b.rr, lang) if len(b.rr.files) > 1 else ""
        return page("batch.html", batch=b, rows=rows, charts=charts, skipped=b.skipped,
                    totals=_counts(b.rr.findings))

    async def file_page(request: Request) -> Response:
        b = get_batch(request)
        n = request.path_params["n"]
        if not 0 <= n < len(b.rr.files):
            raise _NotFound()
        fr = b.rr.files[n]
        findings = [f for f in b.findings_of(n) if not f.suppressed]
        sev = [s for s in request.query_params.getlist("sev") if s in SEVERITIES] or list(SEVERITIES)
        rule = request.query_params.get("rule") or ""
        view = _file_view(fr, findings, n, lang, set(sev), rule, b.rr.fail_on)
        return page("file.html", batch=b, n=n, fr=fr, sev=sev, rule=rule, **view,
                    rules=sorted({f.rule_id for f in findings}))

    async def download(request: Request) -> Response:
        b = get_batch(request)
        kind = request.path_params["kind"]
        n = request.path_params.get("n")
        rr = b.rr
        stem = "bao_cao" if lang == "vi" else "report"
        if n is not None:
            if not 0 <= n < len(rr.files):
                raise _NotFound()
            rr = _one_file(rr, n)
            stem = _stem(rr.files[0].path)
        if kind == "html":
            from auditor.output.html import render_html

            body = await run_in_threadpool(render_html, rr, lang)
            return _attachment(body.encode("utf-8"), f"{stem}.html", "text/html; charset=utf-8")
        if kind == "sarif":
            from auditor.output.sarif import render_sarif

            return _attachment(render_sarif(rr, lang).encode("utf-8"), f"{stem}.sarif", "application/sarif+json")
        if kind == "xlsx":
            from auditor.output.summary import write_summary

            out = b.folder / f"{stem}.xlsx"
            await run_in_threadpool(write_summary, rr, str(out), lang)
            return _attachment(out.read_bytes(), f"{stem}.xlsx",
                               "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        raise _NotFound()

    async def report_css(request: Request) -> Response:
        from auditor.output.html import REPORT_CSS

        return Response(REPORT_CSS, media_type="text/css")

    async def not_found(request: Request, exc: Exception) -> Response:
        return error("Không tìm thấy trang này (có thể công cụ đã được khởi động lại).",
                     "No such page (the tool may have been restarted).", 404)

    routes = [
        Route("/", index),
        Route("/upload", upload, methods=["POST"]),
        Route("/b/{bid:str}", batch_page),
        Route("/b/{bid:str}/report.{kind:str}", download),
        Route("/b/{bid:str}/f/{n:int}", file_page),
        Route("/b/{bid:str}/f/{n:int}/report.{kind:str}", download),
        Route("/report.css", report_css),
        Mount("/static", app=StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(routes=routes, exception_handlers={_NotFound: not_found, 404: not_found})
    app.state.batches = batches
    return Guard(app, hosts, origins, lang)


class _NotFound(Exception):
    pass


class _FormError(Exception):
    def __init__(self, vi: str, en: str) -> None:
        super().__init__(vi, en)
        self.vi, self.en = vi, en


async def _read_multipart(request: Request, ctype: str, recv: Receiver, limits: Limits) -> None:
    """Stream the form into `recv`: each file part is written as it arrives (never held in
    memory whole); other fields are small and ignored."""
    from python_multipart.multipart import MultipartParser, parse_options_header

    _, params = parse_options_header(ctype)
    boundary = params.get(b"boundary")
    if not boundary:
        raise _FormError("Biểu mẫu tải lên không hợp lệ.", "Invalid upload form.")
    state: dict[str, Any] = {"field": b"", "value": b"", "headers": {}, "mode": None, "size": 0}

    def on_part_begin() -> None:
        state.update(headers={}, mode=None, size=0, field=b"", value=b"")

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        state["headers"][state["field"].lower()] = state["value"]
        state["field"], state["value"] = b"", b""

    def on_headers_finished() -> None:
        _, disp = parse_options_header(state["headers"].get(b"content-disposition", b""))
        filename = disp.get(b"filename")
        if filename is None:
            state["mode"] = "field"
        elif filename == b"":
            state["mode"] = "skip"  # an empty file input
        else:
            state["mode"] = "file"
            recv.start(filename.decode("utf-8", "replace"))

    def on_part_data(data: bytes, start: int, end: int) -> None:
        if state["mode"] == "file":
            recv.write(data[start:end])
        elif state["mode"] == "field":
            state["size"] += end - start
            if state["size"] > limits.max_field:
                raise _FormError("Biểu mẫu tải lên không hợp lệ (trường quá lớn).", "Invalid upload form (a field "
                                 "is too big).")

    def on_part_end() -> None:
        if state["mode"] == "file":
            recv.end()

    parser = MultipartParser(boundary, {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
        "on_header_field": on_header_field, "on_header_value": on_header_value, "on_header_end": on_header_end,
        "on_headers_finished": on_headers_finished})
    try:
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except (UploadError, _FormError):
        raise
    except Exception as e:  # noqa: BLE001 - python-multipart's parse errors
        raise _FormError("Biểu mẫu tải lên không hợp lệ.", f"Invalid upload form ({type(e).__name__}).") from None


def _counts(findings: list[Any]) -> dict[str, int]:
    return {s: sum(1 for f in findings if f.severity == s and not f.suppressed) for s in SEVERITIES}


def _batch_row(b: Batch, lang: str) -> dict[str, Any]:
    from auditor.output.summary import file_status

    statuses = [file_status(fr.status, fr.counts, b.rr.fail_on) for fr in b.rr.files]
    return {"id": b.id, "time": b.created.strftime("%H:%M:%S %d/%m/%Y"), "files": len(b.rr.files),
            "failed": sum(1 for s in statuses if s in ("fail", "invalid", "unreadable")),
            "counts": _counts(b.rr.findings)}


def _file_rows(b: Batch, lang: str) -> list[dict[str, Any]]:
    from auditor.output.html import TEXTS as REPORT_TEXTS
    from auditor.output.html import verdict_of

    words = REPORT_TEXTS[lang]["verdicts"]
    rows = []
    for i, fr in enumerate(b.rr.files):
        counts = _counts(b.findings_of(i))
        v = verdict_of(fr.status, counts, b.rr.fail_on)
        rows.append({"n": i, "path": fr.path, "unit": fr.unit or "", "period": fr.period or "", "verdict": v,
                     "verdict_text": words[v], "counts": counts})
    return rows


def _file_view(fr: Any, findings: list[Any], n: int, lang: str, sev: set[str], rule: str,
               fail_on: str = "warning") -> dict[str, Any]:
    """The document with the findings marked, and the findings beside it, in document order;
    numbers stay the same whatever the filter shows."""
    from auditor.output.annotate import render_document
    from auditor.output.html import TEXTS as REPORT_TEXTS
    from auditor.output.html import finding_html, number_findings, verdict_of

    ordered = _document_order(fr, findings)
    numbered = number_findings(ordered, n)
    shown = [x for x in numbered if x.finding.severity in sev and (not rule or x.finding.rule_id == rule)]
    doc_html, placed = "", set()
    if fr.document is not None and fr.document.blocks:
        doc_html, placed = render_document(fr.document, shown, lang, lambda f, lg: f.message.vi if lg == "vi"
                                           else f.message.en, prefix=f"d{n}")
    counts = _counts(findings)
    v = verdict_of(fr.status, counts, fail_on)
    return {"doc_html": doc_html, "doc_kind": fr.document.kind if fr.document is not None else None,
            "findings_html": [finding_html(x.finding, lang, x, x.anchor in placed) for x in shown],
            "total": len(numbered), "shown": len(shown), "counts": counts,
            "verdict": v, "verdict_text": REPORT_TEXTS[lang]["verdicts"][v],
            "query": lambda **kw: urlencode(kw, doseq=True)}


def _document_order(fr: Any, findings: list[Any]) -> list[Any]:
    """Findings in the order their places come in the document (unplaced ones last, most
    severe first)."""
    from auditor.model.severity import SEVERITY_RANK
    from auditor.output.annotate import piece_key, src_key

    order: dict[tuple, int] = {}
    if fr.document is not None:
        for i, b in enumerate(fr.document.blocks):
            for j, p in enumerate(b.pieces):
                order.setdefault(piece_key(p), i * 100_000 + j)
    big = 1 << 40

    def key(f: Any) -> tuple:
        if fr.document is not None and fr.document.kind == "json":
            at = f.line if f.line else big
        else:
            k = src_key(f.src)
            at = order.get(k, big) if k is not None else big
        start = f.src.start if f.src is not None and f.src.start is not None else 0
        return (at, start, -SEVERITY_RANK[f.severity], f.rule_id)

    return sorted(findings, key=key)


def _one_file(rr: Any, n: int) -> Any:
    from auditor.model.findings import RunResult

    fr = rr.files[n]
    fs = [f for f in rr.findings if f.file == fr.path]
    out = RunResult(tool=rr.tool, files=[fr], findings=fs, fail_on=rr.fail_on)
    out.summary = {**_counts(fs), "files": 1}
    return out


def _stem(path: str) -> str:
    import re

    name = path.replace("\\", "/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return re.sub(r"[^\w.-]+", "_", name, flags=re.ASCII).strip("._") or "report"


def _attachment(body: bytes, filename: str, media_type: str) -> Response:
    return Response(body, media_type=media_type,
                    headers={"content-disposition": f'attachment; filename="{filename}"'})
