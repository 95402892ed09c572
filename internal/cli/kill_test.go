//go:build unix

package cli

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reliefkit/relief/internal/pdf/pdftext"
)

// TestKilledDraftLeavesNoPartialPDF starts `relief draft` on a file with
// many cases, kills it with SIGKILL at several moments, and checks that
// every PDF under its final name is complete: at worst temporary files
// are left, which a later run cleans or ignores.
func TestKilledDraftLeavesNoPartialPDF(t *testing.T) {
	if testing.Short() {
		t.Skip("starts the binary several times")
	}
	bin := filepath.Join(t.TempDir(), "relief")
	// TestMain runs relief when the test binary is started under that name.
	if err := os.Symlink(os.Args[0], bin); err != nil {
		t.Skip("cannot link the test binary:", err)
	}
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("as_of = 2026-11-26\n[petitioner]\nname = \"A Person\"\ndob = 1980-01-02\naddress = \"1 Main Street\"\ncity = \"Oakland\"\n")
	for i := range 15 {
		fmt.Fprintf(&b, "\n[[cases]]\nid = \"c%02d\"\ncounty = \"Alameda\"\ncase_number = \"15-CR-%03d\"\nconviction_date = 2015-06-01\n", i, i)
		b.WriteString("  [[cases.counts]]\n  offense = \"PC 602\"\n  level = \"misdemeanor\"\n  [cases.sentence]\n  kind = \"probation\"\n  probation_end = 2018-07-15\n")
	}
	input := filepath.Join(dir, "many.toml")
	if err := os.WriteFile(input, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), "XDG_CONFIG_HOME="+dir, "HOME="+dir)
	// A full run first, to know how long drafting takes: the kills below
	// land early, midway, and in the last moments, when files are written.
	full := exec.Command(bin, "draft", input, "-o", filepath.Join(dir, "full"))
	full.Env = env
	start := time.Now()
	if out, err := full.CombinedOutput(); err != nil {
		t.Fatalf("full run: %v\n%s", err, out)
	}
	took := time.Since(start)
	delays := []time.Duration{20 * time.Millisecond, took / 2}
	for _, f := range []float64{0.97, 0.99, 1.0, 1.01} {
		delays = append(delays, time.Duration(float64(took)*f))
	}
	for i, delay := range delays {
		out := filepath.Join(dir, fmt.Sprintf("out%d", i))
		cmd := exec.Command(bin, "draft", input, "-o", out)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		cmd.Wait()
		entries, _ := os.ReadDir(out)
		complete := 0
		for _, e := range entries {
			name := e.Name()
			switch {
			case strings.HasPrefix(name, ".relief-") && strings.HasSuffix(name, ".tmp"):
			case strings.HasSuffix(name, ".pdf"):
				data, err := os.ReadFile(filepath.Join(out, name))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := pdftext.Read(data); err != nil || !bytes.HasSuffix(bytes.TrimSpace(data), []byte("%%EOF")) {
					t.Errorf("killed after %v: %s is not a complete PDF (%d bytes): %v", delay, name, len(data), err)
				}
				complete++
			case name == "manifest.json":
			default:
				t.Errorf("killed after %v: unexpected file %s", delay, name)
			}
		}
		t.Logf("killed after %v: %d complete PDFs, %d entries", delay, complete, len(entries))
	}
}
