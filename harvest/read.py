"""Reading PubMed inputs: files (PubMed XML or MEDLINE text, plain or gzipped, judged by
content), EFetch answers and the raw records the catalogue keeps, cut into records that
harvest.parse (XML) and harvest.medline (MEDLINE text) read one at a time.

No network, database or clock here. Files are cut into top-level records at the byte
level, so each record is parsed on its own: a broken record is rejected with its position
while its neighbours load, the DOCTYPE is never read (no DTD or external entity is ever
fetched), and the scope filter can skip records without parsing them.
"""

import gzip
import io
import re
from dataclasses import dataclass, field

from harvest import medline, parse
from harvest.messages import error_text

try:  # ISA-L inflates gzip about three times faster than zlib
    from isal import igzip as _gzip
except ImportError:  # pragma: no cover - isal is a declared dependency
    _gzip = gzip

BLOCK_SIZE = 1 << 23
# No real record comes near this; past it the input is not PubMed (or is a bomb).
MAX_RECORD_BYTES = 64 << 20

# Top-level elements of a PubmedArticleSet; none of them carries attributes.
ARTICLE, BOOK, DELETE = b"<PubmedArticle>", b"<PubmedBookArticle>", b"<DeleteCitation>"
END_TAGS = (b"</PubmedArticle>", b"</PubmedBookArticle>", b"</DeleteCitation>")
START_TAGS = (ARTICLE, BOOK, DELETE)


class ParseError(Exception):
    """The input is not a PubMed article set or MEDLINE file at all."""


@dataclass
class ParsedBatch:
    """What one input yielded: records, deleted PMIDs and rejected records."""

    records: list = field(default_factory=list)
    deleted: list = field(default_factory=list)
    rejected: list = field(default_factory=list)
    read: int = 0


# ---------------------------------------------------------------- input bytes


def open_input(path):
    """Open a file as a binary stream, inflating gzip judged by its magic bytes."""
    raw = open(path, "rb")
    if raw.peek(2)[:2] == b"\x1f\x8b":
        return _gzip.open(raw, "rb")
    return raw


UTF8_BOM = b"\xef\xbb\xbf"


def sniff_format(head: bytes) -> str:
    """Tell PubMed XML from MEDLINE text by content: 'pubmed-xml' or 'medline'."""
    text = head.removeprefix(UTF8_BOM).lstrip(b" \t\r\n")
    if re.match(rb"PMID- ?\d", text):
        return "medline"
    if text.startswith(b"<") and b"<PubmedArticleSet" in head:
        _require_plain_record_tags(head)
        return "pubmed-xml"
    if text.startswith(b"<"):
        raise ParseError(f"XML but not a PubMed article set ({_root_name(text)})")
    raise ParseError("neither PubMed XML nor MEDLINE text" + _packed_as(head))


# Containers a PubMed file may come in, of which only gzip is read: (magic, offset, what it is, what to do).
ARCHIVE, COMPRESSED = "unpack it and name the files inside", "decompress it first; only gzip is read directly"


PACKED = ((b"PK\x03\x04", 0, "a zip archive", ARCHIVE), (b"ustar", 257, "a tar archive", ARCHIVE),
          (b"BZh", 0, "bzip2-compressed", COMPRESSED), (b"\xfd7zXZ\x00", 0, "xz-compressed", COMPRESSED),
          (b"\x28\xb5\x2f\xfd", 0, "zstd-compressed", COMPRESSED),
          (b"\x1f\x8b", 0, "gzip-compressed twice", "decompress it once"))


def _packed_as(head: bytes) -> str:
    """' (a zip archive: unpack it ...)' when the bytes are a container, else ''."""
    for magic, offset, name, advice in PACKED:
        if head[offset:offset + len(magic)] == magic:
            return f" ({name}: {advice})"
    return ""


# A top-level record's start tag, however it is written.
RECORD_TAG = re.compile(rb"<([\w.:-]*(?:PubmedArticle|PubmedBookArticle|DeleteCitation))\b([^>]*)>")


def _require_plain_record_tags(head: bytes):
    """Refuse XML whose records are tagged otherwise than NCBI writes them.

    Records are found by their exact start tags (START_TAGS); ones written as
    <PubmedArticle xmlns="..."> or <pm:PubmedArticle> (XML re-serialised by some
    tool) would be skipped without a word, and the run would report success.
    """
    for match in RECORD_TAG.finditer(head):
        if match.group(2).strip() or b"<%s>" % match.group(1) not in START_TAGS:
            tag = match.group(0).decode("utf-8", "replace")[:80]
            raise ParseError(f"records tagged {tag}, not as NCBI writes them (<PubmedArticle>); "
                             "this reader finds records by their exact tags")


