// Package safefile writes relief's output files, which hold sensitive client
// data, so that nothing is ever half-written and nothing is readable by other
// users.
//
// Every file is first written in full to a private temporary file
// (".relief-*.tmp", mode 0600) in the destination directory and fsynced; only
// then is it given its final name, by a hard link (which never replaces an
// existing file) or, when the caller forces overwriting, by a rename (which
// replaces a file atomically). A crash or SIGKILL at any point therefore
// leaves, under a final name, either nothing, the old complete file or the new
// complete file; at worst a ".relief-*.tmp" file is left behind, which
// CleanTemps removes.
//
// A set of files is written all-or-nothing as far as a filesystem allows: every
// name is checked and, unless forced, every target is checked to be absent
// before anything is written, and no file is given its final name until every
// file of the set has been written. The final names are then assigned one by
// one, so a crash during that last, short step can leave part of the set in
// place (each file complete).
//
// Names are restricted by Join to single, plain file names, so a result can
// never escape the destination directory.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// MaxNameLen is the longest file name, in bytes, that Join accepts.
const MaxNameLen = 200

// tempPattern is the os.CreateTemp pattern of the temporary files; CleanTemps
// removes files whose names match it.
const tempPattern = ".relief-*.tmp"

// chunkSize is how much data is written to a temporary file per write call.
const chunkSize = 1 << 20

// ErrUnsafeName is wrapped by the errors of Join (and so of Write and
// WriteAll) for a name that is not a single safe file name.
var ErrUnsafeName = errors.New("unsafe file name")

// testHook, when set by a test, is called at points of WriteAll: "chunk"
// after each chunk of file i is written to its temporary file, "temp" after
// the temporary file of file i is complete, synced and closed, and "placed"
// after file i has its final name. A non-nil error makes WriteAll fail there.
var testHook func(event string, i int) error

func hook(event string, i int) error {
	if testHook == nil {
		return nil
	}
	return testHook(event, i)
}

// Dir creates dir, and any missing parents, with mode 0700 (whatever the
// umask) when it is missing. An existing directory is left as is.
func Dir(dir string) error {
	if dir == "" {
		return errors.New("safefile: empty directory path")
	}
	dir = filepath.Clean(dir)
	fi, err := os.Stat(dir)
	switch {
	case err == nil && fi.IsDir():
		return nil
	case err == nil:
		return fmt.Errorf("safefile: %s exists and is not a directory", dir)
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("safefile: %w", err)
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := Dir(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		// Created concurrently by someone else: leave it as is.
		if fi, serr := os.Stat(dir); serr == nil && fi.IsDir() {
			return nil
		}
		return fmt.Errorf("safefile: %w", err)
	}
	// Mkdir's mode is reduced by the umask; set it exactly.
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("safefile: %w", err)
	}
	return nil
}

// Join returns dir/name after checking that name is a single safe file name:
// non-empty, at most MaxNameLen bytes, made only of ASCII letters, digits,
// '-', '_' and '.', and not starting with '.' (so neither "." nor "..", nor a
// hidden file, nor one of WriteAll's temporary files). Such a name has no path
// separator or NUL, so the result cannot escape dir. The error, which wraps
// ErrUnsafeName, names the bad name.
func Join(dir, name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	return filepath.Join(dir, name), nil
}

func checkName(name string) error {
	bad := func(why string) error {
		return fmt.Errorf("safefile: %w %q: %s", ErrUnsafeName, name, why)
	}
	switch {
	case name == "":
		return bad("empty")
	case len(name) > MaxNameLen:
		return bad(fmt.Sprintf("longer than %d bytes", MaxNameLen))
	case name[0] == '.':
		return bad("starts with '.'")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '-', c == '_', c == '.':
		case c == '/' || c == '\\':
			return bad("contains a path separator")
		case c == 0:
			return bad("contains a NUL byte")
		default:
			return bad(fmt.Sprintf("contains %q; only letters, digits, '-', '_' and '.' are allowed", c))
		}
	}
	return nil
}

// File is one output file: its name in the destination directory and its
// full contents.
type File struct {
	Name string
	Data []byte
}

// Write writes one file into dir; it is WriteAll with a single file.
func Write(dir, name string, data []byte, force bool) error {
	return WriteAll(dir, []File{{Name: name, Data: data}}, force)
}

