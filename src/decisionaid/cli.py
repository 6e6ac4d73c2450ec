"""The ``decisionaid`` command: with no arguments it opens the desktop app.

Modules are imported inside the commands that need them (Qt, reportlab and sqlite-utils, but also
argparse and json), so that each command starts quickly and the app's start-up pays for none of
the others.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from decisionaid import __version__

if TYPE_CHECKING:
    import argparse

    from decisionaid.answers import Answers
    from decisionaid.models import Catalogue
    from decisionaid.offer_check import OfferReport
    from decisionaid.rules import Result

EXIT_OK, EXIT_PROBLEM, EXIT_USAGE = 0, 1, 2


def _add_catalogue_option(parser: argparse.ArgumentParser, top_level: bool = False) -> None:
    import argparse

    # Subcommands must not overwrite a top-level --catalogue with their own default.
    parser.add_argument(
        "--catalogue",
        metavar="PATH",
        type=Path,
        default=None if top_level else argparse.SUPPRESS,
        help="use this catalogue file instead of the bundled one",
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse  # here, not at the top: the app's start-up does not need it

    parser = argparse.ArgumentParser(
        prog="decisionaid",
        description="An offline decision aid for hair loss. With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"DecisionAid {__version__}")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="run the whole flow headless with a sample patient and exit 0 if it works",
    )
    _add_catalogue_option(parser, top_level=True)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    rec = sub.add_parser("recommend", help="show every option for an answers file")
    rec.add_argument("answers", type=Path, metavar="ANSWERS.json")
    rec.add_argument("--json", action="store_true", help="print JSON instead of a table")
    _add_catalogue_option(rec)

    exp = sub.add_parser(
        "export", help="write the consultation summary (PDF or web page) for an answers file"
    )
    exp.add_argument("answers", type=Path, metavar="ANSWERS.json")
    exp.add_argument("-o", "--output", type=Path, required=True, metavar="SUMMARY.pdf")
    exp.add_argument(
        "--format",
        choices=("pdf", "html"),
        default="pdf",
        help="pdf (default) or html: a self-contained, accessible web page",
    )
    exp.add_argument(
        "--paper", choices=("a4", "letter"), help="paper size (default: from your locale)"
    )
    exp.add_argument(
        "--sections",
        metavar="LIST",
        help="comma-separated sections to include (default: all but comparison, icon_arrays "
        "and answers); see --list-sections",
    )
    exp.add_argument("--list-sections", action="store_true", help="list the section names and exit")
    _add_catalogue_option(exp)

    offer = sub.add_parser(
        "check-offer", help="check a clinic's offer (text, .html, or - for standard input)"
    )
    offer.add_argument("file", metavar="FILE", help="a text or .html file, or - to read stdin")
    offer.add_argument("--json", action="store_true", help="print JSON instead of text")
    _add_catalogue_option(offer)

    cat = sub.add_parser("catalogue", help="build, check, locate or list the catalogue")
    cat_sub = cat.add_subparsers(dest="catalogue_command", metavar="ACTION", required=True)
    build = cat_sub.add_parser("build", help="rebuild the SQLite catalogue from data/")
    build.add_argument("--source", type=Path, metavar="DIR", help="source folder (default: data/)")
    build.add_argument(
        "--output", type=Path, metavar="PATH", help="output file (default: the bundled catalogue)"
    )
    check = cat_sub.add_parser("check", help="validate the sources and measure their reading level")
    check.add_argument("--source", type=Path, metavar="DIR", help="source folder (default: data/)")
    matrix = cat_sub.add_parser(
        "matrix",
        help="write the safety decision table (docs/safety-matrix.md, data/safety-matrix.csv)",
    )
    matrix.add_argument("--source", type=Path, metavar="DIR", help="source folder (default: data/)")
    matrix.add_argument(
        "--check", action="store_true", help="only check that the written table is up to date"
    )
    path = cat_sub.add_parser("path", help="print the path of the catalogue in use")
    _add_catalogue_option(path)
    lst = cat_sub.add_parser("list", help="list treatments, hair-loss types and conditions")
    lst.add_argument("--json", action="store_true", help="print JSON")
    _add_catalogue_option(lst)
    return parser


def _fail(message: str, code: int = EXIT_PROBLEM) -> int:
    print(f"decisionaid: {message}", file=sys.stderr)
    return code


def _open(path: Path | None) -> Catalogue:
    from decisionaid.catalogue import open_catalogue

    return open_catalogue(path)


def _load(answers_path: Path, catalogue: Catalogue) -> Answers:
    from decisionaid.answers import answers_for_catalogue, load_answers

    return load_answers(answers_path, **answers_for_catalogue(catalogue))


def cmd_recommend(args: argparse.Namespace) -> int:
    from decisionaid.rules import recommend, result_to_dict

    catalogue = _open(args.catalogue)
    answers = _load(args.answers, catalogue)
    result = recommend(answers, catalogue)
    if args.json:
        import json

        json.dump(result_to_dict(result), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_result_table(result))
    return EXIT_OK


def format_result_table(result: Result, width: int = 100) -> str:
    import textwrap

    from decisionaid.costs import format_total
    from decisionaid.rules import STATUS_WORDS, STATUSES

    meta = result.catalogue.meta
    type_name = (
        result.hair_loss_type.name if result.hair_loss_type else result.answers.hair_loss_type
    )
    lines = [
        f'DecisionAid {__version__}: every option for "{type_name}"',
        f"Catalogue {meta.version}, reviewed {meta.reviewed}. Not a diagnosis; not advice to "
        "choose any one option.",
        f"Risk level {result.risk_level.id}: {result.risk_level.description}",
        "",
    ]
    for notice in result.notices:
        lines += textwrap.wrap(f"! {notice}", width, subsequent_indent="  ")
    wrap = textwrap.TextWrapper(
        width=width, initial_indent="      - ", subsequent_indent="        "
    )
    for status in STATUSES:
        options = result.by_status(status)
        lines += ["", f"{STATUS_WORDS[status].upper()} ({len(options)})"]
        if not options:
            lines.append("  (none)")
        for o in options:
            costs = o.costs
            cost_text = (
                "cost not known"
                if not costs.known
                else f"1 yr {format_total(costs, 1)}, 5 yr {format_total(costs, 5)}"
            )
            lines.append(f"  {o.treatment.name}  [{o.id}]")
            lines.append(f"      {o.certainty_words} | {o.regulatory_words} | {cost_text}")
            for reason in o.reasons:
                if reason.effect == "info" and reason.kind == "info":
                    continue
                lines += wrap.wrap(reason.text)
    lines.append("")
    return "\n".join(lines) + "\n"


def cmd_export(args: argparse.Namespace) -> int:
    from decisionaid.report import SECTIONS

    if args.list_sections:
        for key, title in SECTIONS.items():
            print(f"{key}\t{title}")
        return EXIT_OK
    from decisionaid.rules import recommend

    sections = None
    if args.sections:
        sections = {s.strip() for s in args.sections.split(",") if s.strip()}
        unknown = sorted(sections - set(SECTIONS))
        if unknown:
            return _fail(
                f"unknown section(s): {', '.join(unknown)}. Known: {', '.join(SECTIONS)}",
                EXIT_USAGE,
            )
    from decisionaid.atomic import check_target

    check_target(args.output)  # a FIFO, device or folder is refused before any work is done
    catalogue = _open(args.catalogue)
    answers = _load(args.answers, catalogue)
    result = recommend(answers, catalogue)
    if args.format == "html":
        from decisionaid.report.html import write_summary_html

        write_summary_html(result, args.output, sections=sections)
    else:
        from decisionaid.report.pdf import write_summary_pdf

        write_summary_pdf(result, args.output, paper=args.paper, sections=sections)
    print(f"Wrote {args.output}")
    return EXIT_OK


def _author_tools_missing() -> str | None:
    """Building and checking the catalogue need the author tools (the ``catalogue`` extra)."""
    from importlib.util import find_spec

    missing = [name for name in ("sqlite_utils", "textstat") if find_spec(name) is None]
    if not missing:
        return None
    return (
        f"this needs the catalogue tools ({', '.join(missing)} missing), which the app itself "
        "does not use. Install them with: pip install 'decisionaid[catalogue]'"
    )


def _source_folder_missing(source: Path, action: str) -> str | None:
    if Path(source).is_dir():
        return None
    return (
        f"there is no catalogue source folder at {source}. 'catalogue {action}' works on the "
        "TOML sources in the data/ folder of a source checkout, which an installed app does not "
        f"have. Give the folder with: decisionaid catalogue {action} --source DIR. (The "
        "installed app's catalogue is already built and checked; 'decisionaid catalogue path' "
        "shows where it is.)"
    )


def cmd_check_offer(args: argparse.Namespace) -> int:
    from decisionaid.offer_check import check_offer, read_offer_file

    text = read_offer_file(args.file)
    catalogue = _open(args.catalogue)
    report = check_offer(text, catalogue)
    if args.json:
        import json

        json.dump(report.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(format_offer_report(report, catalogue))
    return EXIT_OK


def format_offer_report(report: OfferReport, catalogue: Catalogue, width: int = 100) -> str:
    import textwrap

    wrap = textwrap.TextWrapper(width=width, initial_indent="    ", subsequent_indent="    ")
    lines = [
        f"DecisionAid {__version__}: checking a clinic's offer "
        f"({len(report.text):,} characters, {report.sentences} sentences)",
        *textwrap.wrap(report.limits, width),
        "",
        f"PRODUCTS FOUND ({len(report.products)})",
    ]
    if not report.products:
        lines.append("  (none that the catalogue knows)")
    for p in report.products:
        where = f"[{p.id}]" if p.in_catalogue else "(not in the catalogue)"
        lines.append(f"  {p.name}  {where}")
        lines.append(f'    Rules: {p.regulatory_words}. Found as "{p.found_as}".')
    flagged = report.flagged_sentences()
    lines += ["", f"SENTENCES THAT RUN AHEAD OF THE EVIDENCE OR THE LAW ({len(flagged)})"]
    if not flagged:
        lines.append("  (none found; this does not mean the rest is true)")
    for n, (start, end, flags) in enumerate(flagged, 1):
        lines += textwrap.wrap(
            f'{n}. "{report.text[start:end]}"',
            width,
            initial_indent="  ",
            subsequent_indent="     ",
        )
        for f in flags:
            lines.append(f'    ! {f.kind_words} ({f.kind}): matched "{f.words}"')
            lines += wrap.wrap(f"Why: {f.why}")
            sources = [
                catalogue.references[r].citation for r in f.refs if r in catalogue.references
            ]
            for s in sources:
                lines += textwrap.wrap(
                    f"Source: {s}", width, initial_indent="    ", subsequent_indent="      "
                )
    lines += ["", "QUESTIONS TO ASK THIS CLINIC"]
    for n, q in enumerate(report.questions, 1):
        lines += textwrap.wrap(f"{n}. {q}", width, initial_indent="  ", subsequent_indent="     ")
    lines.append("")
    return "\n".join(lines) + "\n"


def cmd_catalogue(args: argparse.Namespace) -> int:
    from decisionaid import paths

    action = args.catalogue_command
    if action == "path":
        path = args.catalogue or paths.bundled_catalogue_path()
        print(Path(path).resolve())
        return (
            EXIT_OK if Path(path).exists() else _fail(f"the catalogue file {path} does not exist")
        )
    if action in ("build", "check", "matrix"):
        source = args.source or paths.source_data_dir()
        missing_source = _source_folder_missing(source, action)
        if missing_source:
            return _fail(missing_source, EXIT_USAGE)
        missing_tools = _author_tools_missing() if action != "matrix" else None
        if missing_tools:
            return _fail(missing_tools)
    if action == "build":
        from decisionaid.catalogue.build import BuildError, build_catalogue

        output = args.output or paths.BUNDLED_CATALOGUE
        try:
            checksum = build_catalogue(source, output)
        except BuildError as exc:
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            return _fail(
                f"{len(exc.problems)} problem(s) in {source}; the catalogue was not built. "
                "Run 'decisionaid catalogue check' for the full report."
            )
        print(f"Built {output} (checksum {checksum[:16]}...)")
        return EXIT_OK
    if action == "check":
        from decisionaid.catalogue.check import run_check

        return run_check(source, sys.stdout)
    if action == "matrix":
        from decisionaid.catalogue.check import matrix_files

        try:
            files = matrix_files(source)
        except ValueError as exc:
            return _fail(str(exc))
        stale = [p for p, text in files.items() if not p.exists() or p.read_text("utf-8") != text]
        if args.check:
            for p in stale:
                print(f"stale: {p}", file=sys.stderr)
            return (
                _fail("the safety table is stale: run 'decisionaid catalogue matrix'")
                if stale
                else EXIT_OK
            )
        for p, text in files.items():
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text(text, "utf-8")
            print(f"Wrote {p}")
        return EXIT_OK
    if action == "list":
        catalogue = _open(args.catalogue)
        rows: dict[str, list[dict[str, object]]] = {
            "treatments": [
                {"id": t.id, "name": t.name, "category": t.category, "used_for": list(t.used_for)}
                for t in catalogue.treatments.values()
            ],
            "hair_loss_types": [
                {"id": t.id, "name": t.name} for t in catalogue.hair_loss_types.values()
            ],
            "conditions": [
                {"id": c.id, "name": c.name, "group": c.group, "asked": not c.derived}
                for c in catalogue.conditions.values()
            ],
        }
        listing = {
            "catalogue": {"version": catalogue.meta.version, "reviewed": catalogue.meta.reviewed},
            **rows,
        }
        if args.json:
            import json

            json.dump(listing, sys.stdout, indent=2, ensure_ascii=False)
            sys.stdout.write("\n")
            return EXIT_OK
        for title, key in (
            ("Treatments", "treatments"),
            ("Hair-loss types", "hair_loss_types"),
            ("Conditions", "conditions"),
        ):
            print(f"{title} ({len(rows[key])})")
            for item in rows[key]:
                print(f"  {item['id']:<32} {item['name']}")
            print()
        return EXIT_OK
    raise AssertionError(action)  # pragma: no cover - argparse enforces the choices


def _expected_problems() -> tuple[type[Exception], ...]:
    """The errors that are the person's input or files, not bugs: one line, no traceback.
    Imported only when something went wrong, so they cost nothing at start-up."""
    from decisionaid.answers import AnswersError
    from decisionaid.atomic import WriteError
    from decisionaid.catalogue.store import CatalogueError
    from decisionaid.offer_check import OfferError

    return AnswersError, CatalogueError, WriteError, OfferError


# Qt's own command-line options (QApplication and QGuiApplication), passed on to Qt untouched.
QT_OPTIONS_WITH_VALUE = {
    "-platform",
    "-platformpluginpath",
    "-platformtheme",
    "-plugin",
    "-qwindowgeometry",
    "-qwindowicon",
    "-qwindowtitle",
    "-session",
    "-style",
    "-stylesheet",
    "-display",
    "-geometry",
    "-title",
    "-qmljsdebugger",
}
QT_FLAGS = {"-reverse", "-widgetcount", "-nograb", "-dograb", "-sync", "-nocrashhandler"}
DOCUMENT_SUFFIXES = (".decisionaid", ".json")
COMMANDS = ("recommend", "export", "catalogue")


def split_qt_options(argv: list[str]) -> tuple[list[str], list[str]]:
    """(Qt's options, the rest): ``decisionaid -platform xcb`` starts the app on xcb."""
    qt, rest = [], []
    i = 0
    while i < len(argv):
        arg = argv[i]
        name = arg.split("=", 1)[0]
        if name.startswith("--") and name[1:] in QT_OPTIONS_WITH_VALUE | QT_FLAGS:
            name, arg = name[1:], arg[1:]  # Qt also takes --style etc.
        if name in QT_OPTIONS_WITH_VALUE:
            qt.append(arg)
            if "=" not in arg and i + 1 < len(argv):
                qt.append(argv[i + 1])
                i += 1
        elif name in QT_FLAGS:
            qt.append(arg)
        else:
            rest.append(arg)
        i += 1
    return qt, rest


def _document(argv: list[str]) -> str | None:
    """``decisionaid FILE``: one answers file to open in the app (what a double-click runs)."""
    if len(argv) == 1 and not argv[0].startswith("-") and argv[0] not in COMMANDS:
        if argv[0].lower().endswith(DOCUMENT_SUFFIXES) or Path(argv[0]).is_file():
            return argv[0]
    return None


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    qt_args, argv = split_qt_options(argv)
    document = _document(argv)
    if document is not None:
        argv = []
    # No arguments: the app. Building the parser would only delay its window.
    args = build_parser().parse_args(argv) if argv else None
    try:
        if args is None or (args.command is None and not args.self_test):
            from decisionaid.gui.app import run_app

            return run_app(
                catalogue_path=args.catalogue if args else None,
                qt_args=qt_args,
                document=document,
            )
        if args.self_test:
            from decisionaid.gui.selftest import run_self_test

            return run_self_test(catalogue_path=args.catalogue)
        handler = {
            "recommend": cmd_recommend,
            "export": cmd_export,
            "catalogue": cmd_catalogue,
            "check-offer": cmd_check_offer,
        }
        return handler[args.command](args)
    except KeyboardInterrupt:
        return _fail("interrupted", 130)
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # last resort: a message, never a traceback, unless asked for
        if isinstance(exc, _expected_problems()):
            return _fail(str(exc))
        if os.environ.get("DECISIONAID_DEBUG"):
            raise
        return _fail(
            f"unexpected error: {type(exc).__name__}: {exc} "
            "(set DECISIONAID_DEBUG=1 to see the details)"
        )


def main_gui() -> int:
    """Entry point for the windowed launcher (no console on Windows)."""
    return main([])


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
