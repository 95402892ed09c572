package pdf

import (
	"bytes"
	_ "embed"
	"fmt"
	"strconv"
	"sync"

	"github.com/reliefkit/relief/internal/fonts"
)

//go:generate go run ./gen

// basefonts.bin holds the base-set subset (see baseSet) of each of
// fonts.PaperFaces, made by `go generate ./internal/pdf` with the same
// code that subsets at run time; a test fails while the file differs from
// what that code makes. Nearly every court paper embeds exactly these subsets, so a
// draft subsets and compresses no font, where a fresh process took about
// 1 ms to make the four, and the packets of a draft waited on each other
// for them. The format: a first line naming it, then for each face a line
// "face name length1 widths program cmap" (the last three are byte
// counts) followed by those bytes.
//
//go:embed basefonts.bin
var baseFontsData []byte

const baseFontsHeader = "relief base-set subsets 1\n"

// builtSet is one face's subset from basefonts.bin and its cache key.
type builtSet struct {
	key string
	e   *embedded
}

// builtSubsets reads basefonts.bin once. A file that does not parse (a
// broken build, which the tests catch) gives no subsets: every face is
// then subset at run time, as any other set of runes is.
var builtSubsets = sync.OnceValue(func() [len(family)]builtSet {
	var out [len(family)]builtSet
	sets, err := parseBaseFonts(baseFontsData)
	if err != nil {
		return out
	}
	return sets
})

// builtSubset returns the subset made at build time for face f and key,
// or nil when there is none.
func builtSubset(f fonts.Face, key []byte) *embedded {
	if int(f) >= len(family) {
		return nil
	}
	b := builtSubsets()[f]
	if b.e == nil || b.key != string(key) {
		return nil
	}
	return b.e
}

// baseKey returns face f's base-set runes, sorted, and its cache key.
func baseKey(f fonts.Face) ([]rune, []byte) {
	var s runeSet
	for _, r := range baseSet {
		s.add(r)
	}
	runes := s.sorted()
	return runes, keyOf(f, runes)
}

// BaseFonts returns the contents of basefonts.bin as the current code
// makes it; `go generate ./internal/pdf` writes it.
func BaseFonts() ([]byte, error) {
	var b bytes.Buffer
	b.WriteString(baseFontsHeader)
	for _, f := range fonts.PaperFaces {
		runes, key := baseKey(f)
		e, err := newEmbedded(f, runes, key)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(&b, "%d %s %d %d %d %d\n", f, e.name, e.length1, len(e.widths), len(e.program), len(e.cmap))
		b.Write(e.widths)
		b.Write(e.program)
		b.Write(e.cmap)
	}
	return b.Bytes(), nil
}

// parseBaseFonts reads the format BaseFonts writes. The subsets' bytes
// stay in data, which is never written to.
func parseBaseFonts(data []byte) ([len(family)]builtSet, error) {
	var out [len(family)]builtSet
	rest, ok := bytes.CutPrefix(data, []byte(baseFontsHeader))
	if !ok {
		return out, fmt.Errorf("basefonts.bin: no header")
	}
	for len(rest) > 0 {
		line, after, ok := bytes.Cut(rest, []byte{'\n'})
		if !ok {
			return out, fmt.Errorf("basefonts.bin: unterminated line")
		}
		fields := bytes.Fields(line)
		if len(fields) != 6 {
			return out, fmt.Errorf("basefonts.bin: line %q", line)
		}
		var n [5]int
		for i, fld := range append(fields[:1:1], fields[2:]...) {
			v, err := strconv.Atoi(string(fld))
			if err != nil || v < 0 {
				return out, fmt.Errorf("basefonts.bin: line %q", line)
			}
			n[i] = v
		}
		face, length1, nw, np, nc := n[0], n[1], n[2], n[3], n[4]
		if face >= len(family) || nw+np+nc > len(after) {
			return out, fmt.Errorf("basefonts.bin: line %q", line)
		}
		e := &embedded{name: string(fields[1]), length1: length1,
			widths: after[:nw:nw], program: after[nw : nw+np : nw+np], cmap: after[nw+np : nw+np+nc : nw+np+nc]}
		_, key := baseKey(fonts.Face(face))
		out[face] = builtSet{key: string(key), e: e}
		rest = after[nw+np+nc:]
	}
	return out, nil
}
