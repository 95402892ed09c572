package safefile

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// content returns size bytes of pseudo-random data determined by name and
// generation, so that a truncated, zero-filled or mixed-up file shows.
func content(name string, gen, size int) []byte {
	h := fnv.New64a()
	fmt.Fprintf(h, "%s/%d", name, gen)
	var seed [32]byte
	copy(seed[:], h.Sum(nil))
	b := make([]byte, size)
	rand.NewChaCha8(seed).Read(b)
	return b
}

// listDir returns the names in dir, sorted.
func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func isTemp(name string) bool {
	ok, _ := filepath.Match(tempPattern, name)
	return ok
}

func wantPerm(t *testing.T, path string, want fs.FileMode) {
	t.Helper()
	if runtime.GOOS == "windows" {
		return
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s: mode %#o, want %#o", path, got, want)
	}
}

func wantFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Error(err)
		return
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s: %d bytes, not the %d expected", path, len(got), len(want))
	}
}

func TestJoin(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"../x", "a/b", "", ".", "..", ".hidden", "a\\b", "x\x00", strings.Repeat("a", 300),
		"/abs", "x/..", "..\\x", ".relief-1.tmp", "a b.pdf", "a:b", "naïve.pdf", "a\nb", "*",
		strings.Repeat("a", MaxNameLen+1),
	} {
		got, err := Join(dir, name)
		if err == nil {
			t.Errorf("Join(dir, %q) = %q, want an error", name, got)
			continue
		}
		if !errors.Is(err, ErrUnsafeName) {
			t.Errorf("Join(dir, %q): error %v does not wrap ErrUnsafeName", name, err)
		}
		if !strings.Contains(err.Error(), strconv.Quote(name)) {
			t.Errorf("Join(dir, %q): error %q does not name the name", name, err)
		}
	}
	for _, name := range []string{
		"dismissal-case-1.pdf", "manifest.json", "a", "A_b-C.9", "x..y", "trailing.",
		strings.Repeat("a", MaxNameLen),
	} {
		got, err := Join(dir, name)
		if err != nil {
			t.Errorf("Join(dir, %q): %v", name, err)
			continue
		}
		if got != filepath.Join(dir, name) || filepath.Dir(got) != dir {
			t.Errorf("Join(dir, %q) = %q, want %q", name, got, filepath.Join(dir, name))
		}
	}
}