// WriteAll writes every file into dir, which must exist (see Dir), atomically
// as a set as far as a filesystem allows:
//
//  1. every name is checked with Join, and two names may not be equal (even
//     ignoring case, for case-insensitive filesystems); unless force is set,
//     WriteAll fails before writing anything if any target already exists (the
//     error, which wraps fs.ErrExist, lists them and says to use --force).
//     With force, a target that is a directory is refused up front too.
//  2. each file is written to a temporary file in dir (".relief-*.tmp",
//     mode 0600) and fsynced.
//  3. only when all temporary files are written is each moved into place:
//     without force by a hard link to the final name and removal of the
//     temporary name, so an existing file is never replaced, even one created
//     concurrently; with force by a rename, which replaces an existing file
//     (or symlink) atomically without writing through it. Then dir is fsynced.
//  4. on any failure, every temporary file WriteAll created is removed (and
//     nothing else) and the error is returned. Files that already had their
//     final name when step 3 failed stay, complete; the error names them.
//
// Files end up with mode 0600 whatever the umask. Without force, WriteAll
// needs a filesystem that supports hard links; elsewhere it fails safely.
func WriteAll(dir string, files []File, force bool) error {
	if len(files) == 0 {
		return nil
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return fmt.Errorf("safefile: %w", err)
	}
	defer root.Close()
	return writeAll(root, dir, files, force, 0o600)
}

// WriteAllIn is WriteAll into the folder root is open on (see OpenDir);
// dir names it in messages. Every name is resolved inside root at the
// moment of writing, so a link swapped in for the folder or one of its
// parents after it was opened is never written through.
func WriteAllIn(root *os.Root, dir string, files []File, force bool) error {
	return writeAll(root, dir, files, force, 0o600)
}

// writeAll is WriteAll inside root, giving files mode perm.
func writeAll(root *os.Root, dir string, files []File, force bool, perm fs.FileMode) (err error) {
	if len(files) == 0 {
		return nil
	}
	finals := make([]string, len(files))
	seen := make(map[string]string, len(files))
	for i, f := range files {
		p, err := Join(dir, f.Name)
		if err != nil {
			return err
		}
		key := strings.ToLower(f.Name)
		if prev, dup := seen[key]; dup {
			return fmt.Errorf("safefile: file names %q and %q name the same file", prev, f.Name)
		}
		seen[key] = f.Name
		finals[i] = p
	}

	var existing []string
	for i, f := range files {
		fi, err := root.Lstat(f.Name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return fmt.Errorf("safefile: %w", err)
		}
		if fi.IsDir() {
			return fmt.Errorf("safefile: %s exists and is a directory", finals[i])
		}
		existing = append(existing, f.Name)
	}
	if len(existing) > 0 && !force {
		return fmt.Errorf("safefile: %s already exist(s) in %s; nothing was written (use --force to replace): %w",
			strings.Join(existing, ", "), dir, fs.ErrExist)
	}

	// temps[i] is the temporary file (its name in root) of files[i] while
	// it exists.
	temps := make([]string, 0, len(files))
	defer func() {
		if err == nil {
			return
		}
		for _, t := range temps {
			if t == "" {
				continue
			}
			if rerr := root.Remove(t); rerr != nil && !errors.Is(rerr, fs.ErrNotExist) {
				err = errors.Join(err, fmt.Errorf("safefile: cleaning up: %w", rerr))
			}
		}
	}()

	if err := writeTemps(root, files, perm, &temps); err != nil {
		return err
	}

	var placed []string
	for i, f := range files {
		inPlace, err := place(root, temps[i], f.Name, force)
		if inPlace {
			placed = append(placed, f.Name)
		}
		if err != nil {
			if len(placed) > 0 {
				err = fmt.Errorf("%w (already in place: %s)", err, strings.Join(placed, ", "))
			}
			return fmt.Errorf("safefile: placing %s: %w", f.Name, err)
		}
		temps[i] = ""
		if err := hook("placed", i); err != nil {
			return fmt.Errorf("safefile: after placing %s: %w", f.Name, err)
		}
	}
	if err := syncDir(root); err != nil {
		return fmt.Errorf("safefile: %w", err)
	}
	return nil
}

// place gives the complete temporary file temp its final name: without force
// by a hard link, which fails if final exists, then removal of temp; with
// force by a rename, which atomically replaces final (a link there is
// replaced, never written through). It reports whether final now names the
// file.
func place(root *os.Root, temp, final string, force bool) (bool, error) {
	if force {
		err := root.Rename(temp, final)
		return err == nil, err
	}
	if err := root.Link(temp, final); err != nil {
		return false, err
	}
	// The file is in place; a temp name left by a failure here is a second
	// name of the same complete file, removed by WriteAll's cleanup.
	return true, root.Remove(temp)
}

