"""Assembly of the report's parts (reports/pdfsplit.py) into one tagged PDF, with pikepdf.

The first part (the cover) is the base: its catalog keeps /Lang, /MarkInfo,
/ViewerPreferences, the XMP metadata and the document information, which every part has
the same (same ``<head>``). The other parts' pages are appended, then what WeasyPrint
numbers per document is numbered again for the whole, as WeasyPrint numbers one document:
- structure tree: one /Document element whose children are every part's, in order; the
  /ParentTree keys are the page indexes (/StructParents), then the link annotations after
  the last page (/StructParent); /ParentTreeNextKey set; /RoleMap and /IDTree merged;
- outline: the parts' top-level bookmarks chained in order under one /Outlines;
- named destinations: every part's, in one sorted name tree;
- links to other parts (written by the part as ``link_origin#anchor``): internal again;
- footers: the placeholder each part drew replaced by « page N / total ».
"""

import re
from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name, String

# WeasyPrint writes a line of text as « 1 0 0 -1 x y Tm /Font size Tf [<glyphs>adjust ...] TJ ».
_TEXT = re.compile(
    rb"1 0 0 -1 (-?[\d.]+) (-?[\d.]+) Tm\n(/[^\s]+) ([\d.]+) Tf\n\[((?:<[0-9a-fA-F]+>-?[\d.]+)+)\] TJ"
)
_GLYPHS = re.compile(rb"<([0-9a-fA-F]+)>(-?[\d.]+)")
_BFCHAR = re.compile(rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>")


def _pairs(array) -> list:
    return [(int(array[i]), array[i + 1]) for i in range(0, len(array), 2)]


def _name_tree(node) -> list:
    """(name, value) pairs of a name tree, leaves in order."""
    if node is None:
        return []
    pairs = []
    if "/Names" in node:
        names = node.Names
        pairs.extend((str(names[i]), names[i + 1]) for i in range(0, len(names), 2))
    for kid in node.get("/Kids", []):
        pairs.extend(_name_tree(kid))
    return pairs


def _copier(pdf):
    """copy_foreign for the objects of another PDF, direct ones (arrays of a /ParentTree) too."""

    def copy(obj):
        if not isinstance(obj, pikepdf.Object):
            return obj
        if obj.is_indirect:
            return pdf.copy_foreign(obj)
        if isinstance(obj, pikepdf.Array):
            return Array([copy(item) for item in obj])
        if isinstance(obj, pikepdf.Dictionary):
            return Dictionary({key: copy(value) for key, value in obj.items()})
        return obj

    return copy


def _number(value: float) -> bytes:
    return (f"{value:.6f}".rstrip("0").rstrip(".") or "0").encode()


class _Font:
    """The glyph codes and widths of one embedded font (Identity-H, two-byte codes)."""

    def __init__(self, font):
        self.text, self.code = {}, {}
        cmap = font.get("/ToUnicode")
        if cmap is not None:
            data = cmap.read_bytes()
            for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
                for code, text in _BFCHAR.findall(block):
                    char = bytes.fromhex(text.decode()).decode("utf-16-be")
                    self.text[int(code, 16)] = char
                    self.code.setdefault(char, int(code, 16))
            for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
                for low, high, start in re.findall(
                    rb"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block
                ):
                    first = int(start, 16)
                    for offset, code in enumerate(range(int(low, 16), int(high, 16) + 1)):
                        char = chr(first + offset)
                        self.text[code] = char
                        self.code.setdefault(char, code)
        descendant = font.DescendantFonts[0]
        self.default_width = float(descendant.get("/DW", 1000))
        self.widths = {}
        array = list(descendant.get("/W", []))
        i = 0
        while i < len(array):
            first = int(array[i])
            if isinstance(array[i + 1], pikepdf.Array):
                for offset, width in enumerate(array[i + 1]):
                    self.widths[first + offset] = float(width)
                i += 2
            else:
                for code in range(first, int(array[i + 1]) + 1):
                    self.widths[code] = float(array[i + 2])
                i += 3

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)