func TestDirModes(t *testing.T) {
	// A umask that would leave created directories unwritable by their owner
	// (0700 &^ 0277 = 0500): Dir must still make every level exactly 0700.
	base := t.TempDir() // before the umask, which would spoil it
	setUmask(t, 0o277)
	deep := filepath.Join(base, "a", "b", "c")
	if err := Dir(deep); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"a", "a/b", "a/b/c"} {
		wantPerm(t, filepath.Join(base, filepath.FromSlash(d)), 0o700)
	}
	if err := Dir(deep); err != nil {
		t.Errorf("Dir on an existing directory: %v", err)
	}

	// An existing directory is left as is, even a too-open one.
	open := filepath.Join(base, "open")
	if err := os.Mkdir(open, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(open, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := Dir(open); err != nil {
		t.Fatal(err)
	}
	wantPerm(t, open, 0o755)
	// Only the missing part below it is created, with 0700.
	if err := Dir(filepath.Join(open, "new")); err != nil {
		t.Fatal(err)
	}
	wantPerm(t, open, 0o755)
	wantPerm(t, filepath.Join(open, "new"), 0o700)

	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Dir(file); err == nil {
		t.Error("Dir on a regular file: no error")
	}
	if err := Dir(filepath.Join(file, "sub")); err == nil {
		t.Error("Dir below a regular file: no error")
	}
	if err := Dir(""); err == nil {
		t.Error(`Dir(""): no error`)
	}
}

func TestFileModes(t *testing.T) {
	for _, mask := range []int{0, 0o022, 0o277} {
		t.Run(fmt.Sprintf("umask%#o", mask), func(t *testing.T) {
			dir := t.TempDir() // before the umask, which could spoil it
			setUmask(t, mask)
			if err := Write(dir, "one.pdf", []byte("x"), false); err != nil {
				t.Fatal(err)
			}
			wantPerm(t, filepath.Join(dir, "one.pdf"), 0o600)
			// Replacing a too-open file leaves the new one 0600 too.
			loose := filepath.Join(dir, "loose.pdf")
			if err := os.WriteFile(loose, []byte("old"), 0o644); err != nil {
				t.Fatal(err)
			}
			if err := os.Chmod(loose, 0o644); err != nil {
				t.Fatal(err)
			}
			if err := Write(dir, "loose.pdf", []byte("new"), true); err != nil {
				t.Fatal(err)
			}
			wantPerm(t, loose, 0o600)
			wantFile(t, loose, []byte("new"))
		})
	}
}

func threeFiles(gen int) []File {
	return []File{
		{Name: "a.pdf", Data: content("a.pdf", gen, 3*chunkSize+17)},
		{Name: "b.pdf", Data: content("b.pdf", gen, 1000+gen)},
		{Name: "manifest.json", Data: content("manifest.json", gen, 10+gen)},
	}
}

func TestWriteAllAndOverwrite(t *testing.T) {
	dir := t.TempDir()
	if err := WriteAll(dir, nil, false); err != nil {
		t.Fatalf("empty set: %v", err)
	}
	old := []byte("old b")
	if err := os.WriteFile(filepath.Join(dir, "b.pdf"), old, 0o600); err != nil {
		t.Fatal(err)
	}
	files := threeFiles(1)

	err := WriteAll(dir, files, false)
	if err == nil {
		t.Fatal("WriteAll over an existing file without force: no error")
	}
	if !errors.Is(err, fs.ErrExist) || !strings.Contains(err.Error(), "b.pdf") ||
		!strings.Contains(err.Error(), "--force") || strings.Contains(err.Error(), "a.pdf") {
		t.Errorf("error %q: want fs.ErrExist naming b.pdf (only) and --force", err)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"b.pdf"}) {
		t.Errorf("after refusal, dir holds %q, want only b.pdf", got)
	}
	wantFile(t, filepath.Join(dir, "b.pdf"), old)

	if err := WriteAll(dir, files, true); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"a.pdf", "b.pdf", "manifest.json"}) {
		t.Errorf("after force, dir holds %q", got)
	}
	for _, f := range files {
		wantFile(t, filepath.Join(dir, f.Name), f.Data)
		wantPerm(t, filepath.Join(dir, f.Name), 0o600)
	}

	// All three now exist: the error lists them all, and nothing changes.
	err = WriteAll(dir, threeFiles(2), false)
	if err == nil || !strings.Contains(err.Error(), "a.pdf, b.pdf, manifest.json") {
		t.Errorf("second write without force: error %v, want one listing all three", err)
	}
	for _, f := range files {
		wantFile(t, filepath.Join(dir, f.Name), f.Data)
	}

	// Write is WriteAll with one file.
	if err := Write(dir, "c.pdf", []byte("c"), false); err != nil {
		t.Fatal(err)
	}
	if err := Write(dir, "c.pdf", []byte("c2"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Write over c.pdf without force: %v, want fs.ErrExist", err)
	}
	if err := Write(dir, "c.pdf", []byte("c2"), true); err != nil {
		t.Fatal(err)
	}
	wantFile(t, filepath.Join(dir, "c.pdf"), []byte("c2"))
}

func TestSymlinkTarget(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symlinks need privileges on windows")
	}
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "victim")
	if err := os.WriteFile(outside, []byte("victim"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "a.pdf")
	if err := os.Symlink(outside, link); err != nil {
		t.Fatal(err)
	}
	dangling := filepath.Join(dir, "b.pdf")
	if err := os.Symlink(filepath.Join(dir, "nowhere"), dangling); err != nil {
		t.Fatal(err)
	}
	// Without force a symlink, even a dangling one, counts as existing.
	if err := Write(dir, "b.pdf", []byte("x"), false); !errors.Is(err, fs.ErrExist) {
		t.Errorf("Write over a dangling symlink: %v, want fs.ErrExist", err)
	}
	if _, err := os.Lstat(filepath.Join(dir, "nowhere")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the dangling symlink's target was created")
	}
	// With force the symlink itself is replaced; its target is untouched.
	if err := Write(dir, "a.pdf", []byte("new"), true); err != nil {
		t.Fatal(err)
	}
	wantFile(t, outside, []byte("victim"))
	fi, err := os.Lstat(link)
	if err != nil {
		t.Fatal(err)
	}
	if !fi.Mode().IsRegular() {
		t.Errorf("a.pdf is %v after force, want a regular file", fi.Mode())
	}
	wantFile(t, link, []byte("new"))
}

