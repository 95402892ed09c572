package tmpl

import (
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// A rendering past its time limit stops for real: its goroutine ends soon
// after Render gives up, instead of spinning on beside the next one. The
// error names the template file.
func TestTimeoutStopsRendering(t *testing.T) {
	before := runtime.NumGoroutine()
	body := `{{define "r"}}{{$x := repeat 2000 "ab"}}{{end}}{{range until 10000}}{{template "r" .}}{{end}}`
	start := time.Now()
	_, err := renderBody(body, sample(), Options{Timeout: time.Millisecond})
	if err == nil || !strings.Contains(err.Error(), "rendering took longer than 1ms") {
		t.Fatalf("err = %v; want the time limit", err)
	}
	if err == nil || !strings.HasPrefix(err.Error(), "doc.md.tmpl") {
		t.Fatalf("err = %v; want an error naming doc.md.tmpl", err)
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("%d goroutines still running 2s after Render returned (%v)", runtime.NumGoroutine()-before, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("stopped after %v: %v", time.Since(start), err)

	// Nothing but {{template}} calls, 2^40 of them, 40 deep: no function,
	// write or range to check the clock. The calls check it themselves.
	var b strings.Builder
	for i := range 40 {
		b.WriteString(`{{define "r` + itoa(i) + `"}}{{template "r` + itoa(i+1) + `"}}{{template "r` + itoa(i+1) + `"}}{{end}}`)
	}
	b.WriteString(`{{define "r40"}}{{end}}{{template "r0"}}`)
	start = time.Now()
	_, err = renderBody(b.String(), sample(), Options{Timeout: 50 * time.Millisecond})
	// Where the clock is found run out decides whether the message has a
	// position; either way it names the file.
	if err == nil || !regexp.MustCompile(`^doc\.md\.tmpl(:\d+:\d+)?: rendering took longer than 50ms`).MatchString(err.Error()) {
		t.Fatalf("err = %v; want the time limit", err)
	}
	for deadline := time.Now().Add(2 * time.Second); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			t.Fatalf("the recursion still runs 2s after Render returned (%v)", err)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Logf("recursion stopped after %v", time.Since(start))
}

// Templates may call one another up to maxDepth deep, with or without
// data; one level more is an error at the call.
func TestTemplateDepth(t *testing.T) {
	var b strings.Builder
	for i := range maxDepth - 2 {
		b.WriteString(`{{define "t` + itoa(i) + `"}}{{template "t` + itoa(i+1) + `" .}}{{end}}`)
	}
	b.WriteString(`{{define "t` + itoa(maxDepth-2) + `"}}{{.Petitioner.Name}}{{template "nodata"}}{{end}}{{define "nodata"}}[{{.}}]{{end}}`)
	defs := b.String()
	out, err := renderBody(defs+`{{template "t0" .}}`, sample(), Options{})
	if err != nil || !strings.HasSuffix(out, "[<no value>]") {
		t.Fatalf("depth %d: %q %v", maxDepth, out, err)
	}
	_, err = renderBody(defs+`{{define "top"}}{{template "t0" .}}{{end}}{{template "top" .}}`, sample(), Options{})
	if err == nil || !strings.Contains(err.Error(), "more than 100 deep") {
		t.Errorf("depth %d: %v", maxDepth+1, err)
	}
	// Calls one after another do not add up.
	out, err = renderBody(`{{define "x"}}x{{end}}{{range until 5000}}{{template "x"}}{{end}}`, sample(), Options{})
	if err != nil || len(out) < 5000 {
		t.Errorf("5000 calls in a row: %v", err)
	}
}

func itoa(i int) string { return count(i) }
