"""The catalogue of problem codes: every code a :class:`~tipwatch.problems.Problem` carries, with its
level, what it means and what to do about it. Raise a problem from here (``Problem(ProblemCode.NOT_UTF_8,
message, location=...)``), never with a string of its own: a member is the code string itself (JSON,
``str()`` and comparisons see ``"not-utf-8"``), and a misspelt member fails the type check instead of
inventing a code. docs/problems.md lists every code; tests/test_problem_codes.py checks that each is
documented there and raised somewhere, and that no code is written as a string outside this module.

A code is stable: it is part of the JSON output (``tipwatch ... --json``, the API's ``errors``). When two
codes meant the same thing, one was kept and the other is listed in :data:`RENAMED`.
"""

from __future__ import annotations

from enum import StrEnum

from tipwatch.problems import Severity

ERR, WARN, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO


class ProblemCode(StrEnum):
    """A problem code: its value is the kebab-case code; ``level``, ``meaning`` and ``what_to_do``
    document it."""

    level: Severity
    meaning: str
    what_to_do: str

    def __new__(cls, code: str, level: Severity, meaning: str, what_to_do: str) -> ProblemCode:
        member = str.__new__(cls, code)
        member._value_ = code
        member.level = level
        member.meaning = meaning
        member.what_to_do = what_to_do
        return member

    # fmt: off
    # Reading files: any format
    NOT_UTF_8 = "not-utf-8", ERR, "The file or text is not UTF-8.", "Save it as UTF-8 (e.g. iconv -f latin1 -t utf-8)."
    INVALID_SYNTAX = "invalid-syntax", ERR, "YAML or JSON that does not parse (often a file cut short).", "Fix the syntax at the line given."
    EMPTY_FILE = "empty-file", ERR, "An input file with nothing in it (or only white space, or a data document with only comments), or a CSV file with no header or no rows.", "Give the file with its content: a header row and data for CSV."
    UNREADABLE_FILE = "unreadable-file", ERR, "An input file that cannot be read: no such path, a folder, or no permission.", "Check the path and permissions."
    FIELD_TOO_LARGE = "field-too-large", ERR, "A field (a CSV cell, a JSON or YAML string, a line of text) of more than 1,000,000 characters.", "Check that the file is what you meant to load."
    NOT_GZIP = "not-gzip", ERR, "A file named .gz that is not gzip-compressed (or is cut short).", "Compress it with gzip, or drop the .gz from its name."
    MISSING_FOLDER = "missing-folder", ERR, "The folder to write into does not exist.", "Create it first, or choose another -o."
    UNSUPPORTED_FORMAT = "unsupported-format", ERR, "An output format (or file extension) tipwatch does not write here.", "Choose one of the formats the message lists."
    WRONG_FORMAT = "wrong-format", ERR, "An input file is not in the format it is read as (e.g. a registry JSON without its format marker, an HTCDS workbook without its case sheet).", "Pass the right --format, or export the file in the expected format."
    # Data files: evidence, law, rubric (pydantic validation)
    NOT_A_MAPPING = "not-a-mapping", ERR, "An evidence file that is not a mapping of fields.", "Start from `tipwatch evidence new`."
    UNKNOWN_FIELD = "unknown-field", ERR, "A field the schema does not have.", "Remove it or check its spelling."
    MISSING_FIELD = "missing-field", ERR, "A required field is missing.", "Add the field."
    INVALID_VALUE = "invalid-value", ERR, "A value of the wrong type or out of range.", "Give a value of the kind the message names."
    UNKNOWN_VALUE = "unknown-value", ERR, "A value outside its vocabulary.", "Use one of the values the message lists."
    UNKNOWN_TIER = "unknown-tier", ERR, "A tier that is not 1, 2, 2WL, 3 or special.", "Write the tier as one of those."
    UNKNOWN_MEASURE = "unknown-measure", ERR, "An increasing-efforts measure the rubric does not know.", "Use one of the measures the message lists."
    # Tier record and GLOTIP files
    MISSING_COLUMN = "missing-column", ERR, "A CSV header lacks a required column.", "Add the column the message names."
    MISSING_VALUE = "missing-value", ERR, "A required cell is empty.", "Fill it in."
    INVALID_YEAR = "invalid-year", ERR, "A year that is not a year.", "Write a four-digit year."
    YEAR_OUT_OF_RANGE = "year-out-of-range", ERR, "A report year before the first TIP Report (2001) or after the latest.", "Check the year."
    INVALID_ISO3 = "invalid-iso3", ERR, "An ISO code that is not three capital letters.", "Write the ISO 3166-1 alpha-3 code."
    UNKNOWN_ISO3 = "unknown-iso3", ERR, "Three letters that are no ISO 3166-1 alpha-3 code.", "Fix the code, or add the place to the non-standard codes."
    INCONSISTENT_NAME = "inconsistent-name", ERR, "One ISO code spelt with two names in one file.", "Use one spelling per jurisdiction."
    DUPLICATE_PLACEMENT = "duplicate-placement", ERR, "Two rows for one jurisdiction and report year.", "Keep one row per jurisdiction and year."
    INVALID_COVERAGE_ROW = "invalid-coverage-row", ERR, "A row of the coverage file that does not parse.", "Give report_year, complete (yes/near/no/unverified) and published_total."
    INVALID_COUNT = "invalid-count", ERR, "A GLOTIP figure that is neither a count nor a suppressed cell (<5).", "Fix the cell."
    INVALID_YEAR_RANGE = "invalid-year-range", ERR, "--from and --to outside the record or in the wrong order.", "Give from < to within the record's years."
    WOULD_REMOVE_PLACEMENTS = "would-remove-placements", ERR, "A --tiers file that lacks placements the database holds, loaded without saying whether to keep or drop them.", "Pass --merge to keep the stored rows the file lacks, or --replace to make the file the whole record."
    # Law versions
    DUPLICATE_LAW_VERSION = "duplicate-law-version", ERR, "Two law versions with one id.", "Give each version its own id."
    OVERLAPPING_LAW_VERSIONS = "overlapping-law-versions", ERR, "Two law versions start in the same report year.", "Give each version its own first report year."
    BROKEN_EXTENDS = "broken-extends", ERR, "A law version extends another than the one in force before it.", "Extend the version it amends."
    ACT_AFTER_REPORT = "act-after-report", ERR, "A law version governs a report published before its enacting act.", "Set first_report_year to the first report after enactment."
    # Registry files and records
    MALFORMED_CSV = "malformed-csv", ERR, "CSV that the csv module cannot read (quoting).", "Check the quoting of the row given."
    MALFORMED_ROW = "malformed-row", ERR, "A CSV row with more or fewer fields than the header.", "Fix the row."
    TRUNCATED_FILE = "truncated-file", ERR, "The last row is short and has no line end: the file was cut.", "Copy or export the file again."
    DUPLICATE_COLUMN = "duplicate-column", ERR, "A CSV header names a column twice.", "Remove one."
    UNKNOWN_COLUMN = "unknown-column", ERR, "A column that is not a field of the table (or of HTCDS).", "Remove it or check its spelling."
    UNKNOWN_TABLE = "unknown-table", ERR, "A file or key that names no registry table.", "Name the file after a table or pass --table."
    DUPLICATE_IDENTIFIER = "duplicate-identifier", ERR, "An identifier used twice, in the file or already in the registry.", "Use a new identifier."
    UNKNOWN_REFERENCE = "unknown-reference", ERR, "A record refers to one that does not exist.", "Import the referred record first, or fix the identifier."
    WRONG_REFERENCE = "wrong-reference", ERR, "A record refers to a record of another case or kind.", "Refer to the right record."
    NOT_A_REGISTRY_FOLDER = "not-a-registry-folder", ERR, "A folder given to the registry import that is not laid out as 'tipwatch registry export' writes it (no table files, or files no table is named after).", "Give the folder an export wrote, or import the table files one by one."
    MISSING_PRIOR_EVENT = "missing-prior-event", ERR, "A step (e.g. a conviction) without the earlier step it needs.", "Record the earlier step first."
    DATE_OUT_OF_ORDER = "date-out-of-order", ERR, "A later step dated before an earlier one.", "Fix the dates."
    IMMUTABLE_FIELD = "immutable-field", ERR, "An update to a field that identifies or links a record.", "Add a new record instead."
    PERSONAL_DATA = "personal-data", ERR, "HTCDS columns with names or contact details, which the registry does not store.", "Blank those columns or pass --drop-personal."
    MISSING_ACTOR = "missing-actor", ERR, "A change with no one named as making it.", "Pass --actor NAME or set TIPWATCH_ACTOR."
    SYNTHETIC_EXISTS = "synthetic-exists", ERR, "Synthetic records with this prefix are already in the database.", "Use a fresh database (--db) or another --prefix."
    UNDATED_VICTIMS = "undated-victims", WARN, "Victims imported without an identification date (a CTDC row whose year of registration is a band such as 2014-2018, or blank): they fall outside every period, so no statistics count them.", "Give them a date if the source has one (a year is enough: it counts in calendar-year periods), or read the statistics as leaving them out."
    INVALID_ARGUMENT = "invalid-argument", ERR, "A command-line field that is not FIELD=VALUE.", "Write FIELD=VALUE."
    INVALID_PERIOD = "invalid-period", ERR, "A period that is not a month, quarter, year or reporting period.", "Write 2024-05, 2024-Q2, 2024 or RP2024."
    PERIOD_NOT_RELEASED = "period-not-released", ERR, "A public output asked for a period the publisher's calendar does not release (only its non-overlapping periods are public, so that none is a sum of others).", "Ask for the released period that holds it (by default the reporting period, e.g. RP2024)."
    INVALID_DATE = "invalid-date", ERR, "A date that is not YYYY-MM-DD.", "Write the date as YYYY-MM-DD."
    # Narratives, the reader and its evaluation
    UNREADABLE_PDF = "unreadable-pdf", ERR, "A PDF with no text layer or that does not open.", "Give a text PDF of a TIP Report."
    EMPTY_INPUT = "empty-input", ERR, "A narrative with no text once markup is removed (an HTML page or a pasted text with no words).", "Give the country narrative's text."
    NOT_A_NARRATIVE = "not-a-narrative", ERR, "Text that is not a TIP country narrative.", "Check that this is the right file."
    MISSING_IDENTITY = "missing-identity", ERR, "The text states no jurisdiction or report year.", "Pass --jurisdiction or --year."
    UNKNOWN_JURISDICTION = "unknown-jurisdiction", INFO, "A narrative's jurisdiction is not in the tier record, so it is not cross-checked.", "Nothing, or check the name."
    TIER_MISMATCH = "tier-mismatch", WARN, "The narrative states a tier the tier record does not have.", "Check the narrative and the record; one of them is wrong."
    MOVEMENT_MISMATCH = "movement-mismatch", WARN, "The narrative states a movement the tier record does not show.", "Check the narrative and the record."
    STREAK_MISMATCH = "streak-mismatch", WARN, "The narrative claims consecutive years on a tier the record does not show.", "Check the narrative and the record."
    NOT_A_DIRECTORY = "not-a-directory", ERR, "read-eval was given something other than a folder.", "Give a folder of <stem>.txt and <stem>.json files."
    NO_GOLD_FILES = "no-gold-files", ERR, "A folder with no narrative that has a gold annotation beside it.", "Put <stem>.json beside each <stem>.txt."
    BAD_GOLD_FILE = "bad-gold-file", ERR, "A gold annotation that is not an annotation-schema object.", "Fix the file as the message says."
    # The right of reply
    UNSUPPORTED_NARRATIVE = "unsupported-narrative", ERR, "A narrative file of a kind the reply does not read.", "Give .json (annotation schema) or a narrative file."
    INVALID_NARRATIVE = "invalid-narrative", ERR, "JSON that is not an annotation-schema object.", "Give an object with the annotation schema's fields."
    BAD_NARRATIVE_FIELD = "bad-narrative-field", ERR, "A narrative field with a value the reply cannot check.", "Fix the field as the message says."
    NOT_ONE_NARRATIVE = "not-one-narrative", ERR, "A file with several narratives (or none) where one is needed.", "Give the file of one narrative."
    REPORT_YEAR_MISMATCH = "report-year-mismatch", ERR, "The narrative is of another report year than the one asked for.", "Give the narrative of the report year to answer."
    INVALID_REPORT_YEAR = "invalid-report-year", ERR, "A report year outside the TIP Reports.", "Give a year such as 2024."
    UNKNOWN_METRIC = "unknown-metric", ERR, "A figures-file metric outside the vocabulary of docs/reply.md.", "Use one of the metrics the message lists (other, with a unit_note, for anything else)."
    INVALID_FIGURE_PERIOD = "invalid-figure-period", ERR, "A figures-file period that is not a year, a span or a date range.", "Write YYYY, YYYY-YYYY, FROM..TO (YYYY, YYYY-MM or YYYY-MM-DD), ..TO or unknown."
    REVERSED_PERIOD = "reversed-period", ERR, "A figures-file period that ends before it starts.", "Write the earlier date first."
    INVALID_FIGURE_VALUE = "invalid-figure-value", ERR, "A figures-file value that is not a whole number in digits.", "Write the number in digits; put 'over', 'nearly' and the like in the qualifier column."
    MISSING_SOURCE = "missing-source", ERR, "A figure without its source page or its verbatim quote.", "Give the source_url and the sentence that holds the figure."
    DUPLICATE_FIGURE = "duplicate-figure", ERR, "Two rows of a figures file that are the same figure from the same source.", "Keep one of them."
    AUDIENCE_NOT_ALLOWED = "audience-not-allowed", ERR, "An audience the account may not ask for.", "Ask for one of the audiences the message lists."
    # Evidence, assessment and submission
    UNREADABLE_EVIDENCE = "unreadable-evidence", ERR, "An evidence file that cannot be loaded.", "Fix the file as the message says."
    BASE_EVIDENCE_MISMATCH = "base-evidence-mismatch", ERR, "A --base evidence file of another jurisdiction or report year.", "Pass the base file of the same jurisdiction and year."
    # Calibration set (tipwatch calibrate)
    PLACEMENT_IN_EVIDENCE = "placement-in-evidence", ERR, "A calibration evidence file quotes the report's placement sentence (its tier or verdict), so the engine could read its answer.", "Remove the placement sentence from the evidence file's quotes."
    MISSING_CALIBRATION_INDEX = "missing-calibration-index", ERR, "A calibration set without its published.csv index.", "Give a folder with published.csv and the evidence files it names."
    BAD_CALIBRATION_INDEX = "bad-calibration-index", ERR, "published.csv lacks a required column.", "Give the columns jurisdiction, report_year, tier, file."
    BAD_CALIBRATION_ROW = "bad-calibration-row", ERR, "A row of published.csv with a tier or year that does not parse.", "Write the tier as 1, 2, 2WL or 3 and the year as digits."
    CALIBRATION_MISMATCH = "calibration-mismatch", ERR, "An evidence file of another jurisdiction or year than its published.csv row.", "Point the row at the evidence file of the same jurisdiction and year."
    # Accounts
    INVALID_USERNAME = "invalid-username", ERR, "A user name outside 2-64 lower-case letters, digits, '.', '_' or '-'.", "Choose a name of that form."
    USERNAME_TAKEN = "username-taken", ERR, "A user of that name exists.", "Choose another name."
    UNKNOWN_ROLE = "unknown-role", ERR, "A role that is not viewer, analyst, case_officer or administrator.", "Use one of those."
    PASSWORD_TOO_SHORT = "password-too-short", ERR, "A password shorter than the minimum.", "Use a longer passphrase."
    PASSWORD_TOO_SIMPLE = "password-too-simple", ERR, "A trivial password: a sequence, a keyboard run, a repetition or too few different characters.", "Use a passphrase of several unrelated words."
    PASSWORD_TOO_COMMON = "password-too-common", ERR, "One of the most common passwords (or one with digits, symbols or leet-speak added).", "Use a passphrase of several unrelated words."
    PASSWORD_CONTAINS_USERNAME = "password-contains-username", ERR, "A password that contains the user's own name.", "Choose a password without the user name in it."
    OWN_ACCOUNT_CHANGE = "own-account-change", ERR, "An administrator changing their own role or activity.", "Ask another administrator to make the change."
    TOKEN_FOR_ANOTHER_USER = "token-for-another-user", ERR, "A token minted for someone other than the one asking.", "Log in as that user (or give that user's password on the command line) to mint their token."
    # The database
    DATABASE_BUSY = "database-busy", ERR, "The database stayed locked by another writer for longer than the busy wait (CLI exit status 3, HTTP 503 with Retry-After).", "Run the command again in a moment; if it persists, find the process holding the SQLite file."
    # fmt: on


RENAMED: dict[str, ProblemCode] = {
    "not-utf8": ProblemCode.NOT_UTF_8,
    "unknown-format": ProblemCode.UNSUPPORTED_FORMAT,
    "invalid-json": ProblemCode.INVALID_SYNTAX,
    "missing-file": ProblemCode.UNREADABLE_FILE,  # the one reader of input files (issue 15, item 3)
}
"""Codes that meant the same as another and were renamed to it (issue 13): old code -> the code now.
Each old code appeared in JSON output (``read --json`` failures, the API's ``errors``)."""
