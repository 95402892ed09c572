// Package pdftext reads the text back out of the PDFs relief writes, the
// way a clerk's or an e-filing vendor's text extraction would, so tests
// can check the facts on the page instead of trusting bytes. rsc.io/pdf
// parses the file; glyph ids of Identity-H fonts are decoded through each
// font's ToUnicode map, which rsc.io/pdf does not do itself.
package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"

	"rsc.io/pdf"
)

// Doc is what a PDF says.
type Doc struct {
	// Pages is the text per page, one line per text-showing operator; a
	// marked-content span with an ActualText is one line of that text
	// instead of the glyphs inside it (a checkbox reads "\u2612" or "\u2610").
	Pages []string
	Info  map[string]string
	Sizes [][2]float64 // MediaBox width and height per page
	// Boxes are the drawn checkboxes per page, in drawing order: small
	// squares, checked when lines are drawn inside them.
	Boxes [][]Box
}

// Box is one drawn checkbox, in PDF coordinates (origin bottom left).
type Box struct {
	X, Y, Size float64
	Checked    bool
}

// The CMap patterns, compiled on first use so that a command that reads no
// PDF does not pay for them.
var (
	bfsection = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`(?s)beginbf(char|range)(.*?)endbf(?:char|range)`)
	})
	hexString = sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(`<([0-9A-Fa-f]*)>`) })
)

// ToUnicode reads a ToUnicode CMap: its bfchar and bfrange sections, with
// one UTF-16 character per code (a surrogate pair counts as one). A code
// mapped twice keeps its last mapping, as a reader would.
func ToUnicode(cmap []byte) map[int]rune {
	m := map[int]rune{}
	for _, sec := range bfsection().FindAllSubmatch(cmap, -1) {
		var nums []int64
		var dsts []rune
		for _, h := range hexString().FindAllSubmatch(sec[2], -1) {
			v, _ := strconv.ParseUint(string(h[1]), 16, 32)
			nums = append(nums, int64(v))
			dsts = append(dsts, utf16Rune(string(h[1])))
		}
		step := 2
		if string(sec[1]) == "range" {
			step = 3
		}
		for i := 0; i+step <= len(nums); i += step {
			if step == 2 {
				m[int(nums[i])] = dsts[i+1]
				continue
			}
			for c := nums[i]; c <= nums[i+1]; c++ {
				m[int(c)] = dsts[i+2] + rune(c-nums[i])
			}
		}
	}
	return m
}

// utf16Rune decodes hex UTF-16BE text of one character.
func utf16Rune(h string) rune {
	if len(h) == 8 {
		hi, _ := strconv.ParseUint(h[:4], 16, 16)
		lo, _ := strconv.ParseUint(h[4:], 16, 16)
		return utf16.DecodeRune(rune(hi), rune(lo))
	}
	v, _ := strconv.ParseUint(h, 16, 32)
	return rune(v)
}

// Read parses b.
func Read(b []byte) (doc Doc, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("pdftext: malformed PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return Doc{}, err
	}
	doc.Info = map[string]string{}
	info := r.Trailer().Key("Info")
	for _, k := range info.Keys() {
		doc.Info[k] = info.Key(k).Text()
	}
	for i := 1; i <= r.NumPage(); i++ {
		page := r.Page(i)
		box := page.V.Key("MediaBox")
		doc.Sizes = append(doc.Sizes, [2]float64{box.Index(2).Float64(), box.Index(3).Float64()})
		text, boxes, err := pageText(page)
		if err != nil {
			return Doc{}, fmt.Errorf("page %d: %w", i, err)
		}
		doc.Pages = append(doc.Pages, text)
		doc.Boxes = append(doc.Boxes, boxes)
	}
	return doc, nil
}

// replaced reports whether an open marked-content span carries an
// ActualText, which stands for the glyphs drawn inside it.
func replaced(spans []string) bool {
	for _, s := range spans {
		if s != "" {
			return true
		}
	}
	return false
}

func pageText(page pdf.Page) (string, []Box, error) {
	maps := map[string]map[int]rune{}
	var failed error
	unicode := func(key string) map[int]rune {
		if m, ok := maps[key]; ok {
			return m
		}
		cmap, err := io.ReadAll(page.Font(key).V.Key("ToUnicode").Reader())
		if err != nil && failed == nil {
			failed = fmt.Errorf("font %s: %v", key, err)
		}
		m := ToUnicode(cmap)
		maps[key] = m
		return m
	}
	var b strings.Builder
	var cur map[int]rune
	var boxes []Box
	var mx, my float64
	// actual holds the ActualText of each open marked-content span ("" for
	// none): glyphs inside a span that has one are read as that text.
	var actual []string
	inside := func(x, y float64) bool {
		if len(boxes) == 0 {
			return false
		}
		bx := boxes[len(boxes)-1]
		return x >= bx.X-0.01 && x <= bx.X+bx.Size+0.01 && y >= bx.Y-0.01 && y <= bx.Y+bx.Size+0.01
	}
	pdf.Interpret(page.V.Key("Contents"), func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for k := len(args) - 1; k >= 0; k-- {
			args[k] = stk.Pop()
		}
		switch op {
		case "re":
			if len(args) == 4 {
				x, y, w, h := args[0].Float64(), args[1].Float64(), args[2].Float64(), args[3].Float64()
				if h < 0 {
					y, h = y+h, -h
				}
				if w > 0 && w < 15 && math.Abs(w-h) < 0.05 {
					boxes = append(boxes, Box{X: x, Y: y, Size: w})
				}
			}
		case "m":
			if len(args) == 2 {
				mx, my = args[0].Float64(), args[1].Float64()
			}
		case "l":
			if len(args) == 2 && inside(mx, my) && inside(args[0].Float64(), args[1].Float64()) {
				boxes[len(boxes)-1].Checked = true
			}
		case "Tf":
			if len(args) > 0 {
				cur = unicode(args[0].Name())
			}
		case "BDC":
			actual = append(actual, "")
			if len(args) == 2 && args[1].Kind() == pdf.Dict {
				if a := args[1].Key("ActualText"); a.Kind() == pdf.String {
					actual[len(actual)-1] = a.Text()
					b.WriteString(a.Text())
					b.WriteByte('\n')
				}
			}
		case "BMC":
			actual = append(actual, "")
		case "EMC":
			if len(actual) > 0 {
				actual = actual[:len(actual)-1]
			}
		case "Tj", "TJ":
			if len(args) == 0 || replaced(actual) {
				return
			}
			raw := ""
			if op == "Tj" {
				raw = args[0].RawString()
			} else {
				for k := 0; k < args[0].Len(); k++ {
					if s := args[0].Index(k); s.Kind() == pdf.String {
						raw += s.RawString()
					}
				}
			}
			for k := 0; k+1 < len(raw); k += 2 {
				if r, ok := cur[int(raw[k])<<8|int(raw[k+1])]; ok {
					b.WriteRune(r)
				} else {
					b.WriteRune('\uFFFD')
				}
			}
			b.WriteByte('\n')
		}
	})
	return b.String(), boxes, failed
}