// createTemp creates a new temporary file in root named after tempPattern,
// with mode perm.
func createTemp(root *os.Root, perm fs.FileMode) (*os.File, string, error) {
	for try := 0; ; try++ {
		name := fmt.Sprintf(".relief-%d.tmp", rand.Uint32())
		f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) && try < 10000 {
			continue
		}
		return f, name, err
	}
}

// writeTemps writes each of files to a new temporary file in root,
// appending its name to *temps as soon as it exists, then syncs them all
// at once and closes them. Syncing them together lets the file system
// commit them in one journal flush rather than one flush per file, each
// waiting for the one before.
func writeTemps(root *os.Root, files []File, perm fs.FileMode, temps *[]string) (err error) {
	open := make([]*os.File, 0, len(files))
	defer func() {
		for _, f := range open {
			if f != nil {
				f.Close()
			}
		}
	}()
	for i, f := range files {
		t, err := fillTemp(root, f.Data, i, perm, temps)
		if t != nil {
			open = append(open, t)
		}
		if err != nil {
			return fmt.Errorf("safefile: writing %s: %w", f.Name, err)
		}
	}
	errs := make([]error, len(open))
	var wg sync.WaitGroup
	for i, f := range open {
		wg.Go(func() { errs[i] = f.Sync() })
	}
	wg.Wait()
	for i, f := range open {
		err := errs[i]
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		open[i] = nil
		if err == nil {
			err = hook("temp", i)
		}
		if err != nil {
			return fmt.Errorf("safefile: writing %s: %w", files[i].Name, err)
		}
	}
	return nil
}

// fillTemp writes data to a new temporary file in root with mode perm,
// appending its name to *temps as soon as it exists. It returns the file,
// still open and not yet synced, whenever it was created.
func fillTemp(root *os.Root, data []byte, i int, perm fs.FileMode, temps *[]string) (*os.File, error) {
	f, name, err := createTemp(root, perm)
	if err != nil {
		return nil, err
	}
	*temps = append(*temps, name)
	// The mode is reduced by the umask; set it exactly.
	if err := f.Chmod(perm); err != nil {
		return f, err
	}
	for p := data; len(p) > 0; {
		n := min(len(p), chunkSize)
		if _, err := f.Write(p[:n]); err != nil {
			return f, err
		}
		p = p[n:]
		if err := hook("chunk", i); err != nil {
			return f, err
		}
	}
	return f, nil
}

// syncDir fsyncs dir so that new names in it survive a crash. Filesystems and
// systems that cannot sync a directory are tolerated.
func syncDir(root *os.Root) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := root.Open(".")
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, syscall.ENOTSUP) || errors.Is(err, errors.ErrUnsupported) {
		return nil
	}
	return err
}

// CleanTemps removes the temporary files that WriteAll (and the batch
// state writer) leave in dir when a run is killed: regular files, not
// links, whose names are ".relief-<digits>.tmp" exactly, last modified
// before before (the start of the current run, so that a temporary file of
// a write going on now is left alone). It returns how many it removed. A
// missing dir has none. Every name is looked at and removed inside the
// open folder (os.Root), never through a link, so nothing outside it is
// touched. dir itself is the folder the caller chose (a user's -o may be a
// link); callers that must refuse a linked folder check it first.
func CleanTemps(dir string, before time.Time) (int, error) {
	root, err := os.OpenRoot(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("safefile: %w", err)
	}
	defer root.Close()
	d, err := root.Open(".")
	if err != nil {
		return 0, fmt.Errorf("safefile: %w", err)
	}
	entries, err := d.ReadDir(-1)
	d.Close()
	if err != nil {
		return 0, fmt.Errorf("safefile: %w", err)
	}
	n := 0
	var errs []error
	for _, e := range entries {
		if !e.Type().IsRegular() || !tempName(e.Name()) {
			continue
		}
		fi, err := root.Lstat(e.Name())
		if err != nil || !fi.Mode().IsRegular() || !isOld(fi, before) {
			continue
		}
		if err := root.Remove(e.Name()); err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, fmt.Errorf("safefile: %w", err))
			}
			continue
		}
		n++
	}
	return n, errors.Join(errs...)
}
