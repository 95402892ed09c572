package fonts

import (
	"errors"
	"fmt"
)

// This file reads a TrueType font's table directory and character map in
// place, without a font parser: measuring text needs only the glyph index
// of a rune (cmap) and the advance of a glyph (hmtx).

// tableDirectory returns the font's tables by tag, each a slice of ttf.
func tableDirectory(ttf []byte) (map[uint32][]byte, error) {
	if len(ttf) < 12 {
		return nil, errTruncated
	}
	if v := be32(ttf); v != 0x00010000 && v != 0x74727565 {
		return nil, fmt.Errorf("not a TrueType font (version %#08x)", v)
	}
	n := int(be16(ttf[4:]))
	if len(ttf) < 12+16*n {
		return nil, errTruncated
	}
	src := make(map[uint32][]byte, n)
	for i := range n {
		rec := ttf[12+16*i:]
		tag, off, size := be32(rec), uint64(be32(rec[8:])), uint64(be32(rec[12:]))
		if off+size > uint64(len(ttf)) {
			return nil, fmt.Errorf("table %q runs past the end of the file", tagString(tag))
		}
		src[tag] = ttf[off : off+size : off+size]
	}
	return src, nil
}

// cmap is one subtable of a character map, in format 4 (segments of BMP
// characters) or 12 (groups of characters anywhere in Unicode), read in
// place.
type cmap struct {
	sub    []byte // the subtable
	format uint16
	n      int // segments (format 4) or groups (format 12)
}

// parseCmap picks the subtable that covers the widest encoding, as
// x/image/font/sfnt does: Unicode beyond the BMP over the BMP alone, and
// the first of equals.
func parseCmap(t []byte) (cmap, error) {
	if len(t) < 4 {
		return cmap{}, errors.New("cmap table too short")
	}
	var best cmap
	bestWidth := 0
	for i := range int(be16(t[2:])) {
		rec := 4 + 8*i
		if rec+8 > len(t) {
			return cmap{}, errors.New("cmap table too short")
		}
		width := encodingWidth(be16(t[rec:]), be16(t[rec+2:]))
		off := int(be32(t[rec+4:]))
		if width <= bestWidth || off+4 > len(t) {
			continue
		}
		c, ok, err := subtable(t[off:])
		if err != nil {
			return cmap{}, err
		}
		if ok {
			best, bestWidth = c, width
		}
	}
	if bestWidth == 0 {
		return cmap{}, errors.New("no Unicode character map in format 4 or 12")
	}
	return best, nil
}

// encodingWidth is how many bytes a character takes in the encoding a
// cmap subtable's platform and encoding IDs name: 4 for all of Unicode, 2
// for the BMP, 0 for encodings not read here.
func encodingWidth(platform, encoding uint16) int {
	switch {
	case platform == 0 && encoding == 4, platform == 3 && encoding == 10:
		return 4
	case platform == 0 && encoding == 3, platform == 3 && (encoding == 0 || encoding == 1):
		return 2
	}
	return 0
}

// subtable reads a subtable's header; ok is false for formats not read
// here.
func subtable(sub []byte) (c cmap, ok bool, err error) {
	switch format := be16(sub); format {
	case 4:
		if len(sub) < 14 {
			return cmap{}, false, errors.New("cmap format 4 subtable too short")
		}
		n := int(be16(sub[6:])) / 2
		if len(sub) < 16+8*n {
			return cmap{}, false, errors.New("cmap format 4 subtable too short")
		}
		return cmap{sub: sub, format: 4, n: n}, true, nil
	case 12:
		if len(sub) < 16 {
			return cmap{}, false, errors.New("cmap format 12 subtable too short")
		}
		n := int(be32(sub[12:]))
		if uint64(len(sub)) < 16+12*uint64(n) {
			return cmap{}, false, errors.New("cmap format 12 subtable too short")
		}
		return cmap{sub: sub, format: 12, n: n}, true, nil
	}
	return cmap{}, false, nil
}

// glyph returns the glyph index of r, 0 when the map has none.
func (c *cmap) glyph(r rune) uint16 {
	if c.format == 12 {
		return c.glyph12(r)
	}
	if r < 0 || r > 0xFFFF {
		return 0
	}
	ch := uint16(r)
	// The segments' end codes, start codes, deltas and range offsets are
	// four arrays of n words; the segments are sorted by end code.
	ends, starts := c.sub[14:], c.sub[16+2*c.n:]
	deltas, offsets := c.sub[16+4*c.n:], 16+6*c.n
	i, j := 0, c.n
	for i < j {
		h := int(uint(i+j) >> 1)
		if be16(ends[2*h:]) < ch {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == c.n || ch < be16(starts[2*i:]) {
		return 0
	}
	delta, ro := be16(deltas[2*i:]), be16(c.sub[offsets+2*i:])
	if ro == 0 {
		return ch + delta
	}
	// The range offset counts bytes from where it is stored to the
	// glyph index of the segment's first character.
	at := offsets + 2*i + int(ro) + 2*int(ch-be16(starts[2*i:]))
	if at+2 > len(c.sub) {
		return 0
	}
	if g := be16(c.sub[at:]); g != 0 {
		return g + delta
	}
	return 0
}

// glyph12 is glyph for a format 12 subtable.
func (c *cmap) glyph12(r rune) uint16 {
	if r < 0 {
		return 0
	}
	ch := uint32(r)
	groups := c.sub[16:]
	i, j := 0, c.n
	for i < j {
		h := int(uint(i+j) >> 1)
		if be32(groups[12*h+4:]) < ch {
			i = h + 1
		} else {
			j = h
		}
	}
	if i == c.n || ch < be32(groups[12*i:]) {
		return 0
	}
	return uint16(ch - be32(groups[12*i:]) + be32(groups[12*i+8:]))
}
