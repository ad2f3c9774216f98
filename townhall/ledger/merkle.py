"""RFC 9162 (RFC 6962) Merkle tree hashing, proofs and C2SP tile arithmetic.

Pure Python with no Django imports, so that anyone can read, test, benchmark
and reuse it on its own: the log's server code, `townhall ledger verify` and
receipt verifiers all go through these functions.

Vocabulary:

- a *node* ``(level, index)`` is the root of the perfect subtree over leaves
  ``[index * 2**level, (index + 1) * 2**level)``; level 0 nodes are leaf hashes;
- a *range* ``(start, end)`` is any run of leaves; its hash is RFC 9162's
  MTH(D[start:end]). Proof elements are ranges, which the ledger turns into the
  perfect nodes it stores (see `range_nodes`) and folds back (`fold_range`);
- a *tile* (C2SP tlog-tiles) at tile level L holds up to 256 consecutive node
  hashes of tree level 8 * L.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable, Mapping, Sequence

HASH_SIZE = 32
TILE_HEIGHT = 8
TILE_WIDTH = 1 << TILE_HEIGHT

_sha256 = hashlib.sha256

Node = tuple[int, int]
Range = tuple[int, int]
NodeReader = Callable[[Sequence[Node]], Mapping[Node, bytes]]

EMPTY_ROOT = _sha256(b"").digest()


class ProofError(ValueError):
    """A proof or its parameters are malformed."""


def leaf_hash(entry: bytes) -> bytes:
    return _sha256(b"\x00" + entry).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


def _largest_power_of_two_below(n: int) -> int:
    """The k of RFC 9162: the largest power of two smaller than n (n > 1)."""
    return 1 << ((n - 1).bit_length() - 1)


def root_of(leaf_hashes: Sequence[bytes]) -> bytes:
    """MTH of a whole list of leaf hashes."""
    frontier = Frontier()
    frontier.extend(leaf_hashes)
    return frontier.root()


def perfect_root(hashes: bytes) -> bytes:
    """Root of the perfect subtree whose bottom row is `hashes` (concatenated, 2**k of them)."""
    count = len(hashes) // HASH_SIZE
    if not count or count & (count - 1) or len(hashes) % HASH_SIZE:
        raise ValueError("perfect_root needs a power-of-two number of hashes")
    if count == 1:
        return bytes(hashes)
    sha = _sha256
    # Neighbours in the bottom row are already left || right: hash them in place.
    pair = 2 * HASH_SIZE
    row = [sha(b"\x01" + hashes[i : i + pair]).digest() for i in range(0, len(hashes), pair)]
    while len(row) > 1:
        row = [sha(b"\x01" + row[i] + row[i + 1]).digest() for i in range(0, len(row), 2)]
    return row[0]


class Frontier:
    """The right border of a growing tree: roots of its perfect subtrees, largest first.

    It is all that is needed to append leaves and to compute the current root,
    and it is what the log keeps beside its tiles (RFC 9162 calls the idea a
    "compact range"). `extend` reports every perfect node it completes at the
    levels the tiles store, so the caller can write tiles as the log grows.
    """

    __slots__ = ("size", "hashes")

    def __init__(self, size: int = 0, hashes: Sequence[bytes] = ()) -> None:
        if len(hashes) != bin(size).count("1"):
            raise ValueError("a frontier needs one hash per set bit of its size")
        self.size = size
        self.hashes = list(hashes)

    def extend(
        self,
        leaf_hashes: Iterable[bytes],
        on_node: Callable[[int, int, bytes], None] | None = None,
    ) -> None:
        """Append leaves; call on_node(level, index, hash) for each node completed at a
        tile level above the leaves (tree levels 8, 16, ...)."""
        hashes = self.hashes
        size = self.size
        sha = _sha256
        for value in leaf_hashes:
            level = 0
            position = size
            # Each trailing one bit of the old size is a perfect subtree that
            # the new leaf completes into one twice as large.
            while position & 1:
                value = sha(b"\x01" + hashes.pop() + value).digest()
                level += 1
                position >>= 1
                if on_node is not None and level % TILE_HEIGHT == 0:
                    on_node(level, position, value)
            hashes.append(value)
            size += 1
        self.size = size

    def root(self) -> bytes:
        if not self.hashes:
            return EMPTY_ROOT
        value = self.hashes[-1]
        for left in reversed(self.hashes[:-1]):
            value = node_hash(left, value)
        return value

    def encode(self) -> bytes:
        return b"".join(self.hashes)

    @classmethod
    def decode(cls, size: int, data: bytes) -> Frontier:
        return cls(size, [data[i : i + HASH_SIZE] for i in range(0, len(data), HASH_SIZE)])


# --- Proof structure (which subtree hashes a proof is made of) ---------------


def inclusion_path(index: int, size: int) -> list[Range]:
    """Ranges whose hashes form the RFC 9162 inclusion proof for `index` in a tree of
    `size` leaves, bottom-up (the order of PATH(m, D[n]))."""
    if not 0 <= index < size:
        raise ProofError(f"index {index} is not in a tree of size {size}")
    path: list[Range] = []
    start, end = 0, size
    while end - start > 1:
        k = _largest_power_of_two_below(end - start)
        if index < start + k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            start = start + k
    path.reverse()
    return path


def consistency_path(first: int, second: int) -> list[Range]:
    """Ranges whose hashes form the RFC 9162 consistency proof between tree sizes
    `first` and `second`, in the order of PROOF(m, D[n])."""
    if not 0 < first <= second:
        raise ProofError(f"no consistency proof from size {first} to size {second}")
    path: list[Range] = []
    m, start, end, whole = first, 0, second, True
    while m != end - start:
        k = _largest_power_of_two_below(end - start)
        if m <= k:
            path.append((start + k, end))
            end = start + k
        else:
            path.append((start, start + k))
            m -= k
            start += k
            whole = False
    if not whole:
        path.append((start, end))
    path.reverse()
    return path


def range_nodes(start: int, end: int) -> list[Node]:
    """Split [start, end) into the fewest aligned perfect subtrees, left to right."""
    nodes: list[Node] = []
    while start < end:
        level = (start & -start).bit_length() - 1 if start else (end - start).bit_length() - 1
        while start + (1 << level) > end:
            level -= 1
        nodes.append((level, start >> level))
        start += 1 << level
    return nodes


def fold_range(hashes: Sequence[bytes]) -> bytes:
    """MTH of a proof range from the hashes of its `range_nodes`, which for the ranges a
    proof uses (aligned on the left, shrinking to the right) is a right fold."""
    value = hashes[-1]
    for left in reversed(hashes[:-1]):
        value = node_hash(left, value)
    return value


def proof_hashes(ranges: Sequence[Range], read: NodeReader) -> list[bytes]:
    """Hashes of `ranges`, reading every perfect node they need in one call to `read`."""
    per_range = [range_nodes(start, end) for start, end in ranges]
    wanted = sorted({node for nodes in per_range for node in nodes})
    found = read(wanted)
    return [fold_range([found[node] for node in nodes]) for nodes in per_range]


def inclusion_proof(index: int, size: int, read: NodeReader) -> list[bytes]:
    return proof_hashes(inclusion_path(index, size), read)


def consistency_proof(first: int, second: int, read: NodeReader) -> list[bytes]:
    if first == second:
        return []
    return proof_hashes(consistency_path(first, second), read)


def tree_root(size: int, read: NodeReader) -> bytes:
    if size == 0:
        return EMPTY_ROOT
    return proof_hashes([(0, size)], read)[0]


# --- Verification (RFC 9162 sections 2.1.3.2 and 2.1.4.2) ----------------------


def _check_hashes(*hashes: bytes) -> None:
    for value in hashes:
        if len(value) != HASH_SIZE:
            raise ProofError(f"a hash must be {HASH_SIZE} bytes, not {len(value)}")


def _decompose(index: int, size: int) -> tuple[int, int]:
    # The proof splits where the paths to `index` and to the last leaf part:
    # below that point the siblings are inner nodes, above it they are the
    # left-hand border of the tree.
    inner = (index ^ (size - 1)).bit_length()
    border = bin(index >> inner).count("1")
    return inner, border


def root_from_inclusion_proof(index: int, size: int, leaf: bytes, proof: Sequence[bytes]) -> bytes:
    if not 0 <= index < size:
        raise ProofError(f"index {index} is not in a tree of size {size}")
    _check_hashes(leaf, *proof)
    inner, border = _decompose(index, size)
    if len(proof) != inner + border:
        raise ProofError(f"an inclusion proof for this tree has {inner + border} hashes")
    value = leaf
    for i, sibling in enumerate(proof[:inner]):
        value = node_hash(sibling, value) if (index >> i) & 1 else node_hash(value, sibling)
    for sibling in proof[inner:]:
        value = node_hash(sibling, value)
    return value


def verify_inclusion(
    index: int, size: int, leaf: bytes, proof: Sequence[bytes], root: bytes
) -> bool:
    try:
        return root_from_inclusion_proof(index, size, leaf, proof) == root
    except ProofError:
        return False


def check_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> None:
    """Raise ProofError unless `proof` shows the tree of size `second` extends `first`."""
    if second < first:
        raise ProofError("the second tree is smaller than the first")
    if first == 0:
        # Every tree extends the empty one, so such a proof proves nothing.
        raise ProofError("a consistency proof from the empty tree is meaningless")
    if first == second:
        # The trivial claim "this tree is itself": only equal roots prove it.
        if proof:
            raise ProofError("trees of equal size need an empty proof")
        if first_root != second_root:
            raise ProofError("trees of equal size have different roots")
        return
    _check_hashes(first_root, second_root, *proof)
    inner, border = _decompose(first - 1, second)
    shift = (first & -first).bit_length() - 1
    inner -= shift
    # When `first` is a power of two its root is itself a node on the path and
    # the proof leaves it out; otherwise the proof starts with that node.
    if first == 1 << shift:
        seed, rest = first_root, list(proof)
    else:
        if not proof:
            raise ProofError("the proof is empty")
        seed, rest = proof[0], list(proof[1:])
    if len(rest) != inner + border:
        raise ProofError("the proof has the wrong number of hashes")
    mask = (first - 1) >> shift
    value1 = value2 = seed
    for i, sibling in enumerate(rest[:inner]):
        if (mask >> i) & 1:
            value1 = node_hash(sibling, value1)
            value2 = node_hash(sibling, value2)
        else:
            value2 = node_hash(value2, sibling)
    for sibling in rest[inner:]:
        value1 = node_hash(sibling, value1)
        value2 = node_hash(sibling, value2)
    if value1 != first_root:
        raise ProofError("the proof does not match the first root")
    if value2 != second_root:
        raise ProofError("the proof does not match the second root")


def verify_consistency(
    first: int, second: int, first_root: bytes, second_root: bytes, proof: Sequence[bytes]
) -> bool:
    try:
        check_consistency(first, second, first_root, second_root, proof)
    except ProofError:
        return False
    return True


# --- C2SP tlog-tiles -------------------------------------------------------------


def node_in_tile(level: int, index: int) -> tuple[int, int, int, int]:
    """Where a perfect node's hash comes from: (tile level, tile index, first slot,
    slot count); the node is the perfect_root of those slots."""
    tile_level, sub_level = divmod(level, TILE_HEIGHT)
    first = index << sub_level
    tile_index, slot = divmod(first, TILE_WIDTH)
    return tile_level, tile_index, slot, 1 << sub_level


def tile_widths(size: int) -> list[tuple[int, int, int]]:
    """The partial tiles of a tree of `size` leaves as (level, index, width), lowest first."""
    tiles = []
    level = 0
    while size >> (TILE_HEIGHT * level):
        count = size >> (TILE_HEIGHT * level)
        width = count % TILE_WIDTH
        if width:
            tiles.append((level, count // TILE_WIDTH, width))
        level += 1
    return tiles


def tile_path(level: int | str, index: int, width: int = TILE_WIDTH) -> str:
    """`tile/<L>/<N>[.p/<W>]` with N in x-prefixed three-digit groups (x001/x234/067)."""
    groups = []
    while True:
        groups.append(f"{index % 1000:03d}")
        index //= 1000
        if not index:
            break
    groups.reverse()
    path = "/".join([f"x{group}" for group in groups[:-1]] + [groups[-1]])
    suffix = "" if width == TILE_WIDTH else f".p/{width}"
    return f"tile/{level}/{path}{suffix}"


_TILE_INDEX = re.compile(r"((?:x[0-9]{3}/)*)([0-9]{3})(?:\.p/([0-9]{1,3}))?")


def parse_tile_index(text: str) -> tuple[int, int]:
    """Parse the `<N>[.p/<W>]` part of a tile path into (index, width).

    Only the canonical spelling is accepted (no leading zero groups, no
    leading zero in W, 1 <= W <= 255), so every tile has exactly one URL.
    """
    match = _TILE_INDEX.fullmatch(text)
    if match is None:
        raise ValueError("a tile index is written like x001/x234/067 or 067.p/12")
    index = int(match.group(1).replace("x", "").replace("/", "") + match.group(2))
    width = TILE_WIDTH if match.group(3) is None else int(match.group(3))
    if not 0 < width <= TILE_WIDTH or tile_path(0, index, width) != f"tile/0/{text}":
        raise ValueError("a tile index or width is not written in its canonical form")
    return index, width


def entry_bundle(entries: Iterable[bytes]) -> bytes:
    """A C2SP entry bundle: each entry prefixed by its length as a big-endian uint16."""
    parts = []
    for entry in entries:
        if len(entry) > 0xFFFF:
            raise ValueError("an entry in a bundle is at most 65,535 bytes")
        parts.append(len(entry).to_bytes(2, "big"))
        parts.append(entry)
    return b"".join(parts)


def split_entry_bundle(bundle: bytes) -> list[bytes]:
    entries = []
    offset = 0
    while offset < len(bundle):
        if offset + 2 > len(bundle):
            raise ValueError("an entry bundle ends inside a length prefix")
        length = int.from_bytes(bundle[offset : offset + 2], "big")
        offset += 2
        if offset + length > len(bundle):
            raise ValueError("an entry bundle ends inside an entry")
        entries.append(bundle[offset : offset + length])
        offset += length
    return entries
