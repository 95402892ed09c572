package pdftext

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"rsc.io/pdf"
)

// ReadDeep returns each page's text like Read, and also the text inside
// the form XObjects a page draws (Do), where imported pages keep theirs:
// an exhibit page imported from another PDF is one such form. Forms inside
// forms are followed up to a small depth.
func ReadDeep(b []byte) (pages []string, err error) {
	defer func() {
		if r := recover(); r != nil {
			pages, err = nil, fmt.Errorf("pdftext: malformed PDF: %v", r)
		}
	}()
	r, err := pdf.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		var sb strings.Builder
		if err := deepText(&sb, p.V.Key("Contents"), p.Resources(), 0); err != nil {
			return nil, fmt.Errorf("page %d: %w", i, err)
		}
		pages = append(pages, sb.String())
	}
	return pages, nil
}

func deepText(sb *strings.Builder, content, res pdf.Value, depth int) error {
	var failed error
	maps := map[string]map[int]rune{}
	var cur map[int]rune
	pdf.Interpret(content, func(stk *pdf.Stack, op string) {
		args := make([]pdf.Value, stk.Len())
		for k := len(args) - 1; k >= 0; k-- {
			args[k] = stk.Pop()
		}
		switch {
		case op == "Tf" && len(args) > 0:
			name := args[0].Name()
			m, ok := maps[name]
			if !ok {
				cmap, err := io.ReadAll(res.Key("Font").Key(name).Key("ToUnicode").Reader())
				if err != nil && failed == nil {
					failed = fmt.Errorf("font %s: %v", name, err)
				}
				m = ToUnicode(cmap)
				maps[name] = m
			}
			cur = m
		case (op == "Tj" || op == "TJ") && len(args) > 0:
			raw := args[0].RawString()
			if op == "TJ" {
				raw = ""
				for k := 0; k < args[0].Len(); k++ {
					if s := args[0].Index(k); s.Kind() == pdf.String {
						raw += s.RawString()
					}
				}
			}
			for k := 0; k+1 < len(raw); k += 2 {
				if r, ok := cur[int(raw[k])<<8|int(raw[k+1])]; ok {
					sb.WriteRune(r)
				} else {
					sb.WriteRune('\uFFFD')
				}
			}
			sb.WriteByte('\n')
		case op == "Do" && len(args) > 0 && depth < 4:
			x := res.Key("XObject").Key(args[0].Name())
			if x.Key("Subtype").Name() == "Form" {
				if err := deepText(sb, x, x.Key("Resources"), depth+1); err != nil && failed == nil {
					failed = err
				}
			}
		}
	})
	return failed
}