// TestRefusesUpFront checks failures that must stop WriteAll before it writes
// anything: a bad name, a name given twice, and a target that is a directory
// (which a rename could not replace).
func TestRefusesUpFront(t *testing.T) {
	for _, tc := range []struct {
		name  string
		files []File
		force bool
	}{
		{"bad name", append(threeFiles(1), File{Name: "../escape.pdf"}), false},
		{"bad name force", append(threeFiles(1), File{Name: ".hidden"}), true},
		{"twice", append(threeFiles(1), File{Name: "a.pdf"}), false},
		{"twice ignoring case", append(threeFiles(1), File{Name: "A.PDF"}), true},
		{"directory target", append(threeFiles(1), File{Name: "isdir"}), false},
		{"directory target force", append(threeFiles(1), File{Name: "isdir"}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.Mkdir(filepath.Join(dir, "isdir"), 0o700); err != nil {
				t.Fatal(err)
			}
			if err := WriteAll(dir, tc.files, tc.force); err == nil {
				t.Fatal("no error")
			}
			if got := listDir(t, dir); !slices.Equal(got, []string{"isdir"}) {
				t.Errorf("dir holds %q, want only isdir", got)
			}
		})
	}
}

// TestFailureMidway makes WriteAll fail at each point after it has started
// writing (by a test hook, which works the same for root) and checks that it
// leaves no temporary file and no final file, and that forced writes leave
// the old files untouched.
func TestFailureMidway(t *testing.T) {
	injected := errors.New("injected failure")
	for _, force := range []bool{false, true} {
		for _, at := range []struct {
			event string
			i     int
		}{
			{"chunk", 0}, {"chunk", 1}, {"temp", 0}, {"temp", 1}, {"temp", 2},
		} {
			t.Run(fmt.Sprintf("force=%v/%s%d", force, at.event, at.i), func(t *testing.T) {
				dir := t.TempDir()
				var old []File
				if force {
					old = threeFiles(1)
					if err := WriteAll(dir, old, false); err != nil {
						t.Fatal(err)
					}
				}
				fired := false
				testHook = func(event string, i int) error {
					if event == at.event && i == at.i {
						fired = true
						return injected
					}
					return nil
				}
				t.Cleanup(func() { testHook = nil })
				err := WriteAll(dir, threeFiles(2), force)
				if !fired {
					t.Fatal("hook never fired")
				}
				if !errors.Is(err, injected) {
					t.Fatalf("error %v, want the injected one", err)
				}
				var want []string
				for _, f := range old {
					want = append(want, f.Name)
					wantFile(t, filepath.Join(dir, f.Name), f.Data)
				}
				if got := listDir(t, dir); !slices.Equal(got, want) {
					t.Errorf("dir holds %q, want %q", got, want)
				}
			})
		}
	}
}

// TestFailureWhilePlacing documents the limit of set atomicity: a failure
// after the first file has its final name leaves that file, complete, and
// says so; the rest stay absent and no temporary file remains.
func TestFailureWhilePlacing(t *testing.T) {
	dir := t.TempDir()
	testHook = func(event string, i int) error {
		if event == "placed" && i == 0 {
			return errors.New("injected")
		}
		return nil
	}
	t.Cleanup(func() { testHook = nil })
	files := threeFiles(1)
	err := WriteAll(dir, files, false)
	if err == nil || !strings.Contains(err.Error(), "a.pdf") {
		t.Fatalf("error %v, want one naming a.pdf", err)
	}
	if got := listDir(t, dir); !slices.Equal(got, []string{"a.pdf"}) {
		t.Errorf("dir holds %q, want only a.pdf", got)
	}
	wantFile(t, filepath.Join(dir, "a.pdf"), files[0].Data)
}