def _stamp_footer(page, text: str, placeholder: str, fonts: dict) -> bool:
    """Replace the last line drawn as `placeholder` on `page` by `text`, right-aligned on the
    placeholder's right edge; False if the page has no placeholder."""
    contents = page.obj.Contents
    if isinstance(contents, pikepdf.Array):
        raise ValueError("A report page has several content streams")
    data = contents.read_bytes()
    font_objects = page.obj.Resources.Font
    found = None
    for match in _TEXT.finditer(data):
        name = match.group(3).decode()
        font_object = font_objects.get(name)
        if font_object is None:
            continue
        key = font_object.objgen
        if key not in fonts:
            fonts[key] = _Font(font_object)
        font = fonts[key]
        codes, advance, size = [], 0.0, float(match.group(4))
        for group, adjust in _GLYPHS.findall(match.group(5)):
            group = group.decode()
            for i in range(0, len(group), 4):
                code = int(group[i : i + 4], 16)
                codes.append(code)
                advance += font.width(code) * size / 1000
            advance -= float(adjust) * size / 1000
        if "".join(font.text.get(c, "\ufffd") for c in codes) == placeholder:
            found = match, font, size, advance
    if found is None:
        return False
    match, font, size, advance = found
    right = float(match.group(1)) + advance
    new_codes = [font.code[char] for char in text]
    x = right - sum(font.width(code) for code in new_codes) * size / 1000
    glyphs = b"".join(b"<%04x>0" % code for code in new_codes)
    line = (b"1 0 0 -1 " + _number(x) + b" " + match.group(2) + b" Tm\n" + match.group(3)
            + b" " + match.group(4) + b" Tf\n[" + glyphs + b"] TJ")  # fmt: skip
    contents.write(data[: match.start()] + line + data[match.end() :])
    return True