def _root_name(text: bytes) -> str:
    """Name the first element of an XML document, for error messages."""
    for match in re.finditer(rb"<([A-Za-z][\w.:-]*)", text):
        return "root element <%s>" % match.group(1).decode("ascii", "replace")
    return "no root element"


# ---------------------------------------------------------------- record cutting


def iter_blocks(stream, head=b"", size=BLOCK_SIZE):
    """Yield buffers that end on a complete top-level record; the tail goes last.

    head is what was already read from the stream to sniff its format.
    """
    carry = head
    while chunk := stream.read(size):
        cut = _last_end(chunk)
        if cut:  # the last record ends in this chunk: the block costs one copy, not two
            yield b"".join((carry, memoryview(chunk)[:cut]))
            carry = chunk[cut:]
        else:
            carry += chunk
        if len(carry) > MAX_RECORD_BYTES:
            raise ParseError(f"no record ends within {MAX_RECORD_BYTES >> 20} MB; not PubMed input")
    yield carry


def _last_end(buffer) -> int:
    """Offset just past the buffer's last complete top-level record, 0 if none ends in it.

    Records are small, so the last one usually ends in the buffer's last megabyte:
    looking there first spares a backward scan of the whole buffer per end tag.
    """
    for start in (max(0, len(buffer) - (1 << 20)), 0):
        ends = [(buffer.rfind(tag, start), len(tag)) for tag in END_TAGS]
        position, length = max(ends)
        if position != -1:
            return position + length
    return 0


def record_spans(block: bytes):
    """Yield (start, end) of every top-level record in a block, in order."""
    starts = []
    for tag in START_TAGS:
        pos = block.find(tag)
        while pos != -1:
            starts.append(pos)
            pos = block.find(tag, pos + 1)
    starts.sort()
    for i, start in enumerate(starts):
        limit = starts[i + 1] if i + 1 < len(starts) else len(block)
        end = _record_end(block, start, limit)
        yield start, end


def _record_end(block, start, limit):
    """End offset of the record starting at start, or -1 when it is cut short."""
    tag = next(t for t in END_TAGS if block.startswith(t[:1] + t[2:], start))
    end = block.find(tag, start, limit)
    return -1 if end == -1 else end + len(tag)


def candidate_spans(block: bytes, needles):
    """Yield spans of records that contain a needle, and of every deletion, in input order.

    Deletions keep their place among the records: a PMID deleted and then sent
    again (or sent and then deleted) ends as the file's order says, as with --all.
    """
    starts = set()
    pos = block.find(DELETE)
    while pos != -1:
        starts.add(pos)
        pos = block.find(DELETE, pos + 1)
    for needle in needles:
        pos = block.find(needle)
        while pos != -1:
            start, after = _record_start(block, pos), _next_start(block, pos)
            if start != -1:
                starts.add(start)
            pos = block.find(needle, after)  # the rest of this record cannot add anything
    for start in sorted(starts):
        yield start, _record_end(block, start, _next_start(block, start))


def _record_start(block, pos) -> int:
    """Start of the article or book record around pos, -1 if none."""
    article = block.rfind(ARTICLE, 0, pos)
    return max(article, block.rfind(BOOK, max(article, 0), pos))


def _next_start(block, start) -> int:
    """Where the record after the one at start begins (the block's end if none).

    Each search stops where an earlier one found a record: an absent tag
    costs a scan of one record, not of the rest of the block.
    """
    limit = len(block)
    for tag in START_TAGS:
        pos = block.find(tag, start + 1, limit)
        if pos != -1:
            limit = pos
    return limit


def count_records(block: bytes) -> int:
    """Count article and book records in a block without parsing it."""
    return block.count(ARTICLE) + block.count(BOOK)


# ---------------------------------------------------------------- whole inputs


def iter_xml(stream, needles=None, head=b""):
    """Yield ('record', dict), ('deleted', [pmid]), ('rejected', (where, why)) and ('read', n).

    With needles, only records containing one of them are parsed: the rest are
    counted at the byte level and skipped.
    """
    seen, tail = 0, b""
    for block in iter_blocks(stream, head):
        read = count_records(block)
        yield from block_items(block, needles, seen, read)
        seen += read
        tail = block
    yield from truncated_tail(tail, seen)