// TestFailureMidwayRealIO makes a real write fail: a child process limits its
// file size (RLIMIT_FSIZE, which binds root too) so that the third file of a
// set gets EFBIG after two complete temporary files were written.
func TestFailureMidwayRealIO(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs a unix child process")
	}
	dir := t.TempDir()
	cmd := helperCommand(dir, "fsize")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("helper: %v\n%s", err, out)
	}
	if bytes.Contains(out, []byte("SKIP-UNSUPPORTED")) {
		t.Skip("cannot limit file size here")
	}
	if !bytes.Contains(out, []byte("WRITEALL-ERR")) {
		t.Fatalf("helper's WriteAll did not fail:\n%s", out)
	}
	t.Logf("helper: %s", bytes.TrimSpace(out))
	if got := listDir(t, dir); len(got) != 0 {
		t.Errorf("dir holds %q after a failed write, want nothing", got)
	}
}

const fileSizeLimit = 1 << 20

func fsizeFiles() []File {
	return []File{
		{Name: "a.pdf", Data: content("a.pdf", 0, 1000)},
		{Name: "b.pdf", Data: content("b.pdf", 0, fileSizeLimit/2)},
		{Name: "c.pdf", Data: content("c.pdf", 0, 2*fileSizeLimit)},
	}
}

func TestCleanTemps(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{".relief-123.tmp", ".relief-x.tmp", ".relief-.tmp", "keep.pdf", ".relief-77.tmp",
		".relief-1.tmpx", "relief-1.tmp", ".relief-1.TMP", "x.relief-1.tmp"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, ".relief-9.tmp"), 0o700); err != nil {
		t.Fatal(err)
	}
	// A temporary file of the current run (newer than its start) stays,
	// and so does a link with the pattern's name.
	start := time.Now().Add(-time.Minute)
	for _, name := range []string{".relief-77.tmp", ".relief-123.tmp", ".relief-x.tmp"} {
		os.Chtimes(filepath.Join(dir, name), start.Add(-time.Hour), start.Add(-time.Hour))
	}
	os.WriteFile(filepath.Join(dir, ".relief-555.tmp"), []byte("now"), 0o600)
	os.WriteFile(filepath.Join(dir, "target"), []byte("not relief's"), 0o600)
	os.Chtimes(filepath.Join(dir, "target"), start.Add(-time.Hour), start.Add(-time.Hour))
	if err := os.Symlink("target", filepath.Join(dir, ".relief-88.tmp")); err != nil {
		t.Fatal(err)
	}
	n, err := CleanTemps(dir, start)
	if err != nil || n != 2 {
		t.Errorf("CleanTemps = %d, %v; want 2, nil", n, err)
	}
	want := []string{".relief-.tmp", ".relief-1.TMP", ".relief-1.tmpx", ".relief-555.tmp", ".relief-88.tmp", ".relief-9.tmp", ".relief-x.tmp", "keep.pdf", "relief-1.tmp", "target", "x.relief-1.tmp"}
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Errorf("after CleanTemps dir holds %q, want %q", got, want)
	}
	if n, err := CleanTemps(filepath.Join(dir, "missing"), start); n != 0 || err != nil {
		t.Errorf("CleanTemps(missing) = %d, %v; want 0, nil", n, err)
	}
}

// The helper process. The parent runs the test binary again with
// SAFEFILE_HELPER set to a mode and SAFEFILE_DIR to a directory.

const (
	envMode   = "SAFEFILE_HELPER"
	envDir    = "SAFEFILE_DIR"
	envKillAt = "SAFEFILE_KILL_AT"
	envForce  = "SAFEFILE_FORCE"
	readyLine = "READY-TO-BE-KILLED"
	doneLine  = "WROTE-THE-SET"
)