def assemble(paths: list[str], target, *, link_origin: str, footer_placeholder: str,
             footer_format: str) -> int:  # fmt: skip
    """Write the parts at `paths`, in order, as one PDF to `target`; the number of pages."""
    merged = pikepdf.open(paths[0])
    sources = []
    try:
        root = merged.Root
        tree = root.StructTreeRoot
        document = tree.K[0] if isinstance(tree.K, pikepdf.Array) else tree.K
        page_values, annotation_values = [], []  # ParentTree values, in the document's order
        annotations = []  # (annotation, its index among the annotations)
        outlines, outline_count, names, ids = [], 0, [], []
        role_map = Dictionary()
        for index, path in enumerate(paths):
            if index == 0:
                source, copy = merged, (lambda obj: obj)
            else:
                source = pikepdf.open(path)
                sources.append(source)
                copy = _copier(merged)
            first = len(page_values)
            count = len(source.pages)
            if index:
                merged.pages.extend(source.pages)
            part_tree = source.Root.StructTreeRoot
            part_document = (
                part_tree.K[0] if isinstance(part_tree.K, pikepdf.Array) else part_tree.K
            )
            # Elements of the part's own /Document element become the merged one's.
            if index:
                copied_document = copy(part_document)
                kids = part_document.K
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                    element = copy(kid)
                    if isinstance(element, pikepdf.Dictionary):
                        element.P = document
                    document.K.append(element)
            pairs = _pairs(part_tree.ParentTree.Nums)
            if "/Kids" in part_tree.ParentTree:
                raise ValueError("Nested /ParentTree in a report part")
            values = dict(pairs)
            for local in range(count):
                value = copy(values[local]) if local in values else Array()
                if index:
                    value = Array(
                        document if el.objgen == copied_document.objgen else el for el in value
                    )
                page_values.append(value)
            base = len(annotation_values)
            annotation_values.extend(copy(value) for key, value in pairs if key >= count)
            for local in range(count):
                page = merged.pages[first + local].obj
                if int(page.get("/StructParents", local)) != local:
                    raise ValueError("Unexpected /StructParents in a report part")
                page.StructParents = first + local
                for annotation in page.get("/Annots", []):
                    if "/StructParent" in annotation:
                        annotations.append(
                            (annotation, base + int(annotation.StructParent) - count)
                        )
            if "/RoleMap" in part_tree:
                for key, value in part_tree.RoleMap.items():
                    role_map[key] = copy(value)
            if "/IDTree" in part_tree:
                ids.extend((name, copy(value)) for name, value in _name_tree(part_tree.IDTree))
            part_outlines = source.Root.get("/Outlines")
            if part_outlines is not None and "/First" in part_outlines:
                item = part_outlines.First
                while item is not None:
                    outlines.append(copy(item))
                    item = item.get("/Next")
                outline_count += int(part_outlines.get("/Count", 0))
            part_names = source.Root.get("/Names")
            if part_names is not None and "/Dests" in part_names:
                names.extend((name, copy(value)) for name, value in _name_tree(part_names.Dests))
            if index:
                # Closed once copied: qpdf then copies into the merged document the data of
                # the streams it took (page contents, fonts), so one part is held in memory at
                # a time instead of all of them until the save (issue 18: 180 MB at scale 14).
                source.close()
                sources.remove(source)
        total = len(page_values)

        # Structure tree: pages first, then the annotations, as WeasyPrint numbers them.
        nums = Array()
        for key, value in enumerate(page_values):
            nums.append(key)
            nums.append(value)
        for annotation, position in annotations:
            annotation.StructParent = total + position
        for position, value in enumerate(annotation_values):
            nums.append(total + position)
            nums.append(value)
        tree.ParentTree = merged.make_indirect(Dictionary(Nums=nums))
        tree.ParentTreeNextKey = total + len(annotation_values)
        if len(role_map):
            tree.RoleMap = role_map
        if ids:
            flat = Array()
            for name, value in sorted(ids, key=lambda pair: pair[0]):
                flat.append(String(name))
                flat.append(value)
            tree.IDTree = merged.make_indirect(Dictionary(Names=flat))

        # Bookmarks.
        if outlines:
            holder = root.get("/Outlines")
            if holder is None:
                holder = root.Outlines = merged.make_indirect(Dictionary(Type=Name.Outlines))
            for position, item in enumerate(outlines):
                item.Parent = holder
                if position:
                    item.Prev = outlines[position - 1]
                elif "/Prev" in item:
                    del item.Prev
                if position + 1 < len(outlines):
                    item.Next = outlines[position + 1]
                elif "/Next" in item:
                    del item.Next
            holder.First, holder.Last, holder.Count = outlines[0], outlines[-1], outline_count

        # Named destinations, and the links to other parts.
        flat = Array()
        for name, value in sorted(names, key=lambda pair: pair[0]):
            flat.append(String(name))
            flat.append(value)
        root.Names = Dictionary(Dests=Dictionary(Names=flat))
        known = {name for name, _value in names}
        prefix = link_origin + "#"
        fonts = {}
        for number, page in enumerate(merged.pages, start=1):
            for annotation in page.obj.get("/Annots", []):
                action = annotation.get("/A")
                if action is None or action.get("/S") != Name.URI:
                    continue
                uri = str(action.URI)
                if uri.startswith(prefix):
                    anchor = unquote(uri[len(prefix) :])
                    if anchor not in known:
                        raise ValueError(f"Link to an unknown anchor: #{anchor}")
                    annotation.Dest = String(anchor)
                    annotation.Contents = String(anchor)
                    del annotation.A
            # Pages without the placeholder (the cover) have no footer.
            _stamp_footer(page, footer_format.format(page=number, pages=total),
                          footer_placeholder, fonts)  # fmt: skip
        # As WeasyPrint writes it: objects in compressed object streams; the XMP as it is.
        merged.save(
            target,
            fix_metadata_version=False,
            compress_streams=True,
            object_stream_mode=pikepdf.ObjectStreamMode.generate,
        )
        return total
    finally:
        for source in sources:
            source.close()
        merged.close()
