package pdf

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/reliefkit/relief/internal/drawlist"
	"github.com/reliefkit/relief/internal/fonts"
	"github.com/reliefkit/relief/internal/golden"
)

// TestBaseFontsAreCurrent keeps basefonts.bin identical to what the
// subsetter makes now: run `go generate ./internal/pdf` after changing
// baseSet, the subsetter, the compressor or a font.
func TestBaseFontsAreCurrent(t *testing.T) {
	want, err := BaseFonts()
	if err != nil {
		t.Fatal(err)
	}
	golden.Generated(t, "basefonts.bin", want, "go generate ./internal/pdf")
	sets, err := parseBaseFonts(want)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fonts.PaperFaces {
		runes, key := baseKey(f)
		made, err := newEmbedded(f, runes, key)
		if err != nil {
			t.Fatal(err)
		}
		if built := builtSubset(f, key); built == nil || !reflect.DeepEqual(built, made) {
			t.Errorf("%s: the built subset differs from the one made now", f)
		}
		if !reflect.DeepEqual(sets[f].e, made) {
			t.Errorf("%s: basefonts.bin reads back differently", f)
		}
	}
}

// TestBuiltSubsetUsedOnlyForTheBaseSet: a face drawing only base-set
// characters is embedded from basefonts.bin, with the same bytes a
// subset made at run time would have; one character outside the set
// makes a subset of its own.
func TestBuiltSubsetUsedOnlyForTheBaseSet(t *testing.T) {
	doc := func(text string) drawlist.Doc {
		return drawlist.Doc{Pages: []drawlist.Page{{Width: drawlist.LetterWidth, Height: drawlist.LetterHeight,
			Ops: []drawlist.Op{{Kind: drawlist.Text, Face: fonts.Serif, X: 72, Y: 72, Size: 12, Text: text}}}}}
	}
	inSet := "José Muñoz, 12 Elm St. #4 — Pen. Code, § 1203.4(a) [x] $50 = fine • ►"
	clearFontCache()
	before := fontsMade.Load()
	fromBuilt, err := Render(doc(inSet))
	if err != nil {
		t.Fatal(err)
	}
	if made := fontsMade.Load() - before; made != 0 {
		t.Errorf("a base-set document made %d fonts, want 0 (the built subset)", made)
	}
	// The same document with the built subsets out of the way.
	saved := builtSubsets
	builtSubsets = func() [len(family)]builtSet { return [len(family)]builtSet{} }
	clearFontCache()
	made, err := Render(doc(inSet))
	builtSubsets = saved
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fromBuilt, made) {
		t.Error("the built subset gives other bytes than a subset made at run time")
	}
	before = fontsMade.Load()
	if _, err := Render(doc(inSet + " Ü")); err != nil {
		t.Fatal(err)
	}
	if made := fontsMade.Load() - before; made != 1 {
		t.Errorf("a document with Ü made %d fonts, want 1", made)
	}
}

// TestParseBaseFontsRejectsDamage: a damaged file is an error, never a
// wrong font.
func TestParseBaseFontsRejectsDamage(t *testing.T) {
	for name, data := range map[string][]byte{
		"no header":    baseFontsData[10:],
		"truncated":    baseFontsData[:len(baseFontsData)-100],
		"short line":   []byte(baseFontsHeader + "0 NAME 5\n"),
		"bad number":   []byte(baseFontsHeader + "0 NAME x 1 1 1\nabc"),
		"unknown face": []byte(baseFontsHeader + "99 NAME 1 1 1 1\nabc"),
	} {
		if _, err := parseBaseFonts(data); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
