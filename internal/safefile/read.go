package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"time"
)

// Reading. relief reads case files, rosters, template partials, its own
// state file and manifests. None of them may be a FIFO (opening one blocks
// until someone writes to it), a device (/dev/zero never ends) or larger
// than a cap, and inside an output folder none may be a symbolic link:
// relief reads there only what it wrote.

// ErrNotRegular is wrapped by the errors of OpenRegular and ReadRegular for
// a path that is not a regular file (a FIFO, device, socket or folder).
var ErrNotRegular = errors.New("not a regular file")

// ErrTooLarge is wrapped by ReadRegular's error for a file over its cap.
var ErrTooLarge = errors.New("file too large")

// ErrSymlink is wrapped by the errors of functions that refuse to follow a
// symbolic link inside an output folder.
var ErrSymlink = errors.New("is a symbolic link; relief does not follow links in its output folder")

// Follow says whether OpenRegular and ReadRegular follow a symbolic link
// as the last element of the path: yes for input the user names, no
// inside an output folder.
type Follow bool

const (
	FollowLinks Follow = true
	NoFollow    Follow = false
)

// OpenRegular opens path for reading without blocking on a FIFO, and
// returns it only when it is a regular file; otherwise the error wraps
// ErrNotRegular (or ErrSymlink when follow is NoFollow and path is a link).
func OpenRegular(path string, follow Follow) (*os.File, error) {
	flags := os.O_RDONLY | openNonblock
	if follow == NoFollow {
		flags |= openNoFollow
		if fi, err := os.Lstat(path); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
			return nil, &fs.PathError{Op: "open", Path: path, Err: ErrSymlink}
		}
	}
	f, err := os.OpenFile(path, flags, 0)
	if err != nil {
		if follow == NoFollow && isLoop(err) {
			return nil, &fs.PathError{Op: "open", Path: path, Err: ErrSymlink}
		}
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, KindOf(st.Mode()))}
	}
	return f, nil
}

// KindOf names what a non-regular file is ("a folder", "a named pipe"),
// for messages.
func KindOf(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a named pipe"
	case m&fs.ModeDevice != 0 || m&fs.ModeCharDevice != 0:
		return "a device"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeSymlink != 0:
		return "a symbolic link"
	}
	return "not a plain file"
}

// ReadRegular reads the regular file at path (see OpenRegular), refusing
// one larger than max bytes with an error wrapping ErrTooLarge, and never
// reading more than max+1 bytes whatever the file claims.
func ReadRegular(path string, max int64, follow Follow) ([]byte, error) {
	f, err := OpenRegular(path, follow)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: %d bytes, more than %d", ErrTooLarge, st.Size(), max)}
	}
	b, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, &fs.PathError{Op: "read", Path: path, Err: fmt.Errorf("%w: more than %d bytes", ErrTooLarge, max)}
	}
	return b, nil
}

// CheckDir returns nil when dir exists and is a directory, not a symbolic
// link. The error wraps ErrSymlink for a link, fs.ErrNotExist for nothing.
func CheckDir(dir string) error {
	fi, err := os.Lstat(dir)
	switch {
	case err != nil:
		return err
	case fi.Mode()&fs.ModeSymlink != 0:
		return &fs.PathError{Op: "open", Path: dir, Err: ErrSymlink}
	case !fi.IsDir():
		return fmt.Errorf("safefile: %s exists and is not a directory", dir)
	}
	return nil
}

// SubDir returns dir/name, a directory inside an output folder, creating it
// with mode 0700 when it is missing. The name is checked as Join does, and
// an existing name that is a symbolic link or not a directory is refused:
// relief never writes through a link inside its output folder.
func SubDir(dir, name string) (string, error) {
	p, err := Join(dir, name)
	if err != nil {
		return "", err
	}
	err = CheckDir(p)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return p, err
	}
	if err := os.Mkdir(p, 0o700); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return p, CheckDir(p) // made meanwhile: check it again
		}
		return "", fmt.Errorf("safefile: %w", err)
	}
	if err := os.Chmod(p, 0o700); err != nil {
		return "", fmt.Errorf("safefile: %w", err)
	}
	return p, nil
}

// RootFS is root's file system with OpenRegular's rule: opening a FIFO
// does not block, and a name that is neither a regular file nor a folder
// is refused with an error wrapping ErrNotRegular. Template folders are
// read through it.
func RootFS(root *os.Root) fs.FS { return rootFS{root: root, FS: root.FS()} }

type rootFS struct {
	root *os.Root
	fs.FS
}

func (r rootFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := r.root.OpenFile(name, os.O_RDONLY|openNonblock, 0)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	if !st.Mode().IsRegular() && !st.IsDir() {
		f.Close()
		return nil, &fs.PathError{Op: "open", Path: name, Err: fmt.Errorf("%w (%s)", ErrNotRegular, KindOf(st.Mode()))}
	}
	return f, nil
}

// ReadFile reads name through Open, so that the rule holds for fs.ReadFile.
func (r rootFS) ReadFile(name string) ([]byte, error) {
	f, err := r.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}

// tempName reports whether name is one of the temporary files WriteAll and
// the batch state writer make: ".relief-" and the decimal number
// os.CreateTemp puts in place of the "*", then ".tmp".
func tempName(name string) bool {
	const prefix, suffix = ".relief-", ".tmp"
	if len(name) <= len(prefix)+len(suffix) || name[:len(prefix)] != prefix || name[len(name)-len(suffix):] != suffix {
		return false
	}
	for _, c := range name[len(prefix) : len(name)-len(suffix)] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// isOld reports whether fi was last modified before t.
func isOld(fi fs.FileInfo, t time.Time) bool { return fi.ModTime().Before(t) }

// JoinTree is Join for the names a split packet has: a plain file name, or
// "folder/name" one level down, each part a plain name.
func JoinTree(dir, name string) (string, error) {
	if sub, rest, ok := strings.Cut(name, "/"); ok {
		p, err := Join(dir, sub)
		if err != nil {
			return "", err
		}
		return Join(p, rest)
	}
	return Join(dir, name)
}