func helperCommand(dir, mode string, env ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), envMode+"="+mode, envDir+"="+dir)
	cmd.Env = append(cmd.Env, env...)
	return cmd
}

func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(envMode)
	if mode == "" {
		t.Skip("helper process for other tests")
	}
	dir := os.Getenv(envDir)
	// Never outlive a parent that failed to kill us.
	time.AfterFunc(20*time.Second, func() { os.Exit(3) })
	switch mode {
	case "fsize":
		if err := limitFileSize(); err != nil {
			fmt.Println("SKIP-UNSUPPORTED", err)
			return
		}
		if err := WriteAll(dir, fsizeFiles(), false); err != nil {
			fmt.Println("WRITEALL-ERR", err)
		} else {
			fmt.Println("WRITEALL-OK")
		}
	case "hook":
		// Stop at one point of WriteAll and wait there to be killed.
		event, idx, _ := strings.Cut(os.Getenv(envKillAt), ":")
		i, _ := strconv.Atoi(idx)
		testHook = func(ev string, n int) error {
			if ev == event && n == i {
				fmt.Println(readyLine)
				time.Sleep(time.Hour)
			}
			return nil
		}
		err := WriteAll(dir, threeFiles(2), os.Getenv(envForce) == "1")
		fmt.Println("WriteAll returned without being killed:", err)
	case "loop":
		// Rewrite a large set until killed at some arbitrary moment.
		files := loopFiles()
		fmt.Println(readyLine)
		for {
			if err := WriteAll(dir, files, true); err != nil {
				fmt.Println("WriteAll:", err)
				os.Exit(2)
			}
			fmt.Println(doneLine)
		}
	default:
		t.Fatalf("unknown helper mode %q", mode)
	}
}

func loopFiles() []File {
	return []File{
		{Name: "big.pdf", Data: content("big.pdf", 0, 50<<20)},
		{Name: "manifest.json", Data: content("manifest.json", 0, 100)},
	}
}

// killHelper starts cmd, waits until it prints the line marker, waits delay
// more, kills it with SIGKILL and checks that it died of that.
func killHelper(t *testing.T, cmd *exec.Cmd, marker string, delay time.Duration) {
	t.Helper()
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan error, 1)
	var seen strings.Builder
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			seen.WriteString(sc.Text() + "\n")
			if sc.Text() == marker {
				ready <- nil
				return
			}
		}
		ready <- fmt.Errorf("helper's output ended before %s", marker)
	}()
	timedOut := false
	select {
	case err = <-ready:
	case <-time.After(15 * time.Second):
		err = errors.New("timed out waiting for the helper")
		timedOut = true
	}
	if err == nil {
		time.Sleep(delay)
	}
	if kerr := cmd.Process.Kill(); kerr != nil && err == nil {
		err = kerr
	}
	werr := cmd.Wait()
	if timedOut {
		<-ready // the scanner is done with seen once Wait closed the pipe
	}
	if err != nil {
		t.Fatalf("%v\nstdout:\n%s\nstderr:\n%s", err, seen.String(), stderr.String())
	}
	if werr == nil || cmd.ProcessState.ExitCode() != -1 {
		t.Fatalf("helper was not killed by the signal (%v)\nstderr:\n%s", werr, stderr.String())
	}
}

// checkAfterKill checks that every file in dir is either a temporary file
// (mode 0600) or a final file whose content is complete: exactly one of the
// allowed versions. It then checks that CleanTemps removes exactly the
// temporary files, and returns the final names found.
func checkAfterKill(t *testing.T, dir string, allowed map[string][][]byte) []string {
	t.Helper()
	temps := 0
	var finals []string
	for _, name := range listDir(t, dir) {
		path := filepath.Join(dir, name)
		if isTemp(name) {
			temps++
			wantPerm(t, path, 0o600)
			continue
		}
		versions, ok := allowed[name]
		if !ok {
			t.Errorf("unexpected file %s", name)
			continue
		}
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(versions, func(v []byte) bool { return bytes.Equal(got, v) }) {
			t.Errorf("%s exists with %d bytes that are no complete version of it", name, len(got))
		}
		wantPerm(t, path, 0o600)
		finals = append(finals, name)
	}
	t.Logf("%d temporary file(s) left", temps)
	n, err := CleanTemps(dir, time.Now().Add(time.Hour))
	if err != nil || n != temps {
		t.Errorf("CleanTemps = %d, %v; want %d, nil", n, err, temps)
	}
	for _, name := range listDir(t, dir) {
		if isTemp(name) {
			t.Errorf("temporary file %s left after CleanTemps", name)
		}
	}
	return finals
}