def block_items(block, needles=None, seen=0, read=None):
    """iter_xml's items for one block; seen is how many records came before it."""
    spans = candidate_spans(block, needles) if needles else record_spans(block)
    for start, end in spans:
        yield from _xml_item(block, start, end, seen)
    yield "read", count_records(block) if read is None else read


def _xml_item(block, start, end, seen):
    if end == -1:
        if any(tag in block[start + 1:] for tag in START_TAGS):
            yield "rejected", (_where(block, start, seen), "no closing tag before the next record")
        return  # the input's unfinished last record: reported by truncated_tail
    chunk = block[start:end]
    try:
        if chunk.startswith(DELETE):
            yield "deleted", parse.parse_deletion(chunk)
        else:
            yield "record", parse.parse_record(chunk)
    except Exception as error:  # one bad record never stops its neighbours
        yield "rejected", (_where(block, start, seen), error_text(error))


def _where(block, start, seen) -> str:
    return f"record {seen + count_records(block[:start]) + 1} (byte {start})"


def truncated_tail(tail, seen):
    """Report a record the input broke off in the middle of."""
    last_end = max((tail.rfind(tag) + len(tag) for tag in END_TAGS if tag in tail), default=0)
    rest = tail[last_end:]
    if any(tag in rest for tag in START_TAGS):
        number = seen - count_records(rest) + 1
        yield "rejected", (f"record {number}", "input ends inside this record (truncated)")


def iter_medline(stream):
    """Yield the same items as iter_xml for MEDLINE ('PubMed' format) text."""
    position = 0
    for lines in _medline_blocks(stream):
        position += 1
        yield "read", 1
        block = b"".join(lines)
        try:
            yield "record", medline.parse_record(block.decode("utf-8"))
        except Exception as error:  # one bad record never stops its neighbours
            yield "rejected", (f"record {position}", error_text(error))


def _medline_blocks(stream):
    """Group lines into records: each starts at 'PMID-' and ends at a blank line."""
    lines, size = [], 0
    while line := stream.readline(MAX_RECORD_BYTES):
        if line.startswith(b"PMID-") and lines:
            yield lines
            lines, size = [], 0
        if line.strip() or lines:
            lines.append(line)
            size += len(line)
            if size > MAX_RECORD_BYTES:
                raise ParseError(f"a MEDLINE record longer than {MAX_RECORD_BYTES >> 20} MB; not PubMed input")
    if any(line.strip() for line in lines):
        yield lines


def iter_file(path, needles=None):
    """Yield items from a PubMed XML or MEDLINE file, plain or gzipped."""
    with open_input(path) as stream:
        head = stream.read(4096)
        kind = sniff_format(head)
        if kind == "medline":
            # Windows editors start a file with a BOM, which would glue itself to the first
            # 'PMID-' tag and lose that record its PMID (XML records are cut out past it).
            yield from iter_medline(_chain(head.removeprefix(UTF8_BOM), stream))
        else:
            yield from iter_xml(stream, needles, head)


def _chain(head, stream):
    """Lines of the head bytes followed by the rest of the stream."""
    return io.BufferedReader(_Prefixed(head, stream))


class _Prefixed(io.RawIOBase):
    """A raw stream that replays a prefix before the rest of another stream."""

    def __init__(self, prefix, stream):
        self.prefix, self.stream = prefix, stream

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.prefix[: len(buffer)] or self.stream.read(len(buffer))
        self.prefix = self.prefix[len(data):] if self.prefix else b""
        buffer[: len(data)] = data
        return len(data)


def parse_xml_bytes(data: bytes) -> ParsedBatch:
    """Parse a whole PubmedArticleSet held in memory (an EFetch answer)."""
    sniff_format(data[:4096])
    batch = ParsedBatch()
    for kind, value in iter_xml(io.BytesIO(data)):
        if kind == "record":
            batch.records.append(value)
        elif kind == "deleted":
            batch.deleted.extend(value)
        elif kind == "rejected":
            batch.rejected.append(value)
        else:
            batch.read += value
    batch.complete = b"</PubmedArticleSet>" in data[-200:] or data.rstrip().endswith(b"<PubmedArticleSet/>")
    return batch


def parse_raw(raw: str, raw_format: str) -> dict:
    """Rebuild a record from the raw text the catalogue keeps (raw_records)."""
    if raw_format == "medline":
        return medline.parse_record(raw)
    return parse.parse_record(raw.encode("utf-8"))