// TestSIGKILL kills a child process running WriteAll, first at chosen points
// (stopped there by a test hook), then at arbitrary moments while it rewrites
// a 50 MB file in a loop, and checks that no final name ever holds a partial
// file.
func TestSIGKILL(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "js" || runtime.GOOS == "wasip1" {
		t.Skip("needs SIGKILL and a child process")
	}
	newFiles := threeFiles(2)
	for _, force := range []bool{false, true} {
		for _, tc := range []struct {
			killAt string
			placed []string // final names holding the new version after the kill
		}{
			{"chunk:0", nil}, // in the middle of the first file's data
			{"chunk:2", nil}, // in the middle of the first file's data, later
			{"temp:1", nil},  // between two temporary files
			{"temp:2", nil},  // all temporary files written, none placed
			{"placed:0", []string{"a.pdf"}},
			{"placed:1", []string{"a.pdf", "b.pdf"}},
		} {
			t.Run(fmt.Sprintf("force=%v/%s", force, tc.killAt), func(t *testing.T) {
				dir := t.TempDir()
				allowed := map[string][][]byte{}
				var oldNames []string
				if force {
					old := threeFiles(1)
					if err := WriteAll(dir, old, false); err != nil {
						t.Fatal(err)
					}
					for _, f := range old {
						allowed[f.Name] = append(allowed[f.Name], f.Data)
						oldNames = append(oldNames, f.Name)
					}
				}
				for _, f := range newFiles {
					allowed[f.Name] = append(allowed[f.Name], f.Data)
				}
				force01 := "0"
				if force {
					force01 = "1"
				}
				cmd := helperCommand(dir, "hook", envKillAt+"="+tc.killAt, envForce+"="+force01)
				killHelper(t, cmd, readyLine, 0)
				finals := checkAfterKill(t, dir, allowed)
				// The set of final names is exactly the old ones plus the
				// placed ones, and placed ones hold the new version.
				want := slices.Clone(tc.placed)
				if force {
					want = oldNames
				}
				if !slices.Equal(finals, want) {
					t.Errorf("final files %q, want %q", finals, want)
				}
				for _, f := range newFiles {
					if slices.Contains(tc.placed, f.Name) {
						wantFile(t, filepath.Join(dir, f.Name), f.Data)
					} else if force {
						wantFile(t, filepath.Join(dir, f.Name), threeFilesData(1, f.Name))
					}
				}
			})
		}
	}

	files := loopFiles()
	allowed := map[string][][]byte{}
	for _, f := range files {
		allowed[f.Name] = [][]byte{f.Data}
	}
	for _, tc := range []struct {
		marker string
		delay  time.Duration
	}{
		// During the first write of the set: no final file may exist
		// unless it is complete.
		{readyLine, 20 * time.Millisecond},
		// During a later, forced rewrite: the final files must exist and
		// be complete throughout.
		{doneLine, 0},
		{doneLine, 15 * time.Millisecond},
		{doneLine, 50 * time.Millisecond},
	} {
		t.Run(fmt.Sprintf("loop/%s+%v", tc.marker, tc.delay), func(t *testing.T) {
			dir := t.TempDir()
			killHelper(t, helperCommand(dir, "loop"), tc.marker, tc.delay)
			finals := checkAfterKill(t, dir, allowed)
			t.Logf("killed %v after %s: final files %q", tc.delay, tc.marker, finals)
			if tc.marker == doneLine && len(finals) != len(files) {
				t.Errorf("final files %q after a complete write, want all %d", finals, len(files))
			}
		})
	}
}

func threeFilesData(gen int, name string) []byte {
	for _, f := range threeFiles(gen) {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}
